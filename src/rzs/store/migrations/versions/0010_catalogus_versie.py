"""Catalogus versie: one counter every change of the zaaktype catalogue bumps (issue 14).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04

Each server process caches the catalogue; a unit of work reads this single row and reloads the
catalogue only when the counter moved (``store/zaaktypen.py``). Written out in full and frozen,
like 0001.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    tabel = op.create_table(
        "catalogus_versie",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("versie", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalogus_versie")),
    )
    op.bulk_insert(tabel, [{"id": 1, "versie": 0}])


def downgrade() -> None:
    op.drop_table("catalogus_versie")
