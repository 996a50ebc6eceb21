"""The delivery outbox: messages we must send, written in the transaction that caused them.

Rows are added by ``rzs.notify.outbox`` inside a message's unit of work (so a refused message
adds none) and delivered by ``rzs.notify.worker``, at least once. Several workers, also on
several machines against one PostgreSQL, never send one row at the same time:

* :meth:`OutboxRepository.claim` picks due rows and marks them with a claim token and a lease
  (``volgende_poging_op`` moved past the attempt) in one short transaction: on PostgreSQL with
  ``SELECT ... FOR UPDATE SKIP LOCKED``, so concurrent claimers take different rows without
  waiting; on SQLite the transaction starts with BEGIN IMMEDIATE (``session.py``), so claims
  are serialised.
* The result (:meth:`bezorgd`, :meth:`mislukt`) is written only ``WHERE claim = token``: a worker
  whose lease ran out and whose row another worker took over cannot overwrite that one's result.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from rzs.store.dialects import is_postgresql
from rzs.store.models import OutboxRow, utc_now

PENDING, DELIVERED, DEAD = "pending", "delivered", "dead"
STATUSSEN = (PENDING, DELIVERED, DEAD)


@dataclass(frozen=True, slots=True)
class NieuwBericht:
    soort: str
    referentienummer: str
    zaak_identificatie: str | None
    ontvanger: str
    bestemming: str
    soapaction: str
    bericht: bytes


@dataclass(frozen=True, slots=True)
class Uitgaand:
    """An outbox row as the worker and the CLI see it."""

    id: int
    soort: str
    referentienummer: str
    zaak_identificatie: str | None
    ontvanger: str
    bestemming: str
    soapaction: str
    bericht: bytes
    status: str
    pogingen: int
    volgende_poging_op: datetime
    claim: str | None
    laatste_fout: str | None
    aangemaakt: datetime
    bijgewerkt: datetime


def _uitgaand(row: OutboxRow) -> Uitgaand:
    return Uitgaand(
        id=row.id,
        soort=row.soort,
        referentienummer=row.referentienummer,
        zaak_identificatie=row.zaak_identificatie,
        ontvanger=row.ontvanger,
        bestemming=row.bestemming,
        soapaction=row.soapaction,
        bericht=row.bericht,
        status=row.status,
        pogingen=row.pogingen,
        volgende_poging_op=row.volgende_poging_op,
        claim=row.claim,
        laatste_fout=row.laatste_fout,
        aangemaakt=row.aangemaakt,
        bijgewerkt=row.bijgewerkt,
    )


class OutboxRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, bericht: NieuwBericht) -> None:
        nu = utc_now()
        self._session.add(
            OutboxRow(
                soort=bericht.soort,
                referentienummer=bericht.referentienummer,
                zaak_identificatie=bericht.zaak_identificatie,
                ontvanger=bericht.ontvanger,
                bestemming=bericht.bestemming,
                soapaction=bericht.soapaction,
                bericht=bericht.bericht,
                status=PENDING,
                pogingen=0,
                volgende_poging_op=nu,
                aangemaakt=nu,
                bijgewerkt=nu,
            )
        )

    def claim(self, aantal: int, lease: timedelta) -> list[Uitgaand]:
        """Up to ``aantal`` due rows, claimed for one attempt each (the attempt is counted now,
        so a row whose worker dies mid-attempt still reaches the dead state eventually)."""
        nu = utc_now()
        statement = (
            select(OutboxRow)
            .where(OutboxRow.status == PENDING, OutboxRow.volgende_poging_op <= nu)
            .order_by(OutboxRow.volgende_poging_op, OutboxRow.id)
            .limit(aantal)
        )
        if is_postgresql(self._session):
            statement = statement.with_for_update(skip_locked=True)
        rows = list(self._session.scalars(statement))
        token = uuid.uuid4().hex
        for row in rows:
            row.claim = token
            row.pogingen += 1
            row.volgende_poging_op = nu + lease
            row.bijgewerkt = nu
        self._session.flush()
        return [_uitgaand(row) for row in rows]

    def bezorgd(self, rij_id: int, claim: str) -> bool:
        return self._afronden(rij_id, claim, status=DELIVERED, laatste_fout=None)

    def mislukt(self, rij_id: int, claim: str, fout: str, volgende_poging_op: datetime | None) -> bool:
        """A failed attempt: due again at ``volgende_poging_op``, or ``dead`` when that is None."""
        if volgende_poging_op is None:
            return self._afronden(rij_id, claim, status=DEAD, laatste_fout=fout)
        return self._afronden(
            rij_id, claim, status=PENDING, laatste_fout=fout, volgende_poging_op=volgende_poging_op
        )

    def _afronden(self, rij_id: int, claim: str, **waarden: object) -> bool:
        waarden["laatste_fout"] = str(waarden["laatste_fout"])[:1000] if waarden["laatste_fout"] else None
        statement = (
            update(OutboxRow)
            .where(OutboxRow.id == rij_id, OutboxRow.claim == claim, OutboxRow.status == PENDING)
            .values(claim=None, bijgewerkt=utc_now(), **waarden)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(self._session.execute(statement), "rowcount", 0))

    def get(self, rij_id: int) -> Uitgaand | None:
        row = self._session.get(OutboxRow, rij_id)
        return _uitgaand(row) if row is not None else None

    def alle(self, status: str | None = None, zaak_identificatie: str | None = None) -> list[Uitgaand]:
        statement = select(OutboxRow).order_by(OutboxRow.id)
        if status is not None:
            statement = statement.where(OutboxRow.status == status)
        if zaak_identificatie is not None:
            statement = statement.where(OutboxRow.zaak_identificatie == zaak_identificatie)
        return [_uitgaand(r) for r in self._session.scalars(statement)]

    def aantal(self, status: str) -> int:
        statement = select(func.count()).select_from(OutboxRow).where(OutboxRow.status == status)
        return int(self._session.scalar(statement) or 0)

    def opnieuw(self, rij_id: int | None = None) -> int:
        """Make dead rows (one, or all when ``rij_id`` is None) due now with a fresh count of
        attempts; one waiting pending row is made due now. A row a worker is sending (claimed)
        is left alone, and delivered rows are never sent again."""
        statement = update(OutboxRow)
        if rij_id is not None:
            statement = statement.where(
                OutboxRow.id == rij_id,
                or_(OutboxRow.status == DEAD, (OutboxRow.status == PENDING) & OutboxRow.claim.is_(None)),
            )
        else:
            statement = statement.where(OutboxRow.status == DEAD)
        nu = utc_now()
        statement = statement.values(
            status=PENDING, pogingen=0, volgende_poging_op=nu, claim=None, bijgewerkt=nu
        ).execution_options(synchronize_session=False)
        return int(getattr(self._session.execute(statement), "rowcount", 0))
