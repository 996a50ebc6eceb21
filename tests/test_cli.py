"""`rzs serve` as users run it: the production server (gunicorn) on loopback, two workers."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

from rzs import ns
from support import messages
from support.soap import unieke_referentie

RZS = Path(sys.executable).with_name("rzs")


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_rzs_serve_met_twee_workers(tmp_path: Path) -> None:
    """On SQLite, and on PostgreSQL when the suite runs against it (``--database postgresql+psycopg://``)."""
    database = os.environ.get("RZS_TEST_DATABASE_URL") or f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    poort = _vrije_poort()
    proc = subprocess.Popen(
        [
            str(RZS),
            "serve",
            "--port",
            str(poort),
            "--workers",
            "2",
            "--gemeentecode",
            "0363",
            "--database",
            database,
            "--identiteit",
            "0000/RZS",
            "--identiteit",
            "1900/ZSH",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        url = f"http://127.0.0.1:{poort}/zkn/VrijeBerichten"
        for _ in range(150):
            try:
                if requests.get(url, timeout=1).status_code == 200:
                    break
            except requests.ConnectionError:
                time.sleep(0.1)
        body = messages.message(
            "identificaties/genereerZaakIdentificatie_Di02", referentienummer=unieke_referentie()
        )
        ids = set()
        for _ in range(4):
            response = requests.post(
                url,
                data=messages.envelope(body),
                timeout=10,
                headers={
                    "SOAPAction": ns.ZKN_ACTION + "genereerZaakIdentificatie_Di02",
                    "Content-Type": "text/xml",
                },
            )
            assert response.status_code == 200, response.text[:500]
            ids.add(response.text)
        assert len(ids) == 1  # the same message four times, over two processes: one answer
        assert b"<ZKN:identificatie>0363" in response.content
        assert requests.get(url + "?wsdl", timeout=10).status_code == 200
    finally:
        proc.terminate()
        output = proc.communicate(timeout=30)[0].decode(errors="replace")
    assert "Traceback" not in output, output[-3000:]
    assert "als 0000/RZS, 1900/ZSH" in output, output[-3000:]  # the start-up line names our identities


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
