"""Voorzieningen and aanvullende elementen on a zaak (issue 9; migration 0007)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from rzs.store.models.base import Base, utc_now


class VoorzieningRow(Base):
    """One version of a voorziening on a zaak (issue 9; migration 0007): never updated, a change
    is a new row with the next ``versie``. The key fields are columns to query on; ``inhoud`` is
    the full ``VZ:voorzieningen`` container with this one voorziening (exclusive C14N), which is
    what a geefZaakdetails answers. Who sent it, in which message and when is kept per version."""

    __tablename__ = "voorziening"
    __table_args__ = (UniqueConstraint("zaak_id", "nummer", "versie"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id", ondelete="CASCADE"), index=True)
    nummer: Mapped[int] = mapped_column(BigInteger)
    versie: Mapped[int]
    domein: Mapped[str]
    categorie: Mapped[str] = mapped_column(index=True)
    code: Mapped[str | None]
    leveringsvorm: Mapped[str]
    status: Mapped[str]
    agb_code: Mapped[str | None] = mapped_column(index=True)
    ingangsdatum: Mapped[str]
    einddatum: Mapped[str | None]
    inhoud: Mapped[str] = mapped_column(Text)
    zender: Mapped[str | None] = mapped_column(Text)
    referentienummer: Mapped[str | None] = mapped_column(Text)
    geregistreerd_op: Mapped[datetime] = mapped_column(default=utc_now)


class AanvullendElementRow(Base):
    """A child of ``StUF:aanvullendeElementen`` in a namespace the zaaktype does not declare, kept
    as it came when the server is configured to store such elements (issue 9; migration 0007)."""

    __tablename__ = "aanvullend_element"
    __table_args__ = (UniqueConstraint("zaak_id", "namespace"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    zaak_id: Mapped[int] = mapped_column(ForeignKey("zaak.id", ondelete="CASCADE"), index=True)
    namespace: Mapped[str] = mapped_column(Text)
    inhoud: Mapped[str] = mapped_column(Text)
