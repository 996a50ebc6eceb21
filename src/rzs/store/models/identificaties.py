"""Identificaties we handed out and messages we processed: the guards against issuing a number
twice and against processing a message twice (DIGEST f.1, c.4)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import LargeBinary, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from rzs.store.models.base import Base, utc_now


class UitgegevenIdentificatieRow(Base):
    """Every identificatie we ever handed out; the unique constraint is the concurrency guard.

    A row stays after the zaak or document is gone, so a number is never issued twice
    (genereerZaakIdentificatie / genereerDocumentIdentificatie, DIGEST f.1).
    """

    __tablename__ = "uitgegeven_identificatie"
    __table_args__ = (UniqueConstraint("soort", "identificatie"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: 'zaak' or 'document'.
    soort: Mapped[str]
    identificatie: Mapped[str]
    uitgegeven_op: Mapped[datetime] = mapped_column(default=utc_now)


class IdentificatieTellerRow(Base):
    """The last number issued per (soort, prefix); incremented in place, so callers serialise on it."""

    __tablename__ = "identificatie_teller"

    soort: Mapped[str] = mapped_column(primary_key=True)
    prefix: Mapped[str] = mapped_column(primary_key=True)
    laatste: Mapped[int]


class OntvangenBerichtRow(Base):
    """A processed message and the answer we sent: StUF idempotency on zender + referentienummer.

    A repeat with the same content gets the same answer; with other content StUF016 (DIGEST c.4).
    """

    __tablename__ = "ontvangen_bericht"
    __table_args__ = (UniqueConstraint("zender", "referentienummer"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Zender organisatie/applicatie/administratie/gebruiker, as one normalised string.
    zender: Mapped[str] = mapped_column(Text)
    referentienummer: Mapped[str] = mapped_column(Text)
    inhoud_hash: Mapped[str] = mapped_column(Text)
    antwoord: Mapped[bytes] = mapped_column(LargeBinary)
    ontvangen_op: Mapped[datetime] = mapped_column(default=utc_now)
