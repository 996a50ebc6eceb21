"""Hartslag: delivery workers say they are alive, for ``GET /health/ready`` (issue 13).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04

One row per delivery process (``host:pid``), its time updated every few seconds. The HTTP
workers of every ``rzs serve`` on the database read the newest one: they cannot see the delivery
child of their own master, nor ``rzs worker`` processes on other hosts, but the database is shared
by all. Written out in full and frozen, like 0001.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "hartslag",
        sa.Column("naam", sa.String(), nullable=False),
        sa.Column("bijgewerkt", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("naam", name=op.f("pk_hartslag")),
    )


def downgrade() -> None:
    op.drop_table("hartslag")
