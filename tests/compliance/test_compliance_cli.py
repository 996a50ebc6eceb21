"""``rzs-compliance``: the command line a tester uses, against our server on loopback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytest import CaptureFixture

from rzs.compliance.cli import main
from support.server import RunningServer


def test_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list"]) == 0
    uit = capsys.readouterr().out
    assert "zaaksysteem (Zaaksysteem): 16 scenario's" in uit
    assert "ZS-07  geefZaakdocumentBewerken (P) (optioneel) — 2 stappen" in uit


def test_run_met_rapporten(server: RunningServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["run", "--role", "zaaksysteem", "--server", server.base_url, "--scenario", "ZS-01"]
    argv += ["--scenario", "ZS-02", "--junit", str(tmp_path / "j.xml"), "--json", str(tmp_path / "r.json")]
    argv += ["--html", str(tmp_path / "r.html")]
    argv += ["--zender", "0000/VENDOR-TEST/tester", "--ontvanger", "0000/RZS"]
    assert main(argv) == 0
    uit = capsys.readouterr().out
    assert "ZS-01  stap  1 STP→TTA genereerZaakIdentificatie_Di02" in uit
    assert "Oordeel: GESLAAGD" in uit
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["geslaagd"] is True
    assert (tmp_path / "j.xml").is_file() and (tmp_path / "r.html").is_file()


def test_een_eindpunt_voor_alles_en_soap_12(server: RunningServer, capsys: CaptureFixture[str]) -> None:
    argv = ["run", "--role", "zaaksysteem", "--endpoint", server.base_url + "/", "--soap", "1.2"]
    assert main([*argv, "--scenario", "ZS-01", "--scenario", "ZS-02", "--stil"]) == 0
    assert "Oordeel: GESLAAGD" in capsys.readouterr().out


def test_zds_12_vorm(server: RunningServer, tmp_path: Path, capsys: CaptureFixture[str]) -> None:
    argv = ["run", "--role", "zaaksysteem", "--server", server.base_url, "--zds", "1.2", "--soap", "1.2"]
    argv += ["--scenario", "ZS-01", "--scenario", "ZS-02", "--json", str(tmp_path / "r.json")]
    assert main(argv) == 0
    uit = capsys.readouterr().out
    assert "ZDS-vorm: ZDS 1.2 (zds0120" in uit and "SOAP-versie: 1.2" in uit
    rapport = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert "<ZDS:creeerZaak_ZakLk01" in rapport["scenarios"][1]["stappen"][0]["bericht"]
    assert rapport["kop"]["Optie --zds"] == "1.2"


def test_verkeerde_ontvanger_faalt_met_stuf010(server: RunningServer, capsys: CaptureFixture[str]) -> None:
    argv = ["run", "--role", "zaaksysteem", "--server", server.base_url, "--scenario", "ZS-01"]
    assert main([*argv, "--ontvanger", "0000/ANDER"]) == 1
    assert "StUF010" in capsys.readouterr().out


def test_verkeerd_gebruik(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--role", "bestaat-niet", "--server", "http://127.0.0.1:9"]) == 2
    assert "Onbekende rol 'bestaat-niet'" in capsys.readouterr().err
