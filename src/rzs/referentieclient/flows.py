"""What a Regiesysteem does over RZS, one method per service, and the whole sheet as one flow.

Each method builds its message from a template (:mod:`.berichten`), sends it (:mod:`.verbinding`)
and returns what the caller needs next (an identificatie, the checkedOutId, the answer). The
flow follows the official Regiesysteem sheet (REG-01..REG-17, SCENARIOS 3.1): three gezinsplannen,
three levensdomeinplannen and three deelplannen with identificaties from the zaaksysteem, a
document, updates, a status, the questions and the overdracht of a deelplan.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from lxml import etree

from rzs import ns
from rzs.referentieclient.berichten import Berichten
from rzs.referentieclient.luister import Ontvanger
from rzs.referentieclient.verbinding import StufFout, Verbinding

_PREFIXEN = {"StUF": ns.STUF, "ZKN": ns.ZKN, "BG": ns.BG, "RZS": ns.RZS}
#: Plan kind -> the zaaktype values of its template (DIGEST e.3) and of the parents it links to.
_PLANNEN = {
    "gezinsplan": (),
    "levensdomeinplan": ("gezinsplan",),
    "deelplan": ("gezinsplan", "levensdomeinplan"),
}

Log = Callable[[str], None]


def _tekst(element: etree._Element, pad: str) -> str:
    return (element.findtext(pad, namespaces=_PREFIXEN) or "").strip()


@dataclass
class Regiesysteem:
    berichten: Berichten
    verbinding: Verbinding
    log: Log = print
    #: identificatie -> omschrijving of every zaak we created (updateZaak sends the old value).
    zaken: dict[str, str] = field(default_factory=dict)

    def stuur(self, operatie: str, template: str, **waarden: str) -> etree._Element:
        antwoord = self.verbinding.stuur(operatie, self.berichten.maak(template, **waarden))
        self.log(f"{operatie}: {ns.local_name(antwoord.tag)}")
        return antwoord

    def genereer_zaakidentificatie(self) -> str:
        antwoord = self.stuur("genereerZaakIdentificatie_Di02", "genereerZaakIdentificatie_Di02")
        return _tekst(antwoord, "ZKN:zaak/ZKN:identificatie")

    def genereer_documentidentificatie(self) -> str:
        antwoord = self.stuur("genereerDocumentIdentificatie_Di02", "genereerDocumentIdentificatie_Di02")
        return _tekst(antwoord, "ZKN:document/ZKN:identificatie")

    def creeer_plan(self, soort: str, variant: str, ouders: dict[str, str] | None = None) -> str:
        """creeerZaak of a gezinsplan/levensdomeinplan/deelplan, variant A, B or C (SCENARIOS 2).

        The identificatie comes from the zaaksysteem (genereerZaakIdentificatie), as REG-01 asks.
        ``ouders`` maps ``gezinsplan``/``levensdomeinplan`` to the zaken this plan refers to.
        """
        identificatie = self.genereer_zaakidentificatie()
        omschrijving = f"{soort.capitalize()} familie Jansen ({variant})"
        koppelingen = {f"{naam}_identificatie": (ouders or {})[naam] for naam in _PLANNEN[soort]}
        self.stuur(
            "creeerZaak_Lk01",
            f"creeerZaak_{soort}_{variant}",
            zaak_identificatie=identificatie,
            omschrijving=omschrijving,
            **koppelingen,
        )
        self.zaken[identificatie] = omschrijving
        return identificatie

    def update_zaak(self, zaak: str, soort: str = "een_gegeven") -> None:
        """updateZaak: ``een_gegeven``, ``alle_gegevens``, ``belanghebbende_toevoegen``,
        ``uitvoerende_verwijderen`` or ``vestiging_vervangen`` (DIGEST d.4, c.7.3)."""
        oud = self.zaken.get(zaak, "Plan familie Jansen")
        nieuw = f"{oud}, bijgewerkt"
        self.stuur(
            "updateZaak_Lk01",
            f"updateZaak_{soort}",
            zaak_identificatie=zaak,
            omschrijving_oud=oud,
            omschrijving_nieuw=nieuw,
        )
        if soort in ("een_gegeven", "alle_gegevens"):
            self.zaken[zaak] = nieuw

    def zet_status(
        self, zaak: str, volgnummer: str = "2", omschrijving: str = "Gezinsplan opgesteld"
    ) -> None:
        waarden = self.berichten.waarden
        self.stuur(
            "actualiseerZaakstatus_Lk01",
            "actualiseerZaakstatus",
            zaak_identificatie=zaak,
            zaaktype_code=waarden["gezinsplan_zaaktype_code"],
            zaaktype_omschrijving=waarden["gezinsplan_zaaktype_omschrijving"],
            status_volgnummer=volgnummer,
            status_omschrijving=omschrijving,
            datumStatusGezet=self.berichten.tijdstip(),
        )

    def voeg_document_toe(
        self, zaak: str, inhoud_base64: str | None = None, bestandsnaam: str | None = None
    ) -> str:
        document = self.genereer_documentidentificatie()
        extra = {"document_inhoud": inhoud_base64} if inhoud_base64 else {}
        if bestandsnaam:
            extra["document_bestandsnaam"] = bestandsnaam
        self.stuur(
            "voegZaakdocumentToe_Lk01",
            "voegZaakdocumentToe_Lk01",
            zaak_identificatie=zaak,
            document_identificatie=document,
            **extra,
        )
        return document

    def bewerk_document(self, document: str) -> str:
        """geefZaakdocumentbewerken then updateZaakdocument with the checkedOutId (DIGEST f.2)."""
        antwoord = self.stuur(
            "geefZaakdocumentbewerken_Di02", "geefZaakdocumentbewerken_Di02", document_identificatie=document
        )
        checked_out = _tekst(antwoord, "ZKN:parameters/ZKN:checkedOutId")
        self.stuur(
            "updateZaakdocument_Di02",
            "updateZaakdocument_Di02",
            document_identificatie=document,
            checkedOutId=checked_out,
        )
        return checked_out

    def geef_zaakstatus(self, zaak: str) -> etree._Element:
        return self.stuur("geefZaakstatus_Lv01", "geefZaakstatus_Lv01", zaak_identificatie=zaak)

    def geef_zaakdetails(self, zaak: str) -> etree._Element:
        """geefZaakdetails asking only for the belanghebbenden (REG-14)."""
        return self.stuur(
            "geefZaakdetails_Lv01", "geefZaakdetails_belanghebbenden_Lv01", zaak_identificatie=zaak
        )

    def geef_lijst_zaakdocumenten(self, zaak: str) -> etree._Element:
        return self.stuur(
            "geefLijstZaakdocumenten_Lv01", "geefLijstZaakdocumenten_Lv01", zaak_identificatie=zaak
        )

    def geef_zaakdocument(self, document: str) -> etree._Element:
        return self.stuur(
            "geefZaakdocumentLezen_Lv01", "geefZaakdocumentLezen_Lv01", document_identificatie=document
        )

    def draag_over(self, zaak: str, ontvanger: Ontvanger | None = None) -> str:
        """overdragenZaak_Di01 of a deelplan; its referentienummer is what the Du01 will refer to."""
        waarden = self.berichten.waarden
        bericht = self.berichten.maak(
            "overdragenZaak_Di01",
            zaak_identificatie=zaak,
            zaaktype_code=waarden["deelplan_zaaktype_code"],
            zaaktype_omschrijving=waarden["deelplan_zaaktype_omschrijving"],
        )
        ref = _tekst(bericht, "RZS:stuurgegevens/StUF:referentienummer")
        if ontvanger is not None:
            ontvanger.overdrachten.add(ref)  # before sending: the Du01 may arrive at once
        antwoord = self.verbinding.stuur("overdragenZaak", bericht)
        self.log(f"overdragenZaak: {ns.local_name(antwoord.tag)}")
        return ref


def regiesysteem_flow(
    regie: Regiesysteem, ontvanger: Ontvanger | None, wacht_op_du01: float = 10.0
) -> list[str]:
    """The Regiesysteem sheet REG-01..REG-17 in order; returns the refusals (empty = all accepted)."""
    fouten: list[str] = []

    def probeer(stap: str, actie: Callable[[], object]) -> object:
        try:
            return actie()
        except StufFout as exc:
            fouten.append(f"{stap}: {exc}")
            regie.log(f"{stap} geweigerd: {exc}")
            return None

    plannen: dict[str, dict[str, str]] = {"gezinsplan": {}, "levensdomeinplan": {}, "deelplan": {}}
    for soort in ("gezinsplan", "levensdomeinplan", "deelplan"):  # REG-01, REG-02, REG-03
        for variant in "ABC":
            ouders = {naam: plannen[naam].get(variant, "") for naam in _PLANNEN[soort]}
            zaak = probeer(f"creeer {soort} {variant}", partial(regie.creeer_plan, soort, variant, ouders))
            plannen[soort][variant] = str(zaak or "")
    gzp, ldp, dpl = plannen["gezinsplan"], plannen["levensdomeinplan"], plannen["deelplan"]
    document = str(probeer("voeg document toe", lambda: regie.voeg_document_toe(gzp["A"])) or "")  # REG-04/05
    probeer("bewerk document", lambda: regie.bewerk_document(document))  # REG-06/07
    for plan, derde in (
        (gzp, "belanghebbende_toevoegen"),
        (ldp, "uitvoerende_verwijderen"),
        (dpl, "vestiging_vervangen"),
    ):
        probeer("update B", partial(regie.update_zaak, plan["B"], "een_gegeven"))  # REG-08..10
        probeer("update C", partial(regie.update_zaak, plan["C"], "alle_gegevens"))
        probeer(f"update {derde}", partial(regie.update_zaak, plan["C"], derde))
    probeer("zet status", lambda: regie.zet_status(gzp["A"]))  # REG-11 (REG-12: notificaties komen binnen)
    probeer("geef zaakstatus", lambda: regie.geef_zaakstatus(gzp["A"]))  # REG-13
    probeer("geef zaakdetails", lambda: regie.geef_zaakdetails(gzp["C"]))  # REG-14
    probeer("geef lijst zaakdocumenten", lambda: regie.geef_lijst_zaakdocumenten(gzp["A"]))  # REG-15
    probeer("geef zaakdocument", lambda: regie.geef_zaakdocument(document))  # REG-16
    probeer("draag over", lambda: regie.draag_over(dpl["A"], ontvanger))  # REG-17
    if ontvanger is not None and not ontvanger.du01.wait(wacht_op_du01):
        fouten.append(f"overdragenZaak_Du01 niet ontvangen binnen {wacht_op_du01:g} s")
    return fouten
