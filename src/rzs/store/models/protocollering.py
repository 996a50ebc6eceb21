"""Protocollering (issue 11; docs/decisions/0005-protocollering.md): the hash-chained record of
every access to a zaak with persons (``store/protocol.py``)."""

from __future__ import annotations

from sqlalchemy import BigInteger, ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column

from rzs.store.models.base import Base


class ProtocolRow(Base):
    """One access to one zaak with persons: who, when, which operation, with what outcome.

    Append-only and hash-chained: ``hash`` is the sha256 over the canonical fields including
    ``vorige_hash``, the hash of record ``volgnummer - 1`` (``store/protocol.py``). The persons
    are in ``protocol_bsn``, covered by the same hash.
    """

    __tablename__ = "protocol"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: 1, 2, 3, ... without gaps: a gap is a deleted record.
    volgnummer: Mapped[int] = mapped_column(BigInteger, unique=True)
    #: Unique per access; a read journalled on SQLite keeps it when it enters the chain.
    sleutel: Mapped[str] = mapped_column(unique=True)
    #: ISO 8601 UTC, as text so the hash input is the stored value itself.
    tijdstip: Mapped[str] = mapped_column(index=True)
    zender_organisatie: Mapped[str | None] = mapped_column(Text)
    zender_applicatie: Mapped[str | None] = mapped_column(Text)
    gebruiker: Mapped[str | None] = mapped_column(Text)
    operatie: Mapped[str]
    zaak_identificatie: Mapped[str] = mapped_column(index=True)
    #: ``OK`` or the StUF foutcode of the refusal.
    uitkomst: Mapped[str]
    vorige_hash: Mapped[str]
    hash: Mapped[str]


class ProtocolBsnRow(Base):
    """A person of the zaak of a protocol record, by BSN: what an inzageverzoek looks up."""

    __tablename__ = "protocol_bsn"

    protocol_id: Mapped[int] = mapped_column(ForeignKey("protocol.id"), primary_key=True)
    bsn: Mapped[str] = mapped_column(primary_key=True, index=True)


class ProtocolKetenRow(Base):
    """The head of the chain (one row, ``id`` 1): appenders lock it, so concurrent writers in
    several processes extend one chain; it also shows a deleted last record."""

    __tablename__ = "protocol_keten"

    id: Mapped[int] = mapped_column(primary_key=True)
    volgnummer: Mapped[int] = mapped_column(BigInteger)
    hash: Mapped[str]
