"""The Store: one database, engines made per process, and the unit of work every message runs in.

Each StUF message is handled in exactly one transaction (STYLE "Error flow"): the service code
gets the repositories from :meth:`Store.unit_of_work`, and an exception on the way out rolls
everything back, so nothing of a rejected message remains (StUF 03.01 §4.3: a Fo answer means the
message was not processed).

Concurrency, per dialect:

* SQLite (embedded, one machine): WAL so readers never block the writer, ``busy_timeout`` 30 s,
  and ``BEGIN IMMEDIATE`` for every transaction that may write. A deferred BEGIN would take the
  write lock only at the first write, and two transactions that both read first then fail with
  SQLITE_BUSY on the lock upgrade; IMMEDIATE makes writers from several processes queue up at
  BEGIN instead. A read-only unit of work (``unit_of_work(alleen_lezen=True)``: the Lv01 vragen)
  starts with a plain deferred BEGIN: in WAL mode it reads a snapshot and never waits for a writer
  (issue 11, item 6).
* PostgreSQL (several server/worker processes): READ COMMITTED, row locks where an update must
  see the latest state (``ZaakRepository.get_for_update``, the identificatie teller), unique
  constraints for everything that must not happen twice.

Every engine hides statement parameters in its errors (``hide_parameters``): they are person data
(BSN, name, address) and an error ends up in a log with its message (issue 11, item 3).

gunicorn imports the app, then forks its workers; a connection pool must not cross a fork, so the
engine is made on first use in each process (keyed by ``os.getpid()``).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import URL, Connection, Engine, create_engine, event, make_url
from sqlalchemy.orm import Session
from sqlalchemy.pool import ConnectionPoolEntry, StaticPool

from rzs.store.abonnementen import AbonnementRepository
from rzs.store.berichten import BerichtRepository
from rzs.store.besluiten import BesluitRepository
from rzs.store.blobs import BlobStore
from rzs.store.dialects import SUPPORTED
from rzs.store.documenten import DocumentRepository
from rzs.store.identificaties import IdentificatieRepository
from rzs.store.outbox import OutboxRepository
from rzs.store.overdrachten import OverdrachtRepository
from rzs.store.voorzieningen import VoorzieningRepository
from rzs.store.zaaktypen import ZaaktypeRepository
from rzs.store.zaken import ZaakRepository

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

#: How long an SQLite writer waits for the write lock before giving up.
SQLITE_BUSY_TIMEOUT_MS = 30_000

#: Execution option of :attr:`Store.lees_engine`: this transaction only reads.
_ALLEEN_LEZEN = "rzs_alleen_lezen"


@dataclass(frozen=True, slots=True)
class Repositories:
    """The repositories of one unit of work; all share its session and so its transaction."""

    zaken: ZaakRepository
    zaaktypen: ZaaktypeRepository
    identificaties: IdentificatieRepository
    berichten: BerichtRepository
    documenten: DocumentRepository
    abonnementen: AbonnementRepository
    outbox: OutboxRepository
    overdrachten: OverdrachtRepository
    besluiten: BesluitRepository
    voorzieningen: VoorzieningRepository


class Store:
    """One database by SQLAlchemy URL (``sqlite:///path`` or ``postgresql+psycopg://...``), and
    the content store of document content (a directory, ``blobs.py``).

    Cheap to construct and safe to create before a fork: nothing connects until first use.
    Without ``inhoud_dir`` the content lives in a directory ``inhoud`` beside an SQLite file, or in
    ``./data/inhoud`` for other databases (``Settings.effective_inhoud_dir`` is what the server
    passes).
    """

    def __init__(self, url: str, inhoud_dir: Path | None = None) -> None:
        self.url = url
        self._url = _normalise(make_url(url))
        backend = self._url.get_backend_name()
        if backend not in SUPPORTED:
            raise ValueError(f"Unsupported database {backend!r}; the store runs on SQLite or PostgreSQL")
        self._engine: Engine | None = None
        self._lees_engine: Engine | None = None
        self._engine_pid = 0
        self._engine_lock = threading.Lock()
        self.blobs = BlobStore(inhoud_dir or _default_inhoud_dir(self._url))

    @property
    def engine(self) -> Engine:
        """This process's engine, made on first use (and anew in a forked child)."""
        pid = os.getpid()
        if self._engine is None or self._engine_pid != pid:
            with self._engine_lock:
                if self._engine is None or self._engine_pid != pid:
                    if self._engine is not None:
                        # Inherited through fork: drop the pool without closing the parent's sockets.
                        self._engine.dispose(close=False)
                    self._engine = _create_engine(self._url)
                    self._lees_engine = self._engine.execution_options(**{_ALLEEN_LEZEN: True})
                    self._engine_pid = pid
        return self._engine

    @property
    def lees_engine(self) -> Engine:
        """The same engine and pool, for transactions that only read (see the module docstring)."""
        self.engine  # noqa: B018 - makes both engines in this process
        assert self._lees_engine is not None
        return self._lees_engine

    def migrate(self) -> None:
        """``alembic upgrade head``; safe when several processes start at once.

        The serialisation (advisory lock on PostgreSQL, BEGIN IMMEDIATE on SQLite) is in
        ``migrations/env.py``, so the alembic command line gets it too.
        """
        # Imported here: alembic is a tenth of a second that only the migrating process needs.
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
        with self.engine.connect() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    @contextmanager
    def unit_of_work(self, *, alleen_lezen: bool = False) -> Iterator[Repositories]:
        """One transaction: committed when the block ends normally, rolled back on any exception.

        ``alleen_lezen``: the caller promises not to write; on SQLite the transaction then takes no
        write lock (a write in it would have to upgrade the lock and may fail with SQLITE_BUSY).
        """
        engine = self.lees_engine if alleen_lezen else self.engine
        with Session(engine) as session, session.begin():
            yield Repositories(
                zaken=ZaakRepository(session),
                zaaktypen=ZaaktypeRepository(session),
                identificaties=IdentificatieRepository(session),
                berichten=BerichtRepository(session),
                documenten=DocumentRepository(session, self.blobs),
                abonnementen=AbonnementRepository(session),
                outbox=OutboxRepository(session),
                overdrachten=OverdrachtRepository(session),
                besluiten=BesluitRepository(session),
                voorzieningen=VoorzieningRepository(session),
            )

    def delete_orphan_content(self) -> int:
        """Remove content files no document version references (refused messages leave them,
        see ``blobs.py``); returns how many. Safe while the server runs: files younger than the
        grace period are kept, and storing content again makes a file young."""
        with self.unit_of_work() as repos:
            in_gebruik = repos.documenten.inhoud_in_gebruik()
        return self.blobs.delete_orphans(in_gebruik)

    def dispose(self) -> None:
        """Close this process's connections (at shutdown, or in tests between databases)."""
        with self._engine_lock:
            if self._engine is not None and self._engine_pid == os.getpid():
                self._engine.dispose()
            self._engine = None
            self._lees_engine = None

    def __repr__(self) -> str:
        return f"Store({self._url.render_as_string(hide_password=True)!r})"


def _default_inhoud_dir(url: URL) -> Path:
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return Path(url.database).parent / "inhoud"
    return Path.cwd() / "data" / "inhoud"


def _normalise(url: URL) -> URL:
    """A bare ``postgresql://`` means psycopg 3 here: that is the driver we ship."""
    if url.drivername == "postgresql":
        return url.set(drivername="postgresql+psycopg")
    return url


def _create_engine(url: URL) -> Engine:
    if url.get_backend_name() == "sqlite":
        return _create_sqlite_engine(url)
    return create_engine(url, pool_pre_ping=True, hide_parameters=True)


def _create_sqlite_engine(url: URL) -> Engine:
    database = url.database or ""
    in_memory = database in ("", ":memory:") or url.query.get("mode") == "memory"
    if in_memory:
        # One shared connection, or every checkout would see its own empty database.
        engine = create_engine(
            url, poolclass=StaticPool, connect_args={"check_same_thread": False}, hide_parameters=True
        )
    else:
        Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, hide_parameters=True
        )

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: sqlite3.Connection, _entry: ConnectionPoolEntry) -> None:
        # Stop the sqlite3 module from issuing its own (deferred) BEGIN: we issue BEGIN IMMEDIATE.
        dbapi_connection.isolation_level = None
        dbapi_connection.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        dbapi_connection.execute("PRAGMA foreign_keys = ON")
        if not in_memory:
            dbapi_connection.execute("PRAGMA journal_mode = WAL")

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        alleen_lezen = connection.get_execution_options().get(_ALLEEN_LEZEN, False)
        connection.exec_driver_sql("BEGIN" if alleen_lezen else "BEGIN IMMEDIATE")

    return engine
