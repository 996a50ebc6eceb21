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

Protocollering (issue 11): a unit of work given a ``Toegang`` appends one hash-chained record per
zaak with persons its repositories touched, before its commit; a read on an SQLite file writes
them to the journal right after it instead, so it still takes no write lock (``protocol.py``,
``journaal.py``, docs/decisions/0005-protocollering.md).

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
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import URL, Connection, Engine, create_engine, event, make_url
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.orm import Session
from sqlalchemy.pool import ConnectionPoolEntry, StaticPool

from rzs.config import Settings
from rzs.fouten import StufFout
from rzs.store.abonnementen import AbonnementRepository
from rzs.store.berichten import BerichtRepository
from rzs.store.besluiten import BesluitRepository
from rzs.store.blobs import BlobStore
from rzs.store.dialects import SUPPORTED
from rzs.store.documenten import DocumentRepository
from rzs.store.identificaties import IdentificatieRepository
from rzs.store.journaal import Journaal
from rzs.store.outbox import OutboxRepository
from rzs.store.overdrachten import OverdrachtRepository
from rzs.store.overzicht import OverzichtRepository
from rzs.store.protocol import GESLAAGD, Inzage, Protocolregel, ProtocolRepository, Toegang
from rzs.store.schrijfslot import Schrijfslot
from rzs.store.voorzieningen import VoorzieningRepository
from rzs.store.zaaktypen import Catalogus, ZaaktypeRepository
from rzs.store.zaken import ZaakRepository

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

#: How long an SQLite writer waits for the write lock before giving up.
SQLITE_BUSY_TIMEOUT_MS = 30_000

#: Page cache per SQLite connection, KiB (PRAGMA cache_size; the default is 2,000).
SQLITE_CACHE_KIB = 16_384

#: ``Settings.sqlite_synchronous`` -> the PRAGMA value (a fixed table: never text from outside).
_SYNCHRONOUS = {"full": "FULL", "normal": "NORMAL"}

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
    protocol: ProtocolRepository
    #: What this unit of work touched, filled by the repositories (``protocol.py``).
    inzage: Inzage
    overzicht: OverzichtRepository


class Store:
    """One database by SQLAlchemy URL (``sqlite:///path`` or ``postgresql+psycopg://...``), and
    the content store of document content (a directory, ``blobs.py``).

    Cheap to construct and safe to create before a fork: nothing connects until first use.
    Without ``inhoud_dir`` the content lives in a directory ``inhoud`` beside an SQLite file, or in
    ``./data/inhoud`` for other databases (``Settings.effective_inhoud_dir`` is what the server
    passes).
    """

    def __init__(self, url: str, inhoud_dir: Path | None = None, *, sqlite_synchronous: str = "full") -> None:
        self.url = url
        #: ``PRAGMA synchronous`` of an SQLite file: ``full`` (durable, the default) or ``normal``
        #: (``Settings.sqlite_synchronous``, docs/performance.md "Durability").
        self.sqlite_synchronous = sqlite_synchronous
        self._url = _normalise(make_url(url))
        backend = self._url.get_backend_name()
        if backend not in SUPPORTED:
            raise ValueError(f"Unsupported database {backend!r}; the store runs on SQLite or PostgreSQL")
        self._engine: Engine | None = None
        self._lees_engine: Engine | None = None
        self._engine_pid = 0
        self._engine_lock = threading.Lock()
        self.blobs = BlobStore(inhoud_dir or _default_inhoud_dir(self._url))
        #: Protocol records of reads on an SQLite file (``journaal.py``); None elsewhere.
        self.journaal = _journaal(self._url)
        #: Writers on an SQLite file queue here, blocking (``schrijfslot.py``); None elsewhere.
        self.schrijfslot = _schrijfslot(self._url)
        #: The zaaktype catalogue, cached for this process (``zaaktypen.py``).
        self.catalogus = Catalogus()

    @classmethod
    def uit_instellingen(cls, settings: Settings) -> Store:
        """The store the settings name: database, content directory, SQLite durability."""
        return cls(
            settings.effective_database_url,
            settings.effective_inhoud_dir,
            sqlite_synchronous=settings.sqlite_synchronous,
        )

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
                    self._engine = _create_engine(self._url, self.sqlite_synchronous)
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
    def unit_of_work(
        self, *, alleen_lezen: bool = False, toegang: Toegang | None = None
    ) -> Iterator[Repositories]:
        """One transaction: committed when the block ends normally, rolled back on any exception.

        ``alleen_lezen``: the caller promises not to write; on SQLite the transaction then takes no
        write lock (a write in it would have to upgrade the lock and may fail with SQLITE_BUSY).

        ``toegang``: a message's operation; every zaak with persons the repositories touched is
        protocolled (``protocol.py``): in this transaction, or for a read on an SQLite file in the
        journal right after it, before the caller can answer. A refused message is protocolled
        in a transaction of its own for the zaken it loaded (docs/decisions/0005-protocollering.md).
        """
        inzage = Inzage()
        regels: list[Protocolregel] = []
        verplaatst = 0
        try:
            with (
                self._slot(alleen_lezen),
                Session(self.lees_engine if alleen_lezen else self.engine) as session,
                session.begin(),
            ):
                repos = self._repositories(session, inzage)
                yield repos
                if toegang is not None:
                    regels = repos.protocol.regels(inzage, toegang, GESLAAGD)
                    verplaatst = self._in_de_keten(repos.protocol, regels, alleen_lezen=alleen_lezen)
        except Exception as fout:
            if toegang is not None and inzage.gelezen:
                self._weigering(inzage, toegang, fout, alleen_lezen=alleen_lezen)
            raise
        self._na_commit(regels, verplaatst, alleen_lezen=alleen_lezen)

    def _slot(self, alleen_lezen: bool) -> AbstractContextManager[None]:
        if alleen_lezen or self.schrijfslot is None:
            return nullcontext()
        return self.schrijfslot.vast()

    def _repositories(self, session: Session, inzage: Inzage) -> Repositories:
        zaaktypen = ZaaktypeRepository(session, self.catalogus)
        return Repositories(
            zaken=ZaakRepository(session, inzage, zaaktypen),
            zaaktypen=zaaktypen,
            identificaties=IdentificatieRepository(session),
            berichten=BerichtRepository(session),
            documenten=DocumentRepository(session, self.blobs, inzage),
            abonnementen=AbonnementRepository(session),
            outbox=OutboxRepository(session),
            overdrachten=OverdrachtRepository(session),
            besluiten=BesluitRepository(session, inzage),
            voorzieningen=VoorzieningRepository(session),
            protocol=ProtocolRepository(session),
            overzicht=OverzichtRepository(session),
            inzage=inzage,
        )

    def _in_de_keten(
        self, protocol: ProtocolRepository, regels: list[Protocolregel], *, alleen_lezen: bool
    ) -> int:
        """Append to the chain in the caller's transaction, the journal's records first; a read on
        an SQLite file leaves that to the journal. Returns the last journal id moved in."""
        if not regels or (alleen_lezen and self.journaal is not None):
            return 0
        tot, wachtend = self.journaal.lees() if self.journaal is not None else (0, [])
        protocol.vastleggen([*wachtend, *regels], uit_journaal=len(wachtend))
        return tot

    def _na_commit(self, regels: list[Protocolregel], verplaatst: int, *, alleen_lezen: bool) -> None:
        """After the commit: a read's records into the journal (durable before the caller answers),
        or the journal records that are in the chain now out of it."""
        if self.journaal is None:
            return
        if alleen_lezen:
            self.journaal.plaats(regels)
        self.journaal.verwijder(verplaatst)

    def _weigering(self, inzage: Inzage, toegang: Toegang, fout: Exception, *, alleen_lezen: bool) -> None:
        """A refused message saw the zaken it loaded: protocol that, with its foutcode."""
        code = fout.code if isinstance(fout, StufFout) else "StUF058"
        with self.unit_of_work(alleen_lezen=alleen_lezen) as repos:
            regels = repos.protocol.regels(inzage, toegang, code)
            verplaatst = self._in_de_keten(repos.protocol, regels, alleen_lezen=alleen_lezen)
        self._na_commit(regels, verplaatst, alleen_lezen=alleen_lezen)

    def protocol_bijwerken(self) -> int:
        """Move the journal into the chain now (``rzs audit``); returns how many records moved."""
        if self.journaal is None:
            return 0
        with self.unit_of_work() as repos:
            tot, wachtend = self.journaal.lees()
            aantal = repos.protocol.vastleggen(wachtend, uit_journaal=len(wachtend))
        self.journaal.verwijder(tot)
        return aantal

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


def _journaal(url: URL) -> Journaal | None:
    if url.get_backend_name() != "sqlite" or _in_memory(url):
        return None
    database = Path(url.database or "")
    return Journaal(database.with_name(database.name + "-protocol"), SQLITE_BUSY_TIMEOUT_MS)


def _schrijfslot(url: URL) -> Schrijfslot | None:
    if url.get_backend_name() != "sqlite" or _in_memory(url):
        return None
    database = Path(url.database or "")
    return Schrijfslot(database.with_name(database.name + "-schrijfslot"))


def _in_memory(url: URL) -> bool:
    return url.database in (None, "", ":memory:") or url.query.get("mode") == "memory"


def _default_inhoud_dir(url: URL) -> Path:
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return Path(url.database).parent / "inhoud"
    return Path.cwd() / "data" / "inhoud"


def _normalise(url: URL) -> URL:
    """A bare ``postgresql://`` means psycopg 3 here: that is the driver we ship."""
    if url.drivername == "postgresql":
        return url.set(drivername="postgresql+psycopg")
    return url


def _create_engine(url: URL, sqlite_synchronous: str) -> Engine:
    if url.get_backend_name() == "sqlite":
        return _create_sqlite_engine(url, sqlite_synchronous)
    return create_engine(url, pool_pre_ping=True, hide_parameters=True)


def _create_sqlite_engine(url: URL, synchronous: str) -> Engine:
    database = url.database or ""
    in_memory = database in ("", ":memory:") or url.query.get("mode") == "memory"
    if in_memory:
        # One shared connection, or every checkout would see its own empty database.
        engine = create_engine(
            url, poolclass=StaticPool, connect_args={"check_same_thread": False}, hide_parameters=True
        )
    else:
        Path(database).parent.mkdir(parents=True, exist_ok=True)
        # LIFO: the connection used last is used next, so one connection per worker stays warm
        # (its page cache below) and the others stay small.
        engine = create_engine(
            url,
            connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
            hide_parameters=True,
            pool_use_lifo=True,
        )

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: sqlite3.Connection, _entry: ConnectionPoolEntry) -> None:
        # Stop the sqlite3 module from issuing its own (deferred) BEGIN: we issue BEGIN IMMEDIATE.
        dbapi_connection.isolation_level = None
        dbapi_connection.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        dbapi_connection.execute("PRAGMA foreign_keys = ON")
        if not in_memory:
            dbapi_connection.execute("PRAGMA journal_mode = WAL")
            # FULL: the WAL is synced at every commit, before we answer (docs/performance.md).
            dbapi_connection.execute(f"PRAGMA synchronous = {_SYNCHRONOUS[synchronous]}")
            # The index pages a creeerZaak touches must stay cached as the database grows: with
            # SQLite's default (2 MB) its CPU grew by a fifth from 0 to 100,000 zaken (issue 14).
            dbapi_connection.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        alleen_lezen = connection.get_execution_options().get(_ALLEEN_LEZEN, False)
        connection.exec_driver_sql("BEGIN" if alleen_lezen else "BEGIN IMMEDIATE")

    event.listen(engine, "handle_error", _verbinding_weggooien_na_bestandsfout)
    return engine


#: SQLite primary result codes that come from the state of the database file, not from the
#: statement: the connection that saw one is not to be trusted with the next transaction.
_BESTANDSFOUTEN = frozenset({sqlite3.SQLITE_READONLY, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN})


def _verbinding_weggooien_na_bestandsfout(context: ExceptionContext) -> None:
    """Count such an error as a disconnect, so the pool drops its connections (issue 11, item 6).

    SQLite opens a file it may not write read-only, silently, and such a connection stays
    read-only: after the database file was read-only for a while every pooled connection kept
    failing with "attempt to write a readonly database" until the server restarted. As a
    disconnect, the failing message still fails, but the pool is invalidated and the next
    transaction opens the file anew.
    """
    fout = context.original_exception
    if isinstance(fout, sqlite3.Error) and (getattr(fout, "sqlite_errorcode", 0) & 0xFF) in _BESTANDSFOUTEN:
        context.is_disconnect = True
