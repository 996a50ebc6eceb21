"""Consumer mode for a taakspecifieke backoffice, driven by ``rzs-client backoffice-flow``.

``rzs-compliance serve --role backoffice`` and the reference backoffice talk over loopback: every
step passes, including the notificaties (BO-10) and the overdracht (BO-15) the harness sends to
the backoffice's own endpoint. Then a backoffice whose overdragenZaak_Du01 refers to the wrong
Di01 must fail BO-15 step 3, saying why.
"""

from __future__ import annotations

import json
from pathlib import Path

import consumenthulp as hulp
import pytest
from consumenthulp import STP
from lxml import etree

from rzs import ns
from rzs.compliance.resultaat import FAIL, PASS, Rapport
from rzs.referentieclient.backoffice import Backoffice, backoffice_flow
from rzs.referentieclient.berichten import Berichten, Systeem
from rzs.referentieclient.luister import Ontvanger
from rzs.referentieclient.verbinding import Plugin, Verbinding

BO = [f"BO-{n:02d}" for n in range(1, 16) if n != 8]


def test_serve_en_backoffice_flow_alle_stappen_slagen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rapport_pad = tmp_path / "rapport.json"
    assert hulp.serve_en_flow("backoffice", "backoffice-flow", rapport_pad) == (0, 0)
    uit = capsys.readouterr().out
    assert "BO-02 stap 1: stuur creeerZaak_Lk01 (zakLk01) naar /zkn/OntvangAsynchroon" in uit
    assert "ontvangen: overdragenZaak_Di01 0000STPZAAK00002" in uit
    assert "Oordeel: GESLAAGD" in uit
    rapport = json.loads(rapport_pad.read_text(encoding="utf-8"))
    assert [s["id"] for s in rapport["scenarios"]] == BO
    assert {s["status"] for s in rapport["scenarios"]} == {PASS}
    bo15 = rapport["scenarios"][-1]["stappen"]
    assert [(s["nr"], s["richting"]) for s in bo15] == [
        (1, "STP→TTA"),
        (2, "TTA→STP"),
        (3, "TTA→STP"),
        (4, "STP→TTA"),
    ]


def _run(plugins: list[Plugin]) -> Rapport:
    """STP and reference backoffice in-process; the sessie's report after the flow."""
    berichten = Berichten(Systeem.van("0000/BACKOFFICE"), Systeem.van(STP))
    ontvanger = Ontvanger(berichten)

    def flow(stp_url: str) -> None:
        verbinding = Verbinding(stp_url, plugins=plugins)
        backoffice_flow(Backoffice(berichten, verbinding, log=lambda _t: None), ontvanger, 5.0)

    return hulp.in_proces("backoffice", ontvanger, flow)


def _andere_crossref(body: etree._Element, headers: dict[str, str]) -> None:
    cross = body.find(f"{ns.rzs('stuurgegevens')}/{ns.stuf('crossRefnummer')}")
    assert cross is not None
    cross.text = "BACKOFFICE-VERZONNEN-1"


def test_du01_met_verkeerd_crossrefnummer_faalt_bo15_stap_3() -> None:
    rapport = _run([hulp.eenmalig("bevestigOverdragenZaak", _andere_crossref)])
    assert hulp.stap(rapport, "BO-15", 1).status == PASS  # the Di01 was received and confirmed
    stap = hulp.stap(rapport, "BO-15", 3)
    assert stap.status == FAIL
    reden = " ".join(stap.redenen)
    assert "RZS:stuurgegevens/StUF:crossRefnummer: 'BACKOFFICE-VERZONNEN-1', verwacht 'RZSSTP-" in reden
    assert "crossRefnummer = referentienummer van de overdragenZaak_Di01 van stap 1, DIGEST d.6" in reden
    antwoord = hulp.stap(rapport, "BO-15", 4)
    assert antwoord.status == FAIL
    assert "Fo03 StUF043" in antwoord.redenen[0]
    andere = [s for s in rapport.scenarios if s.id != "BO-15"]
    assert {s.status for s in andere} == {PASS}
