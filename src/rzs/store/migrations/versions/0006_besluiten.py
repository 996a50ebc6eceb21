"""Besluiten: besluittypen in the catalogue and the besluiten themselves (issue 10, ZDS 1.2 4.1.7).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04

``besluittype`` is a child of ``zaaktype`` like resultaattype/documenttype (0003), unique by
omschrijving within the zaaktype. ``besluit`` is not a child of ``zaak``: unlinking (``leidtTot`` V)
or deleting the zaak leaves the besluit with ``zaak_id`` NULL. Written out in full and frozen,
like 0001.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _tekst(naam: str) -> sa.Column[object]:
    return sa.Column(naam, sa.String(), nullable=True)


def upgrade() -> None:
    op.create_table(
        "besluittype",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("zaaktype_id", sa.Integer(), nullable=False),
        sa.Column("volgorde", sa.Integer(), nullable=False),
        sa.Column("omschrijving", sa.String(), nullable=False),
        _tekst("code"),
        _tekst("omschrijving_generiek"),
        _tekst("categorie"),
        sa.ForeignKeyConstraint(
            ["zaaktype_id"], ["zaaktype.id"], name="fk_besluittype_zaaktype_id_zaaktype", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_besluittype"),
        sa.UniqueConstraint("zaaktype_id", "omschrijving", name="uq_besluittype_zaaktype_id_omschrijving"),
    )
    op.create_table(
        "besluit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("identificatie", sa.String(), nullable=False),
        sa.Column("zaak_id", sa.Integer(), nullable=True),
        sa.Column("besluittype_omschrijving", sa.String(), nullable=False),
        _tekst("besluittype_code"),
        _tekst("besluittype_omschrijving_generiek"),
        _tekst("besluittype_categorie"),
        _tekst("datum_beslissing"),
        sa.Column("toelichting", sa.Text(), nullable=True),
        _tekst("ingangsdatum_werking"),
        _tekst("einddatum_werking"),
        _tekst("vervalreden"),
        _tekst("datum_publicatie"),
        _tekst("datum_verzending"),
        _tekst("datum_uiterlijke_reactie"),
        sa.Column("geregistreerd_op", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["zaak_id"], ["zaak.id"], name="fk_besluit_zaak_id_zaak", ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_besluit"),
        sa.UniqueConstraint("identificatie", name="uq_besluit_identificatie"),
    )
    op.create_index("ix_besluit_zaak_id", "besluit", ["zaak_id"])


def downgrade() -> None:
    op.drop_table("besluit")
    op.drop_table("besluittype")
