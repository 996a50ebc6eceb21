"""Configuration as an operator meets it (issue 13): a TOML file with every setting, precedence
flags > env > file > defaults, ``rzs config show|check``, ``--version`` everywhere, one clear line
for a wrong setting, an unreachable database or a taken port, quiet migrations, and two
``rzs serve`` on one host that share no gunicorn control socket."""

from __future__ import annotations

import os
import socket
import subprocess
import tomllib
from pathlib import Path

import pytest
import requests

from rzs import config
from support.bezorging import eigen_database
from support.proces import RZS, rzs_serve

VOORBEELD = Path(__file__).resolve().parents[1] / "docs" / "example.toml"


def _rzs(*argumenten: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    omgeving = {k: v for k, v in os.environ.items() if not k.startswith("RZS_")}
    return subprocess.run(
        [str(RZS), *argumenten], env={**omgeving, **(env or {})}, capture_output=True, text=True, timeout=120
    )


def test_voorbeeld_start_en_config_show_drukt_het_af(tmp_path: Path) -> None:
    """Done-when of issue 13: ``rzs serve --config docs/example.toml`` starts, ``config show`` prints it."""
    with eigen_database(tmp_path) as url:
        with rzs_serve(url, tmp_path, "--config", str(VOORBEELD)) as (_proc, basis, uitvoer):
            assert requests.get(basis + "/health/live", timeout=10).status_code == 200
        assert "identiteiten 0363/RZS, 0363/ZSH" in uitvoer[0], uitvoer[0][-2000:]
        assert "Traceback" not in uitvoer[0]
    getoond = _rzs("config", "show", "--config", str(VOORBEELD))
    assert getoond.returncode == 0, getoond.stderr
    effectief = tomllib.loads(getoond.stdout)
    for sleutel, waarde in tomllib.loads(VOORBEELD.read_text()).items():
        assert effectief[sleutel] == waarde, sleutel
    assert set(effectief) >= {"max_antwoord_aantal", "bezorging_timeout", "xsd_dir"}  # every setting


def test_voorrang_vlag_boven_env_boven_bestand_boven_default(tmp_path: Path) -> None:
    bestand = tmp_path / "rzs.toml"
    bestand.write_text('port = 9001\ngemeentecode = "1900"\nworkers = 3\n')
    settings = config.from_environment({"RZS_CONFIG": str(bestand), "RZS_PORT": "9002"})
    assert (settings.port, settings.gemeentecode, settings.workers, settings.host) == (
        9002,
        "1900",
        3,
        "127.0.0.1",
    )
    assert settings.with_overrides(port=9003).port == 9003
    getoond = _rzs("config", "show", env={"RZS_CONFIG": str(bestand), "RZS_PORT": "9002"})
    assert "port = 9002\n" in getoond.stdout and 'gemeentecode = "1900"\n' in getoond.stdout


def test_config_show_verbergt_het_wachtwoord() -> None:
    getoond = _rzs("config", "show", env={"RZS_DATABASE_URL": "postgresql+psycopg://rzs:geheim@db/rzs"})
    assert 'database_url = "postgresql+psycopg://rzs:***@db/rzs"' in getoond.stdout
    assert "geheim" not in getoond.stdout


@pytest.mark.parametrize(
    ("inhoud", "melding"),
    [
        ("prot = 8080\n", "onbekende instelling 'prot'"),
        ('port = "8080"\n', "port = '8080' heeft niet de juiste soort (int)"),
        ('validatie = "soepel"\n', "validatie moet een van streng, tolerant zijn"),
        ('sqlite_synchronous = "off"\n', "sqlite_synchronous moet een van full, normal zijn"),
        ("port = \n", "geen geldige TOML"),
    ],
)
def test_config_check_weigert_met_een_regel(tmp_path: Path, inhoud: str, melding: str) -> None:
    bestand = tmp_path / "fout.toml"
    bestand.write_text(inhoud)
    resultaat = _rzs("config", "check", str(bestand))
    assert resultaat.returncode == 1
    assert resultaat.stdout == "" and len(resultaat.stderr.splitlines()) == 1, resultaat.stderr
    assert melding in resultaat.stderr


def test_config_check_van_het_voorbeeld() -> None:
    resultaat = _rzs("config", "check", str(VOORBEELD))
    assert resultaat.returncode == 0 and resultaat.stdout.startswith(f"{VOORBEELD}: geldig")


def test_een_regel_voor_foute_instelling_onbereikbare_database_en_bezette_poort(tmp_path: Path) -> None:
    env = {"RZS_DATA_DIR": str(tmp_path)}
    fout = _rzs("migrate", env={**env, "RZS_PORT": "acht"})
    assert fout.returncode == 1 and fout.stderr == "rzs: RZS_PORT='acht' is geen int\n"
    weg = _rzs("migrate", "--database", "postgresql+psycopg://rzs:geheim@127.0.0.1:1/rzs", env=env)
    assert weg.returncode == 1 and len(weg.stderr.splitlines()) == 1, weg.stderr
    assert weg.stderr.startswith("rzs: database niet bereikbaar: ") and "geheim" not in weg.stderr
    with socket.socket() as bezet:
        bezet.bind(("127.0.0.1", 0))
        bezet.listen()
        poort = str(bezet.getsockname()[1])
        dubbel = _rzs("serve", "--port", poort, env=env)
    assert dubbel.returncode == 1 and len(dubbel.stderr.splitlines()) == 1, dubbel.stderr
    assert f"rzs: kan niet luisteren op 127.0.0.1:{poort}: Address already in use" in dubbel.stderr


@pytest.mark.parametrize("opdracht", [[], ["serve"], ["worker"], ["config", "show"], ["outbox", "list"]])
def test_version_bij_elke_opdracht(opdracht: list[str]) -> None:
    resultaat = _rzs(*opdracht, "--version")
    assert resultaat.returncode == 0 and resultaat.stdout == "stuf-rzs 0.1.0\n"


def test_migrate_is_stil_behalve_met_debug(tmp_path: Path) -> None:
    stil = _rzs("migrate", env={"RZS_DATA_DIR": str(tmp_path / "a")})
    assert stil.returncode == 0 and stil.stderr == "", stil.stderr
    debug = _rzs("migrate", env={"RZS_DATA_DIR": str(tmp_path / "b"), "RZS_LOG_LEVEL": "debug"})
    assert "Running upgrade" in debug.stderr


def test_twee_instanties_delen_geen_control_socket(tmp_path: Path) -> None:
    """gunicorn >= 25 puts a control socket in ~/.gunicorn (or $XDG_RUNTIME_DIR) that a second
    instance takes over; ours lives in each instance's private directory."""
    thuis = tmp_path / "thuis"
    thuis.mkdir()
    env = {"HOME": str(thuis), "XDG_RUNTIME_DIR": ""}
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    with (
        eigen_database(a) as url_a,
        eigen_database(b) as url_b,
        rzs_serve(url_a, a, env=env) as (_p1, eerste, _u1),
        rzs_serve(url_b, b, env=env) as (_p2, tweede, _u2),
    ):
        for basis in (eerste, tweede):
            assert requests.get(basis + "/health/live", timeout=10).status_code == 200
        assert not (thuis / ".gunicorn").exists()
