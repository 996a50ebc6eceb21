"""The authorisation policy file and its checks (stuf/autorisatie.py; DIGEST a.4, StUF052).

The checks over real HTTPS are in tests/wire/test_tls.py; here the file format: a policy that
cannot be used stops the server before it starts, with a line that names the problem."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from rzs.fouten import StufFout
from rzs.services.routes import OPERATIES
from rzs.stuf import autorisatie
from rzs.stuf.stuurgegevens import Systeem
from support.proces import RZS

BELEID = Path(__file__).resolve().parents[1] / "support" / "autorisatie.toml"


def _laad(tmp_path: Path, tekst: str) -> autorisatie.Autorisatie:
    pad = tmp_path / "beleid.toml"
    pad.write_text(tekst, encoding="utf-8")
    return autorisatie.laad(pad, OPERATIES)


@pytest.mark.parametrize(
    ("tekst", "melding"),
    [
        ('[[zender]]\napplicatie = "A"\noperaties = ["creeerZaak"]\n', "onbekende operaties creeerZaak"),
        ('[[zender]]\napplicatie = "A"\nrechten = ["*"]\n', "alleen de velden"),
        ('[[zender]]\napplicatie = "A"\ncertificaten = ["regie.test"]\n', "naam=waarde"),
        ('[[zender]]\noperaties = ["*"]\n', "applicatie"),
        ('[[zender]]\napplicatie = "A"\nzaaktypen = "GZP"\n', "zaaktypen moet een lijst"),
        ("[zender\n", "beleid.toml"),
        ('[[zenders]]\napplicatie = "A"\n', "alleen [[zender]]"),
    ],
)
def test_onbruikbaar_beleid(tmp_path: Path, tekst: str, melding: str) -> None:
    with pytest.raises(autorisatie.AutorisatieBestandFout, match=melding.replace("[", r"\[")):
        _laad(tmp_path, tekst)


def test_het_voorbeeld_van_de_tests() -> None:
    beleid = autorisatie.laad(BELEID, OPERATIES)
    regie = autorisatie.onderwerp([("commonName", "regie.test"), ("organizationName", "Gemeente Test")])
    toegang = beleid.controleer(Systeem("REGIE", "0000"), "updateZaak_Lk01", regie)
    assert toegang.zaaktypen == frozenset({"GZP", "LDP"})
    toegang.controleer_zaaktype("LDP")
    with pytest.raises(StufFout, match="AUT-03") as fout:
        toegang.controleer_zaaktype("WMO")
    assert fout.value.code == "StUF052"
    with pytest.raises(StufFout, match="AUT-01"):  # REGIE's entry names organisatie 0000
        beleid.controleer(Systeem("REGIE", "1900"), "updateZaak_Lk01", regie)
    wmo = autorisatie.onderwerp([("serialNumber", "00000001234567890000")])
    # WMO's entry names no organisatie: any organisatie matches.
    assert beleid.controleer(Systeem("WMO", "1900"), "creeerZaak_Lk01", wmo).zaaktypen == {"JGD"}


def test_zonder_zaaktypen_elk_zaaktype(tmp_path: Path) -> None:
    beleid = _laad(tmp_path, '[[zender]]\napplicatie = "A"\noperaties = ["geefZaakstatus_Lv01"]\n')
    toegang = beleid.controleer(Systeem("A"), "geefZaakstatus_Lv01", None)
    assert toegang.zaaktypen is None
    toegang.controleer_zaaktype("GZP")


def test_rzs_serve_start_niet_met_een_onbruikbaar_beleid(tmp_path: Path) -> None:
    pad = tmp_path / "beleid.toml"
    pad.write_text('[[zender]]\napplicatie = "A"\noperaties = ["creeerzaak_lk01"]\n', encoding="utf-8")
    proc = subprocess.run(
        [str(RZS), "serve", "--port", "1", "--autorisatie", str(pad)],
        capture_output=True,
        text=True,
        timeout=60,
        env={"RZS_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        f"rzs serve: autorisatiebestand {pad}, zender 1: onbekende operaties creeerzaak_lk01"
    ]


def test_het_voorbeeld_in_de_documentatie(tmp_path: Path) -> None:
    """The example of docs/operations.md is a policy the server accepts."""
    tekst = (Path(__file__).resolve().parents[2] / "docs" / "operations.md").read_text(encoding="utf-8")
    voorbeeld = tekst.split("```toml\n", 1)[1].split("```", 1)[0]
    beleid = _laad(tmp_path, voorbeeld)
    assert [b.naam for b in beleid.zenders] == ["0363/REGIE", "0363/WMO"]
