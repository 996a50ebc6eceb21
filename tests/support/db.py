"""Database snapshots: proof that a rejected message left no trace (STYLE "Tests")."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

#: Tables whose content a rejected message must not change. The protocol is excluded: a refused
#: message that loaded a zaak with persons is recorded there (docs/decisions/0005-protocollering.md).
_GENEGEERD = {"alembic_version", "protocol", "protocol_bsn", "protocol_keten"}


def snapshot(url: str) -> dict[str, list[tuple[Any, ...]]]:
    engine = sa.create_engine(url)
    try:
        metadata = sa.MetaData()
        metadata.reflect(engine)
        with engine.connect() as conn:
            return {
                name: sorted((tuple(row) for row in conn.execute(sa.select(table))), key=repr)
                for name, table in sorted(metadata.tables.items())
                if name not in _GENEGEERD
            }
    finally:
        engine.dispose()
