"""Voorzieningen (issue 9): the aanvullende namespaces of a zaaktype, every version of every
voorziening, foreign aanvullende elementen kept as-is, and the subscription filter.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04

``voorziening`` rows are never updated: a change is a new row with the next ``versie`` (iWmo's
change semantics, docs/voorzieningen.md). Written out in full and frozen, like 0001.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _tekst(naam: str, *, nullable: bool = True) -> sa.Column[object]:
    return sa.Column(naam, sa.String(), nullable=nullable)


def upgrade() -> None:
    json = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
    with op.batch_alter_table("zaaktype") as batch:
        batch.add_column(sa.Column("aanvullende_elementen", json, nullable=True))
        batch.add_column(_tekst("voorzieningdomein"))
    with op.batch_alter_table("abonnement") as batch:
        batch.add_column(_tekst("voorziening_gebeurtenis"))
    op.create_table(
        "voorziening",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("zaak_id", sa.Integer(), nullable=False),
        sa.Column("nummer", sa.BigInteger(), nullable=False),
        sa.Column("versie", sa.Integer(), nullable=False),
        _tekst("domein", nullable=False),
        _tekst("categorie", nullable=False),
        _tekst("code"),
        _tekst("leveringsvorm", nullable=False),
        _tekst("status", nullable=False),
        _tekst("agb_code"),
        _tekst("ingangsdatum", nullable=False),
        _tekst("einddatum"),
        sa.Column("inhoud", sa.Text(), nullable=False),
        sa.Column("zender", sa.Text(), nullable=True),
        sa.Column("referentienummer", sa.Text(), nullable=True),
        sa.Column("geregistreerd_op", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["zaak_id"], ["zaak.id"], name="fk_voorziening_zaak_id_zaak", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_voorziening"),
        sa.UniqueConstraint("zaak_id", "nummer", "versie", name="uq_voorziening_zaak_id_nummer_versie"),
    )
    op.create_index("ix_voorziening_zaak_id", "voorziening", ["zaak_id"])
    op.create_index("ix_voorziening_categorie", "voorziening", ["categorie"])
    op.create_index("ix_voorziening_agb_code", "voorziening", ["agb_code"])
    op.create_table(
        "aanvullend_element",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("zaak_id", sa.Integer(), nullable=False),
        sa.Column("namespace", sa.Text(), nullable=False),
        sa.Column("inhoud", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["zaak_id"], ["zaak.id"], name="fk_aanvullend_element_zaak_id_zaak", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_aanvullend_element"),
        sa.UniqueConstraint("zaak_id", "namespace", name="uq_aanvullend_element_zaak_id_namespace"),
    )
    op.create_index("ix_aanvullend_element_zaak_id", "aanvullend_element", ["zaak_id"])


def downgrade() -> None:
    op.drop_table("aanvullend_element")
    op.drop_table("voorziening")
    with op.batch_alter_table("abonnement") as batch:
        batch.drop_column("voorziening_gebeurtenis")
    with op.batch_alter_table("zaaktype") as batch:
        batch.drop_column("voorzieningdomein")
        batch.drop_column("aanvullende_elementen")
