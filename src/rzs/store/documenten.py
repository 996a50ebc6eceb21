"""Zaakdocumenten in and out of the database, as ``rzs.domain.document.Document``; content via the
content store (``blobs.py``), referenced by sha256.

As for zaken, services read a document, let the domain apply the message (a new version, a
checkout) and hand the complete new state back to :meth:`DocumentRepository.save`. Versions are
append-only: save adds the versions the database does not have yet and never rewrites one, so the
history a DMS keeps cannot be lost by an update (DIGEST f.2).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from sqlalchemy import Select, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from rzs.domain.document import Checkout, Document, Documentgegevens, Documentversie, Inhoud
from rzs.fouten import ObjectBestaatAl, ObjectNietGevonden
from rzs.store.blobs import Blob, BlobStore
from rzs.store.models import DocumentCheckoutRow, DocumentRow, DocumentVersieRow, ZaakRow
from rzs.store.protocol import Inzage
from rzs.store.sleutels import zaak_rij_id

#: Metadata columns of DocumentVersieRow with the same name as the Documentgegevens field.
_GEGEVENS = tuple(Documentgegevens.__dataclass_fields__)


class DocumentRepository:
    def __init__(self, session: Session, blobs: BlobStore, inzage: Inzage) -> None:
        self._session = session
        self._blobs = blobs
        #: The zaak of every document loaded or written (protocollering, ``protocol.py``).
        self._inzage = inzage

    # --- content -------------------------------------------------------------------------------

    def bewaar_inhoud(self, bron: BinaryIO) -> Blob:
        """Write content to the content store (before the rows that reference it; see blobs.py
        for what happens to it when the transaction then rolls back)."""
        return self._blobs.put(bron)

    def lees_inhoud(self, sha256: str) -> Iterator[bytes]:
        return self._blobs.chunks(sha256)

    def inhoud_in_gebruik(self) -> set[str]:
        """Every sha256 a version references: what the content store must keep."""
        statement = select(DocumentVersieRow.inhoud_sha256).where(
            DocumentVersieRow.inhoud_sha256.is_not(None)
        )
        return {sha for sha in self._session.scalars(statement) if sha is not None}

    # --- documents -----------------------------------------------------------------------------

    def exists(self, identificatie: str) -> bool:
        statement = select(DocumentRow.id).where(DocumentRow.identificatie == identificatie)
        return self._session.scalars(statement).first() is not None

    def get(self, identificatie: str) -> Document | None:
        row = self._session.scalars(_select().where(DocumentRow.identificatie == identificatie)).first()
        return self._geladen(row)

    def get_for_update(self, identificatie: str) -> Document | None:
        """As :meth:`get`, with the document row locked until the transaction ends (PostgreSQL
        ``FOR UPDATE``; SQLite's BEGIN IMMEDIATE serialises writers anyway), so two checkouts of
        one document cannot both succeed."""
        statement = (
            _select()
            .where(DocumentRow.identificatie == identificatie)
            .with_for_update(of=DocumentRow)
            .execution_options(populate_existing=True)
        )
        row = self._session.scalars(statement).first()
        return self._geladen(row)

    def voor_zaak(self, zaak_identificatie: str) -> list[Document]:
        """The documents of a zaak (geefLijstZaakdocumenten), by identificatie."""
        statement = (
            _select()
            .join(DocumentRow.zaak)
            .where(ZaakRow.identificatie == zaak_identificatie)
            .order_by(DocumentRow.identificatie)
        )
        self._inzage.zaak(zaak_identificatie)
        return [_document(row) for row in self._session.scalars(statement)]

    def _geladen(self, row: DocumentRow | None) -> Document | None:
        if row is None:
            return None
        document = _document(row)
        self._inzage.zaak(document.zaak_identificatie)
        return document

    def add(self, document: Document) -> None:
        """Store a new document; ObjectBestaatAl (StUF067) if its identificatie is taken,
        ObjectNietGevonden (StUF064) if its zaak does not exist."""
        zaak_row_id = zaak_rij_id(self._session, document.zaak_identificatie or "")
        self._inzage.zaak(document.zaak_identificatie)
        if self.exists(document.identificatie):
            raise ObjectBestaatAl(f"Document {document.identificatie} bestaat al")
        row = DocumentRow(
            identificatie=document.identificatie,
            zaak_id=zaak_row_id,
            registratiedatum=document.registratiedatum,
            versies=[_versie_row(v) for v in document.versies],
            checkout=_checkout_row(document.checkout),
        )
        self._session.flush()
        try:
            with self._session.begin_nested():
                self._session.add(row)
        except IntegrityError as error:
            if self.exists(document.identificatie):
                raise ObjectBestaatAl(f"Document {document.identificatie} bestaat al") from error
            raise

    def save(self, document: Document) -> None:
        """Persist new versions, the checkout state and an unlinking of an existing document."""
        row = self._session.scalars(
            _select().where(DocumentRow.identificatie == document.identificatie)
        ).first()
        if row is None:
            raise ObjectNietGevonden(f"Document {document.identificatie} niet gevonden")
        if document.zaak_identificatie is None:
            row.zaak_id = None  # ontkoppelZaakdocument; relating anew goes through add()
        bekend = {v.versienummer for v in row.versies}
        for versie in document.versies:
            if versie.versienummer not in bekend:
                row.versies.append(_versie_row(versie))
        if _checkout(row.checkout) != document.checkout:
            row.checkout = None
            self._session.flush()  # the old lock row goes before a new one takes its key
            row.checkout = _checkout_row(document.checkout)
        self._session.flush()


def _select() -> Select[DocumentRow]:
    return select(DocumentRow).options(
        selectinload(DocumentRow.zaak),
        selectinload(DocumentRow.versies),
        selectinload(DocumentRow.checkout),
    )


def _versie_row(versie: Documentversie) -> DocumentVersieRow:
    inhoud = versie.inhoud
    return DocumentVersieRow(
        versienummer=versie.versienummer,
        geregistreerd=versie.geregistreerd,
        inhoud_sha256=inhoud.sha256 if inhoud else None,
        inhoud_grootte=inhoud.grootte if inhoud else None,
        bestandsnaam=inhoud.bestandsnaam if inhoud else None,
        content_type=inhoud.content_type if inhoud else None,
        **{naam: getattr(versie.gegevens, naam) for naam in _GEGEVENS},
    )


def _checkout_row(checkout: Checkout | None) -> DocumentCheckoutRow | None:
    if checkout is None:
        return None
    return DocumentCheckoutRow(
        checked_out_id=checkout.checked_out_id,
        checked_out_by=checkout.checked_out_by,
        zender=checkout.zender,
        sinds=checkout.sinds,
    )


def _checkout(row: DocumentCheckoutRow | None) -> Checkout | None:
    if row is None:
        return None
    return Checkout(row.checked_out_id, row.checked_out_by, row.zender, row.sinds)


def _document(row: DocumentRow) -> Document:
    return Document(
        identificatie=row.identificatie,
        zaak_identificatie=row.zaak.identificatie if row.zaak is not None else None,
        registratiedatum=row.registratiedatum,
        versies=[
            Documentversie(
                versienummer=v.versienummer,
                gegevens=Documentgegevens(**{naam: getattr(v, naam) for naam in _GEGEVENS}),
                inhoud=(
                    Inhoud(v.inhoud_sha256, v.inhoud_grootte or 0, v.bestandsnaam or "", v.content_type)
                    if v.inhoud_sha256 is not None
                    else None
                ),
                geregistreerd=v.geregistreerd,
            )
            for v in row.versies
        ],
        checkout=_checkout(row.checkout),
    )
