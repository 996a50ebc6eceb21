"""`rzs serve` as users run it: the production server (gunicorn) on loopback, two workers."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import requests

from rzs import ns
from support import messages
from support.proces import RZS, rzs_serve
from support.soap import unieke_referentie


def test_rzs_serve_met_twee_workers(tmp_path: Path) -> None:
    """On SQLite, and on PostgreSQL when the suite runs against it (``--database postgresql+psycopg://``)."""
    database = os.environ.get("RZS_TEST_DATABASE_URL") or f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    with rzs_serve(
        database,
        tmp_path,
        *("--workers", "2", "--gemeentecode", "0363", "--identiteit", "0000/RZS", "--identiteit", "1900/ZSH"),
    ) as (_proc, basis, uitvoer):
        url = basis + "/zkn/VrijeBerichten"
        body = messages.message(
            "identificaties/genereerZaakIdentificatie_Di02", referentienummer=unieke_referentie()
        )
        ids = set()
        for _ in range(4):
            response = _post(url, body, "genereerZaakIdentificatie_Di02")
            assert response.status_code == 200, response.text[:500]
            ids.add(response.text)
        assert len(ids) == 1  # the same message four times, over two processes: one answer
        assert b"<ZKN:identificatie>0363" in response.content
        assert requests.get(url + "?wsdl", timeout=10).status_code == 200
    assert "Traceback" not in uitvoer[0], uitvoer[0][-3000:]
    assert "als 0000/RZS, 1900/ZSH" in uitvoer[0], uitvoer[0][
        -3000:
    ]  # the start-up line names our identities


def test_log_laat_zich_niet_vervalsen_of_volstoppen(tmp_path: Path) -> None:
    """A newline in the referentienummer forges no log line; a 1 MB applicatie gives no 1 MB line
    (issue 11, item 4). Both come before validation, so they are logged of a refused message."""
    database = f"sqlite:///{tmp_path / 'log.sqlite3'}"
    vals = "X\n2026-01-01 00:00:00,000 INFO rzs.wire.dispatch bericht resultaat=VERVALST"
    with rzs_serve(database, tmp_path) as (_proc, basis, uitvoer):
        for waarden in ({"referentienummer": vals}, {"zender_applicatie": "A" * 1_000_000}):
            body = messages.message("identificaties/genereerZaakIdentificatie_Di02", **waarden)
            response = _post(basis + "/zkn/VrijeBerichten", body, "genereerZaakIdentificatie_Di02")
            assert response.status_code == 500
    regels = uitvoer[0].splitlines()
    assert not [r for r in regels if r.startswith("2026-01-01")], "vervalste logregel"
    assert any("\\n2026-01-01" in r for r in regels)
    assert max(len(r) for r in regels) < 3000


def _post(url: str, body: bytes, operatie: str) -> requests.Response:
    return requests.post(
        url,
        data=messages.envelope(body),
        timeout=30,
        headers={"SOAPAction": ns.ZKN_ACTION + operatie, "Content-Type": "text/xml"},
    )


def test_rzs_migrate(tmp_path: Path) -> None:
    result = subprocess.run(
        [str(RZS), "migrate", "--database", f"sqlite:///{tmp_path / 'm.sqlite3'}"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "m.sqlite3").is_file()


def test_rzs_cleanup_verwijdert_alleen_oude_ongebruikte_inhoud(tmp_path: Path) -> None:
    inhoud = tmp_path / "inhoud"
    wees = inhoud / "ab" / "cd" / ("abcd" + "0" * 60)
    wees.parent.mkdir(parents=True)
    wees.write_bytes(b"van een geweigerd bericht")
    os.utime(wees, (time.time() - 7200, time.time() - 7200))
    jong = inhoud / "ef" / "01" / ("ef01" + "0" * 60)
    jong.parent.mkdir(parents=True)
    jong.write_bytes(b"van een bericht dat nog loopt")
    env = {**os.environ, "RZS_DATA_DIR": str(tmp_path)}
    uitvoer = subprocess.run(
        [str(RZS), "cleanup", "--database", f"sqlite:///{tmp_path / 'rzs.sqlite3'}"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert uitvoer.stdout.startswith("1 ")
    assert not wees.exists() and jong.exists()


def test_rzs_serve_stopt_met_een_regel_bij_een_kapotte_codelijst(tmp_path: Path) -> None:
    """A broken code list (issue 9) stops the start-up before it serves: one line naming the file."""
    codelijsten = tmp_path / "codelijsten"
    codelijsten.mkdir()
    (codelijsten / "wmo020.toml").write_text('soort = "productcategorie"\ncodes = [', encoding="utf-8")
    omgeving = {**os.environ, "RZS_CODELIJSTEN": str(codelijsten), "RZS_DATA_DIR": str(tmp_path)}
    result = subprocess.run(
        [str(RZS), "serve", "--port", "0"], capture_output=True, text=True, timeout=120, env=omgeving
    )
    assert result.returncode == 2, result.stderr
    [regel] = [r for r in result.stderr.splitlines() if r.startswith("rzs: ")]
    assert "wmo020.toml" in regel
    assert "Traceback" not in result.stderr
