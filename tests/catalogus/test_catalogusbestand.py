"""The catalogue file: read strictly, written back so that reading it again gives the same zaaktypen."""

from __future__ import annotations

import pytest

from rzs import catalogus, config
from rzs.catalogus import CatalogusFout
from rzs.domain.zaaktype import (
    Besluittype,
    Documenttype,
    PlanSoort,
    Resultaattype,
    Statustype,
    Zaaktype,
)


def test_meegeleverde_catalogus() -> None:
    zaaktypen = {z.code: z for z in catalogus.laad()}
    assert config.Settings().zaaktypen_bestand == catalogus.STANDAARD
    assert list(zaaktypen) == ["GZP", "LDP", "WMO", "JGD"]
    assert zaaktypen["GZP"].plansoort is PlanSoort.GEZINSPLAN
    assert zaaktypen["LDP"].plansoort is PlanSoort.LEVENSDOMEINPLAN
    # Appendix B/C: four statustypen, no resultaat- or documenttypen (DIGEST e.1, e.2).
    assert [s.omschrijving for s in zaaktypen["GZP"].statustypen][-1] == "Zaak afgerond"
    assert zaaktypen["GZP"].resultaattypen == () and zaaktypen["LDP"].documenttypen == ()
    assert zaaktypen["WMO"].resultaattypen and zaaktypen["WMO"].documenttypen
    # Issue 10: the beschikking of each sociaal-domein zaaktype; the plan zaaktypen have none.
    assert [b.omschrijving for b in zaaktypen["WMO"].besluittypen] == ["Beschikking Wmo maatwerkvoorziening"]
    assert [b.omschrijving for b in zaaktypen["JGD"].besluittypen] == ["Beschikking jeugdhulp"]
    assert zaaktypen["GZP"].besluittypen == ()


def test_schrijven_en_weer_lezen() -> None:
    lastig = Zaaktype(
        code="ZK-01",
        omschrijving='Gezinsplan "regie" \\ wijk Noord – één',
        plansoort=PlanSoort.GEZINSPLAN,
        statustypen=(Statustype(1, "Gestart", code="S1"), Statustype(10, "Klaar")),
        resultaattypen=(Resultaattype("Afgerond", "Afgehandeld", "J"),),
        documenttypen=(Documenttype("Plan", categorie="Plan"),),
        besluittypen=(Besluittype("Beschikking", code="B1", categorie="Beschikking"),),
    )
    zaaktypen = [*catalogus.laad(), lastig]
    assert catalogus.lees(catalogus.schrijf(zaaktypen)) == zaaktypen


@pytest.mark.parametrize(
    ("tekst", "melding"),
    [
        ('[[zaaktype]]\ncode = "GEZINSPLAN01"\nomschrijving = "x"', "code is langer dan 10 tekens"),
        ('[[zaaktype]]\ncode = "GZP"', "omschrijving is verplicht"),
        ('[[zaaktype]]\ncode = "GZP"\nomschrijving = "x"\nplansoort = "deelplan"', "plansoort 'deelplan'"),
        (
            '[[zaaktype]]\ncode = "GZP"\nomschrijving = "x"\nstatustype = []',
            "onbekende sleutel(s) statustype",
        ),
        ('[[zaaktype]]\ncode = "GZP"\nomschrijving = "x"\ningangsdatum = 20150216', "ingangsdatum"),
        (
            '[[zaaktype]]\ncode = "A"\nomschrijving = "x"\n[[zaaktype]]\ncode = "A"\nomschrijving = "y"',
            "zaaktypecode 'A' komt meer dan eens voor",
        ),
        (
            '[[zaaktype]]\ncode = "A"\nomschrijving = "x"\n'
            'statustypen = [{volgnummer = 1, omschrijving = "a"}, {volgnummer = 1, omschrijving = "b"}]',
            "statustype volgnummer '1' komt meer dan eens voor",
        ),
        (
            '[[zaaktype]]\ncode = "A"\nomschrijving = "x"\n'
            'resultaattypen = [{omschrijving = "a", archiefnominatie = "ja"}]',
            "archiefnominatie moet J of N zijn",
        ),
        (
            '[[zaaktype]]\ncode = "A"\nomschrijving = "x"\n'
            'besluittypen = [{omschrijving = "a", code = "BESCHIKKING1"}]',
            "besluittypen: code is langer dan 10 tekens",
        ),
        (
            '[[zaaktype]]\ncode = "A"\nomschrijving = "x"\n'
            'besluittypen = [{omschrijving = "a"}, {omschrijving = "a"}]',
            "besluittypen: omschrijving 'a' komt meer dan eens voor",
        ),
        ("[zaaktype", "geen geldige TOML"),
        ("zaaktypen = []", "onbekende sleutel(s) zaaktypen"),
    ],
)
def test_fouten_in_het_bestand(tekst: str, melding: str) -> None:
    with pytest.raises(CatalogusFout) as fout:
        catalogus.lees(tekst, bron="gemeente.toml")
    assert melding in str(fout.value) and str(fout.value).startswith("gemeente.toml")
