"""The iWmo/iJw code lists: data files read strictly, with a clear error for a broken file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rzs.catalogus import codelijstbestand
from rzs.catalogus.codelijstbestand import CodelijstFout
from rzs.domain.codelijst import Soort
from rzs.domain.voorziening import Domein


def test_meegeleverde_lijsten() -> None:
    lijsten = codelijstbestand.laad()
    wmo = lijsten.lijst(Soort.PRODUCTCATEGORIE, Domein.WMO)
    jeugd = lijsten.lijst(Soort.PRODUCTCATEGORIE, Domein.JEUGD)
    assert wmo is not None and jeugd is not None
    assert [c.code for c in wmo.codes] == [f"{n:02d}" for n in range(1, 19)]
    assert [c.code for c in jeugd.codes if not c.vervallen] == [str(n) for n in range(40, 56)]
    assert (wmo.bron, wmo.release) == ("WMO020", "iWmo 3.2")
    eenheden = lijsten.lijst(Soort.EENHEID, Domein.JEUGD)
    assert eenheden is not None and eenheden.domein is None
    etmaal = eenheden.zoek("14")
    assert etmaal is not None and etmaal.frequenties == ("2", "4", "6")
    reden = lijsten.lijst(Soort.REDEN_WIJZIGING, Domein.WMO)
    assert reden is not None and reden.zoek("01") is not None and reden.zoek("01").vervallen  # type: ignore[union-attr]
    code = lijsten.lijst(Soort.PRODUCTCODE, Domein.JEUGD)
    assert code is not None and not code.gesloten and code.zoek("45A03") is not None


def _lijst(**velden: str) -> str:
    basis = {
        "soort": '"eenheid"',
        "bron": '"WJ756"',
        "release": '"iWmo 3.2"',
        "codes": '[{ code = "01", omschrijving = "Minuut" }]',
    }
    basis.update(velden)
    return "\n".join(f"{k} = {v}" for k, v in basis.items() if v)


@pytest.mark.parametrize(
    ("tekst", "melding"),
    [
        ("soort = ", "geen geldige TOML"),
        (_lijst(versie='"3.2"'), "onbekende sleutel(s) versie"),
        (_lijst(soort='"product"'), "soort 'product' is niet een van"),
        (_lijst(domein='"ZVW"'), "domein 'ZVW' is niet een van"),
        (_lijst(release=""), "release is verplicht"),
        (_lijst(codes="[]"), "codes moet een niet-lege lijst"),
        (_lijst(codes='[{ code = "1", omschrijving = "x" }]'), "'1' heeft niet de vorm van een eenheid"),
        (_lijst(codes="[{ code = 1 }]"), "code is verplicht"),
        (_lijst(codes='[{ code = "01", omschrijving = "x", kleur = "rood" }]'), "onbekende sleutel(s) kleur"),
        (_lijst(codes='[{ code = "01" }, { code = "01" }]'), "code(s) 01 komen meer dan eens voor"),
        (_lijst(codes='[{ code = "01", categorie = "01" }]'), "categorie hoort bij een productcode"),
        (_lijst(codes='[{ code = "01", frequenties = ["per week"] }]'), "frequenties moet een lijst"),
        (_lijst(codes='[{ code = "01", vervallen = "ja" }]'), "vervallen moet true of false zijn"),
        (_lijst(gesloten='"ja"'), "gesloten moet true of false zijn"),
    ],
)
def test_kapot_bestand_geeft_duidelijke_fout(tekst: str, melding: str) -> None:
    with pytest.raises(CodelijstFout) as fout:
        codelijstbestand.lees(tekst, bron="mijn-lijst.toml")
    assert str(fout.value).startswith("mijn-lijst.toml")
    assert melding in str(fout.value)


def _kopie(tmp_path: Path) -> Path:
    doel = tmp_path / "codelijsten"
    shutil.copytree(codelijstbestand.STANDAARD, doel)
    return doel


def test_lijst_twee_keer(tmp_path: Path) -> None:
    map_ = _kopie(tmp_path)
    shutil.copy(map_ / "wj756-eenheid.toml", map_ / "wj756-eenheid-kopie.toml")
    with pytest.raises(CodelijstFout, match="staat ook al in wj756-eenheid"):
        codelijstbestand.laad(map_)


def test_lijst_ontbreekt(tmp_path: Path) -> None:
    map_ = _kopie(tmp_path)
    (map_ / "jz002-redenwijziging.toml").unlink()
    with pytest.raises(CodelijstFout, match="geen codelijst redenWijziging voor JEUGD"):
        codelijstbestand.laad(map_)


def test_lege_map(tmp_path: Path) -> None:
    with pytest.raises(CodelijstFout, match="geen codelijsten"):
        codelijstbestand.laad(tmp_path)


def test_nieuwe_release_is_een_databestand(tmp_path: Path) -> None:
    """A gemeente adds a category of a new release by editing a file, not the code."""
    map_ = _kopie(tmp_path)
    pad = map_ / "jz020-productcategorie.toml"
    tekst = pad.read_text(encoding="utf-8").replace('release = "iJw 3.2"', 'release = "iJw 3.3"')
    pad.write_text(
        tekst.replace("]\n", '  { code = "56", omschrijving = "Nieuwe categorie" },\n]\n'), "utf-8"
    )
    jeugd = codelijstbestand.laad(map_).lijst(Soort.PRODUCTCATEGORIE, Domein.JEUGD)
    assert jeugd is not None and jeugd.release == "iJw 3.3" and jeugd.zoek("56") is not None
