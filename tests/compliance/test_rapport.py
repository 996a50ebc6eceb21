"""The reports of a Zaaksysteem run: JUnit XML, JSON and the HTML report in a real browser.

The HTML report is rendered by Debian's chromium (headless, no network, throwaway profile) and
the assertions are on the text the browser shows. Without chromium the test skips locally and
fails under CI (``CI`` set): CI must install the Debian package ``chromium``.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from rzs.compliance.rapport import html, jsonrapport, junit
from rzs.compliance.resultaat import FAIL, Rapport, ScenarioResultaat, StapResultaat

CHROMIUM = Path("/usr/bin/chromium")
BSN = "111222333"  # bsn_1 of compliance/waarden.toml: the cliënt of every plan-zaak
GEMASKEERD = "*******33"


@pytest.fixture
def rapport(zaaksysteem_rapport: Rapport) -> Rapport:
    """The session's Zaaksysteem run plus one scenario that certainly failed, whatever the server
    supports by now (document services land while this harness grows)."""
    gefaald = ScenarioResultaat("XX-99", "Proef met een gefaalde stap")
    stap = StapResultaat(1, "TTA→STP", "Bv03", "antwoord op stap 1", FAIL, ["crossRefnummer ontbreekt <&>"])
    stap.bericht = zaaksysteem_rapport.scenarios[1].stappen[0].bericht
    gefaald.stappen.append(stap)
    return Rapport(
        rol=zaaksysteem_rapport.rol,
        titel=zaaksysteem_rapport.titel,
        eindpunten=zaaksysteem_rapport.eindpunten,
        opties=zaaksysteem_rapport.opties,
        start=zaaksysteem_rapport.start,
        duur=zaaksysteem_rapport.duur,
        scenarios=[*zaaksysteem_rapport.scenarios, gefaald],
    )


def _chromium() -> Path:
    if not CHROMIUM.is_file():
        reden = f"{CHROMIUM} ontbreekt: installeer het Debian-pakket 'chromium' (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(reden)
        pytest.skip(reden)
    return CHROMIUM


def _zichtbare_tekst(pad: Path, profiel: Path) -> str:
    """Render the file in headless chromium and return the text of the DOM it built."""
    resultaat = subprocess.run(
        [
            str(_chromium()),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profiel}",
            "--dump-dom",
            pad.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    document = lxml.html.document_fromstring(resultaat.stdout)
    for verborgen in document.xpath("//style | //script | //head"):
        verborgen.getparent().remove(verborgen)
    return " ".join(document.text_content().split())


def test_html_in_een_echte_browser(rapport: Rapport, tmp_path: Path) -> None:
    pad = tmp_path / "rapport.html"
    html.schrijf(rapport, pad)
    tekst = _zichtbare_tekst(pad, tmp_path / "profiel")
    assert "RZS compliance-rapport — rol Zaaksysteem" in tekst
    assert "ZS-02 creëerZaak (P) — Creëer Gezinsplan — PASS" in tekst
    for scenario in rapport.scenarios:
        assert f"{scenario.id} {scenario.titel} — {scenario.status}" in tekst
    assert "XX-99 Proef met een gefaalde stap — FAIL" in tekst
    assert "stap 1: crossRefnummer ontbreekt <&>" in tekst
    assert "NIET GESLAAGD" in tekst
    assert GEMASKEERD in tekst
    assert BSN not in tekst
    assert BSN not in pad.read_text(encoding="utf-8")


def test_html_toont_bsn_alleen_op_verzoek(rapport: Rapport, tmp_path: Path) -> None:
    pad = tmp_path / "rapport.html"
    html.schrijf(rapport, pad, toon_bsn=True)
    tekst = _zichtbare_tekst(pad, tmp_path / "profiel")
    assert BSN in tekst


def test_html_is_op_zichzelf_staand(zaaksysteem_rapport: Rapport) -> None:
    document = lxml.html.document_fromstring(html.bouw(zaaksysteem_rapport))
    assert not document.xpath("//script | //link | //img | //iframe")
    assert not [a for a in document.xpath("//a/@href") if not a.startswith("#")]
    berichten = document.xpath("//details/pre/text()")
    assert any("<ZKN:zakLk01" in b and "\n      <ZKN:stuurgegevens>" in b for b in berichten)


def test_junit(rapport: Rapport, tmp_path: Path) -> None:
    pad = tmp_path / "junit.xml"
    junit.schrijf(rapport, pad)
    suites = etree.parse(str(pad)).getroot()
    assert suites.tag == "testsuites"
    assert len(suites) == 17
    zs01 = suites[0]
    assert zs01.get("name") == "ZS-01 genereerZaakidentificatie (P)"
    assert zs01.get("tests") == "18" and zs01.get("failures") == "0"
    fouten = suites[16].findall("testcase/failure")
    assert [f.get("message") for f in fouten] == ["crossRefnummer ontbreekt <&>"]
    assert suites[16].find("testcase/system-out") is not None
    assert BSN not in pad.read_text(encoding="utf-8")


def test_json(rapport: Rapport, tmp_path: Path) -> None:
    pad = tmp_path / "rapport.json"
    jsonrapport.schrijf(rapport, pad)
    data = json.loads(pad.read_text(encoding="utf-8"))
    assert data["rol"] == "zaaksysteem" and data["geslaagd"] is False
    per_id = {s["id"]: s for s in data["scenarios"]}
    assert per_id["ZS-02"]["status"] == "PASS"
    assert per_id["ZS-02"]["stappen"][0]["bericht"].startswith("<soap:Envelope")
    assert BSN not in pad.read_text(encoding="utf-8")
