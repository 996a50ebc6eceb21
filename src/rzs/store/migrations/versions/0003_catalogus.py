"""Catalogue: resultaattypen and documenttypen of a zaaktype (issue 4, DIGEST e).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05

Two child tables of ``zaaktype``, deleted with it; unique by omschrijving within the zaaktype,
because that is how ``ZaaktypeRepository.upsert`` matches them when the catalogue file is loaded
again. Written out in full and frozen, like 0001.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    _create_zaaktype_child(
        "resultaattype",
        sa.Column("omschrijving_generiek", sa.String(), nullable=True),
        sa.Column("archiefnominatie", sa.String(), nullable=True),
    )
    _create_zaaktype_child(
        "documenttype",
        sa.Column("omschrijving_generiek", sa.String(), nullable=True),
        sa.Column("categorie", sa.String(), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("documenttype")
    op.drop_table("resultaattype")


def _create_zaaktype_child(table: str, *columns: sa.Column[object]) -> None:
    op.create_table(
        table,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("zaaktype_id", sa.Integer(), nullable=False),
        sa.Column("volgorde", sa.Integer(), nullable=False),
        sa.Column("omschrijving", sa.String(), nullable=False),
        *columns,
        sa.ForeignKeyConstraint(
            ["zaaktype_id"], ["zaaktype.id"], name=f"fk_{table}_zaaktype_id_zaaktype", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=f"pk_{table}"),
        sa.UniqueConstraint("zaaktype_id", "omschrijving", name=f"uq_{table}_zaaktype_id_omschrijving"),
    )
