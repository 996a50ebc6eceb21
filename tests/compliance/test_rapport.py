"""The reports of a Zaaksysteem run: JUnit XML, JSON and the HTML report in a real browser.

The HTML report is rendered by Debian's chromium (headless, no network, throwaway profile, a
1280x800 window: ``support/chromium.py``) and the assertions are on what the browser shows.
"""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from rzs import ns, safexml
from rzs.compliance import bronnen
from rzs.compliance.rapport import html, jsonrapport, junit
from rzs.compliance.rapport.berichten import Masker, elfproef
from rzs.compliance.resultaat import FAIL, Rapport, ScenarioResultaat, StapResultaat
from support import chromium

BSN = "111222333"  # bsn_1 of compliance/waarden.toml: the cliënt of every plan-zaak


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
        kop=zaaksysteem_rapport.kop,
    )


def _vervanger(rapport: Rapport) -> str:
    return Masker.voor(rapport).vervanging[BSN]


def _dom(pad: Path, profiel: Path) -> lxml.html.HtmlElement:
    return chromium.dom(pad.as_uri(), profiel)


def _zichtbare_tekst(pad: Path, profiel: Path) -> str:
    return chromium.zichtbare_tekst(pad.as_uri(), profiel)


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
    assert _vervanger(rapport) in tekst
    assert BSN not in tekst
    assert BSN not in pad.read_text(encoding="utf-8")


def test_html_kop_is_een_auditverslag(rapport: Rapport, tmp_path: Path) -> None:
    """Counts, version, identities, endpoints, SOAP version, ZDS form, schema sets; HTTP per step."""
    pad = tmp_path / "rapport.html"
    html.schrijf(rapport, pad)
    dom = _dom(pad, tmp_path / "profiel")
    kop = {
        rij.findtext("th"): rij.find("td").text_content() for rij in dom.xpath("//table[@class='kop']//tr")
    }
    assert kop["Oordeel"] == "NIET GESLAAGD"
    assert kop["Scenario's"] == "16 PASS, 1 FAIL, 0 OVERGESLAGEN, 0 NIET ONDERSTEUND"
    assert kop["Harness"] == f"stuf-rzs rzs-compliance {bronnen.versie()}"
    assert kop["Datum en tijd (UTC)"] == rapport.start
    assert kop["Zender (de harness)"] == "0000/RZS-COMPLIANCE/tester"
    assert kop["Ontvanger (het geteste systeem)"] == "0000/RZS"
    assert kop["Eindpunt ZKN_OntvangAsynchroon"] == rapport.eindpunten["ZKN_OntvangAsynchroon"]
    assert kop["SOAP-versie"] == "1.1" and kop["ZDS-vorm"].startswith("ZDS 1.1 / RZS 1.0")
    assert kop["Schemasets"].startswith("eigen set (")
    officieel = "officiële set (" if bronnen.oracle_dir() else "officiële set: NIET gebruikt"
    assert officieel in kop["Schemasets"]
    http = dom.xpath("//p[@class='http']/text()")
    assert f"SOAPAction {ns.ZKN_ACTION}creeerZaak_Lk01 · Content-Type text/xml; charset=utf-8" in http
    assert "HTTP 200 · Content-Type text/xml; charset=utf-8" in http


def test_html_past_in_een_gewoon_venster(rapport: Rapport, tmp_path: Path) -> None:
    """No horizontal scrolling at 1280 px, also with long reasons and messages (measured by chromium:
    a copy of the report gets one script that writes the page width into the DOM)."""
    lang = ScenarioResultaat("XX-98", "Lange reden")
    reden = "x" * 3000
    lang.stappen.append(StapResultaat(1, "TTA→STP", "Bv03", "antwoord op stap 1", FAIL, [reden]))
    lang.stappen[0].bericht = b"<a>" + b"y" * 5000 + b"</a>"
    rapport.scenarios.append(lang)
    assert chromium.breedte(html.bouw(rapport).encode("utf-8"), tmp_path) <= chromium.VENSTER[0]


def test_vervangen_bsns_houden_berichten_geldig(rapport: Rapport) -> None:
    """Masked messages still validate: the substitute is a nine-digit number passing the elfproef."""
    masker = Masker.voor(rapport)
    vervangers = list(masker.vervanging.values())
    assert vervangers and all(elfproef(v) and v.startswith("99999") for v in vervangers)
    assert len(set(masker.vervanging.values())) == len(masker.vervanging)
    bericht = rapport.scenarios[1].stappen[0].bericht  # ZS-02 stap 1: a creeerZaak with three BSNs
    gemaskeerd = safexml.parse(masker.tekst(bericht.decode("utf-8")).encode("utf-8"))
    body = gemaskeerd[0][0]
    assert BSN.encode() in bericht and BSN not in etree.tostring(body, encoding="unicode")
    assert bronnen.schemafouten(body) == []


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
