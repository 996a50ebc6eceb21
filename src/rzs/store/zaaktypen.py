"""The zaaktype catalogue (DIGEST e): what a creeerZaak is checked against (BR-03, BR-12).

Zaaktypen are per-gemeente configuration (``catalogus/zaaktypen.toml``), loaded with
:meth:`ZaaktypeRepository.upsert` at start-up; zaken point at them by key.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, fields
from typing import TypeVar

from sqlalchemy import select
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
    DocumenttypeRow,
    ResultaattypeRow,
    StatustypeRow,
    ZaaktypeRow,
)

_OmschrijvingRow = TypeVar("_OmschrijvingRow", ResultaattypeRow, DocumenttypeRow, BesluittypeRow)
_Omschrijvingtype = TypeVar("_Omschrijvingtype", Resultaattype, Documenttype, Besluittype)


class ZaaktypeRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, code: str | None, omschrijving: str | None) -> Zaaktype | None:
        """The zaaktype a message names (``isVan/gerelateerde``).

        By code when the message gives one, whatever its omschrijving says (the service decides
        whether a mismatch is an error); otherwise by omschrijving, which is not unique, so the
        lowest code wins to keep the answer stable.
        """
        row = self._row(code, omschrijving)
        return zaaktype_from_row(row) if row is not None else None

    def upsert(self, zaaktype: Zaaktype) -> None:
        """Insert or update the zaaktype with this code, statustypen included.

        Statustypen are matched on volgnummer and updated in place (a replace would hit the
        unique (zaaktype, volgnummer) constraint at flush); ones no longer configured go away.
        Zaak statussen keep their own copy of volgnummer and omschrijving, so that is safe.
        Resultaattypen, documenttypen and besluittypen are matched the same way on their omschrijving.
        Several processes may load the catalogue at once: the insert tolerates a concurrent one.
        """
        insert_or_ignore(
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

    def all(self) -> list[Zaaktype]:
        rows = self._session.scalars(
            select(ZaaktypeRow).options(*_CATALOGUS_OPTIES).order_by(ZaaktypeRow.code)
        )
        return [zaaktype_from_row(row) for row in rows]

    def _row(self, code: str | None, omschrijving: str | None) -> ZaaktypeRow | None:
        statement = select(ZaaktypeRow).options(*_CATALOGUS_OPTIES)
        if code is not None:
            statement = statement.where(ZaaktypeRow.code == code)
        elif omschrijving is not None:
            statement = statement.where(ZaaktypeRow.omschrijving == omschrijving)
        else:
            return None
        return self._session.scalars(statement.order_by(ZaaktypeRow.code).limit(1)).first()


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
