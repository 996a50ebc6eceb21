"""Consumer mode: the harness plays the STP for a Regiesysteem, driven by the reference client.

``rzs-compliance serve --role regiesysteem`` and ``rzs-client regiesysteem-flow`` talk over
loopback; every consumer step must pass. Then the client is broken one rule at a time (a plugin
changes a message before it leaves, or its own endpoint answers wrongly) and the harness must
fail exactly that step, saying why.
"""

from __future__ import annotations

import json
from pathlib import Path

import consumenthulp as hulp
import pytest
from consumenthulp import STP
from lxml import etree

from rzs import ns
from rzs.compliance import scenario
from rzs.compliance.resultaat import FAIL, PASS, Rapport
from rzs.compliance.stp.sessie import Sessie, SessieOpties
from rzs.referentieclient.berichten import Berichten, Systeem
from rzs.referentieclient.flows import Regiesysteem, regiesysteem_flow
from rzs.referentieclient.luister import Ontvanger
from rzs.referentieclient.verbinding import Plugin, Verbinding


def test_serve_en_referentieclient_alle_stappen_slagen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rapport_pad = tmp_path / "rapport.json"
    junit = ["--junit", str(tmp_path / "junit.xml")]
    assert hulp.serve_en_flow("regiesysteem", "regiesysteem-flow", rapport_pad, *junit) == (0, 0)
    uit = capsys.readouterr().out
    assert "REG-01 stap 3: stuur creeerZaak_Lk01 (zakLk01) naar /zkn/OntvangAsynchroon" in uit
    assert "Oordeel: GESLAAGD" in uit
    rapport = json.loads(rapport_pad.read_text(encoding="utf-8"))
    assert [s["id"] for s in rapport["scenarios"]] == [f"REG-{n:02d}" for n in range(1, 18)]
    assert {s["status"] for s in rapport["scenarios"]} == {PASS}
    reg12 = rapport["scenarios"][11]["stappen"]
    assert [(s["nr"], s["richting"]) for s in reg12[:2]] == [(1, "STP→TTA"), (2, "TTA→STP")]
    assert (tmp_path / "junit.xml").is_file()


class _Run:
    """STP and client in-process: the sessie's report after the flow, with client ``plugins``."""

    def __init__(self, plugins: list[Plugin], ontvanger_soort: type[Ontvanger] = Ontvanger) -> None:
        self.plugins, self.ontvanger_soort = plugins, ontvanger_soort

    def __call__(self) -> Rapport:
        berichten = Berichten(Systeem.van("0000/REGIESYSTEEM"), Systeem.van(STP))
        ontvanger = self.ontvanger_soort(berichten)

        def flow(stp_url: str) -> None:
            verbinding = Verbinding(stp_url, plugins=self.plugins)
            regiesysteem_flow(Regiesysteem(berichten, verbinding, log=lambda _t: None), ontvanger, 3.0)

        return hulp.in_proces("regiesysteem", ontvanger, flow)


def _client_zonder_omschrijving(body: etree._Element, headers: dict[str, str]) -> None:
    for element in body.iterfind(".//ZKN:heeftBetrekkingOp/ZKN:omschrijving", {"ZKN": ns.ZKN}):
        element.text = "Cliënt"


def test_creeerzaak_zonder_client_omschrijving_faalt_reg01_stap_3() -> None:
    rapport = _Run([hulp.eenmalig("creeerZaak_Lk01", _client_zonder_omschrijving)])()
    stap = hulp.stap(rapport, "REG-01", 3)
    assert stap.status == FAIL
    assert "heeftBetrekkingOp 1 heeft omschrijving 'Cliënt', verwacht 'Client'" in " ".join(stap.redenen)
    assert hulp.stap(rapport, "REG-01", 4).status == FAIL  # the STP answered Fo03 instead of Bv03
    assert "Fo03 StUF058" in hulp.stap(rapport, "REG-01", 4).redenen[0]
    assert hulp.stap(rapport, "REG-01", 1).status == PASS
    assert hulp.stap(rapport, "REG-01", 7).status == PASS


def _verkeerde_soapaction(body: etree._Element, headers: dict[str, str]) -> None:
    headers["SOAPAction"] = '"http://www.egem.nl/StUF/sector/zkn/0310/zakLv01"'


def test_verkeerde_soapaction_faalt_reg13() -> None:
    rapport = _Run([hulp.eenmalig("geefZaakstatus_Lv01", _verkeerde_soapaction)])()
    redenen = " ".join(hulp.stap(rapport, "REG-13", 1).redenen)
    assert "SOAPAction 'http://www.egem.nl/StUF/sector/zkn/0310/zakLv01'" in redenen
    assert "geefZaakstatus_Lv01 (DIGEST b.2)" in redenen
    assert next(s for s in rapport.scenarios if s.id == "REG-12").status == PASS


class _OntvangerZonderCrossRef(Ontvanger):
    """A Regiesysteem whose Bv03 forgets the crossRefnummer."""

    def _bevestiging(self, bericht: etree._Element | None, code: str) -> etree._Element:
        antwoord = super()._bevestiging(bericht, code)
        for element in list(antwoord.iter(ns.stuf("crossRefnummer"))):
            antwoord.find(ns.stuf("stuurgegevens")).remove(element)  # type: ignore[union-attr]
        return antwoord


def test_bv03_zonder_crossrefnummer_op_de_du01_faalt_reg17_stap_4() -> None:
    rapport = _Run([], _OntvangerZonderCrossRef)()
    assert hulp.stap(rapport, "REG-17", 1).status == PASS
    assert hulp.stap(rapport, "REG-17", 3).status == PASS
    stap = hulp.stap(rapport, "REG-17", 4)
    assert stap.status == FAIL
    assert any("crossRefnummer ontbreekt" in reden for reden in stap.redenen)
    assert "crossRefnummer ontbreekt" in " ".join(hulp.stap(rapport, "REG-12", 2).redenen)


def test_lege_zaakidentificatie_in_de_overdracht_faalt_reg17_stap_1() -> None:
    def leeg(body: etree._Element, headers: dict[str, str]) -> None:
        body.find(f"{ns.rzs('object')}/{ns.zkn('identificatie')}").text = "ONBEKEND-1"  # type: ignore[union-attr]

    rapport = _Run([hulp.eenmalig("overdragenZaak", leeg)])()
    redenen = " ".join(hulp.stap(rapport, "REG-17", 1).redenen)
    assert "MP-OZ-DI01: zaak 'ONBEKEND-1' is in deze run niet aangemaakt" in redenen
    assert "RZS:object/ZKN:identificatie" in redenen  # the data rule: it must be DPL-A
    assert "niet verstuurd" in hulp.stap(rapport, "REG-17", 3).redenen[0]


def test_geen_bericht_meer_verwacht_en_optioneel_overslaan() -> None:
    sessie = Sessie(scenario.laad_rol("regiesysteem"), SessieOpties(scenarios=("REG-06", "REG-07")))
    assert [i.stap.operatie for i in sessie.open_stappen()] == [
        "geefZaakdocumentbewerken_Di02",
        "updateZaakdocument_Di02",
    ]
    rapport = sessie.sluit("test")
    assert "niet ontvangen: test" in rapport.scenarios[0].stappen[0].redenen[0]
