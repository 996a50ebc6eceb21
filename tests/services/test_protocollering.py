"""Protocollering over HTTP (issue 11): after a series of operations on a zaak with known BSNs,
``rzs audit --bsn`` (the installed console script, in its own process) lists every access to that
person's zaken made here and nothing about other persons; ``rzs audit verify`` passes, also after
16 concurrent clients. Edited and deleted records: tests/store/test_protocol.py."""

from __future__ import annotations

import json
import os
import subprocess
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from test_zaken import UITGEBREID, details, maak_zaak

from support import messages
from support.documenten import D, voeg_toe
from support.proces import RZS
from support.server import RunningServer
from support.soap import SoapClient

#: The placeholders of the persons of ``UITGEBREID`` (clients and belanghebbenden).
PERSONEN = ("bsn_1", "bsn_2", "bsn_3", "bsn_belanghebbende_1", "bsn_belanghebbende_2")


def audit(server: RunningServer, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(RZS), "audit", *args, "--database", server.settings.effective_database_url],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "RZS_DATA_DIR": str(server.settings.data_dir)},
        check=False,
    )


def inzage(server: RunningServer, bsn: str, *args: str) -> list[dict[str, Any]]:
    uitkomst = audit(server, "--bsn", bsn, "--json", *args)
    assert uitkomst.returncode == 0, uitkomst.stdout + uitkomst.stderr
    toegang: list[dict[str, Any]] = json.loads(uitkomst.stdout)["toegang"]
    return toegang


def nieuwe_personen() -> dict[str, str]:
    """BSNs no other test uses, so the inzage shows exactly this test's accesses."""
    return {naam: messages.nieuwe_bsn() for naam in PERSONEN}


def test_inzage_toont_elke_toegang_tot_de_zaken_van_de_persoon(
    soap: SoapClient, server: RunningServer
) -> None:
    personen = nieuwe_personen()
    zaak = maak_zaak(soap, UITGEBREID, **personen)
    update = soap.stuur(
        "updateZaak_Lk01", "zaken/updateZaak_omschrijving_toelichting", zaak_identificatie=zaak
    )
    assert update.status == 200, update.data[:800]
    details(soap, zaak)
    document = voeg_toe(soap, zaak)
    lezen = soap.stuur(
        "geefZaakdocumentLezen_Lv01", D + "geefZaakdocumentLezen_alles", document_identificatie=document
    )
    assert lezen.status == 200, lezen.data[:800]
    geweigerd = soap.stuur(
        "actualiseerZaakstatus_Lk01",
        "zaken/actualiseerZaakstatus_onbekend_statustype",
        zaak_identificatie=zaak,
    )
    geweigerd.assert_fout("StUF058")
    andere_zaak = maak_zaak(soap, UITGEBREID)  # the default persons: not this person's zaak

    toegang = inzage(server, personen["bsn_1"])

    assert [(t["operatie"], t["zaak"], t["uitkomst"]) for t in toegang] == [
        ("creeerZaak_Lk01", zaak, "OK"),
        ("updateZaak_Lk01", zaak, "OK"),
        ("geefZaakdetails_Lv01", zaak, "OK"),
        ("voegZaakdocumentToe_Lk01", zaak, "OK"),
        ("geefZaakdocumentLezen_Lv01", zaak, "OK"),
        ("actualiseerZaakstatus_Lk01", zaak, "StUF058"),
    ]
    standaard = messages.DEFAULTS
    assert {(t["zender"]["organisatie"], t["zender"]["applicatie"], t["gebruiker"]) for t in toegang} == {
        (standaard["zender_organisatie"], standaard["zender_applicatie"], standaard["zender_gebruiker"])
    }
    # Every person of the zaak gets the same answer; it names none of the others.
    assert inzage(server, personen["bsn_belanghebbende_2"]) == toegang
    tekst = audit(server, "--bsn", personen["bsn_1"])
    assert tekst.returncode == 0
    assert tekst.stdout.count(zaak) == len(toegang)
    for uitvoer in (tekst.stdout, json.dumps(toegang)):
        assert andere_zaak not in uitvoer
        for naam, bsn in personen.items():
            assert naam == "bsn_1" or bsn not in uitvoer
    assert inzage(server, messages.nieuwe_bsn()) == []


def test_inzage_per_periode(soap: SoapClient, server: RunningServer) -> None:
    personen = nieuwe_personen()
    zaak = maak_zaak(soap, UITGEBREID, **personen)
    vandaag = inzage(server, personen["bsn_2"])
    assert [t["zaak"] for t in vandaag] == [zaak]
    dag = vandaag[0]["tijdstip"][:10]
    assert inzage(server, personen["bsn_2"], "--van", dag, "--tot", dag) == vandaag
    assert inzage(server, personen["bsn_2"], "--tot", "2000-01-01") == []
    assert inzage(server, personen["bsn_2"], "--van", "2999-01-01") == []


def test_verify_na_16_gelijktijdige_clients(soap: SoapClient, server: RunningServer) -> None:
    """Writes (creeerZaak) and reads (geefZaakdetails) at once: one chain, nothing lost."""
    personen = nieuwe_personen()

    def client(_: int) -> str:
        zaak = maak_zaak(soap, UITGEBREID, **personen)
        details(soap, zaak)
        return zaak

    with ThreadPoolExecutor(16) as pool:
        zaken = list(pool.map(client, range(16)))

    controle = audit(server, "verify")
    assert controle.returncode == 0, controle.stdout + controle.stderr
    assert "ongebroken" in controle.stdout
    toegang = inzage(server, personen["bsn_3"])
    assert sorted((t["zaak"], t["operatie"]) for t in toegang) == sorted(
        (zaak, operatie) for zaak in zaken for operatie in ("creeerZaak_Lk01", "geefZaakdetails_Lv01")
    )


def test_verzoek_zonder_geldige_periode_of_bsn_is_een_gebruiksfout(server: RunningServer) -> None:
    assert audit(server).returncode == 2
    assert audit(server, "--bsn", "123456782", "--van", "gisteren").returncode == 2
