"""Both sides of a Wmo voorziening over RZS (issue 9, docs/voorzieningen.md; an extension of RZS 1.0).

The regie asks for the voorziening: a deelplan-zaak whose ``StUF:aanvullendeElementen`` carries it
with status aangevraagd. The backoffice then records what happens to it, each an updateZaak with
was/wordt: iWmo's own change semantics, the same ``nummer`` sent again as a new version, the old
version as the zaaksysteem holds it in the was object. The steps follow a Wmo toewijzing: the
beschikking, the signal that the aanbieder's iWmo 315 (verzoek om toewijzing) arrived, the
toewijzing (the 301), levering gestart and beeindigd; intrekking follows the toewijzing (a
shorter einddatum plus a redenWijziging). Every version is a template file
(``templates/voorziening_<versie>.xml``) with the example values below, so each step knows the
version before it without asking; a vendor replaces the values by its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from lxml import etree

from rzs import ns
from rzs.referentieclient.consument import Verloop, Zaakconsument
from rzs.referentieclient.flows import Regiesysteem

#: Example values of the voorziening (a vendor's own data replaces them).
VOORZIENING: dict[str, str] = {
    "vz_nummer": "1001",
    "vz_ingangsdatum": "20240201",
    "vz_einddatum": "20250131",
    "vz_einddatum_ingetrokken": "20240930",
    "vz_reden_intrekking": "05",
    "vz_aanbieder_agb": "12345678",
    "vz_aanbieder_naam": "Thuiszorg Voorbeeldstad",
    "vz_beschikking_nummer": "2024001",
    "vz_beschikking_datum": "20240125",
    "vz_315_bericht": "WMO315-00017",
    "vz_315_ontvangen": "20240126083000",
    "vz_toewijzing_datum": "20240126",
    "vz_toewijzing_tijd": "101500",
}


@dataclass(frozen=True, slots=True)
class Stap:
    """A backoffice step: the version the zaaksysteem holds (was), the new one (wordt), its status."""

    was: str
    wordt: str
    status: str


#: The backoffice steps, named as on the command line (``--stap``).
STAPPEN: dict[str, Stap] = {
    "beschikking": Stap("aangevraagd", "toegekend", "toegekend"),
    "verzoek": Stap("toegekend", "verzoek_ontvangen", "toegekend"),
    "toewijzing": Stap("verzoek_ontvangen", "toegewezen", "toegewezen"),
    "start": Stap("toegewezen", "geleverd", "geleverd"),
    "stop": Stap("geleverd", "beeindigd", "beeindigd"),
    "intrekking": Stap("toegewezen", "ingetrokken", "ingetrokken"),
}
#: A toewijzing from beschikking to the end of the levering (intrekking is the other way out).
HELE_LEVERING = ("beschikking", "verzoek", "toewijzing", "start", "stop")


class Voorzieningregie(Regiesysteem):
    def vraag_voorziening_aan(self, gezinsplan: str, levensdomeinplan: str, nummer: str) -> str:
        """genereerZaakIdentificatie + creeerZaak of a deelplan with the voorziening (aangevraagd)."""
        zaak = self.genereer_zaakidentificatie()
        omschrijving = "Wmo huishoudelijke hulp familie Jansen"
        self.verstuur(
            "creeerZaak_Lk01",
            self.berichten.maak(
                "creeerZaak_voorziening",
                {"voorziening": "voorziening_aangevraagd"},
                **{**VOORZIENING, "vz_nummer": nummer},
                zaak_identificatie=zaak,
                omschrijving=omschrijving,
                gezinsplan_identificatie=gezinsplan,
                levensdomeinplan_identificatie=levensdomeinplan,
            ),
        )
        self.zaken[zaak] = omschrijving
        return zaak


class Voorzieningbackoffice(Zaakconsument):
    def registreer(self, zaak: str, stap: str, nummer: str) -> None:
        """updateZaak: was = the version before ``stap``, wordt = the version it makes."""
        versies = STAPPEN[stap]
        bericht = self.berichten.maak(
            "updateZaak_voorziening",
            {"was": f"voorziening_{versies.was}", "wordt": f"voorziening_{versies.wordt}"},
            **{**VOORZIENING, "vz_nummer": nummer},
            zaak_identificatie=zaak,
        )
        self.verstuur("updateZaak_Lk01", bericht)

    def lees_voorziening(self, zaak: str, nummer: str) -> etree._Element | None:
        """geefZaakdetails with scope StUF:aanvullendeElementen; the voorziening with ``nummer``."""
        antwoord = self.stuur(
            "geefZaakdetails_Lv01", "geefZaakdetails_voorzieningen_Lv01", zaak_identificatie=zaak
        )
        for voorziening in antwoord.iter(ns.vz("voorziening")):
            if (voorziening.findtext(ns.vz("nummer")) or "").strip() == nummer:
                return voorziening
        return None


def controleer_status(backoffice: Voorzieningbackoffice, zaak: str, nummer: str, status: str) -> str | None:
    """Read the voorziening back: None when it has ``status``, else what is wrong, in words."""
    voorziening = backoffice.lees_voorziening(zaak, nummer)
    if voorziening is None:
        return (
            f"teruglezen: zaak {zaak} heeft geen voorziening {nummer} in geefZaakdetails "
            "(scope StUF:aanvullendeElementen)"
        )
    gevonden = (voorziening.findtext(ns.vz("status")) or "").strip()
    if gevonden != status:
        return (
            f"teruglezen: voorziening {nummer} van zaak {zaak} heeft status {gevonden!r}, verwacht {status!r}"
        )
    backoffice.log(f"voorziening {nummer} van zaak {zaak}: status {gevonden}")
    return None


def backoffice_stappen(
    backoffice: Voorzieningbackoffice, zaak: str, stappen: tuple[str, ...], nummer: str
) -> list[str]:
    """The steps in order, then the voorziening read back; returns the problems (empty = all well)."""
    probeer = Verloop(backoffice.log)
    for stap in stappen:
        probeer(stap, partial(backoffice.registreer, zaak, stap, nummer))
    if not probeer.fouten:
        status = STAPPEN[stappen[-1]].status
        probleem = probeer("teruglezen", partial(controleer_status, backoffice, zaak, nummer, status))
        if isinstance(probleem, str):
            probeer.fouten.append(probleem)
    return probeer.fouten
