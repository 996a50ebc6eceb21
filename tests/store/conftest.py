"""Every store test runs on SQLite (a temporary file) and on PostgreSQL.

PostgreSQL needs ``RZS_TEST_DATABASE_URL`` (``export RZS_TEST_DATABASE_URL=$(scripts/postgres)``);
each test then gets a database of its own, created from that server and dropped afterwards, so
tests share nothing and can run in parallel (pytest -n).
"""

from __future__ import annotations

import multiprocessing
import os
import uuid
from collections.abc import Callable, Iterator
from multiprocessing.pool import Pool
from multiprocessing.synchronize import Barrier
from pathlib import Path
from typing import TypeVar

import pytest
from sqlalchemy import Engine, create_engine, make_url, text

from rzs.store import Store

from . import werkers

PG_URL = os.environ.get("RZS_TEST_DATABASE_URL", "")
PG_SKIP_REASON = (
    "PostgreSQL store tests need RZS_TEST_DATABASE_URL; start a throwaway server with "
    "`export RZS_TEST_DATABASE_URL=$(scripts/postgres)`"
)

T = TypeVar("T")

#: Concurrent callers in the multi-process tests (genereerZaakIdentificatie: 64 clients).
AANTAL_PROCESSEN = 64


@pytest.fixture(scope="session")
def pg_admin() -> Iterator[Engine]:
    url = make_url(PG_URL)
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database, on each dialect."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'db' / 'rzs.sqlite3'}"
        return
    if not PG_URL:
        pytest.skip(PG_SKIP_REASON)
    admin: Engine = request.getfixturevalue("pg_admin")
    name = f"rzs_test_{uuid.uuid4().hex[:16]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin.url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def lege_store(database_url: str) -> Iterator[Store]:
    store = Store(database_url)
    yield store
    store.dispose()


@pytest.fixture
def store(lege_store: Store) -> Store:
    lege_store.migrate()
    return lege_store


class Processen:
    """A pool of spawned processes, started once per test session (interpreter start is slow).

    :meth:`run` gives each of the ``AANTAL_PROCESSEN`` processes one call; the calls wait for
    each other on a barrier, so a worker cannot take a second call and all of them race.
    """

    def __init__(self, pool: Pool, barrier: Barrier) -> None:
        self._pool = pool
        self._barrier = barrier

    def run(self, function: Callable[[str], T], url: str) -> list[T]:
        try:
            result = self._pool.map_async(function, [url] * AANTAL_PROCESSEN, chunksize=1)
            return list(result.get(timeout=300))
        finally:
            if self._barrier.broken:
                self._barrier.reset()


@pytest.fixture(scope="session")
def processen() -> Iterator[Processen]:
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(AANTAL_PROCESSEN)
    with context.Pool(AANTAL_PROCESSEN, initializer=werkers.start, initargs=(barrier,)) as pool:
        yield Processen(pool, barrier)
