"""The zaaktype catalogue (DIGEST e): what a creeerZaak is checked against (BR-03, BR-12).

Zaaktypen are per-gemeente configuration (``catalogus/zaaktypen.toml``), loaded with
:meth:`ZaaktypeRepository.upsert` at start-up; zaken point at them by key.

Cached per process (:class:`Catalogus`, issue 14): re-reading four tables for every creeerZaak
was 8-15% of its CPU for data that changes a few times a year. Every change bumps one counter
(``catalogus_versie``) in the same transaction; a unit of work reads that counter once (one
single-row SELECT) and reloads the catalogue only when it moved, so ``rzs zaaktypen import`` from
another process, or another server on the same PostgreSQL, is seen by the next message.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from typing import TypeVar

from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from rzs.domain.zaaktype import (
    AanvullendeNamespace,
    Besluittype,
    Documenttype,
    PlanSoort,
    Resultaattype,
    Statustype,
    Zaaktype,
)
from rzs.store.dialects import insert_or_ignore
from rzs.store.models import (
    BesluittypeRow,
    CatalogusVersieRow,
    DocumenttypeRow,
    ResultaattypeRow,
    StatustypeRow,
    ZaaktypeRow,
)

_OmschrijvingRow = TypeVar("_OmschrijvingRow", ResultaattypeRow, DocumenttypeRow, BesluittypeRow)
_Omschrijvingtype = TypeVar("_Omschrijvingtype", Resultaattype, Documenttype, Besluittype)


@dataclass(frozen=True, slots=True)
class Catalogusstand:
    """The whole catalogue at one ``catalogus_versie``; never changed, replaced as a whole."""

    versie: int
    op_code: dict[str, tuple[int, Zaaktype]]
    op_id: dict[int, Zaaktype]

    def zoek(self, code: str | None, omschrijving: str | None) -> Zaaktype | None:
        if code is not None:
            gevonden = self.op_code.get(code)
            return gevonden[1] if gevonden else None
        if omschrijving is None:
            return None
        # Omschrijving is not unique: the lowest code wins, so the answer is stable.
        return next((z for c, (_, z) in sorted(self.op_code.items()) if z.omschrijving == omschrijving), None)


class Catalogus:
    """The catalogue of this process, shared by its threads (one per :class:`Store`)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stand: Catalogusstand | None = None

    def actueel(self, session: Session, *, gewijzigd: bool = False) -> Catalogusstand:
        """The catalogue as this transaction sees it: cached unless the counter moved.

        ``gewijzigd``: this transaction changed the catalogue itself; what it sees is not
        committed (it may still roll back), so it is read for this transaction only.
        """
        versie = session.execute(_VERSIE).scalar_one()
        stand = self._stand
        if stand is not None and stand.versie == versie and not gewijzigd:
            return stand
        if gewijzigd:
            return _lees(session, versie)
        with self._lock:
            stand = self._stand = _lees(session, versie)
        return stand


def _lees(session: Session, versie: int) -> Catalogusstand:
    rows = session.scalars(select(ZaaktypeRow).options(*_CATALOGUS_OPTIES).order_by(ZaaktypeRow.code))
    zaaktypen = [(row.id, zaaktype_from_row(row)) for row in rows]
    return Catalogusstand(
        versie, {zaaktype.code: (id_, zaaktype) for id_, zaaktype in zaaktypen}, dict(zaaktypen)
    )


_VERSIE = select(CatalogusVersieRow.versie).where(CatalogusVersieRow.id == 1)


class ZaaktypeRepository:
    def __init__(self, session: Session, catalogus: Catalogus) -> None:
        self._session = session
        self._catalogus = catalogus
        self._stand: Catalogusstand | None = None
        self._gewijzigd = False

    def stand(self) -> Catalogusstand:
        """The catalogue for this unit of work: the counter is read once per unit of work."""
        if self._stand is None:
            self._stand = self._catalogus.actueel(self._session, gewijzigd=self._gewijzigd)
        return self._stand

    def get(self, code: str | None, omschrijving: str | None) -> Zaaktype | None:
        """The zaaktype a message names (``isVan/gerelateerde``).

        By code when the message gives one, whatever its omschrijving says (the service decides
        whether a mismatch is an error); otherwise by omschrijving, which is not unique, so the
        lowest code wins to keep the answer stable.
        """
        return self.stand().zoek(code, omschrijving)

    def upsert(self, zaaktype: Zaaktype) -> None:
        """Insert or update the zaaktype with this code, statustypen included.

        Statustypen are matched on volgnummer and updated in place (a replace would hit the
        unique (zaaktype, volgnummer) constraint at flush); ones no longer configured go away.
        Zaak statussen keep their own copy of volgnummer and omschrijving, so that is safe.
        Resultaattypen, documenttypen and besluittypen are matched the same way on their omschrijving.
        Several processes may load the catalogue at once: the insert tolerates a concurrent one.
        A zaaktype stored exactly so already is left alone: every start loads the catalogue file,
        and that must not write, nor make every process reload its cached catalogue.
        """
        nieuw = insert_or_ignore(
            self._session,
            ZaaktypeRow,
            {
                "code": zaaktype.code,
                "omschrijving": zaaktype.omschrijving,
                "plansoort": zaaktype.plansoort.value,
            },
            conflict_on=["code"],
        )
        row = self._session.scalars(
            select(ZaaktypeRow)
            .where(ZaaktypeRow.code == zaaktype.code)
            .options(*_CATALOGUS_OPTIES)
            .execution_options(populate_existing=True)
        ).one()
        if not nieuw and zaaktype_from_row(row) == zaaktype:
            return
        row.omschrijving = zaaktype.omschrijving
        row.plansoort = zaaktype.plansoort.value
        row.ingangsdatum = zaaktype.ingangsdatum
        row.aanvullende_elementen = [
            {"namespace": a.namespace, "versies": list(a.versies), "verplicht": a.verplicht}
            for a in zaaktype.aanvullende_elementen
        ]
        row.voorzieningdomein = zaaktype.voorzieningdomein
        bestaande = {statustype.volgnummer: statustype for statustype in row.statustypen}
        nieuwe: list[StatustypeRow] = []
        for statustype in zaaktype.statustypen:
            statustype_row = bestaande.get(statustype.volgnummer)
            if statustype_row is None:
                statustype_row = StatustypeRow(volgnummer=statustype.volgnummer)
            statustype_row.omschrijving = statustype.omschrijving
            statustype_row.code = statustype.code
            nieuwe.append(statustype_row)
        row.statustypen = nieuwe
        row.resultaattypen = _op_omschrijving(row.resultaattypen, zaaktype.resultaattypen, ResultaattypeRow)
        row.documenttypen = _op_omschrijving(row.documenttypen, zaaktype.documenttypen, DocumenttypeRow)
        row.besluittypen = _op_omschrijving(row.besluittypen, zaaktype.besluittypen, BesluittypeRow)
        self._session.flush()
        # Every process's cache sees the change at its next unit of work (module docstring).
        self._session.execute(update(CatalogusVersieRow).values(versie=CatalogusVersieRow.versie + 1))
        self._stand, self._gewijzigd = None, True

    def all(self) -> list[Zaaktype]:
        return [zaaktype for _, (_, zaaktype) in sorted(self.stand().op_code.items())]


#: Load a zaaktype with its whole catalogue entry: one query per table, not per zaaktype.
_CATALOGUS_OPTIES = (
    selectinload(ZaaktypeRow.statustypen),
    selectinload(ZaaktypeRow.resultaattypen),
    selectinload(ZaaktypeRow.documenttypen),
    selectinload(ZaaktypeRow.besluittypen),
)


def _op_omschrijving(
    bestaande: list[_OmschrijvingRow],
    typen: Iterable[Resultaattype | Documenttype | Besluittype],
    row_class: type[_OmschrijvingRow],
) -> list[_OmschrijvingRow]:
    """Rows for the configured types, in their order, reusing the stored row of the same omschrijving
    (updated in place, see upsert). Row columns carry the names of the dataclass fields."""
    op_omschrijving = {row.omschrijving: row for row in bestaande}
    rows: list[_OmschrijvingRow] = []
    for volgorde, type_ in enumerate(typen):
        row = op_omschrijving.get(type_.omschrijving) or row_class()
        for veld, waarde in asdict(type_).items():
            setattr(row, veld, waarde)
        row.volgorde = volgorde
        rows.append(row)
    return rows


def _uit_row(
    cls: type[_Omschrijvingtype], row: ResultaattypeRow | DocumenttypeRow | BesluittypeRow
) -> _Omschrijvingtype:
    return cls(**{f.name: getattr(row, f.name) for f in fields(cls)})


def zaaktype_from_row(row: ZaaktypeRow) -> Zaaktype:
    return Zaaktype(
        code=row.code,
        omschrijving=row.omschrijving,
        plansoort=PlanSoort(row.plansoort),
        ingangsdatum=row.ingangsdatum,
        statustypen=tuple(
            Statustype(volgnummer=s.volgnummer, omschrijving=s.omschrijving, code=s.code)
            for s in sorted(row.statustypen, key=lambda s: s.volgnummer)
        ),
        resultaattypen=tuple(
            _uit_row(Resultaattype, r) for r in sorted(row.resultaattypen, key=lambda r: r.volgorde)
        ),
        documenttypen=tuple(
            _uit_row(Documenttype, d) for d in sorted(row.documenttypen, key=lambda d: d.volgorde)
        ),
        besluittypen=tuple(
            _uit_row(Besluittype, b) for b in sorted(row.besluittypen, key=lambda b: b.volgorde)
        ),
        aanvullende_elementen=tuple(
            AanvullendeNamespace(a["namespace"], tuple(a["versies"]), bool(a["verplicht"]))
            for a in row.aanvullende_elementen or []
        ),
        voorzieningdomein=row.voorzieningdomein,
    )
