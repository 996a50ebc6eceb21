"""Database snapshots: proof that a rejected message left no trace (STYLE "Tests")."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

#: Tables whose content a rejected message must not change. The protocol is excluded: a refused
#: message that loaded a zaak with persons is recorded there (docs/decisions/0005-protocollering.md);
#: so is the delivery worker's heartbeat, which it writes every few seconds whatever arrives.
_GENEGEERD = {"alembic_version", "protocol", "protocol_bsn", "protocol_keten", "hartslag"}


class Snapshots:
    """Many snapshots of one database with one engine and one reflection (the fuzz tests take
    one per message); the schema must not change meanwhile."""

    def __init__(self, url: str) -> None:
        self.engine = sa.create_engine(url)
        self.metadata = sa.MetaData()
        self.metadata.reflect(self.engine)

    def neem(self) -> dict[str, list[tuple[Any, ...]]]:
        with self.engine.connect() as conn:
            return {
                name: sorted((tuple(row) for row in conn.execute(sa.select(table))), key=repr)
                for name, table in sorted(self.metadata.tables.items())
                if name not in _GENEGEERD
            }

    def sluit(self) -> None:
        self.engine.dispose()


def snapshot(url: str) -> dict[str, list[tuple[Any, ...]]]:
    snapshots = Snapshots(url)
    try:
        return snapshots.neem()
    finally:
        snapshots.sluit()
