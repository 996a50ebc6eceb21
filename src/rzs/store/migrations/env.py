"""Alembic environment of the rzs store, for ``Store.migrate()`` and the alembic command line.

``Store.migrate()`` passes its connection in ``config.attributes["connection"]``. From the
command line (new revisions, by hand on a server)::

    alembic -c src/rzs/store/migrations/alembic.ini -x url=sqlite:///data/rzs.sqlite3 upgrade head

Upgrades must be safe when several processes start at once (gunicorn workers, two servers on
one PostgreSQL): the whole upgrade runs in one transaction, taken under an exclusive lock that
the other processes wait for, after which they find the schema at head and do nothing.

* PostgreSQL: a session-level ``pg_advisory_lock`` around the upgrade. Session-level rather than
  transaction-level, so a future revision may use ``autocommit_block()`` (CREATE INDEX
  CONCURRENTLY) without giving up the lock halfway.
* SQLite: the upgrade's transaction starts with BEGIN IMMEDIATE (see ``session.py``): the write
  lock is taken before the version table is read. DDL is transactional in SQLite once the sqlite3
  module stops committing on its own, which ``session.py`` arranges. Foreign keys are switched
  off for the upgrade, because batch migrations (``render_as_batch``) recreate a table by DROP
  and ``ON DELETE CASCADE`` would empty its children; they are checked before commit instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from alembic import context
from sqlalchemy import Connection, func, select

from rzs.store.models import Base

#: Key of the PostgreSQL advisory lock that serialises migrations: "rzs-mig" in ASCII.
MIGRATION_LOCK_KEY = int.from_bytes(b"rzs-mig", "big")


def run_migrations(connection: Connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    with _exclusive(connection):
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=sqlite,
            transactional_ddl=True,
        )
        with context.begin_transaction():
            context.run_migrations()
            if sqlite:
                _check_foreign_keys(connection)


@contextmanager
def _exclusive(connection: Connection) -> Iterator[None]:
    if connection.dialect.name == "postgresql":
        connection.execute(select(func.pg_advisory_lock(MIGRATION_LOCK_KEY)))
        connection.commit()
        try:
            yield
        finally:
            connection.rollback()
            connection.execute(select(func.pg_advisory_unlock(MIGRATION_LOCK_KEY)))
            connection.commit()
    else:
        # PRAGMA foreign_keys is ignored inside a transaction, so it goes straight to the driver.
        driver_connection = connection.connection.driver_connection
        assert driver_connection is not None
        driver_connection.execute("PRAGMA foreign_keys = OFF")
        try:
            yield
        finally:
            driver_connection.execute("PRAGMA foreign_keys = ON")


def _check_foreign_keys(connection: Connection) -> None:
    violations = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if violations:
        raise RuntimeError(f"Migration leaves {len(violations)} broken foreign keys, first: {violations[0]}")


def _main() -> None:
    if context.is_offline_mode():
        raise RuntimeError("Offline (--sql) migrations are not supported; run against a database")
    connection = context.config.attributes.get("connection")
    if connection is not None:
        run_migrations(connection)
        return
    from rzs.store.session import Store  # only from the command line: Store imports this package

    url = context.get_x_argument(as_dictionary=True).get("url") or os.environ.get("RZS_DATABASE_URL")
    if not url:
        raise RuntimeError("Give the database as -x url=... or RZS_DATABASE_URL")
    store = Store(url)
    try:
        with store.engine.connect() as connection:
            run_migrations(connection)
    finally:
        store.dispose()


_main()
