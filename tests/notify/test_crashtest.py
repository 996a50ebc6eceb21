"""The crash test in CI (issue 11): scripts/crashtest.py kills ``rzs serve`` with SIGKILL during a
load and checks that every acknowledged message is stored completely and its notification
delivered after the restart. On SQLite, and on PostgreSQL when RZS_TEST_DATABASE_URL is set (the
script then makes a database of its own on that server)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "crashtest.py"


def test_kill_9_onder_belasting_verliest_geen_bevestigd_bericht() -> None:
    uitkomst = subprocess.run(
        [sys.executable, str(SCRIPT), "--zaken", "60", "--clients", "3"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    uitvoer = uitkomst.stdout + uitkomst.stderr
    print(uitkomst.stdout)  # the figures, with pytest -s or -rP
    assert uitkomst.returncode == 0, uitvoer[-5000:]
    assert ", verloren 0," in uitvoer, uitvoer[-5000:]
