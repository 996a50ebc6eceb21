"""The repairs of the tolerant mode on their own: the real corpus messages they exist for, what they
leave alone, the counter and the La01 melding. Over HTTP: tests/wire/test_tolerant.py."""

from __future__ import annotations

import copy
import re
import threading
from pathlib import Path

import pytest
from lxml import etree

from rzs import ns, safexml
from rzs.config import Settings
from rzs.fouten import OngeldigBericht
from rzs.stuf import reparaties
from rzs.stuf.stuurgegevens import Systeem
from rzs.stuf.tolerantie import Reparatiegebruik, Reparatieteller, Validatie, Validatiemodus
from rzs.stuf.validatie import Schema
from schemas._oracle import CORPUS_DIR as CORPUS
from schemas._oracle import REPO, fill_placeholders, parse_message

BESTANDEN = CORPUS / "Haarlem--zaakregistratiecomponent" / "src" / "zaakmagazijn" / "api" / "tests" / "files"
#: Real messages (SoapUI against Haarlem's Zaakmagazijn) with <inhoud xsi:nil="true"/> in the scope.
SCOPE_NIL_CORPUS = [
    "maykin_geefZaakdocumentLezen/geefZaakdocumentLezen_EdcLv01_taiga378.xml",
    "maykin_geefZaakdocumentLezen/geefZaakdocumentLezen_EdcLv01_taiga399.xml",
]
SOAPUI = Systeem("SoapUI", "1")


@pytest.fixture(scope="module")
def schema() -> Schema:
    return Schema(Settings().xsd_dir)


def _corpusbericht(pad: str) -> etree._Element:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is absent: the real messages are needed")
    return safexml.parse((BESTANDEN / pad).read_bytes())


@pytest.mark.parametrize("pad", SCOPE_NIL_CORPUS)
def test_corpus_scope_nil_streng_geweigerd_tolerant_hersteld(schema: Schema, pad: str) -> None:
    body = _corpusbericht(pad)
    origineel = safexml.canonical(body)
    with pytest.raises(OngeldigBericht, match="nillable"):
        Validatie(schema, Validatiemodus.STRENG).controleer(
            body, zender=SOAPUI, operatie="geefZaakdocumentLezen"
        )

    teller = Reparatieteller()
    gevalideerd = Validatie(schema, Validatiemodus.TOLERANT, teller).controleer(
        body, zender=SOAPUI, operatie="geefZaakdocumentLezen"
    )
    assert gevalideerd.reparaties == ("scope-nil-weglaten",)
    assert schema.bevindingen(gevalideerd.body) == []
    assert safexml.canonical(body) == origineel  # the copy is repaired, the original kept
    inhoud = next(gevalideerd.body.iter(ns.zkn("inhoud")))
    assert inhoud.get(ns.NIL) is None and inhoud.getparent() is not None  # still asked for
    # The nils the schema allows in that scope (identificatie...) stay as the sender wrote them.
    scope = gevalideerd.body.find(ns.zkn("scope"))
    assert scope is not None
    assert [e.get(ns.NIL) for e in scope.iter(ns.zkn("identificatie"))] in (["true"], ["true", "true"])
    assert teller.stand() == {Reparatiegebruik("scope-nil-weglaten", "1", "SoapUI"): 1}


def _alle_corpusberichten() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(p for p in BESTANDEN.rglob("*.xml") if p.name not in {"gml.xml", "fault.xml"})


def test_tolerant_verandert_niets_aan_andere_corpusberichten(schema: Schema) -> None:
    """Every other corpus message gets the same verdict in both modes: a valid one is processed
    as it is (the same object, nothing counted), an invalid one gets the same StUF055."""
    berichten = _alle_corpusberichten()
    if not berichten:
        pytest.skip("../shared/corpus is absent: the real messages are needed")
    gerepareerd = {str(BESTANDEN / pad) for pad in SCOPE_NIL_CORPUS}
    for pad in berichten:
        body = parse_message(fill_placeholders(pad.read_text(encoding="utf-8")).encode())
        teller = Reparatieteller()
        tolerant = Validatie(schema, Validatiemodus.TOLERANT, teller)
        streng = Validatie(schema, Validatiemodus.STRENG)
        try:
            streng.controleer(body, zender=None, operatie="-")
        except OngeldigBericht as fout:
            if str(pad) in gerepareerd:
                continue
            with pytest.raises(OngeldigBericht) as tolerante_fout:
                tolerant.controleer(body, zender=None, operatie="-")
            assert tolerante_fout.value.details == fout.details, pad
        else:
            assert tolerant.controleer(body, zender=None, operatie="-").body is body, pad
        assert teller.stand() == {}, pad


def test_reparaties_hebben_unieke_namen_en_staan_in_de_documentatie() -> None:
    documentatie = (REPO / "docs" / "tolerant.md").read_text(encoding="utf-8")
    namen = [r.naam for r in reparaties.REPARATIES]
    assert len(set(namen)) == len(namen)
    for reparatie in reparaties.REPARATIES:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)+", reparatie.naam)
        assert reparatie.reden and reparatie.bewijs
        assert f"`{reparatie.naam}`" in documentatie


def test_teller_telt_over_threads_heen() -> None:
    teller = Reparatieteller()
    gebruik = Reparatiegebruik("scope-nil-weglaten", "0000", "REGIE")

    def tel() -> None:
        for _ in range(2000):
            teller.tel(gebruik)

    threads = [threading.Thread(target=tel) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert teller.stand() == {gebruik: 16000}


def _la01(*kinderen: str) -> etree._Element:
    root = etree.Element(ns.zkn("zakLa01"))
    stuurgegevens = etree.SubElement(root, ns.zkn("stuurgegevens"))
    etree.SubElement(stuurgegevens, ns.stuf("berichtcode")).text = "La01"
    for kind in kinderen:
        etree.SubElement(root, ns.zkn(kind))
    return root


def test_melding_na_parameters_en_bestaande_meldingen() -> None:
    antwoord = _la01("parameters", "melding", "antwoord")
    reparaties.meld(antwoord, ["metagegeven-aanvullen", "scope-nil-weglaten"])
    assert [ns.local_name(k.tag) for k in antwoord] == [
        "stuurgegevens",
        "parameters",
        "melding",
        "melding",
        "antwoord",
    ]
    assert antwoord[3].text == "Bericht hersteld (rzs tolerant): metagegeven-aanvullen, scope-nil-weglaten"


def test_geen_melding_buiten_een_la01() -> None:
    bv03 = _la01("parameters")
    bv03.find(f"{ns.zkn('stuurgegevens')}/{ns.stuf('berichtcode')}").text = "Bv03"  # type: ignore[union-attr]
    voor = copy.deepcopy(bv03)
    reparaties.meld(bv03, ["metagegeven-aanvullen"])
    assert safexml.canonical(bv03) == safexml.canonical(voor)
