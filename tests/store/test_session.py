"""The unit of work and the engines behind it."""

from __future__ import annotations

import fcntl
import multiprocessing
import os
import sqlite3
import subprocess
import threading
from pathlib import Path

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import OperationalError

from rzs.store import Store

from . import factories


def test_mislukte_unit_of_work_laat_niets_achter(store: Store) -> None:
    with pytest.raises(RuntimeError), store.unit_of_work() as repos:
        repos.zaaktypen.upsert(factories.zaaktype())
        repos.zaken.add(factories.volledige_zaak())
        repos.identificaties.reserveer("zaak", "0363")
        repos.berichten.record("zender", "ref-1", "hash", b"antwoord")
        raise RuntimeError("the handler failed halfway")

    with store.engine.connect() as connection:
        # protocol_keten: the head of the protocol chain, one row since migration 0007.
        tabellen = set(inspect(connection).get_table_names()) - {
            "alembic_version",
            "protocol_keten",
            "catalogus_versie",
        }
        aantallen = {t: connection.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in tabellen}
    assert aantallen == dict.fromkeys(tabellen, 0)


def test_geslaagde_unit_of_work_wordt_vastgelegd(store: Store) -> None:
    with store.unit_of_work() as repos:
        repos.zaaktypen.upsert(factories.zaaktype())

    with store.unit_of_work() as repos:
        assert repos.zaaktypen.all() == [factories.zaaktype()]


def test_engine_per_proces_na_fork(store: Store) -> None:
    """gunicorn forks after the app (and its Store) exist: the child must not reuse the pool."""
    with store.unit_of_work() as repos:
        assert repos.identificaties.reserveer("zaak", "0363") == "0363000000000001"
    ouder_engine = store.engine

    def in_kind() -> None:
        assert store.engine is not ouder_engine
        with store.unit_of_work() as repos:
            assert repos.identificaties.reserveer("zaak", "0363") == "0363000000000002"

    kind = multiprocessing.get_context("fork").Process(target=in_kind)
    kind.start()
    kind.join(timeout=60)

    assert kind.exitcode == 0
    assert store.engine is ouder_engine
    with store.unit_of_work() as repos:
        assert repos.identificaties.reserveer("zaak", "0363") == "0363000000000003"


def test_sqlite_instellingen(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'nog' / 'niet' / 'rzs.sqlite3'}")
    try:
        with store.engine.connect() as connection:
            pragma = {
                naam: connection.exec_driver_sql(f"PRAGMA {naam}").scalar()
                for naam in ("journal_mode", "foreign_keys", "busy_timeout", "synchronous", "cache_size")
            }
        # synchronous 2 = FULL: the WAL is synced before a commit returns (durable by default);
        # a 16 MiB page cache keeps a write's index pages cached as the database grows (issue 14).
        assert pragma == {
            "journal_mode": "wal",
            "foreign_keys": 1,
            "busy_timeout": 30_000,
            "synchronous": 2,
            "cache_size": -16_384,
        }
    finally:
        store.dispose()


def test_sqlite_synchronous_normal_alleen_op_verzoek(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'rzs.sqlite3'}", sqlite_synchronous="normal")
    try:
        with store.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1
    finally:
        store.dispose()


def test_sqlite_schrijvers_wachten_op_het_bestandsslot_lezers_niet(tmp_path: Path) -> None:
    """Writers of our processes queue on ``<database>-schrijfslot`` (a blocking flock, no busy
    polling, issue 14); a read does not touch it."""
    pad = tmp_path / "rzs.sqlite3"
    store = Store(f"sqlite:///{pad}")
    store.migrate()
    assert store.schrijfslot is not None
    klaar = threading.Event()

    def schrijf() -> None:
        with store.unit_of_work() as repos:
            repos.zaaktypen.upsert(factories.zaaktype())
        klaar.set()

    slot = os.open(store.schrijfslot.pad, os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(slot, fcntl.LOCK_EX)  # as another process holding it would
        schrijver = threading.Thread(target=schrijf)
        schrijver.start()
        with store.unit_of_work(alleen_lezen=True) as repos:
            assert repos.zaaktypen.all() == []
        assert not klaar.is_set()
        fcntl.flock(slot, fcntl.LOCK_UN)
        schrijver.join(timeout=60)
        assert klaar.is_set()
    finally:
        os.close(slot)
        store.dispose()


def test_sqlite_transactie_neemt_meteen_het_schrijfslot(tmp_path: Path) -> None:
    """BEGIN IMMEDIATE: a second writer waits at BEGIN, never fails halfway on a lock upgrade."""
    pad = tmp_path / "rzs.sqlite3"
    store = Store(f"sqlite:///{pad}")
    store.migrate()
    anders = sqlite3.connect(pad, timeout=0, isolation_level=None)
    try:
        with store.unit_of_work() as repos:
            repos.zaken.exists("0363000000000001")  # only a read
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                anders.execute("BEGIN IMMEDIATE")
        anders.execute("BEGIN IMMEDIATE")
        anders.execute("ROLLBACK")
    finally:
        anders.close()
        store.dispose()


def test_sqlite_lezen_neemt_geen_schrijfslot_en_wacht_er_niet_op(tmp_path: Path) -> None:
    """A read-only unit of work reads its snapshot while another process holds the write lock,
    and holds no lock a writer would wait for (issue 11, item 6)."""
    pad = tmp_path / "rzs.sqlite3"
    store = Store(f"sqlite:///{pad}")
    store.migrate()
    with store.unit_of_work() as repos:
        repos.zaaktypen.upsert(factories.zaaktype())
    schrijver = sqlite3.connect(pad, timeout=0, isolation_level=None)
    try:
        schrijver.execute("BEGIN IMMEDIATE")
        schrijver.execute("DELETE FROM zaaktype")
        with store.unit_of_work(alleen_lezen=True) as repos:
            assert repos.zaaktypen.all() == [factories.zaaktype()]
        schrijver.execute("ROLLBACK")
        with store.unit_of_work(alleen_lezen=True) as repos:
            repos.zaaktypen.all()
            schrijver.execute("BEGIN IMMEDIATE")
            schrijver.execute("ROLLBACK")
    finally:
        schrijver.close()
        store.dispose()


def test_sqlite_na_alleen_lezen_weer_schrijven_zonder_herstart(tmp_path: Path) -> None:
    """SQLite opens a file it may not write read-only and such a connection stays read-only: after
    the database file was read-only for a while, the pool must not keep failing (issue 11, item 6).
    ``chattr +i`` makes the file unwritable even for root (the tests run as root in CI)."""
    pad = tmp_path / "rzs.sqlite3"
    store = Store(f"sqlite:///{pad}")
    store.migrate()
    store.dispose()
    if subprocess.run(["chattr", "+i", str(pad)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not available here (not root, or a filesystem without it)")
    try:
        with store.unit_of_work(alleen_lezen=True) as repos:  # a connection opened read-only
            repos.zaaktypen.all()
        with pytest.raises(OperationalError, match="readonly"), store.unit_of_work() as repos:
            repos.zaaktypen.upsert(factories.zaaktype())
    finally:
        subprocess.run(["chattr", "-i", str(pad)], check=True)
    try:
        with store.unit_of_work() as repos:
            repos.zaaktypen.upsert(factories.zaaktype())
        with store.unit_of_work(alleen_lezen=True) as repos:
            assert repos.zaaktypen.all() == [factories.zaaktype()]
    finally:
        store.dispose()


def test_fouten_noemen_geen_parameters(store: Store) -> None:
    """A database error reaches the log with its message: without the statement's values, which
    are person data (issue 11, item 3)."""
    with pytest.raises(Exception) as fout, store.engine.connect() as connection:
        connection.execute(text("INSERT INTO bestaat_niet (bsn) VALUES (:bsn)"), {"bsn": "999990019"})
    assert "999990019" not in str(fout.value)
    assert "hidden" in str(fout.value)


def test_sqlite_in_geheugen() -> None:
    store = Store("sqlite://")
    try:
        store.migrate()
        with store.unit_of_work() as repos:
            repos.zaaktypen.upsert(factories.zaaktype())
        with store.unit_of_work() as repos:
            assert repos.zaaktypen.all() == [factories.zaaktype()]
    finally:
        store.dispose()


def test_postgresql_zonder_driver_betekent_psycopg() -> None:
    assert Store("postgresql://rzs@localhost/rzs").engine.dialect.driver == "psycopg"


def test_andere_databases_worden_geweigerd() -> None:
    with pytest.raises(ValueError, match="mysql"):
        Store("mysql://rzs@localhost/rzs")
