"""The consumer-mode page in a real browser: what to send next, what arrived, each verdict, live.

A Regiesysteem session of the STP on loopback with its page at ``/``; the reference client sends
one plan-zaak and then a message with the wrong ontvanger; headless chromium loads the page before
and after and the assertions are on the DOM it built.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from consumenthulp import STP
from lxml import html as lxmlhtml

from rzs.compliance import scenario
from rzs.compliance.stp import pagina
from rzs.compliance.stp.app import serveer
from rzs.compliance.stp.sessie import Sessie, SessieOpties
from rzs.referentieclient.berichten import Berichten, Systeem
from rzs.referentieclient.flows import Regiesysteem
from rzs.referentieclient.verbinding import StufFout, Verbinding
from support import chromium


@pytest.fixture
def stp() -> Iterator[tuple[Sessie, str]]:
    sessie = Sessie(scenario.laad_rol("regiesysteem"), SessieOpties())
    server, _ = serveer(sessie, pagina=lambda: pagina.bouw(sessie))
    try:
        yield sessie, f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def _rijen(dom: lxmlhtml.HtmlElement, tabel: str) -> list[list[str]]:
    return [
        [" ".join(cel.text_content().split()) for cel in rij.xpath("td")]
        for rij in dom.xpath(f"//table[@id='{tabel}']//tr[td]")
    ]


def _regie(url: str, ontvanger: str = STP) -> Regiesysteem:
    berichten = Berichten(Systeem.van("0000/REGIESYSTEEM"), Systeem.van(ontvanger))
    return Regiesysteem(berichten, Verbinding(url), log=lambda _t: None)


def test_pagina_toont_volgende_stap_ontvangst_en_oordeel(stp: tuple[Sessie, str], tmp_path: Path) -> None:
    sessie, url = stp
    voor = chromium.dom(url + "/", tmp_path / "p1")
    assert voor.xpath("//meta[@http-equiv='refresh']/@content") == [str(pagina.VERVERS)]
    volgende = " ".join(voor.get_element_by_id("volgende").text_content().split())
    assert volgende.startswith("REG-01 stap 1: stuur genereerZaakIdentificatie_Di02")
    assert voor.get_element_by_id("ontvangen").text_content() == "Nog niets ontvangen."
    assert _rijen(voor, "stappen")[0][3] == "OPEN"

    _regie(url).creeer_plan("gezinsplan", "A")  # REG-01 stap 1 and 3
    with pytest.raises(StufFout):  # REG-01 stap 5 with the wrong ontvanger: refused, StUF010
        _regie(url, "0000/ANDER").genereer_zaakidentificatie()

    na = chromium.dom(url + "/", tmp_path / "p2")
    stappen = {(r[0], r[1].split()[0]): r for r in _rijen(na, "stappen")}
    assert stappen[("REG-01", "1")][3] == "PASS" and stappen[("REG-01", "3")][3] == "PASS"
    assert stappen[("REG-01", "3")][2].startswith("creeerZaak_Lk01")
    assert stappen[("REG-01", "5")][3] == "FAIL"
    assert "ontvanger 0000/ANDER" in stappen[("REG-01", "5")][4], stappen[("REG-01", "5")]
    ontvangen = _rijen(na, "ontvangen")
    assert [(r[1], r[3], r[4]) for r in ontvangen] == [
        ("/zkn/VrijeBerichten", "genereerZaakIdentificatie_Di02", "REG-01 stap 1"),
        ("/zkn/OntvangAsynchroon", "zakLk01", "REG-01 stap 3"),
        ("/zkn/VrijeBerichten", "genereerZaakIdentificatie_Di02", "REG-01 stap 5"),
    ]
    volgende = " ".join(na.get_element_by_id("volgende").text_content().split())
    assert volgende == sessie.instructie(sessie.open_stappen()[0])
    assert volgende.startswith("REG-01 stap 7")
    assert not na.xpath("//script")  # live through meta refresh, no scripts
    assert chromium.breedte(pagina.bouw(sessie), tmp_path) <= chromium.VENSTER[0]
    reg01 = sessie.sluit("einde van de test").scenarios[0].stappen
    assert reg01[0].soapaction.endswith("genereerZaakIdentificatie_Di02")
    assert (reg01[1].http_status, reg01[1].content_type) == (200, "text/xml; charset=utf-8")
