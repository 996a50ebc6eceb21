"""``rzs-client voorzieningen-regie`` and ``voorzieningen-backoffice`` (issue 9) over real HTTP.

The regie asks for a voorziening on a deelplan-zaak; the backoffice records the beschikking, the
315 signal, the toewijzing, start and stop (or an intrekking after the toewijzing), each an
updateZaak was/wordt, and reads the voorziening back with geefZaakdetails. Our server accepts each
step, refuses a step out of order (VZ-09) and gives the voorziening back with its new status; against
a server that drops the voorziening the client says so and exits 1.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from zonder_voorzieningen import server_zonder_voorzieningen

from rzs import ns, safexml
from rzs.compliance import bronnen
from rzs.referentieclient.berichten import Berichten, Systeem
from rzs.referentieclient.cli import main
from rzs.referentieclient.voorzieningen import STAPPEN, VOORZIENING
from support.server import RunningServer


def _client(capsys: pytest.CaptureFixture[str], url: str, *argv: str) -> tuple[int, list[str]]:
    code = main(["--endpoint", url, *argv])
    return code, capsys.readouterr().out.strip().splitlines()


def _vraag_aan(capsys: pytest.CaptureFixture[str], url: str) -> str:
    code, regels = _client(capsys, url, "voorzieningen-regie")
    assert code == 0, regels
    return regels[-1]


@pytest.mark.parametrize("stap", sorted(STAPPEN))
def test_elk_bericht_is_geldig(stap: str) -> None:
    """Each updateZaak the backoffice sends, was and wordt, passes our schemas and the official set."""
    berichten = Berichten(Systeem.van("0000/BACKOFFICE"), Systeem.van("0000/RZS"))
    versies = STAPPEN[stap]
    bericht = berichten.maak(
        "updateZaak_voorziening",
        {"was": f"voorziening_{versies.was}", "wordt": f"voorziening_{versies.wordt}"},
        **VOORZIENING,
        zaak_identificatie="000000000001",
    )
    assert bronnen.schemafouten(bericht) == []
    was, wordt = bericht.iter(ns.vz("voorziening"))
    assert wordt.findtext(ns.vz("status")) == versies.status
    assert safexml.canonical(was) != safexml.canonical(wordt)  # a new version, not the same again


def test_regie_vraagt_een_voorziening_aan(server: RunningServer, capsys: pytest.CaptureFixture[str]) -> None:
    code, regels = _client(capsys, server.base_url, "voorzieningen-regie", "--nummer", "7001")
    assert code == 0, regels
    assert regels[-1].isdigit() and len(regels[-1]) == 16  # our server's identificaties
    assert regels.count("creeerZaak_Lk01: Bv03Bericht") == 3  # gezinsplan, levensdomeinplan, deelplan


def test_backoffice_hele_levering_en_intrekking(
    server: RunningServer, capsys: pytest.CaptureFixture[str]
) -> None:
    zaak = _vraag_aan(capsys, server.base_url)
    code, regels = _client(capsys, server.base_url, "voorzieningen-backoffice", zaak, "--stap", "alle")
    assert code == 0, regels
    assert regels.count("updateZaak_Lk01: Bv03Bericht") == 5
    assert regels[-1] == f"voorziening 1001 van zaak {zaak}: status beeindigd"
    with server.store.unit_of_work(alleen_lezen=True) as repos:
        versies = repos.voorzieningen.historie(zaak, 1001)
    # Every version is kept: the regie's request and the five backoffice steps, who sent which.
    assert [v.versie for v in versies] == [1, 2, 3, 4, 5, 6]
    assert [v.herkomst.zender for v in versies] == ["0000/REGIESYSTEEM"] + ["0000/BACKOFFICE"] * 5
    tweede = _vraag_aan(capsys, server.base_url)
    for stap in ("beschikking", "verzoek", "toewijzing", "intrekking"):
        code, regels = _client(capsys, server.base_url, "voorzieningen-backoffice", tweede, "--stap", stap)
        assert code == 0, (stap, regels)
    assert regels[-1] == f"voorziening 1001 van zaak {tweede}: status ingetrokken"


def test_verboden_overgang_wordt_geweigerd(server: RunningServer, capsys: pytest.CaptureFixture[str]) -> None:
    """Stop without start: was = geleverd does not match (aangevraagd), and VZ-09 forbids the step."""
    zaak = _vraag_aan(capsys, server.base_url)
    code, regels = _client(capsys, server.base_url, "voorzieningen-backoffice", zaak, "--stap", "stop")
    assert code == 1
    assert regels[-1].startswith("geweigerd: stop: updateZaak_Lk01: StUF058"), regels
    assert "VZ-09" in regels[-1]


def test_server_die_de_voorziening_laat_vallen(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with server_zonder_voorzieningen(tmp_path) as url:
        zaak = _vraag_aan(capsys, url)
        code, regels = _client(capsys, url, "voorzieningen-backoffice", zaak)
    assert code == 1
    assert regels[-1] == (
        f"teruglezen: zaak {zaak} heeft geen voorziening 1001 in geefZaakdetails "
        "(scope StUF:aanvullendeElementen)"
    )
