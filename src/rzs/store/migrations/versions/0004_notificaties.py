"""Notificaties and overdracht: subscriptions, the delivery outbox, handovers (issue 4).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-10

``outbox`` rows are written in the transaction of the change that causes them and delivered by
``rzs.notify.worker``; the index on (status, volgende_poging_op) is what a worker's claim query
uses. Written out in full and frozen, like 0001.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _tijd(naam: str) -> sa.Column[object]:
    return sa.Column(naam, sa.DateTime(timezone=True), nullable=False)


def upgrade() -> None:
    op.create_table(
        "abonnement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("zaaktype", sa.String(), nullable=False),
        sa.Column("gebeurtenis", sa.String(), nullable=False),
        sa.Column("bestemming", sa.Text(), nullable=False),
        sa.Column("ontvanger_applicatie", sa.String(), nullable=False),
        sa.Column("ontvanger_organisatie", sa.String(), nullable=True),
        sa.Column("actief", sa.Boolean(), nullable=False),
        _tijd("aangemaakt"),
        sa.PrimaryKeyConstraint("id", name="pk_abonnement"),
        sa.UniqueConstraint(
            "zaaktype",
            "gebeurtenis",
            "bestemming",
            "ontvanger_applicatie",
            name="uq_abonnement_sleutel",
        ),
    )
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("soort", sa.String(), nullable=False),
        sa.Column("referentienummer", sa.String(), nullable=False),
        sa.Column("zaak_identificatie", sa.String(), nullable=True),
        sa.Column("ontvanger", sa.String(), nullable=False),
        sa.Column("bestemming", sa.Text(), nullable=False),
        sa.Column("soapaction", sa.Text(), nullable=False),
        sa.Column("bericht", sa.LargeBinary(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("pogingen", sa.Integer(), nullable=False),
        _tijd("volgende_poging_op"),
        sa.Column("claim", sa.String(), nullable=True),
        sa.Column("laatste_fout", sa.Text(), nullable=True),
        _tijd("aangemaakt"),
        _tijd("bijgewerkt"),
        sa.PrimaryKeyConstraint("id", name="pk_outbox"),
        sa.UniqueConstraint("referentienummer", name="uq_outbox_referentienummer"),
    )
    op.create_index("ix_outbox_status_volgende_poging_op", "outbox", ["status", "volgende_poging_op"])
    op.create_index("ix_outbox_zaak_identificatie", "outbox", ["zaak_identificatie"])
    op.create_table(
        "overdracht",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("zaak_identificatie", sa.String(), nullable=False),
        sa.Column("richting", sa.String(), nullable=False),
        sa.Column("referentienummer", sa.String(), nullable=False),
        sa.Column("zender", sa.Text(), nullable=False),
        sa.Column("ontvanger", sa.Text(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("melding", sa.Text(), nullable=True),
        sa.Column("bevestiging_referentienummer", sa.String(), nullable=True),
        _tijd("aangemaakt"),
        _tijd("bijgewerkt"),
        sa.PrimaryKeyConstraint("id", name="pk_overdracht"),
        sa.UniqueConstraint(
            "richting", "zender", "referentienummer", name="uq_overdracht_richting_zender_referentienummer"
        ),
    )
    op.create_index("ix_overdracht_zaak_identificatie", "overdracht", ["zaak_identificatie"])


def downgrade() -> None:
    op.drop_table("overdracht")
    op.drop_table("outbox")
    op.drop_table("abonnement")
