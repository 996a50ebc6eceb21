"""The few statements that SQLite and PostgreSQL spell differently, in one place.

Everything else in the store is dialect-neutral SQLAlchemy; a repository that needs one of these
asks here instead of testing the dialect name itself.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from rzs.store.models import Base

SUPPORTED = ("sqlite", "postgresql")


def is_postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def insert_or_ignore(
    session: Session, model: type[Base], values: Mapping[str, Any], conflict_on: Sequence[str]
) -> bool:
    """``INSERT ... ON CONFLICT (conflict_on) DO NOTHING``; True when the row was inserted.

    Unlike catching an IntegrityError this leaves the transaction usable on PostgreSQL, and a
    concurrent insert of the same key waits for the other transaction instead of failing.
    """
    insert = postgresql.insert if is_postgresql(session) else sqlite.insert
    table = Base.metadata.tables[model.__tablename__]
    statement = (
        insert(table)
        .values(dict(values))
        .on_conflict_do_nothing(index_elements=list(conflict_on))
        # rowcount is not reliable here (-1 with psycopg when SQLAlchemy adds RETURNING itself);
        # a returned row is.
        .returning(*table.primary_key.columns)
    )
    return session.execute(statement).first() is not None
