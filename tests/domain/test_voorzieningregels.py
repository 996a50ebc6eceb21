"""Every voorziening rule VZ-01..VZ-17 refuses its case with StUF058 and its own id, and nothing else."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from rzs import ns
from rzs.catalogus import codelijstbestand
from rzs.domain.codelijst import Codelijsten
from rzs.domain.voorziening import (
    Aanbieder,
    Beschikking,
    Domein,
    Leveringsvorm,
    Omvang,
    Product,
    Toewijzing,
    Voorziening,
    Voorzieningen,
    VoorzieningStatus,
    verwijderen,
)
from rzs.domain.voorzieningregels import REGELS, Voorzieningregel, controleer

BASIS = Voorziening(
    nummer=2001,
    domein=Domein.JEUGD,
    product=Product("45", "45A03"),
    leveringsvorm=Leveringsvorm.ZIN,
    ingangsdatum="20240201",
    einddatum="20240731",
    status=VoorzieningStatus.GELEVERD,
    omvang=Omvang(120, "01", "2"),
    aanbieder=Aanbieder("34567890", "Jeugdhulp Voorbeeldstad"),
    beschikking=Beschikking(2024004, "20240125"),
    toewijzing=Toewijzing("20240126", "091500"),
)
VORIGE = replace(BASIS, status=VoorzieningStatus.TOEGEWEZEN)


@pytest.fixture(scope="module")
def codelijsten() -> Codelijsten:
    return codelijstbestand.laad()


def _check(voorziening: Voorziening, codelijsten: Codelijsten, vorige: Voorziening | None = VORIGE) -> None:
    bericht = Voorzieningen("1.0", ns.VOORZIENING, (voorziening,))
    controleer(bericht, vorige={} if vorige is None else {vorige.nummer: vorige}, codelijsten=codelijsten)


def test_basis_voldoet(codelijsten: Codelijsten) -> None:
    _check(BASIS, codelijsten)
    _check(BASIS, codelijsten, vorige=None)


Wijzig = Callable[[Voorziening], Voorziening]


def _pgb(v: Voorziening) -> Voorziening:
    return replace(v, leveringsvorm=Leveringsvorm.PGB, status=VoorzieningStatus.TOEGEKEND, toewijzing=None)


GEVALLEN: list[tuple[str, str, Wijzig, Voorziening | None]] = [
    ("VZ-01", "omvang_en_budget", lambda v: replace(v, budget=50000), VORIGE),
    (
        "VZ-02",
        "budget_zonder_einddatum",
        lambda v: replace(v, omvang=None, product=Product("45"), budget=1, einddatum=None),
        None,
    ),
    ("VZ-02", "per_week_zonder_einddatum", lambda v: replace(v, einddatum=None), None),
    ("VZ-03", "einde_voor_ingang", lambda v: replace(v, einddatum="20240131"), None),
    ("VZ-04", "onbekende_eenheid", lambda v: replace(v, omvang=Omvang(1, "99", "2")), VORIGE),
    ("VZ-04", "onbekende_frequentie", lambda v: replace(v, omvang=Omvang(1, "04", "3")), VORIGE),
    ("VZ-04", "etmaal_per_dag", lambda v: replace(v, omvang=Omvang(1, "14", "1")), VORIGE),
    ("VZ-05", "wmo_categorie_in_jeugd", lambda v: replace(v, product=Product("01", "01A01")), None),
    ("VZ-05", "vervallen_categorie_2015", lambda v: replace(v, product=Product("35", "35A01")), None),
    ("VZ-06", "lijstcode_andere_categorie", lambda v: replace(v, product=Product("45", "40A01")), None),
    ("VZ-06", "standaardvorm_andere_categorie", lambda v: replace(v, product=Product("45", "46A01")), None),
    ("VZ-07", "reden_01_vervallen", lambda v: replace(v, reden_wijziging="01"), VORIGE),
    ("VZ-07", "onbekende_reden", lambda v: replace(v, reden_wijziging="99"), VORIGE),
    ("VZ-08", "reden_13_zonder_verwijderen", lambda v: replace(v, reden_wijziging="13"), VORIGE),
    (
        "VZ-09",
        "geleverd_terug_naar_toegekend",
        lambda v: replace(v, status=VoorzieningStatus.TOEGEKEND),
        BASIS,
    ),
    (
        "VZ-09",
        "afgewezen_dan_geleverd",
        lambda v: v,
        replace(VORIGE, status=VoorzieningStatus.AFGEWEZEN),
    ),
    ("VZ-10", "ingetrokken_zonder_reden", lambda v: replace(v, status=VoorzieningStatus.INGETROKKEN), VORIGE),
    ("VZ-10", "korter_zonder_reden", lambda v: replace(v, einddatum="20240630"), VORIGE),
    ("VZ-11", "geleverd_zonder_beschikking", lambda v: replace(v, beschikking=None), VORIGE),
    ("VZ-12", "aanbieder_zonder_agb_en_naam", lambda v: replace(_pgb(v), aanbieder=Aanbieder()), None),
    ("VZ-13", "toegewezen_zonder_toewijzing", lambda v: replace(v, toewijzing=None), VORIGE),
    ("VZ-13", "toegewezen_zonder_agb", lambda v: replace(v, aanbieder=Aanbieder(naam="Jeugdhulp")), VORIGE),
    ("VZ-14", "pgb_met_toewijzing", lambda v: replace(_pgb(v), toewijzing=BASIS.toewijzing), None),
    ("VZ-15", "specifiek_zonder_omvang", lambda v: replace(v, omvang=None), VORIGE),
    (
        "VZ-16",
        "aspecifiek_met_omvang",
        lambda v: replace(v, product=Product("45"), einddatum="20240731"),
        VORIGE,
    ),
]


@pytest.mark.parametrize(
    "regel, wijzig, vorige",
    [(r, w, v) for r, _, w, v in GEVALLEN],
    ids=[f"{r}-{n}" for r, n, _, _ in GEVALLEN],
)
def test_regel_weigert_met_eigen_id(
    codelijsten: Codelijsten, regel: str, wijzig: Wijzig, vorige: Voorziening | None
) -> None:
    with pytest.raises(Voorzieningregel) as fout:
        _check(wijzig(BASIS), codelijsten, vorige=vorige)
    assert fout.value.code == "StUF058"
    assert fout.value.regels == (regel,)
    assert fout.value.details.startswith(f"{regel}: voorziening 2001: ")


def test_vz17_nummer_uniek_in_bericht(codelijsten: Codelijsten) -> None:
    bericht = Voorzieningen("1.0", ns.VOORZIENING, (BASIS, replace(BASIS, commentaar="twee")))
    with pytest.raises(Voorzieningregel) as fout:
        controleer(bericht, vorige={}, codelijsten=codelijsten)
    assert fout.value.regels == ("VZ-17",)


def test_elke_regel_heeft_een_geval() -> None:
    ids = {r for r, *_ in GEVALLEN}
    assert ids == {f"VZ-{n:02d}" for n in range(1, len(REGELS) + 1)}


def test_alle_gebroken_regels_in_een_fout(codelijsten: Codelijsten) -> None:
    with pytest.raises(Voorzieningregel) as fout:
        _check(replace(BASIS, einddatum="20240101", reden_wijziging="99"), codelijsten)
    assert fout.value.regels == ("VZ-03", "VZ-07")


def test_verwijderen_voldoet(codelijsten: Codelijsten) -> None:
    _check(verwijderen(BASIS, toewijzing=Toewijzing("20240301", "120000")), codelijsten, vorige=BASIS)


def test_eigen_productcode_in_open_lijst(codelijsten: Codelijsten) -> None:
    _check(replace(BASIS, product=Product("45", "JH001")), codelijsten)


def test_pgb_zonder_toewijzing_voldoet(codelijsten: Codelijsten) -> None:
    _check(_pgb(BASIS), codelijsten, vorige=None)
