"""What operators look at: counts for ``/metrics`` and ``/beheer``, the delivery heartbeat and the
schema version for ``/health/ready`` (issue 13). Aggregates only: never a BSN or a name."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from rzs.store.models import HartslagRow, OutboxRow, ZaakRow, ZaaktypeRow, utc_now
from rzs.store.outbox import DEAD, PENDING

#: Heartbeat rows older than this belong to processes long gone: removed when a worker writes.
_OUD = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Outboxstand:
    pending: int
    dead: int
    #: Seconds the oldest pending row has waited (0 when none waits).
    oudste_seconden: float


def _utc(tijd: datetime) -> datetime:
    """SQLite returns the stored time without its zone; it was written in UTC."""
    return tijd if tijd.tzinfo is not None else tijd.replace(tzinfo=UTC)


class OverzichtRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def zaken_per_zaaktype(self) -> list[tuple[str, str, int]]:
        """(code, omschrijving, aantal zaken) for every zaaktype, by code."""
        query = (
            select(ZaaktypeRow.code, ZaaktypeRow.omschrijving, func.count(ZaakRow.id))
            .outerjoin(ZaakRow, ZaakRow.zaaktype_id == ZaaktypeRow.id)
            .group_by(ZaaktypeRow.id, ZaaktypeRow.code, ZaaktypeRow.omschrijving)
            .order_by(ZaaktypeRow.code)
        )
        return [
            (code, omschrijving, int(aantal)) for code, omschrijving, aantal in self.session.execute(query)
        ]

    def outbox(self) -> Outboxstand:
        per_status = dict(
            self.session.execute(
                select(OutboxRow.status, func.count())
                .where(OutboxRow.status.in_((PENDING, DEAD)))
                .group_by(OutboxRow.status)
            ).all()
        )
        oudste = self.session.scalar(
            select(func.min(OutboxRow.aangemaakt)).where(OutboxRow.status == PENDING)
        )
        wacht = (utc_now() - _utc(oudste)).total_seconds() if oudste is not None else 0.0
        return Outboxstand(int(per_status.get(PENDING, 0)), int(per_status.get(DEAD, 0)), max(0.0, wacht))

    def hartslag(self, naam: str) -> None:
        """This delivery process is alive now."""
        nu = utc_now()
        rij = self.session.get(HartslagRow, naam)
        if rij is not None:
            rij.bijgewerkt = nu
            return
        self.session.add(HartslagRow(naam=naam, bijgewerkt=nu))
        self.session.execute(delete(HartslagRow).where(HartslagRow.bijgewerkt < nu - _OUD))

    def laatste_hartslag(self) -> datetime | None:
        laatste = self.session.scalar(select(func.max(HartslagRow.bijgewerkt)))
        return _utc(laatste) if laatste is not None else None

    def schemaversie(self) -> str | None:
        """The alembic revision the database is at."""
        versie = self.session.scalar(text("SELECT version_num FROM alembic_version"))
        return str(versie) if versie is not None else None
