"""Besluiten in and out of the database, as the domain dataclass ``rzs.domain.besluit.Besluit``.

A besluit points at its zaak by the zaak's surrogate key; services see the zaak's identificatie.
The voorzieningen of issue 9 find a besluit by identificatie (:meth:`BesluitRepository.get`).
"""

from __future__ import annotations

from sqlalchemy import Select, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from rzs.domain.besluit import BESLUIT_ATTRIBUTEN, Besluit
from rzs.domain.zaaktype import Besluittype
from rzs.fouten import ObjectBestaatAl, ObjectNietGevonden
from rzs.store.models import BesluitRow, ZaakRow
from rzs.store.protocol import Inzage
from rzs.store.sleutels import zaak_rij_id


class BesluitRepository:
    def __init__(self, session: Session, inzage: Inzage) -> None:
        self._session = session
        #: The zaak of every besluit loaded or written (protocollering, ``protocol.py``).
        self._inzage = inzage

    def exists(self, identificatie: str) -> bool:
        statement = select(BesluitRow.id).where(BesluitRow.identificatie == identificatie)
        return self._session.scalars(statement).first() is not None

    def get(self, identificatie: str) -> Besluit | None:
        row = self._session.scalars(_select().where(BesluitRow.identificatie == identificatie)).first()
        return self._geladen(row)

    def get_for_update(self, identificatie: str) -> Besluit | None:
        """As :meth:`get`, with the besluit row locked until the transaction ends (PostgreSQL
        ``FOR UPDATE``; SQLite's BEGIN IMMEDIATE serialises writers anyway): for updateBesluit and
        for linking, so two zaken cannot both take one besluit (BSL-06)."""
        statement = (
            _select()
            .where(BesluitRow.identificatie == identificatie)
            .with_for_update(of=BesluitRow)
            .execution_options(populate_existing=True)
        )
        row = self._session.scalars(statement).first()
        return self._geladen(row)

    def voor_zaak(self, zaak_identificatie: str) -> list[Besluit]:
        """The besluiten a zaak leidtTot, ordered by identificatie (a stable order for answers)."""
        statement = (
            _select()
            .join(BesluitRow.zaak)
            .where(ZaakRow.identificatie == zaak_identificatie)
            .order_by(BesluitRow.identificatie)
        )
        self._inzage.zaak(zaak_identificatie)
        return [_besluit(row) for row in self._session.scalars(statement)]

    def _geladen(self, row: BesluitRow | None) -> Besluit | None:
        if row is None:
            return None
        besluit = _besluit(row)
        self._inzage.zaak(besluit.zaak)
        return besluit

    def add(self, besluit: Besluit) -> None:
        """Store a new besluit; ObjectBestaatAl (StUF067) if its identificatie is taken (checked
        first, and the unique constraint catches a concurrent insert, as ``ZaakRepository.add``)."""
        if self.exists(besluit.identificatie):
            raise ObjectBestaatAl(f"Besluit {besluit.identificatie} bestaat al")
        row = BesluitRow(identificatie=besluit.identificatie)
        self._schrijf(row, besluit)
        try:
            with self._session.begin_nested():
                self._session.add(row)
        except IntegrityError as error:
            if self.exists(besluit.identificatie):
                raise ObjectBestaatAl(f"Besluit {besluit.identificatie} bestaat al") from error
            raise

    def save(self, besluit: Besluit) -> None:
        """Persist the complete new state of an existing besluit, its zaak link included."""
        row = self._session.scalars(
            _select().where(BesluitRow.identificatie == besluit.identificatie)
        ).first()
        if row is None:
            raise ObjectNietGevonden(f"Besluit {besluit.identificatie} bestaat niet")
        self._schrijf(row, besluit)
        self._session.flush()

    def _schrijf(self, row: BesluitRow, besluit: Besluit) -> None:
        self._inzage.zaak(besluit.zaak)
        row.zaak_id = zaak_rij_id(self._session, besluit.zaak) if besluit.zaak is not None else None
        row.besluittype_omschrijving = besluit.besluittype.omschrijving
        row.besluittype_code = besluit.besluittype.code
        row.besluittype_omschrijving_generiek = besluit.besluittype.omschrijving_generiek
        row.besluittype_categorie = besluit.besluittype.categorie
        for naam in BESLUIT_ATTRIBUTEN:
            setattr(row, naam, getattr(besluit, naam))


def _select() -> Select[BesluitRow]:
    return select(BesluitRow).options(selectinload(BesluitRow.zaak))


def _besluit(row: BesluitRow) -> Besluit:
    besluit = Besluit(
        identificatie=row.identificatie,
        besluittype=Besluittype(
            omschrijving=row.besluittype_omschrijving,
            code=row.besluittype_code,
            omschrijving_generiek=row.besluittype_omschrijving_generiek,
            categorie=row.besluittype_categorie,
        ),
        zaak=row.zaak.identificatie if row.zaak is not None else None,
    )
    for naam in BESLUIT_ATTRIBUTEN:
        setattr(besluit, naam, getattr(row, naam))
    return besluit
