"""Zaakdocumenten: document, its versions (content by sha256 in the content store), its checkout.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01

Written out in full and frozen, as 0001. The content itself is not in the database: the
``inhoud_sha256`` of a version names a file of the content store (``store/blobs.py``).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("identificatie", sa.String(), nullable=False),
        sa.Column("zaak_id", sa.Integer(), nullable=False),
        sa.Column("registratiedatum", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["zaak_id"], ["zaak.id"], name="fk_document_zaak_id_zaak"),
        sa.PrimaryKeyConstraint("id", name="pk_document"),
        sa.UniqueConstraint("identificatie", name="uq_document_identificatie"),
    )
    op.create_index("ix_document_zaak_id", "document", ["zaak_id"])
    op.create_table(
        "document_versie",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("versienummer", sa.Integer(), nullable=False),
        *(
            sa.Column(naam, sa.String(), nullable=True)
            for naam in (
                "titel",
                "beschrijving",
                "taal",
                "versie",
                "status",
                "vertrouwelijk_aanduiding",
                "auteur",
                "creatiedatum",
                "ontvangstdatum",
                "verzenddatum",
                "formaat",
                "link",
                "documenttype",
                "inhoud_sha256",
            )
        ),
        sa.Column("inhoud_grootte", sa.BigInteger(), nullable=True),
        sa.Column("bestandsnaam", sa.String(), nullable=True),
        sa.Column("content_type", sa.String(), nullable=True),
        sa.Column("geregistreerd", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name="fk_document_versie_document_id_document",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_document_versie"),
        sa.UniqueConstraint(
            "document_id", "versienummer", name="uq_document_versie_document_id_versienummer"
        ),
    )
    op.create_index("ix_document_versie_inhoud_sha256", "document_versie", ["inhoud_sha256"])
    op.create_table(
        "document_checkout",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("checked_out_id", sa.String(), nullable=False),
        sa.Column("checked_out_by", sa.String(), nullable=False),
        sa.Column("zender", sa.Text(), nullable=False),
        sa.Column("sinds", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name="fk_document_checkout_document_id_document",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", name="pk_document_checkout"),
        sa.UniqueConstraint("checked_out_id", name="uq_document_checkout_checked_out_id"),
    )


def downgrade() -> None:
    op.drop_table("document_checkout")
    op.drop_table("document_versie")
    op.drop_table("document")
