"""The message profiles of the RZS vrije berichten (SCENARIOS 2): overdragenZaak and the notificaties.

Split from :mod:`.profielen` (the ZDS kennisgevingen and vragen) by concept. Each check returns
reasons (empty = the message fits); rules that tie a message to an earlier step (the crossRefnummer
of the Du01 is the Di01's referentienummer, the notification copies the trigger) are
``[[stap.controle]]`` entries of the scenario data.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from lxml import etree

from rzs.compliance.stp.staat import PREFIXEN, Staat, tekst

Profiel = Callable[[str, etree._Element, Staat, Mapping[str, str]], list[str]]

#: Profile suffix -> gebeurtenis value (DIGEST d.7; maakZaakdocument uses "Voeg zaakdocument toe", g.4).
GEBEURTENISSEN = {
    "CZ": "Creeer zaak",
    "VZT": "Voeg zaakdocument toe",
    "MZD": "Voeg zaakdocument toe",
    "UZ": "Update zaak",
    "AZS": "Actualiseer zaakstatus",
    "UZD": "Update zaakdocument",
}
#: The extra-element "Zendende applicatie" has no official name; accept the variants (DIGEST d.8, g.3).
_ZENDENDE_APPLICATIE = re.compile(r"^zendende ?applicatie$", re.IGNORECASE)
OVERDRACHT_ANTWOORDEN = ("Overdracht geaccepteerd", "Overdracht geweigerd")


def _isvan(profiel: str, obj: etree._Element, regel: str) -> list[str]:
    if not tekst(obj, "ZKN:isVan/ZKN:gerelateerde/ZKN:code") or not tekst(
        obj, "ZKN:isVan/ZKN:gerelateerde/ZKN:omschrijving"
    ):
        return [f"{profiel}: isVan/gerelateerde heeft code en omschrijving nodig ({regel})"]
    return []


def overdragen_zaak(
    profiel: str, root: etree._Element, staat: Staat, waarden: Mapping[str, str]
) -> list[str]:
    """MP-OZ-DI01: DIGEST d.6 (identificatie of a deelplan + isVan code and omschrijving)."""
    obj = root.find("RZS:object", PREFIXEN)
    if obj is None:
        return [f"{profiel}: RZS:object ontbreekt"]
    redenen = []
    ident = tekst(obj, "ZKN:identificatie")
    if ident not in staat.zaken:
        redenen.append(f"{profiel}: zaak {ident!r} is in deze run niet aangemaakt")
    return redenen + _isvan(profiel, obj, "DIGEST d.6")


def overdragen_zaak_du01(
    profiel: str, root: etree._Element, staat: Staat, waarden: Mapping[str, str]
) -> list[str]:
    """MP-OZ-DU01: crossRefnummer present, zaakidentificatie and an antwoord of the list (DIGEST d.6)."""
    redenen = []
    if not tekst(root, "RZS:stuurgegevens/StUF:crossRefnummer"):
        redenen.append(
            f"{profiel}: crossRefnummer ontbreekt; de Du01 verwijst ermee naar het referentienummer van "
            "de overdragenZaak_Di01 (DIGEST d.6)"
        )
    obj = root.find("RZS:object", PREFIXEN)
    if obj is None:
        return [*redenen, f"{profiel}: RZS:object ontbreekt"]
    if not tekst(obj, "ZKN:identificatie"):
        redenen.append(f"{profiel}: zaakidentificatie ontbreekt")
    antwoord = tekst(obj, "ZKN:antwoord")
    if antwoord not in OVERDRACHT_ANTWOORDEN:
        redenen.append(f"{profiel}: antwoord {antwoord!r}, verwacht een van {OVERDRACHT_ANTWOORDEN}")
    return redenen


def _extra(obj: etree._Element) -> dict[str, str]:
    return {
        e.get("naam", ""): (e.text or "").strip()
        for e in obj.iterfind("StUF:extraElementen/StUF:extraElement", PREFIXEN)
    }


def _zendende_applicatie(profiel: str, waarde: str, waarden: Mapping[str, str]) -> list[str]:
    """The trigger names the application whose ZDS message caused it: the harness's zender (SCENARIOS 3.6
    step 3), as ``applicatie`` or ``organisatie/applicatie`` (DIGEST d.8)."""
    if not waarde:
        return [f"{profiel}: extraElement zendendeApplicatie ontbreekt of is leeg (DIGEST d.8)"]
    applicatie = waarden.get("zender_applicatie", "")
    goed = {applicatie, f"{waarden.get('zender_organisatie', '')}/{applicatie}"}
    if applicatie and waarde not in goed:
        return [
            f"{profiel}: zendendeApplicatie {waarde!r}, verwacht {applicatie!r}: de zender van het "
            "bericht dat de trigger veroorzaakte (DIGEST d.8)"
        ]
    return []


def notificatie(profiel: str, root: etree._Element, staat: Staat, waarden: Mapping[str, str]) -> list[str]:
    """MP-NOZ-* (notificeerOverZaak, DIGEST d.7) and MP-INOZ-* (initieerNotificeerOverZaak, d.8).

    The gebeurtenis of the profile, zaaktype code and omschrijving, a status for AZS; the trigger
    names the zendende applicatie, the notification must not (it is for echo suppression only).
    """
    obj = root.find("RZS:object", PREFIXEN)
    if obj is None:
        return [f"{profiel}: RZS:object ontbreekt"]
    redenen = []
    if not tekst(obj, "ZKN:identificatie"):
        redenen.append(f"{profiel}: zaakidentificatie ontbreekt")
    extra = _extra(obj)
    soort = profiel.rsplit("-", 1)[-1]
    verwacht = GEBEURTENISSEN.get(soort)
    if verwacht and extra.get("gebeurtenis") != verwacht:
        redenen.append(
            f"{profiel}: gebeurtenis {extra.get('gebeurtenis', '(afwezig)')!r}, verwacht {verwacht!r} "
            "(appendix D, DIGEST d.7)"
        )
    zendend = [naam for naam in extra if _ZENDENDE_APPLICATIE.match(naam)]
    if profiel.startswith("MP-INOZ-"):
        redenen += _zendende_applicatie(profiel, extra[zendend[0]] if zendend else "", waarden)
    if profiel.startswith("MP-NOZ-") and zendend:
        redenen.append(
            f"{profiel}: de notificatie noemt de zendende applicatie ({zendend[0]}); die hoort alleen in "
            "de trigger (DIGEST d.7)"
        )
    redenen += _isvan(profiel, obj, "DIGEST d.7")
    if soort == "AZS":
        heeft = obj.find("ZKN:heeft", PREFIXEN)
        if heeft is None or not tekst(heeft, "ZKN:gerelateerde/ZKN:omschrijving"):
            redenen.append(f"{profiel}: heeft (de nieuwe zaakstatus met omschrijving) ontbreekt (DIGEST d.7)")
        elif not tekst(heeft, "ZKN:datumStatusGezet"):
            redenen.append(f"{profiel}: heeft/datumStatusGezet ontbreekt (v in de specificatie, DIGEST d.7)")
    return redenen
