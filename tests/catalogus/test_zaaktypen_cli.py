"""`rzs zaaktypen list|show|import|export` as an operator runs it: a subprocess on a temporary SQLite file."""

from __future__ import annotations

import os
import subprocess
import tomllib
from pathlib import Path

from support.proces import RZS

GEMEENTE = """
[[zaaktype]]
code = "SD-GZP"
omschrijving = "Opstellen en uitvoeren gezinsplan"
plansoort = "gezinsplan"
statustypen = [{ volgnummer = 1, omschrijving = "Signaal geregistreerd" }]

[[zaaktype]]
code = "SD-LDP"
omschrijving = "Opstellen en uitvoeren levensdomeinplan"
plansoort = "levensdomeinplan"
"""


def rzs(tmp_path: Path, *args: str, zaaktypen: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RZS_")}
    env["RZS_DATA_DIR"] = str(tmp_path)
    if zaaktypen is not None:
        env["RZS_ZAAKTYPEN"] = zaaktypen
    return subprocess.run(
        [str(RZS), "zaaktypen", *args, "--database", f"sqlite:///{tmp_path / 'cat.sqlite3'}"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def codes(lijst: str) -> list[str]:
    return [regel.split()[0] for regel in lijst.splitlines()]


def test_list_show_export(tmp_path: Path) -> None:
    lijst = rzs(tmp_path, "list")
    assert lijst.returncode == 0, lijst.stderr
    assert codes(lijst.stdout) == ["GZP", "JGD", "LDP", "WMO"]
    assert lijst.stdout.splitlines()[0].split()[:2] == ["GZP", "gezinsplan"]

    toon = rzs(tmp_path, "show", "LDP")
    assert toon.returncode == 0, toon.stderr
    (ldp,) = tomllib.loads(toon.stdout)["zaaktype"]
    assert (ldp["code"], ldp["plansoort"], len(ldp["statustypen"])) == ("LDP", "levensdomeinplan", 4)

    export = rzs(tmp_path, "export")
    assert export.returncode == 0, export.stderr
    assert [z["code"] for z in tomllib.loads(export.stdout)["zaaktype"]] == ["GZP", "JGD", "LDP", "WMO"]
    assert "Traceback" not in lijst.stderr + toon.stderr + export.stderr


def test_gemeente_met_eigen_codes(tmp_path: Path) -> None:
    """docs/operations.md: RZS_ZAAKTYPEN="" loads no file; the catalogue is what `import` put in."""
    bestand = tmp_path / "gemeente.toml"
    bestand.write_text(GEMEENTE, encoding="utf-8")

    importeer = rzs(tmp_path, "import", str(bestand), zaaktypen="")
    assert importeer.returncode == 0, importeer.stderr
    assert "2 zaaktypen ingelezen: SD-GZP, SD-LDP" in importeer.stdout
    assert codes(rzs(tmp_path, "list", zaaktypen="").stdout) == ["SD-GZP", "SD-LDP"]

    # Export, edit, import: the round trip updates in place.
    export = rzs(tmp_path, "export", zaaktypen="").stdout
    bestand.write_text(export.replace("Signaal geregistreerd", "Aangemeld"), encoding="utf-8")
    assert rzs(tmp_path, "import", str(bestand), zaaktypen="").returncode == 0
    assert 'omschrijving = "Aangemeld"' in rzs(tmp_path, "show", "SD-GZP", zaaktypen="").stdout

    # The same file as RZS_ZAAKTYPEN is what a server would load at start.
    assert codes(rzs(tmp_path / "ander", "list", zaaktypen=str(bestand)).stdout) == ["SD-GZP", "SD-LDP"]


def test_fouten(tmp_path: Path) -> None:
    onbekend = rzs(tmp_path, "show", "XYZ")
    assert onbekend.returncode == 1
    assert "zaaktype 'XYZ' bestaat niet" in onbekend.stderr

    kapot = tmp_path / "kapot.toml"
    kapot.write_text('[[zaaktype]]\ncode = "VEEL-TE-LANG"\nomschrijving = "x"\n', encoding="utf-8")
    importeer = rzs(tmp_path, "import", str(kapot))
    assert importeer.returncode == 2
    assert "code is langer dan 10 tekens" in importeer.stderr and "Traceback" not in importeer.stderr
    assert codes(rzs(tmp_path, "list").stdout) == ["GZP", "JGD", "LDP", "WMO"]  # nothing changed

    start = rzs(tmp_path, "list", zaaktypen=str(kapot))  # a broken RZS_ZAAKTYPEN stops every command
    assert start.returncode == 2 and "kapot.toml" in start.stderr
