"""The Regiesysteem over RZS: plan-zaken and the overdracht, and the whole sheet as one flow.

:class:`Regiesysteem` adds to the ZDS services of :class:`~.consument.Zaakconsument` the three
plan kinds and overdragenZaak. The flow follows the official Regiesysteem sheet (REG-01..REG-17,
SCENARIOS 3.1): three gezinsplannen, three levensdomeinplannen and three deelplannen with
identificaties from the zaaksysteem, a document, updates, a status, the questions and the
overdracht of a deelplan.
"""

from __future__ import annotations

from functools import partial

from rzs.referentieclient.consument import Verloop, Zaakconsument, tekst
from rzs.referentieclient.luister import Ontvanger

#: Plan kind -> the zaaktype values of its template (DIGEST e.3) and of the parents it links to.
_PLANNEN = {
    "gezinsplan": (),
    "levensdomeinplan": ("gezinsplan",),
    "deelplan": ("gezinsplan", "levensdomeinplan"),
}


class Regiesysteem(Zaakconsument):
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

    def draag_over(self, zaak: str, ontvanger: Ontvanger | None = None) -> str:
        """overdragenZaak_Di01 of a deelplan; its referentienummer is what the Du01 will refer to."""
        waarden = self.berichten.waarden
        bericht = self.berichten.maak(
            "overdragenZaak_Di01",
            zaak_identificatie=zaak,
            zaaktype_code=waarden["deelplan_zaaktype_code"],
            zaaktype_omschrijving=waarden["deelplan_zaaktype_omschrijving"],
        )
        ref = tekst(bericht, "RZS:stuurgegevens/StUF:referentienummer")
        if ontvanger is not None:
            ontvanger.overdrachten.add(ref)  # before sending: the Du01 may arrive at once
        self.verstuur("overdragenZaak", bericht)
        return ref


def regiesysteem_flow(
    regie: Regiesysteem, ontvanger: Ontvanger | None, wacht_op_du01: float = 10.0
) -> list[str]:
    """The Regiesysteem sheet REG-01..REG-17 in order; returns the refusals (empty = all accepted)."""
    probeer = Verloop(regie.log)
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
    if ontvanger is not None:
        probeer.wacht("overdragenZaak_Du01", ontvanger.du01.wait, wacht_op_du01)
    return probeer.fouten
