"""Our own XSD/WSDL set: compiles strictly, enforces fixed values, loads in zeep, is not a copy."""

from __future__ import annotations

import copy
import time
from pathlib import Path

import pytest
from lxml import etree

from ._oracle import OFFICIAL_DIR, WSDL_DIR, XSD_DIR, normalized_sha256, verdict

REPLIES = Path(__file__).parent / "replies"
NS = {
    "StUF": "http://www.egem.nl/StUF/StUF0301",
    "ZKN": "http://www.egem.nl/StUF/sector/zkn/0310",
    "BG": "http://www.egem.nl/StUF/sector/bg/0310",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}

CREEER = b"""<ZKN:zakLk01 xmlns:ZKN="http://www.egem.nl/StUF/sector/zkn/0310" xmlns:StUF="http://www.egem.nl/StUF/StUF0301"
 xmlns:BG="http://www.egem.nl/StUF/sector/bg/0310" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <ZKN:stuurgegevens>
    <StUF:berichtcode>Lk01</StUF:berichtcode>
    <StUF:zender><StUF:organisatie>0363</StUF:organisatie><StUF:applicatie>REGIE</StUF:applicatie></StUF:zender>
    <StUF:ontvanger><StUF:organisatie>0363</StUF:organisatie><StUF:applicatie>ZAAKSYS</StUF:applicatie></StUF:ontvanger>
    <StUF:referentienummer>REGIE-000123</StUF:referentienummer>
    <StUF:tijdstipBericht>20240101101500000</StUF:tijdstipBericht>
    <StUF:entiteittype>ZAK</StUF:entiteittype>
  </ZKN:stuurgegevens>
  <ZKN:parameters><StUF:mutatiesoort>W</StUF:mutatiesoort><StUF:indicatorOvername>V</StUF:indicatorOvername></ZKN:parameters>
  <ZKN:object StUF:entiteittype="ZAK" StUF:verwerkingssoort="W">
    <ZKN:identificatie>0363000000000123</ZKN:identificatie>
    <ZKN:heeftAlsBelanghebbende StUF:entiteittype="ZAKBTRBLH" StUF:verwerkingssoort="T"
      StUF:noValue="geenWaarde" xsi:nil="true"/>
  </ZKN:object>
  <ZKN:object StUF:entiteittype="ZAK" StUF:verwerkingssoort="W">
    <ZKN:identificatie>0363000000000123</ZKN:identificatie>
    <ZKN:isVan StUF:entiteittype="ZAKZKT" StUF:verwerkingssoort="T">
      <ZKN:gerelateerde StUF:entiteittype="ZKT" StUF:verwerkingssoort="I">
        <ZKN:code>GZP</ZKN:code>
      </ZKN:gerelateerde>
    </ZKN:isVan>
    <ZKN:heeftAlsBelanghebbende StUF:entiteittype="ZAKBTRBLH" StUF:verwerkingssoort="T">
      <ZKN:gerelateerde>
        <ZKN:natuurlijkPersoon StUF:entiteittype="NPS" StUF:verwerkingssoort="T">
          <BG:inp.bsn>111222333</BG:inp.bsn>
          <BG:geslachtsnaam>Bakker</BG:geslachtsnaam>
        </ZKN:natuurlijkPersoon>
      </ZKN:gerelateerde>
    </ZKN:heeftAlsBelanghebbende>
  </ZKN:object>
</ZKN:zakLk01>"""

EXPECTED_ACTIONS = {
    "zkn0310_ontvangAsynchroon.wsdl": {
        "creeerZaak_Lk01": "http://www.egem.nl/StUF/sector/zkn/0310/creeerZaak_Lk01",
        "updateZaak_Lk01": "http://www.egem.nl/StUF/sector/zkn/0310/updateZaak_Lk01",
        "actualiseerZaakstatus_Lk01": "http://www.egem.nl/StUF/sector/zkn/0310/actualiseerZaakstatus_Lk01",
        "voegZaakdocumentToe_Lk01": "http://www.egem.nl/StUF/sector/zkn/0310/voegZaakdocumentToe_Lk01",
        "maakZaakdocument_Lk01": "http://www.egem.nl/StUF/sector/zkn/0310/maakZaakdocument_Lk01",
        "voegBesluitToe_Di01": "http://www.egem.nl/StUF/sector/zkn/0310/voegBesluitToe_Di01",
        "updateBesluit_Lk01": "http://www.egem.nl/StUF/sector/zkn/0310/updateBesluit_Lk01",
        "Bv03": "http://www.egem.nl/StUF/StUF0301/Bv03",
        "Fo01": "http://www.egem.nl/StUF/StUF0301/Fo01",
        "Fo03": "http://www.egem.nl/StUF/StUF0301/Fo03",
    },
    "zkn0310_beantwoordVraag.wsdl": {
        "geefZaakstatus_Lv01": "http://www.egem.nl/StUF/sector/zkn/0310/geefZaakstatus_Lv01",
        "geefZaakdetails_Lv01": "http://www.egem.nl/StUF/sector/zkn/0310/geefZaakdetails_Lv01",
        "geefLijstZaakdocumenten_Lv01": "http://www.egem.nl/StUF/sector/zkn/0310/geefLijstZaakdocumenten_Lv01",
        "geefZaakdocumentLezen_Lv01": "http://www.egem.nl/StUF/sector/zkn/0310/geefZaakdocumentLezen_Lv01",
        "geefBesluitDetails_Lv01": "http://www.egem.nl/StUF/sector/zkn/0310/geefBesluitDetails_Lv01",
        "geefLijstBesluiten_Lv01": "http://www.egem.nl/StUF/sector/zkn/0310/geefLijstBesluiten_Lv01",
    },
    "zkn0310_vrijeBerichten.wsdl": {
        "genereerZaakIdentificatie_Di02": "http://www.egem.nl/StUF/sector/zkn/0310/genereerZaakIdentificatie_Di02",
        "genereerDocumentIdentificatie_Di02": "http://www.egem.nl/StUF/sector/zkn/0310/genereerDocumentIdentificatie_Di02",
        "geefZaakdocumentbewerken_Di02": "http://www.egem.nl/StUF/sector/zkn/0310/geefZaakdocumentbewerken_Di02",
        "updateZaakdocument_Di02": "http://www.egem.nl/StUF/sector/zkn/0310/updateZaakdocument_Di02",
        "cancelCheckout_Di02": "http://www.egem.nl/StUF/sector/zkn/0310/cancelCheckout_Di02",
        "ontkoppelZaakdocument_Di02": "http://www.egem.nl/StUF/sector/zkn/0310/ontkoppelZaakdocument_Di02",
        "genereerBesluitIdentificatie_Di02": "http://www.egem.nl/StUF/sector/zkn/0310/genereerBesluitIdentificatie_Di02",
    },
    "rzs0310_ontvangAsynchroon.wsdl": {
        "notificeerOverZaak": "http://www.egem.nl/StUF/sector/rzs/0310/notificeerOverZaak",
        "initieerNotificeerOverZaak": "http://www.egem.nl/StUF/sector/rzs/0310/initieerNotificeerOverZaak",
        "overdragenZaak": "http://www.egem.nl/StUF/sector/rzs/0310/overdragenZaak",
        "bevestigOverdragenZaak": "http://www.egem.nl/StUF/sector/rzs/0310/bevestigOverdragenZaak",
        "Bv03": "http://www.egem.nl/StUF/StUF0301/Bv03",
        "Fo03": "http://www.egem.nl/StUF/StUF0301/Fo03",
    },
}


def _creeer() -> etree._Element:
    return etree.fromstring(CREEER)


def test_all_xsd_compiles_strictly_and_fast():
    start = time.perf_counter()
    schema = etree.XMLSchema(etree.parse(str(XSD_DIR / "all.xsd")))
    elapsed = time.perf_counter() - start
    assert len(schema.error_log) == 0, [str(e) for e in schema.error_log]
    assert elapsed < 1.0


def test_only_relative_schema_locations():
    for path in XSD_DIR.rglob("*.xsd"):
        for el in etree.parse(str(path)).iter(
            "{http://www.w3.org/2001/XMLSchema}import", "{http://www.w3.org/2001/XMLSchema}include"
        ):
            loc = el.get("schemaLocation")
            assert loc and "://" not in loc and not loc.startswith("/"), (path, loc)


def test_sample_kennisgeving_is_valid(own):
    ok, errors = verdict(own, _creeer())
    assert ok, errors


@pytest.mark.parametrize(
    "xpath, value",
    [
        ("/ZKN:zakLk01/ZKN:object[1]", "ZKT"),  # zaak object typed as zaaktype
        ("//ZKN:natuurlijkPersoon", "NNP"),  # person typed as non-natural person
        ("/ZKN:zakLk01/ZKN:object[1]/ZKN:heeftAlsBelanghebbende", "ZAKBTRINI"),  # empty nil relation
        ("//ZKN:isVan/ZKN:gerelateerde", "ZAK"),
    ],
)
def test_wrong_entiteittype_is_rejected(own, xpath, value):
    root = _creeer()
    root.xpath(xpath, namespaces=NS)[0].set(f"{{{NS['StUF']}}}entiteittype", value)
    ok, errors = verdict(own, root)
    assert not ok
    assert "fixed value" in errors


def test_missing_entiteittype_is_rejected(own):
    root = _creeer()
    del root.xpath("//ZKN:natuurlijkPersoon", namespaces=NS)[0].attrib[f"{{{NS['StUF']}}}entiteittype"]
    assert not verdict(own, root)[0]


def test_wrong_berichtcode_is_rejected(own):
    root = _creeer()
    root.find("ZKN:stuurgegevens/StUF:berichtcode", NS).text = "Lk02"
    assert not verdict(own, root)[0]
    bv03 = etree.parse(str(REPLIES / "Bv03Bericht.xml")).getroot()
    bv03.find("StUF:stuurgegevens/StUF:berichtcode", NS).text = "Bv01"
    assert not verdict(own, bv03)[0]


def test_wrong_functie_attribute_is_rejected(own):
    du02 = etree.parse(str(REPLIES / "genereerZaakIdentificatie_Du02.xml")).getroot()
    assert verdict(own, du02)[0]
    bad = copy.deepcopy(du02)
    bad.find("ZKN:zaak", NS).set(f"{{{NS['StUF']}}}functie", "antwoord")
    assert not verdict(own, bad)[0]


def test_verwerkingssoort_required_in_kennisgeving(own):
    root = _creeer()
    del root.find("ZKN:object", NS).attrib[f"{{{NS['StUF']}}}verwerkingssoort"]
    assert not verdict(own, root)[0]


def test_bsn_pattern(own):
    root = _creeer()
    root.xpath("//BG:inp.bsn", namespaces=NS)[0].text = "12AB"
    assert not verdict(own, root)[0]


@pytest.mark.parametrize("wsdl_name", sorted(EXPECTED_ACTIONS))
def test_wsdl_loads_in_zeep_with_expected_soap_actions(wsdl_name):
    zeep = pytest.importorskip("zeep")
    client = zeep.Client(str(WSDL_DIR / wsdl_name))
    ops = client.service._binding._operations
    assert {name: op.soapaction for name, op in ops.items()} == EXPECTED_ACTIONS[wsdl_name]
    for op in ops.values():
        assert op.input.body is not None


def test_zeep_knows_the_body_elements():
    zeep = pytest.importorskip("zeep")
    client = zeep.Client(str(WSDL_DIR / "zkn0310_ontvangAsynchroon.wsdl"))
    assert client.get_element("{http://www.egem.nl/StUF/sector/zkn/0310}zakLk01") is not None
    assert client.get_element("{http://www.egem.nl/StUF/StUF0301}Fo03Bericht") is not None


def _official_hashes() -> set[str]:
    return {
        normalized_sha256(p) for p in OFFICIAL_DIR.rglob("*") if p.suffix in (".xsd", ".wsdl") and p.is_file()
    }


def test_no_file_is_a_copy_of_an_official_file():
    if not OFFICIAL_DIR.is_dir():
        pytest.skip("../shared/standard is absent: official schemas needed for the copy check")
    official = _official_hashes()
    ours = [p for d in (XSD_DIR, WSDL_DIR) for p in d.rglob("*") if p.is_file()]
    assert ours
    for p in ours:
        assert normalized_sha256(p) not in official, p
        text = p.read_text(encoding="utf-8")
        assert (
            "edited with XMLSpy" not in text and "Kwaliteits Instituut Nederlandse Gemeenten" not in text
        ), p
