"""A zaakdocument may outlive its relation to the zaak: ``document.zaak_id`` becomes nullable
(issue 10, ontkoppelZaakdocument_Di02, ZDS 1.2 §4.3.9).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04

Unlinking keeps the document, its versions and content (a DMS keeps a document removed from the
zaak's folder, ZDS 1.2 §5.4.10). A downgrade cannot represent such a document, so it refuses
while one exists instead of deleting what the sender still has in its DMS.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("document") as batch:
        batch.alter_column("zaak_id", existing_type=sa.Integer(), nullable=True)


def downgrade() -> None:
    ontkoppeld = op.get_bind().execute(sa.text("SELECT count(*) FROM document WHERE zaak_id IS NULL"))
    if ontkoppeld.scalar_one():
        raise RuntimeError("Er zijn ontkoppelde documenten; 0004 kent geen document zonder zaak")
    with op.batch_alter_table("document") as batch:
        batch.alter_column("zaak_id", existing_type=sa.Integer(), nullable=False)
