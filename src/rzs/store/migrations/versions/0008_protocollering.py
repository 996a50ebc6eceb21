"""Protocollering: the hash-chained record of every access to a zaak with persons (issue 11).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04

``protocol`` holds one record per access to one zaak, ``protocol_bsn`` its persons, and
``protocol_keten`` the head of the chain (one row, locked by every append; starts at volgnummer 0
with the genesis hash of 64 zeros). docs/decisions/0005-protocollering.md. Written out in full
and frozen, like 0001.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The ``vorige_hash`` of the first record.
GENESIS = "0" * 64


def upgrade() -> None:
    op.create_table(
        "protocol",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("volgnummer", sa.BigInteger(), nullable=False),
        sa.Column("sleutel", sa.String(), nullable=False),
        sa.Column("tijdstip", sa.String(), nullable=False),
        sa.Column("zender_organisatie", sa.Text(), nullable=True),
        sa.Column("zender_applicatie", sa.Text(), nullable=True),
        sa.Column("gebruiker", sa.Text(), nullable=True),
        sa.Column("operatie", sa.String(), nullable=False),
        sa.Column("zaak_identificatie", sa.String(), nullable=False),
        sa.Column("uitkomst", sa.String(), nullable=False),
        sa.Column("vorige_hash", sa.String(), nullable=False),
        sa.Column("hash", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_protocol"),
        sa.UniqueConstraint("volgnummer", name="uq_protocol_volgnummer"),
        sa.UniqueConstraint("sleutel", name="uq_protocol_sleutel"),
    )
    op.create_index("ix_protocol_tijdstip", "protocol", ["tijdstip"])
    op.create_index("ix_protocol_zaak_identificatie", "protocol", ["zaak_identificatie"])
    op.create_table(
        "protocol_bsn",
        sa.Column("protocol_id", sa.Integer(), nullable=False),
        sa.Column("bsn", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["protocol_id"], ["protocol.id"], name="fk_protocol_bsn_protocol_id_protocol"
        ),
        sa.PrimaryKeyConstraint("protocol_id", "bsn", name="pk_protocol_bsn"),
    )
    op.create_index("ix_protocol_bsn_bsn", "protocol_bsn", ["bsn"])
    keten = op.create_table(
        "protocol_keten",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("volgnummer", sa.BigInteger(), nullable=False),
        sa.Column("hash", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_protocol_keten"),
    )
    op.bulk_insert(keten, [{"id": 1, "volgnummer": 0, "hash": GENESIS}])


def downgrade() -> None:
    op.drop_table("protocol_keten")
    op.drop_table("protocol_bsn")
    op.drop_table("protocol")
