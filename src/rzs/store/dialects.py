"""The few statements that SQLite and PostgreSQL spell differently, in one place.

Everything else in the store is dialect-neutral SQLAlchemy; a repository that needs one of these
asks here instead of testing the dialect name itself.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import ReturningInsert

from rzs.store.models import Base

SUPPORTED = ("sqlite", "postgresql")


def tabel(model: type[Base]) -> Table:
    """The Core table of a row class, for set-based statements (typed as Table, unlike
    ``model.__table__``)."""
    return Base.metadata.tables[model.__tablename__]


def is_postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def insert_or_ignore(
    session: Session, model: type[Base], values: Mapping[str, Any], conflict_on: Sequence[str]
) -> bool:
    """``INSERT ... ON CONFLICT (conflict_on) DO NOTHING``; True when the row was inserted.

    Unlike catching an IntegrityError this leaves the transaction usable on PostgreSQL, and a
    concurrent insert of the same key waits for the other transaction instead of failing.
    """
    # rowcount is not reliable here (-1 with psycopg when SQLAlchemy adds RETURNING itself);
    # a returned row is.
    statement = insert_ignore_returning(session, tabel(model), tuple(conflict_on))
    return session.execute(statement, dict(values)).first() is not None


def insert_ignore_returning(
    session: Session, table: Table, conflict_on: tuple[str, ...]
) -> ReturningInsert[Any]:
    """``INSERT ... ON CONFLICT (conflict_on) DO NOTHING RETURNING <primary key>``, for the values
    given to ``execute``: the new key, or no row when the key was taken (see
    :func:`insert_or_ignore`). Built once per table and dialect: it runs for every message."""
    return _insert_ignore_returning(session.get_bind().dialect.name, table, conflict_on)


@functools.cache
def _insert_ignore_returning(
    dialect: str, table: Table, conflict_on: tuple[str, ...]
) -> ReturningInsert[Any]:
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    return (
        insert(table)
        .on_conflict_do_nothing(index_elements=list(conflict_on))
        .returning(*table.primary_key.columns)
    )
