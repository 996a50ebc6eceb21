"""The voorziening rules VZ-01..VZ-17 and the check that applies them (issue 9).

Most rules are iWmo/iJw 3.2 conditions on ``ToegewezenProduct`` (their ids in the docstrings:
CDxxx = conditie, CSxxx = constraint, TR/IV/OP = technische regel, invulinstructie, bedrijfsregel;
RESEARCH.md (a)); the others guard what 3.2 leaves out and we add (status, beschikking,
leveringsvorm). Every rule has a stable id that starts its part of the StUF058 details, so a
sender can look it up in docs/voorzieningen.md. Details name a voorziening by its nummer, never
by a person.

Code lists come from the caller (:class:`~rzs.domain.codelijst.Codelijsten`, read from data files
a gemeente updates per iStandaarden release), and so does the previous version of each voorziening:
the domain stays free of files and the store.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from rzs.domain.codelijst import Codelijst, Codelijsten, Soort
from rzs.domain.plannen import Bevinding
from rzs.domain.voorziening import (
    FREQUENTIE_PER_WEEK,
    REDEN_VERWIJDERD,
    Leveringsvorm,
    Voorziening,
    Voorzieningen,
    VoorzieningStatus,
    is_korter,
    overgang_toegestaan,
)
from rzs.fouten import Bedrijfsregel

#: CD080 applies to toewijzingen that end after this date (or never end).
CD080_GRENS = "20201231"

_MET_BESCHIKKING = frozenset(
    {
        VoorzieningStatus.TOEGEKEND,
        VoorzieningStatus.AFGEWEZEN,
        VoorzieningStatus.TOEGEWEZEN,
        VoorzieningStatus.GELEVERD,
        VoorzieningStatus.BEEINDIGD,
    }
)
_TOEGEWEZEN = frozenset(
    {VoorzieningStatus.TOEGEWEZEN, VoorzieningStatus.GELEVERD, VoorzieningStatus.BEEINDIGD}
)


class Voorzieningregel(Bedrijfsregel):
    """One or more VZ rules are broken (StUF058); ``regels`` holds their ids, in rule order."""

    def __init__(self, bevindingen: list[Bevinding]) -> None:
        self.regels = tuple(b.code for b in bevindingen)
        super().__init__("; ".join(str(b) for b in bevindingen))


@dataclass(frozen=True, slots=True)
class Geval:
    """A voorziening under check, with its previous version (None: new) and the code lists."""

    voorziening: Voorziening
    vorige: Voorziening | None
    codelijsten: Codelijsten

    def lijst(self, soort: Soort) -> Codelijst | None:
        return self.codelijsten.lijst(soort, self.voorziening.domein)

    def bevinding(self, code: str, melding: str) -> Bevinding:
        return Bevinding(code, f"voorziening {self.voorziening.nummer}: {melding}")


Regel = Callable[[Geval], Bevinding | None]


def controleer(
    voorzieningen: Voorzieningen,
    *,
    vorige: Mapping[int, Voorziening],
    codelijsten: Codelijsten,
    zaaktype_domein: str | None = None,
) -> None:
    """Apply every rule to every voorziening of a message; ``vorige`` maps a nummer to the newest
    stored version, ``zaaktype_domein`` is the domein the zaak's zaaktype declares (VZ-18; None:
    any). Raises :class:`Voorzieningregel` naming every broken rule."""
    bevindingen: list[Bevinding] = []
    gezien: set[int] = set()
    for voorziening in voorzieningen.voorzieningen:
        if zaaktype_domein is not None and voorziening.domein.value != zaaktype_domein:
            bevindingen.append(
                Bevinding(
                    "VZ-18",
                    f"voorziening {voorziening.nummer}: domein {voorziening.domein.value} past niet bij "
                    f"het zaaktype (domein {zaaktype_domein})",
                )
            )
        if voorziening.nummer in gezien:
            bevindingen.append(
                Bevinding("VZ-17", f"voorziening {voorziening.nummer} komt meer dan eens voor in het bericht")
            )
        gezien.add(voorziening.nummer)
        bevindingen += bevindingen_van(
            voorziening, vorige=vorige.get(voorziening.nummer), codelijsten=codelijsten
        )
    if bevindingen:
        raise Voorzieningregel(bevindingen)


def bevindingen_van(
    voorziening: Voorziening, *, vorige: Voorziening | None, codelijsten: Codelijsten
) -> list[Bevinding]:
    geval = Geval(voorziening, vorige, codelijsten)
    return [b for regel in REGELS if (b := regel(geval)) is not None]


# --- omvang, budget, dates ---------------------------------------------------------------------


def omvang_of_budget(g: Geval) -> Bevinding | None:
    """VZ-01: omvang or budget, never both (CD077, CD078)."""
    v = g.voorziening
    if v.omvang is not None and v.budget is not None:
        return g.bevinding("VZ-01", "omvang en budget sluiten elkaar uit")
    return None


def einddatum_verplicht(g: Geval) -> Bevinding | None:
    """VZ-02: einddatum is required with a budget (CD075) or a frequentie per week (CD076)."""
    v = g.voorziening
    if v.einddatum is not None:
        return None
    if v.budget is not None:
        return g.bevinding("VZ-02", "een voorziening met budget heeft een einddatum")
    if v.omvang is not None and v.omvang.frequentie == FREQUENTIE_PER_WEEK:
        return g.bevinding("VZ-02", "een voorziening met frequentie per week heeft een einddatum")
    return None


def einddatum_na_ingangsdatum(g: Geval) -> Bevinding | None:
    """VZ-03: einddatum is not before ingangsdatum (CS003)."""
    v = g.voorziening
    if v.einddatum is not None and v.einddatum < v.ingangsdatum:
        return g.bevinding("VZ-03", f"einddatum {v.einddatum} ligt voor ingangsdatum {v.ingangsdatum}")
    return None


# --- code lists --------------------------------------------------------------------------------


def eenheid_en_frequentie(g: Geval) -> Bevinding | None:
    """VZ-04: eenheid (WJ756) and frequentie (WMO757) are known, and go together (CS338: eenheid
    14, 16, 83 and 84 only per week, per maand or in total)."""
    omvang = g.voorziening.omvang
    if omvang is None:
        return None
    eenheden, frequenties = g.lijst(Soort.EENHEID), g.lijst(Soort.FREQUENTIE)
    eenheid = eenheden.zoek(omvang.eenheid) if eenheden else None
    if eenheden is not None and (eenheid is None or eenheid.vervallen):
        return g.bevinding("VZ-04", f"eenheid {omvang.eenheid} staat niet in {eenheden}")
    if frequenties is not None and frequenties.zoek(omvang.frequentie) is None:
        return g.bevinding("VZ-04", f"frequentie {omvang.frequentie} staat niet in {frequenties}")
    if eenheid is not None and eenheid.frequenties and omvang.frequentie not in eenheid.frequenties:
        toegestaan = ", ".join(eenheid.frequenties)
        return g.bevinding(
            "VZ-04", f"eenheid {omvang.eenheid} gaat alleen samen met frequentie {toegestaan} (CS338)"
        )
    return None


def categorie_bij_domein(g: Geval) -> Bevinding | None:
    """VZ-05: the categorie is one of the domein's (Wmo: WMO020, 01-18; Jeugd: JZ020, 40-55)."""
    v = g.voorziening
    lijst = g.lijst(Soort.PRODUCTCATEGORIE)
    if lijst is None:
        return None
    code = lijst.zoek(v.product.categorie)
    if code is None or code.vervallen:
        return g.bevinding(
            "VZ-05", f"categorie {v.product.categorie} is geen categorie van {v.domein} ({lijst})"
        )
    return None


def code_bij_categorie(g: Geval) -> Bevinding | None:
    """VZ-06: the productcode fits the categorie (TR381). A listed code must be listed under that
    categorie; a standard-form code (``45A03``) starts with it; other codes are the gemeente's own
    (IV075) and pass unless the list is closed."""
    product = g.voorziening.product
    lijst = g.lijst(Soort.PRODUCTCODE)
    if product.code is None or lijst is None:
        return None
    code = lijst.zoek(product.code)
    if code is not None:
        past = code.categorie == product.categorie and not code.vervallen
    elif _standaardvorm(product.code):
        past = product.code[:2] == product.categorie and not lijst.gesloten
    else:
        past = not lijst.gesloten
    if past:
        return None
    return g.bevinding(
        "VZ-06", f"productcode {product.code} past niet bij categorie {product.categorie} ({lijst})"
    )


def _standaardvorm(code: str) -> bool:
    return len(code) == 5 and code[:2].isdigit() and code[2] == "A" and code[3:].isdigit()


def reden_wijziging_bekend(g: Geval) -> Bevinding | None:
    """VZ-07: redenWijziging is in WMO002/JZ002 and not vervallen (01 is never used, CS336)."""
    reden = g.voorziening.reden_wijziging
    lijst = g.lijst(Soort.REDEN_WIJZIGING)
    if reden is None or lijst is None:
        return None
    code = lijst.zoek(reden)
    if code is None or code.vervallen:
        return g.bevinding("VZ-07", f"redenWijziging {reden} is niet toegestaan ({lijst})")
    return None


def reden_verwijderd(g: Geval) -> Bevinding | None:
    """VZ-08: redenWijziging 13 (verwijderd) only when einddatum = ingangsdatum (CS335)."""
    v = g.voorziening
    if v.reden_wijziging == REDEN_VERWIJDERD and v.einddatum != v.ingangsdatum:
        return g.bevinding("VZ-08", "redenWijziging 13 (verwijderd) vraagt einddatum gelijk aan ingangsdatum")
    return None


# --- versions ----------------------------------------------------------------------------------


def statusovergang(g: Geval) -> Bevinding | None:
    """VZ-09: the status follows the previous version's legally (issue 9): aangevraagd ->
    toegekend|afgewezen -> toegewezen -> geleverd -> beeindigd; ingetrokken from any open state."""
    van = g.vorige.status if g.vorige else None
    naar = g.voorziening.status
    if overgang_toegestaan(van, naar):
        return None
    return g.bevinding("VZ-09", f"status {naar} kan niet volgen op {van}")


def intrekken_met_reden(g: Geval) -> Bevinding | None:
    """VZ-10: intrekken is a shorter einddatum plus a redenWijziging (iWmo): status ingetrokken
    needs both, and any version that ends earlier than the previous one needs the reden."""
    v = g.voorziening
    if v.status is VoorzieningStatus.INGETROKKEN and (v.einddatum is None or v.reden_wijziging is None):
        return g.bevinding("VZ-10", "een ingetrokken voorziening heeft een einddatum en een redenWijziging")
    if g.vorige is not None and is_korter(v, g.vorige) and v.reden_wijziging is None:
        return g.bevinding("VZ-10", "een kortere einddatum dan de vorige versie vraagt een redenWijziging")
    return None


# --- what 3.2 leaves out -----------------------------------------------------------------------


def beschikking_na_besluit(g: Geval) -> Bevinding | None:
    """VZ-11: from toegekend or afgewezen on, a voorziening names its beschikking (Awb 1:3: the
    toekenning or afwijzing is a besluit)."""
    v = g.voorziening
    if v.status in _MET_BESCHIKKING and v.beschikking is None:
        return g.bevinding("VZ-11", f"een voorziening met status {v.status} heeft een beschikking")
    return None


def aanbieder_herkenbaar(g: Geval) -> Bevinding | None:
    """VZ-12: an aanbieder has an agbCode or a naam."""
    aanbieder = g.voorziening.aanbieder
    if aanbieder is not None and aanbieder.agb_code is None and aanbieder.naam is None:
        return g.bevinding("VZ-12", "de aanbieder heeft een agbCode of een naam")
    return None


def toegewezen_in_natura(g: Geval) -> Bevinding | None:
    """VZ-13: a ZIN voorziening that is toegewezen (or further) has an aanbieder with agbCode and
    a toewijzing datum/tijd (the 301 goes to the AGB code in Header/Ontvanger, OP033x1)."""
    v = g.voorziening
    if v.leveringsvorm is not Leveringsvorm.ZIN or v.status not in _TOEGEWEZEN:
        return None
    if v.aanbieder is None or v.aanbieder.agb_code is None or v.toewijzing is None:
        return g.bevinding(
            "VZ-13", f"een voorziening in natura met status {v.status} heeft aanbieder/agbCode en toewijzing"
        )
    return None


def toewijzing_alleen_in_natura(g: Geval) -> Bevinding | None:
    """VZ-14: only zorg in natura has a toewijzing; a PGB goes to the SVB (iPgb), not as a 301."""
    v = g.voorziening
    if v.leveringsvorm is Leveringsvorm.PGB and v.toewijzing is not None:
        return g.bevinding("VZ-14", "een PGB heeft geen toewijzing (een 301 is alleen voor zorg in natura)")
    return None


def specifiek_met_omvang(g: Geval) -> Bevinding | None:
    """VZ-15: zorg in natura with a productcode (specifiek) has an omvang (CD041)."""
    v = g.voorziening
    if v.leveringsvorm is Leveringsvorm.ZIN and v.product.code is not None and v.omvang is None:
        return g.bevinding("VZ-15", "een voorziening in natura met productcode heeft een omvang")
    return None


def aspecifiek_zonder_omvang(g: Geval) -> Bevinding | None:
    """VZ-16: zorg in natura without productcode (aspecifiek) has no omvang when it ends after
    2020-12-31 or never (CD080)."""
    v = g.voorziening
    open_of_na_2020 = v.einddatum is None or v.einddatum > CD080_GRENS
    if v.leveringsvorm is Leveringsvorm.ZIN and v.product.code is None and v.omvang and open_of_na_2020:
        return g.bevinding("VZ-16", "een voorziening in natura zonder productcode heeft geen omvang")
    return None


#: Every rule, in id order (VZ-17, nummer unique in a message, is checked by :func:`controleer`).
REGELS: tuple[Regel, ...] = (
    omvang_of_budget,
    einddatum_verplicht,
    einddatum_na_ingangsdatum,
    eenheid_en_frequentie,
    categorie_bij_domein,
    code_bij_categorie,
    reden_wijziging_bekend,
    reden_verwijderd,
    statusovergang,
    intrekken_met_reden,
    beschikking_na_besluit,
    aanbieder_herkenbaar,
    toegewezen_in_natura,
    toewijzing_alleen_in_natura,
    specifiek_met_omvang,
    aspecifiek_zonder_omvang,
)
