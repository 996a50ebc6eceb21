"""Besluiten (migration 0005): the outcome of a zaak, with an identity of its own."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from rzs.store.models.base import Base, utc_now
from rzs.store.models.zaak import ZaakRow


class BesluitRow(Base):
    """A besluit (beschikking) and the zaak it is the outcome of.

    Not a child of the zaak: a besluit keeps its identity when the zaak's ``leidtTot`` is removed
    (``zaak_id`` NULL). The besluittype is copied from the catalogue when the besluit is stored, as
    a status copies its statustype, so editing the catalogue never changes a taken besluit.
    """

    __tablename__ = "besluit"

    id: Mapped[int] = mapped_column(primary_key=True)
    identificatie: Mapped[str] = mapped_column(unique=True)
    zaak_id: Mapped[int | None] = mapped_column(ForeignKey("zaak.id", ondelete="SET NULL"), index=True)
    besluittype_omschrijving: Mapped[str]
    besluittype_code: Mapped[str | None]
    besluittype_omschrijving_generiek: Mapped[str | None]
    besluittype_categorie: Mapped[str | None]
    datum_beslissing: Mapped[str | None]
    toelichting: Mapped[str | None] = mapped_column(Text)
    ingangsdatum_werking: Mapped[str | None]
    einddatum_werking: Mapped[str | None]
    vervalreden: Mapped[str | None]
    datum_publicatie: Mapped[str | None]
    datum_verzending: Mapped[str | None]
    datum_uiterlijke_reactie: Mapped[str | None]
    geregistreerd_op: Mapped[datetime] = mapped_column(default=utc_now)

    zaak: Mapped[ZaakRow | None] = relationship(lazy="raise_on_sql")
