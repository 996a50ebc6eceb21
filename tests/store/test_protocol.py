"""Protocollering in the store: one record per accessed zaak with persons, a refusal with its code,
a hash chain that shows every edited or removed record, one chain under 64 concurrent processes
(issue 11; docs/decisions/0005-protocollering.md). ``rzs audit verify`` runs as users run it."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from rzs.fouten import ObjectNietGevonden
from rzs.store import Store, Toegang
from support.proces import RZS

from . import factories, werkers
from .conftest import AANTAL_PROCESSEN, Processen

TOEGANG = Toegang("geefZaakdetails_Lv01", "0000", "REGIE", "regisseur01")
MET_PERSONEN = "0363000000000001"
ZONDER_PERSONEN = "0363000000000002"
ANDERE_BSN = "999888777"


@pytest.fixture
def met_zaken(store: Store) -> Store:
    with store.unit_of_work() as repos:
        repos.zaaktypen.upsert(factories.zaaktype())
        repos.zaken.add(factories.volledige_zaak(MET_PERSONEN))
        repos.zaken.add(factories.kale_zaak(ZONDER_PERSONEN))
    return store


def lees(store: Store, keer: int = 1, *, alleen_lezen: bool = False) -> None:
    for _ in range(keer):
        with store.unit_of_work(alleen_lezen=alleen_lezen, toegang=TOEGANG) as repos:
            assert repos.zaken.get(MET_PERSONEN) is not None
            assert repos.zaken.get(ZONDER_PERSONEN) is not None


def verify(store: Store, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(RZS), "audit", "verify", "--database", store.url],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "RZS_DATA_DIR": str(tmp_path)},
        check=False,
    )


def sql(store: Store, statement: str) -> None:
    engine = create_engine(store.url)
    try:
        with engine.begin() as verbinding:
            verbinding.execute(text(statement))
    finally:
        engine.dispose()


@pytest.mark.parametrize("alleen_lezen", [False, True], ids=["schrijvend", "lezend"])
def test_een_record_per_zaak_met_personen(met_zaken: Store, alleen_lezen: bool) -> None:
    lees(met_zaken, alleen_lezen=alleen_lezen)
    met_zaken.protocol_bijwerken()
    with met_zaken.unit_of_work() as repos:
        regels = repos.protocol.voor_bsn(factories.BSN)
        andere = repos.protocol.voor_bsn(ANDERE_BSN)
        assert repos.protocol.controleer() == (1, None)
    assert [(r.zaak_identificatie, r.operatie, r.uitkomst) for r in regels] == [
        (MET_PERSONEN, "geefZaakdetails_Lv01", "OK")
    ]
    assert (regels[0].zender_organisatie, regels[0].zender_applicatie, regels[0].gebruiker) == (
        "0000",
        "REGIE",
        "regisseur01",
    )
    # The answer to one person names no other: the record's other BSN stays out of it.
    assert regels[0].bsns == (factories.BSN,)
    assert [r.sleutel for r in andere] == [regels[0].sleutel]


@pytest.mark.parametrize("alleen_lezen", [False, True], ids=["schrijvend", "lezend"])
def test_weigering_na_laden_wordt_vastgelegd_met_de_foutcode(met_zaken: Store, alleen_lezen: bool) -> None:
    with (
        pytest.raises(ObjectNietGevonden),
        met_zaken.unit_of_work(alleen_lezen=alleen_lezen, toegang=TOEGANG) as repos,
    ):
        repos.zaken.get(MET_PERSONEN)
        raise ObjectNietGevonden("Status onbekend")
    met_zaken.protocol_bijwerken()
    with met_zaken.unit_of_work() as repos:
        assert [r.uitkomst for r in repos.protocol.voor_bsn(factories.BSN)] == ["StUF064"]


def test_verify_ziet_een_gewijzigd_veld(met_zaken: Store, tmp_path: Path) -> None:
    lees(met_zaken, 3)
    goed = verify(met_zaken, tmp_path)
    assert goed.returncode == 0, goed.stdout + goed.stderr
    assert "3 records" in goed.stdout
    sql(met_zaken, "UPDATE protocol SET gebruiker = 'iemand anders' WHERE volgnummer = 2")
    fout = verify(met_zaken, tmp_path)
    assert fout.returncode == 1
    assert "GEBROKEN bij record 2" in fout.stdout


def test_verify_ziet_een_gewijzigde_bsn(met_zaken: Store, tmp_path: Path) -> None:
    lees(met_zaken, 2)
    sql(
        met_zaken,
        f"UPDATE protocol_bsn SET bsn = '123456782' WHERE bsn = '{ANDERE_BSN}' AND protocol_id = "
        "(SELECT id FROM protocol WHERE volgnummer = 1)",
    )
    fout = verify(met_zaken, tmp_path)
    assert fout.returncode == 1
    assert "GEBROKEN bij record 1" in fout.stdout


@pytest.mark.parametrize("volgnummer", [2, 3], ids=["midden", "laatste"])
def test_verify_ziet_een_verwijderd_record(met_zaken: Store, tmp_path: Path, volgnummer: int) -> None:
    lees(met_zaken, 3)
    waar = f"(SELECT id FROM protocol WHERE volgnummer = {volgnummer})"
    sql(met_zaken, f"DELETE FROM protocol_bsn WHERE protocol_id = {waar}")
    sql(met_zaken, f"DELETE FROM protocol WHERE volgnummer = {volgnummer}")
    fout = verify(met_zaken, tmp_path)
    assert fout.returncode == 1
    assert f"GEBROKEN bij record {volgnummer}" in fout.stdout


def test_64_processen_houden_een_keten(met_zaken: Store, processen: Processen, tmp_path: Path) -> None:
    """Half of them read (SQLite: the journal), half write the chain directly; the head-of-chain
    lock (PostgreSQL) and the write lock (SQLite) keep one chain without gaps or forks."""
    pids = processen.run(werkers.protocolleer, met_zaken.url)
    goed = verify(met_zaken, tmp_path)
    assert goed.returncode == 0, goed.stdout + goed.stderr
    assert f"{AANTAL_PROCESSEN} records" in goed.stdout
    with met_zaken.unit_of_work() as repos:
        gebruikers = {r.gebruiker for r in repos.protocol.voor_bsn(factories.BSN)}
    assert gebruikers == {f"proces{pid}" for pid in pids}
