"""A taakspecifieke backoffice over RZS: its own zaken of a generic zaaktype, and overdrachten.

The backoffice sheet of test set 1.0.1 (SCENARIOS 3.4, BO-01..BO-15): the backoffice creates a
zaak of a generic zaaktype (no plan rules), adds and edits a document, updates the zaak, sets a
status and asks for it back; it receives notificaties and an overdragenZaak_Di01 on its own
endpoint (:mod:`.luister`) and confirms the overdracht afterwards with an overdragenZaak_Du01
whose crossRefnummer is the Di01's referentienummer (DIGEST d.6).
"""

from __future__ import annotations

from rzs.referentieclient.consument import Verloop, Zaakconsument
from rzs.referentieclient.luister import Ontvanger, Overdracht

GEACCEPTEERD = "Overdracht geaccepteerd"


class Backoffice(Zaakconsument):
    def creeer_zaak(self, omschrijving: str = "Aanvraag Wmo-voorziening familie Jansen") -> str:
        """genereerZaakIdentificatie + creeerZaak of the generic zaaktype (MP-CZ-GEN)."""
        identificatie = self.genereer_zaakidentificatie()
        self.stuur(
            "creeerZaak_Lk01",
            "creeerZaak_generiek",
            zaak_identificatie=identificatie,
            omschrijving=omschrijving,
        )
        self.zaken[identificatie] = omschrijving
        return identificatie

    def zet_generieke_status(self, zaak: str) -> None:
        waarden = self.berichten.waarden
        self.zet_status(
            zaak, waarden["generiek_status_volgnummer"], waarden["generiek_status_omschrijving"], "generiek"
        )

    def bevestig_overdracht(self, overdracht: Overdracht, antwoord: str = GEACCEPTEERD) -> None:
        """overdragenZaak_Du01 to the sender of the Di01, referring to it with crossRefnummer."""
        self.stuur(
            "bevestigOverdragenZaak",
            "overdragenZaak_Du01",
            zaak_identificatie=overdracht.zaak,
            crossRefnummer=overdracht.referentienummer,
            antwoord=antwoord,
            ontvanger_organisatie=overdracht.van.organisatie,
            ontvanger_applicatie=overdracht.van.applicatie,
        )


def backoffice_flow(backoffice: Backoffice, ontvanger: Ontvanger, wacht_op_di01: float = 10.0) -> list[str]:
    """The backoffice sheet BO-01..BO-15 in order; returns the refusals (empty = all accepted).

    BO-10 (notificaties) and the Di01 of BO-15 arrive at ``ontvanger`` while the flow runs; the
    flow waits at most ``wacht_op_di01`` seconds for the Di01 before it confirms it.
    """
    probeer = Verloop(backoffice.log)
    zaak = str(probeer("creeer zaak", backoffice.creeer_zaak) or "")  # BO-01, BO-02
    document = str(probeer("voeg document toe", lambda: backoffice.voeg_document_toe(zaak)) or "")  # 03/04
    probeer("bewerk document", lambda: backoffice.bewerk_document(document))  # BO-05, BO-06
    probeer("update zaak", lambda: backoffice.update_zaak(zaak))  # BO-07
    probeer("zet status", lambda: backoffice.zet_generieke_status(zaak))  # BO-09 (BO-10: notificaties)
    probeer("geef zaakstatus", lambda: backoffice.geef_zaakstatus(zaak))  # BO-11
    probeer("geef zaakdetails", lambda: backoffice.geef_zaakdetails(zaak))  # BO-12
    probeer("geef lijst zaakdocumenten", lambda: backoffice.geef_lijst_zaakdocumenten(zaak))  # BO-13
    probeer("geef zaakdocument", lambda: backoffice.geef_zaakdocument(document))  # BO-14
    if not probeer.wacht("overdragenZaak_Di01", ontvanger.di01.wait, wacht_op_di01):  # BO-15
        return probeer.fouten
    probeer("bevestig overdracht", lambda: backoffice.bevestig_overdracht(ontvanger.opdrachten[0]))
    return probeer.fouten
