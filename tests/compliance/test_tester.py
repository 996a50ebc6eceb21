"""Testing the tester: a server that breaks one rule at a time must fail the right step, readably.

The server is our real app behind a WSGI wrapper that mangles its replies according to the
current ``modus``: the harness has to notice each defect on the step where it happens and say
what is wrong in words a vendor understands.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from rzs import ns
from rzs.compliance import scenario
from rzs.compliance.client import Eindpunten, SoapClient, Transportopties
from rzs.compliance.resultaat import FAIL, PASS, Rapport, StapResultaat
from rzs.compliance.runner import Opties, Runner
from support.server import serveer_omhuld

Mangel = Callable[[str, etree._Element], str]
#: Enough of the Zaaksysteem sheet to reach geefZaakstatus (ZS-13) on a fresh database.
STATUS_SCENARIOS = ("ZS-01", "ZS-02", "ZS-03", "ZS-04", "ZS-12", "ZS-13")


def _zonder_crossref(status: str, envelope: etree._Element) -> str:
    for element in list(envelope.iter(ns.stuf("crossRefnummer"))):
        element.getparent().remove(element)  # type: ignore[union-attr]
    return status


def _fout_met_http_200(status: str, envelope: etree._Element) -> str:
    return "200 OK" if status.startswith("500") else status


def _verkeerd_entiteittype(status: str, envelope: etree._Element) -> str:
    for obj in envelope.iterfind(".//ZKN:zakLa01/ZKN:antwoord/ZKN:object", {"ZKN": ns.ZKN}):
        obj.set(ns.ENTITEITTYPE, "ZKT")
    return status


def _zonder_la01_element(status: str, envelope: etree._Element) -> str:
    for element in list(envelope.iterfind(".//ZKN:zakLa01/ZKN:parameters", {"ZKN": ns.ZKN})):
        element.getparent().remove(element)  # type: ignore[union-attr]
    return status


def _niet_gespiegeld(status: str, envelope: etree._Element) -> str:
    for bv03 in envelope.iter(ns.stuf("Bv03Bericht")):
        zender = bv03.find(f"{ns.stuf('stuurgegevens')}/{ns.stuf('zender')}")
        ontvanger = bv03.find(f"{ns.stuf('stuurgegevens')}/{ns.stuf('ontvanger')}")
        if zender is not None and ontvanger is not None:
            zender.tag, ontvanger.tag = ontvanger.tag, zender.tag
            zender.addprevious(ontvanger)
    return status


class Saboteur:
    """WSGI middleware around our app: applies ``modus`` to every SOAP reply."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.modus: Mangel | None = None

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        vastgelegd: dict[str, Any] = {}

        def opvangen(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            vastgelegd["status"], vastgelegd["headers"] = status, headers
            return lambda data: None

        data = b"".join(self.app(environ, opvangen))
        status, headers = vastgelegd["status"], vastgelegd["headers"]
        if self.modus is not None and environ["REQUEST_METHOD"] == "POST" and data.startswith(b"<"):
            envelope = etree.fromstring(data)
            status = self.modus(status, envelope)
            data = etree.tostring(envelope, xml_declaration=True, encoding="UTF-8")
            headers = [(k, str(len(data)) if k.lower() == "content-length" else v) for k, v in headers]
        start_response(status, headers)
        return [data]


@pytest.fixture(scope="module")
def saboteur(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Saboteur, str]]:
    with serveer_omhuld(tmp_path_factory.mktemp("saboteur"), Saboteur) as (app, url):
        yield app, url


def _run(
    saboteur: tuple[Saboteur, str], modus: Mangel | None, rol: str, scenarios: tuple[str, ...], **opties: Any
) -> Rapport:
    app, url = saboteur
    app.modus = modus
    client = SoapClient(Eindpunten.server(url), Transportopties(timeout=10))
    try:
        return Runner(scenario.laad_rol(rol), client, Opties(scenarios=scenarios, **opties)).run()
    finally:
        app.modus = None


def _stap(rapport: Rapport, scenario_id: str, nr: int) -> StapResultaat:
    gevonden = next(s for s in rapport.scenarios if s.id == scenario_id)
    return gevonden.stappen[nr - 1]


def _alleen_gefaald(rapport: Rapport) -> set[tuple[str, int]]:
    return {(s.id, stap.nr) for s in rapport.scenarios for stap in s.stappen if stap.status == FAIL}


def test_zonder_sabotage_slaagt_alles(saboteur: tuple[Saboteur, str]) -> None:
    rapport = _run(saboteur, None, "zaaksysteem", STATUS_SCENARIOS)
    assert rapport.geslaagd, [s.reden for s in rapport.scenarios]
    rapport = _run(saboteur, None, "extra", ())
    assert rapport.geslaagd, [s.reden for s in rapport.scenarios]


def test_bv03_zonder_crossrefnummer(saboteur: tuple[Saboteur, str]) -> None:
    rapport = _run(saboteur, _zonder_crossref, "zaaksysteem", ("ZS-01", "ZS-02"))
    stap = _stap(rapport, "ZS-02", 2)
    assert stap.status == FAIL
    assert any(r.startswith("crossRefnummer ontbreekt (verwacht 'RZSC-") for r in stap.redenen), stap.redenen
    assert _stap(rapport, "ZS-02", 1).status == PASS
    assert all(s.status == PASS for s in rapport.scenarios[0].stappen)  # Du02: crossRefnummer optional


def test_fout_met_http_200(saboteur: tuple[Saboteur, str]) -> None:
    rapport = _run(saboteur, _fout_met_http_200, "extra", ("XT-01",))
    assert _stap(rapport, "XT-01", 5).status == PASS  # the zaak was refused as expected ...
    stap = _stap(rapport, "XT-01", 6)  # ... but the fault came with the wrong HTTP status
    assert stap.status == FAIL
    assert any("SOAP Fault met HTTP 200" in r and "500" in r for r in stap.redenen), stap.redenen
    toegestaan = _run(saboteur, _fout_met_http_200, "extra", ("XT-01",), stp_compat=True)
    assert toegestaan.geslaagd, toegestaan.scenarios[0].reden


def test_verkeerd_entiteittype_in_la01(saboteur: tuple[Saboteur, str]) -> None:
    rapport = _run(saboteur, _verkeerd_entiteittype, "zaaksysteem", STATUS_SCENARIOS)
    assert _alleen_gefaald(rapport) == {("ZS-13", 2), ("ZS-13", 4)}
    redenen = _stap(rapport, "ZS-13", 2).redenen
    assert "ZKN:antwoord/ZKN:object heeft StUF:entiteittype 'ZKT', verwacht 'ZAK'" in redenen


def test_la01_zonder_verplicht_element(saboteur: tuple[Saboteur, str]) -> None:
    rapport = _run(saboteur, _zonder_la01_element, "zaaksysteem", STATUS_SCENARIOS)
    assert _alleen_gefaald(rapport) == {("ZS-13", 2), ("ZS-13", 4)}
    redenen = " ".join(_stap(rapport, "ZS-13", 2).redenen)
    assert "schema (eigen xsd/all.xsd)" in redenen
    assert "parameters" in redenen


def test_bv03_zender_en_ontvanger_niet_gespiegeld(saboteur: tuple[Saboteur, str]) -> None:
    rapport = _run(saboteur, _niet_gespiegeld, "zaaksysteem", ("ZS-01", "ZS-02"))
    stap = _stap(rapport, "ZS-02", 2)
    assert stap.status == FAIL
    verwacht = "zender 0000/RZS-COMPLIANCE is niet de ontvanger van het verzoek"
    assert any(r.startswith(verwacht) for r in stap.redenen), stap.redenen


def test_onbereikbaar_eindpunt_geeft_een_transportreden(tmp_path: Path) -> None:
    client = SoapClient(Eindpunten.alle("http://127.0.0.1:9/zkn"), Transportopties(timeout=2))
    rapport = Runner(scenario.laad_rol("zaaksysteem"), client, Opties(scenarios=("ZS-01",))).run()
    stap = rapport.scenarios[0].stappen[0]
    assert stap.status == FAIL
    assert "geen antwoord van http://127.0.0.1:9/zkn" in " ".join(stap.redenen)
