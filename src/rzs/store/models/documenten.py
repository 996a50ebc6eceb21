"""Zaakdocumenten (revision 0002): metadata per version in rows, the content in the content store
(``blobs.py``), referenced by sha256."""

from __future__ import annotations

from sqlalchemy import BigInteger, ForeignKey, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from rzs.store.models.base import Base
from rzs.store.models.zaak import ZaakRow


class DocumentRow(Base):
    """A zaakdocument: its identity and its zaak. What it says is in its versions."""

    __tablename__ = "document"

    id: Mapped[int] = mapped_column(primary_key=True)
    identificatie: Mapped[str] = mapped_column(unique=True)
    #: The zaak it is relevant for (isRelevantVoor); a zaak is never deleted under its documents.
    #: NULL after ontkoppelZaakdocument (ZDS 1.2): the document stays, unlinked.
    zaak_id: Mapped[int | None] = mapped_column(ForeignKey("zaak.id"), index=True)
    registratiedatum: Mapped[str]

    zaak: Mapped[ZaakRow | None] = relationship(lazy="raise_on_sql")
    versies: Mapped[list[DocumentVersieRow]] = relationship(
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="DocumentVersieRow.versienummer",
        lazy="raise_on_sql",
    )
    checkout: Mapped[DocumentCheckoutRow | None] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, lazy="raise_on_sql"
    )


class DocumentVersieRow(Base):
    """One version of a document: metadata and the sha256 of its content in the content store.

    Rows are only ever added (history, DIGEST f.2 check-in); the current version is the highest
    versienummer.
    """

    __tablename__ = "document_versie"
    __table_args__ = (UniqueConstraint("document_id", "versienummer"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"))
    versienummer: Mapped[int]
    titel: Mapped[str | None]
    beschrijving: Mapped[str | None]
    taal: Mapped[str | None]
    versie: Mapped[str | None]
    status: Mapped[str | None]
    vertrouwelijk_aanduiding: Mapped[str | None]
    auteur: Mapped[str | None]
    creatiedatum: Mapped[str | None]
    ontvangstdatum: Mapped[str | None]
    verzenddatum: Mapped[str | None]
    formaat: Mapped[str | None]
    link: Mapped[str | None]
    documenttype: Mapped[str | None]
    #: Content: its key in the content store (None for a document without content).
    inhoud_sha256: Mapped[str | None] = mapped_column(index=True)
    inhoud_grootte: Mapped[int | None] = mapped_column(BigInteger)
    bestandsnaam: Mapped[str | None]
    content_type: Mapped[str | None]
    geregistreerd: Mapped[str]


class DocumentCheckoutRow(Base):
    """The lock of a checked-out document (geefZaakdocumentbewerken); deleted at check-in or cancel."""

    __tablename__ = "document_checkout"

    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"), primary_key=True)
    checked_out_id: Mapped[str] = mapped_column(unique=True)
    checked_out_by: Mapped[str]
    zender: Mapped[str] = mapped_column(Text)
    sinds: Mapped[str]
