"""Initial schema: zaaktype catalogue, the zaak aggregate, identificaties, received messages.

Revision ID: 0001
Revises:
Create Date: 2026-11-28

Written out in full rather than generated, and frozen: later changes to ``models.py`` come as
new revisions. Types are spelled here, not imported from the models, for the same reason.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON_DOCUMENT = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
TIMESTAMP = sa.DateTime(timezone=True)

#: Child tables of zaak, in creation order; dropped in reverse.
ZAAK_CHILDREN = ("status", "betrokkene", "zaakobject", "zaak_relatie", "kenmerk", "ander_zaakobject")


def upgrade() -> None:
    _create_catalogue()
    _create_zaak()
    _create_zaak_child(
        "status",
        sa.Column("volgnummer", sa.Integer(), nullable=False),
        sa.Column("omschrijving", sa.String(), nullable=False),
        sa.Column("datum_status_gezet", sa.String(), nullable=False),
        sa.Column("toelichting", sa.String(), nullable=True),
        sa.Column("gezet_door_soort", sa.String(), nullable=True),
        sa.Column("gezet_door_sleutel", sa.String(), nullable=True),
        sa.Column("gezet_door_gegevens", JSON_DOCUMENT, nullable=True),
    )
    _create_zaak_child(
        "betrokkene",
        sa.Column("rol", sa.String(), nullable=False),
        sa.Column("soort", sa.String(), nullable=False),
        sa.Column("sleutel", sa.String(), nullable=True),
        sa.Column("gegevens", JSON_DOCUMENT, nullable=False),
        sa.Column("code", sa.String(), nullable=True),
        sa.Column("omschrijving", sa.String(), nullable=True),
        sa.Column("toelichting", sa.String(), nullable=True),
    )
    op.create_index("ix_betrokkene_soort_sleutel", "betrokkene", ["soort", "sleutel"])
    _create_zaak_child(
        "zaakobject",
        sa.Column("soort", sa.String(), nullable=False),
        sa.Column("element", sa.String(), nullable=False),
        sa.Column("sleutel", sa.String(), nullable=True),
        sa.Column("gegevens", JSON_DOCUMENT, nullable=False),
        sa.Column("omschrijving", sa.String(), nullable=True),
    )
    op.create_index("ix_zaakobject_soort_sleutel", "zaakobject", ["soort", "sleutel"])
    _create_zaak_child(
        "zaak_relatie",
        sa.Column("soort", sa.String(), nullable=False),
        sa.Column("gerelateerde_identificatie", sa.String(), nullable=False),
    )
    op.create_index(
        "ix_zaak_relatie_gerelateerde_identificatie", "zaak_relatie", ["gerelateerde_identificatie"]
    )
    _create_zaak_child(
        "kenmerk",
        sa.Column("kenmerk", sa.String(), nullable=False),
        sa.Column("bron", sa.String(), nullable=False),
    )
    _create_zaak_child(
        "ander_zaakobject",
        sa.Column("omschrijving", sa.String(), nullable=False),
        sa.Column("aanduiding", sa.String(), nullable=False),
        sa.Column("lokatie", sa.Text(), nullable=False),
        sa.Column("registratie", sa.String(), nullable=False),
    )
    _create_bookkeeping()


def downgrade() -> None:
    for table in ("ontvangen_bericht", "identificatie_teller", "uitgegeven_identificatie"):
        op.drop_table(table)
    for table in reversed(ZAAK_CHILDREN):
        op.drop_table(table)
    op.drop_table("zaak")
    op.drop_table("statustype")
    op.drop_table("zaaktype")


def _create_catalogue() -> None:
    op.create_table(
        "zaaktype",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("omschrijving", sa.String(), nullable=False),
        sa.Column("plansoort", sa.String(), nullable=False),
        sa.Column("ingangsdatum", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_zaaktype"),
        sa.UniqueConstraint("code", name="uq_zaaktype_code"),
    )
    op.create_table(
        "statustype",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("zaaktype_id", sa.Integer(), nullable=False),
        sa.Column("volgnummer", sa.Integer(), nullable=False),
        sa.Column("omschrijving", sa.String(), nullable=False),
        sa.Column("code", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(
            ["zaaktype_id"], ["zaaktype.id"], name="fk_statustype_zaaktype_id_zaaktype", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_statustype"),
        sa.UniqueConstraint("zaaktype_id", "volgnummer", name="uq_statustype_zaaktype_id_volgnummer"),
    )


def _create_zaak() -> None:
    op.create_table(
        "zaak",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("identificatie", sa.String(), nullable=False),
        sa.Column("zaaktype_id", sa.Integer(), nullable=False),
        sa.Column("startdatum", sa.String(), nullable=True),
        sa.Column("registratiedatum", sa.String(), nullable=True),
        sa.Column("omschrijving", sa.String(), nullable=True),
        sa.Column("toelichting", sa.String(), nullable=True),
        sa.Column("publicatiedatum", sa.String(), nullable=True),
        sa.Column("einddatum_gepland", sa.String(), nullable=True),
        sa.Column("uiterlijke_einddatum", sa.String(), nullable=True),
        sa.Column("einddatum", sa.String(), nullable=True),
        sa.Column("betalingsindicatie", sa.String(), nullable=True),
        sa.Column("laatste_betaaldatum", sa.String(), nullable=True),
        sa.Column("archiefnominatie", sa.String(), nullable=True),
        sa.Column("datum_vernietiging_dossier", sa.String(), nullable=True),
        sa.Column("zaakniveau", sa.Integer(), nullable=True),
        sa.Column("deelzaken_indicatie", sa.String(), nullable=True),
        sa.Column("heeft_resultaat", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("resultaat_omschrijving", sa.String(), nullable=True),
        sa.Column("resultaat_toelichting", sa.String(), nullable=True),
        sa.Column("opschorting_indicatie", sa.String(), nullable=True),
        sa.Column("opschorting_reden", sa.String(), nullable=True),
        sa.Column("verlenging_duur", sa.Integer(), nullable=True),
        sa.Column("verlenging_reden", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(["zaaktype_id"], ["zaaktype.id"], name="fk_zaak_zaaktype_id_zaaktype"),
        sa.PrimaryKeyConstraint("id", name="pk_zaak"),
        sa.UniqueConstraint("identificatie", name="uq_zaak_identificatie"),
    )
    op.create_index("ix_zaak_zaaktype_id", "zaak", ["zaaktype_id"])


def _create_zaak_child(table: str, *columns: sa.Column[object]) -> None:
    """A table owned by zaak: key, zaak (deleted with it), position in the zaak's list."""
    op.create_table(
        table,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("zaak_id", sa.Integer(), nullable=False),
        sa.Column("volgorde", sa.Integer(), nullable=False),
        *columns,
        sa.ForeignKeyConstraint(
            ["zaak_id"], ["zaak.id"], name=f"fk_{table}_zaak_id_zaak", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=f"pk_{table}"),
    )
    op.create_index(f"ix_{table}_zaak_id", table, ["zaak_id"])


def _create_bookkeeping() -> None:
    op.create_table(
        "uitgegeven_identificatie",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("soort", sa.String(), nullable=False),
        sa.Column("identificatie", sa.String(), nullable=False),
        sa.Column("uitgegeven_op", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_uitgegeven_identificatie"),
        sa.UniqueConstraint("soort", "identificatie", name="uq_uitgegeven_identificatie_soort_identificatie"),
    )
    op.create_table(
        "identificatie_teller",
        sa.Column("soort", sa.String(), nullable=False),
        sa.Column("prefix", sa.String(), nullable=False),
        sa.Column("laatste", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("soort", "prefix", name="pk_identificatie_teller"),
    )
    op.create_table(
        "ontvangen_bericht",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("zender", sa.Text(), nullable=False),
        sa.Column("referentienummer", sa.Text(), nullable=False),
        sa.Column("inhoud_hash", sa.Text(), nullable=False),
        sa.Column("antwoord", sa.LargeBinary(), nullable=False),
        sa.Column("ontvangen_op", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_ontvangen_bericht"),
        sa.UniqueConstraint(
            "zender", "referentienummer", name="uq_ontvangen_bericht_zender_referentienummer"
        ),
    )
