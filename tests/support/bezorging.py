"""Servers with a delivery worker, each on a database of its own, for the notification and
overdracht tests: their outbox rows change while they run, so they must not share the session
server's database (whose tests compare snapshots)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, make_url, text

from rzs.config import Settings
from rzs.notify.worker import Achtergrond, Beleid, Bezorger
from support.server import RunningServer, run_server

#: Retries within tenths of a second: the tests wait by polling, never by sleeping long.
SNEL = Beleid(max_pogingen=4, backoff_basis=0.05, backoff_max=0.2, poll_interval=0.02, timeout=5.0)


@contextmanager
def eigen_database(tmp: Path) -> Iterator[str]:
    """A fresh SQLite file, or a fresh database on the PostgreSQL of ``RZS_TEST_DATABASE_URL``."""
    pg = os.environ.get("RZS_TEST_DATABASE_URL")
    if not pg:
        yield f"sqlite:///{tmp / f'rzs-{uuid.uuid4().hex[:8]}.sqlite3'}"
        return
    url = make_url(pg)
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    naam = f"rzs_notify_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{naam}"'))
    try:
        yield url.set(database=naam).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)'))
        admin.dispose()


def instellingen(database_url: str, tmp: Path, applicatie: str = "RZS") -> Settings:
    return Settings(database_url=database_url, data_dir=tmp, gemeentecode="0000", applicatie=applicatie)


@contextmanager
def met_bezorging(
    settings: Settings, beleid: Beleid = SNEL, *, bezorgen: bool = True
) -> Iterator[RunningServer]:
    """``run_server`` plus a delivery thread on its store (as ``rzs serve`` runs one beside it)."""
    with run_server(settings) as server:
        achtergrond = Achtergrond(Bezorger(server.store, beleid)).start() if bezorgen else None
        try:
            yield server
        finally:
            if achtergrond is not None:
                achtergrond.stop()
