"""The voorzieningen role (issue 9): an extension of stuf-rzs, not the official test set.

Against our own server every scenario passes: each kind of voorziening is created on a deelplan-
zaak, read back identical field by field, changed, assigned and withdrawn, and the refusals come
with the right foutcode and rule id. A server that drops the voorziening (our real app behind a
WSGI gate that strips ``StUF:aanvullendeElementen`` from every request, as a system on the
official schemas would) fails at the read-back step, saying which voorziening did not come back.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree
from zonder_voorzieningen import server_zonder_voorzieningen

from rzs import ns, safexml
from rzs.compliance import bronnen, scenario, templates, vergelijk
from rzs.compliance.client import Eindpunten, SoapClient, Transportopties
from rzs.compliance.rapport import html, jsonrapport, junit
from rzs.compliance.resultaat import FAIL, PASS, Rapport
from rzs.compliance.runner import Opties, Runner
from support.server import RunningServer

TESTSET = "uitbreiding van stuf-rzs, buiten de officiële testset"
FRAGMENTEN = bronnen.data_dir() / "templates" / "voorzieningen"
SOORTEN = ["VZS-02", "VZS-03", "VZS-04", "VZS-05", "VZS-06", "VZS-07"]


def _run(url: str, zds: str = "1.1") -> Rapport:
    client = SoapClient(Eindpunten.server(url), Transportopties(timeout=30))
    return Runner(scenario.laad_rol("voorzieningen"), client, Opties(zds=zds)).run()


@pytest.fixture(scope="module")
def rapport_eigen_server(server: RunningServer) -> Rapport:
    return _run(server.base_url)


@pytest.fixture(scope="module")
def rapport_zonder_voorzieningen(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rapport]:
    with server_zonder_voorzieningen(tmp_path_factory.mktemp("zonder-voorzieningen")) as url:
        yield _run(url)


def test_rol_is_gemarkeerd_als_uitbreiding(tmp_path: Path) -> None:
    rol = scenario.laad_rol("voorzieningen")
    assert rol.testset == TESTSET
    assert [s.id for s in rol.scenarios] == [f"VZS-{n:02d}" for n in range(1, 9)]
    assert all(TESTSET.capitalize() in s.toelichting for s in rol.scenarios)


def test_elke_rapportvorm_noemt_de_uitbreiding(rapport_zonder_voorzieningen: Rapport, tmp_path: Path) -> None:
    rapport = rapport_zonder_voorzieningen
    assert rapport.kop["Testset"] == TESTSET
    assert junit.bouw(rapport).get("name") == f"RZS compliance Voorzieningen (Wmo en Jeugd) ({TESTSET})"
    html.schrijf(rapport, tmp_path / "r.html")
    assert TESTSET in (tmp_path / "r.html").read_text(encoding="utf-8")
    jsonrapport.schrijf(rapport, tmp_path / "r.json")
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["kop"]["Testset"] == TESTSET


def test_rol_slaagt_tegen_onze_server(rapport_eigen_server: Rapport) -> None:
    assert {s.id: s.reden for s in rapport_eigen_server.scenarios if s.status != PASS} == {}
    assert rapport_eigen_server.geslaagd


def test_rol_slaagt_tegen_onze_server_in_zds12(server: RunningServer) -> None:
    rapport = _run(server.base_url, zds="1.2")
    assert {s.id: s.reden for s in rapport.scenarios if s.status != PASS} == {}


def test_weigeringen_met_regelnummer(rapport_eigen_server: Rapport) -> None:
    vzs08 = next(s for s in rapport_eigen_server.scenarios if s.id == "VZS-08")
    opmerkingen = {stap.nr: " ".join(stap.opmerkingen) for stap in vzs08.stappen}
    assert "Fo03 StUF058" in opmerkingen[3] and "VZ-03" in opmerkingen[3]
    assert "Fo03 StUF055" in opmerkingen[5]
    assert "Fo03 StUF058" in opmerkingen[9] and "VZ-09" in opmerkingen[9]


def test_server_die_de_voorziening_laat_vallen_faalt_bij_teruglezen(
    rapport_zonder_voorzieningen: Rapport,
) -> None:
    rapport = rapport_zonder_voorzieningen
    assert not rapport.geslaagd
    per_id = {s.id: s for s in rapport.scenarios}
    assert per_id["VZS-01"].status == PASS
    for sid, nummer in zip(SOORTEN, ("1001", "1002", "1003", "1004", "2001", "2002"), strict=True):
        s = per_id[sid]
        assert s.status == FAIL, sid
        assert [stap.status for stap in s.stappen[:4]] == [PASS] * 4, sid  # aangemaakt, dus geaccepteerd
        pad = "ZKN:antwoord/ZKN:object/StUF:aanvullendeElementen/VZ:voorzieningen"
        assert s.reden.startswith(f"stap 6: {pad}: ontbreekt in het antwoord; verzonden: ")
        assert f"VZ:voorziening[nummer={nummer}]" in s.reden, s.reden
    # Without the voorziening, there is nothing left to refuse.
    vzs08 = per_id["VZS-08"]
    assert vzs08.reden == "stap 3: het systeem accepteerde een bericht dat het moest weigeren met StUF058"


def _voorziening(naam: str) -> etree._Element:
    return templates.fill(FRAGMENTEN / f"{naam}.xml")


def test_vergelijking_noemt_elk_veld_dat_anders_terugkwam() -> None:
    verzonden, terug = _voorziening("wmo_huishoudelijke_hulp_1"), _voorziening("wmo_huishoudelijke_hulp_2")
    assert vergelijk.verschillen(verzonden, copy_van(verzonden), "P") == []
    assert vergelijk.verschillen(verzonden, terug, "P") == [
        "P/VZ:omvang/VZ:volume: '4', verzonden '3'",
        "P/VZ:einddatum: '20250630', verzonden '20250131'",
    ]
    ingetrokken = _voorziening("wmo_huishoudelijke_hulp_4")
    assert "P/VZ:redenWijziging: '05' is aanwezig maar niet verzonden" in vergelijk.verschillen(
        verzonden, ingetrokken, "P"
    )
    teruggedraaid = vergelijk.verschillen(ingetrokken, verzonden, "P")
    assert "P/VZ:redenWijziging: ontbreekt, verzonden '05'" in teruggedraaid


def test_geen_waarde_is_een_waarde() -> None:
    """``xsi:nil`` with ``StUF:noValue`` is compared as such, not as an empty text."""
    verzonden = _voorziening("wmo_vervoer_1")
    terug = _voorziening("wmo_vervoer_1")
    code = terug.find(f"{ns.vz('product')}/{ns.vz('code')}")
    assert code is not None
    code.text = None
    code.set(ns.qname(ns.XSI, "nil"), "true")
    code.set(ns.stuf("noValue"), "geenWaarde")
    assert vergelijk.verschillen(verzonden, terug, "P") == [
        "P/VZ:product/VZ:code: 'geen waarde (geenWaarde)', verzonden '08A01'"
    ]


def copy_van(element: etree._Element) -> etree._Element:
    return safexml.parse(etree.tostring(element))


def _dubbele_zaak(basis: Path, details: str) -> None:
    """XT-01 (a zaak created twice: StUF067) with the ``details`` the refusal must name."""
    rol = basis / "proef"
    rol.mkdir()
    (rol / "rol.toml").write_text('titel = "Proef"\nscenarios = ["XT-01"]\n', encoding="utf-8")
    tekst = (bronnen.data_dir() / "extra" / "XT-01.toml").read_text(encoding="utf-8")
    regel = 'foutcode = "StUF067"\n'
    (rol / "XT-01.toml").write_text(tekst.replace(regel, f'{regel}details = "{details}"\n'), encoding="utf-8")


@pytest.mark.parametrize(("details", "geslaagd"), [("bestaat al", True), ("VZ-99", False)])
def test_details_van_een_weigering(
    server: RunningServer, tmp_path: Path, details: str, geslaagd: bool
) -> None:
    """``details``: the right foutcode is not enough when the rule id is missing from StUF:details."""
    _dubbele_zaak(tmp_path, details)
    client = SoapClient(Eindpunten.server(server.base_url), Transportopties(timeout=30))
    rapport = Runner(scenario.laad_rol("proef", tmp_path), client).run()
    assert rapport.geslaagd == geslaagd
    if not geslaagd:
        reden = rapport.scenarios[0].reden
        assert reden.startswith(
            "stap 5: foutcode StUF067 zoals verwacht, maar StUF:details noemt VZ-99 niet: '"
        )
        assert "bestaat al" in reden


def test_schemafout_en_details_alleen_bij_een_verwachte_fout(tmp_path: Path) -> None:
    rol = tmp_path / "proef"
    rol.mkdir()
    (rol / "rol.toml").write_text('titel = "Proef"\nscenarios = ["P-01"]\n', encoding="utf-8")
    (rol / "P-01.toml").write_text(
        'titel = "p"\n[[stap]]\nnr = 1\noperatie = "creeerZaak_Lk01"\ntemplate = "creeerZaak_voorziening"\n'
        'actie = "a"\nantwoord = "Bv03"\nschemafout = true\n'
        'fragmenten = { voorziening = "voorzieningen/weiger_iso_datum" }\n',
        encoding="utf-8",
    )
    with pytest.raises(scenario.ScenarioFout, match='horen bij verwacht = "fout"'):
        scenario.laad_rol("proef", tmp_path)
