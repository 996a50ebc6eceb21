"""What every ZDS consumer does over RZS (Regiesysteem and backoffice alike), one method per service.

Each method builds its message from a template (:mod:`.berichten`), sends it (:mod:`.verbinding`)
and returns what the caller needs next (an identificatie, the checkedOutId, the answer). The
Regiesysteem (:mod:`.flows`) adds the plan-zaken and the overdracht, the backoffice
(:mod:`.backoffice`) its generic zaak and the overdracht's confirmation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from rzs import ns
from rzs.referentieclient.berichten import Berichten
from rzs.referentieclient.verbinding import StufFout, Verbinding

PREFIXEN = {"StUF": ns.STUF, "ZKN": ns.ZKN, "BG": ns.BG, "RZS": ns.RZS}

Log = Callable[[str], None]


def tekst(element: etree._Element, pad: str) -> str:
    return (element.findtext(pad, namespaces=PREFIXEN) or "").strip()


@dataclass
class Zaakconsument:
    berichten: Berichten
    verbinding: Verbinding
    log: Log = print
    #: identificatie -> omschrijving of every zaak we created (updateZaak sends the old value).
    zaken: dict[str, str] = field(default_factory=dict)

    def stuur(self, operatie: str, template: str, **waarden: str) -> etree._Element:
        return self.verstuur(operatie, self.berichten.maak(template, None, **waarden))

    def verstuur(self, operatie: str, bericht: etree._Element) -> etree._Element:
        antwoord = self.verbinding.stuur(operatie, bericht)
        self.log(f"{operatie}: {ns.local_name(antwoord.tag)}")
        return antwoord

    def genereer_zaakidentificatie(self) -> str:
        antwoord = self.stuur("genereerZaakIdentificatie_Di02", "genereerZaakIdentificatie_Di02")
        return tekst(antwoord, "ZKN:zaak/ZKN:identificatie")

    def genereer_documentidentificatie(self) -> str:
        antwoord = self.stuur("genereerDocumentIdentificatie_Di02", "genereerDocumentIdentificatie_Di02")
        return tekst(antwoord, "ZKN:document/ZKN:identificatie")

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
        self,
        zaak: str,
        volgnummer: str = "2",
        omschrijving: str = "Gezinsplan opgesteld",
        zaaktype: str = "gezinsplan",
    ) -> None:
        """actualiseerZaakstatus; ``zaaktype`` names the ``<zaaktype>_zaaktype_code/_omschrijving`` values."""
        waarden = self.berichten.waarden
        self.stuur(
            "actualiseerZaakstatus_Lk01",
            "actualiseerZaakstatus",
            zaak_identificatie=zaak,
            zaaktype_code=waarden[f"{zaaktype}_zaaktype_code"],
            zaaktype_omschrijving=waarden[f"{zaaktype}_zaaktype_omschrijving"],
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
        checked_out = tekst(antwoord, "ZKN:parameters/ZKN:checkedOutId")
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


@dataclass
class Verloop:
    """Runs the steps of a flow; a refused step is logged and kept, the flow goes on (as a tester would).

    ``fouten`` holds one line per problem, saying what it was: ``geweigerd: ...`` for a refusal,
    ``wachttijd verlopen: ...`` when what we waited for did not come."""

    log: Log
    fouten: list[str] = field(default_factory=list)

    def __call__(self, stap: str, actie: Callable[[], object]) -> object:
        try:
            return actie()
        except StufFout as exc:
            self.fouten.append(f"geweigerd: {stap}: {exc}")
            self.log(f"{stap} geweigerd: {exc}")
            return None

    def wacht(self, wat: str, gebeurd: Callable[[float], bool], seconden: float) -> bool:
        """Wait for something the other side sends; a timeout is a timeout, not a refusal."""
        if gebeurd(seconden):
            return True
        self.fouten.append(f"wachttijd verlopen: {wat} niet ontvangen binnen {seconden:g} s (--wacht)")
        self.log(self.fouten[-1])
        return False
