"""Overdrachten (overdragenZaak, DIGEST d.6): the handovers we received and the ones we sent."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from rzs.domain.overdracht import Overdracht, OverdrachtStatus, Richting
from rzs.store.dialects import is_postgresql
from rzs.store.models import OverdrachtRow, utc_now


def _overdracht(row: OverdrachtRow) -> Overdracht:
    return Overdracht(
        zaak_identificatie=row.zaak_identificatie,
        richting=Richting(row.richting),
        referentienummer=row.referentienummer,
        zender=row.zender,
        ontvanger=row.ontvanger,
        status=OverdrachtStatus(row.status),
        melding=row.melding,
        bevestiging_referentienummer=row.bevestiging_referentienummer,
        id=row.id,
        aangemaakt=row.aangemaakt,
        bijgewerkt=row.bijgewerkt,
    )


class OverdrachtRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, overdracht: Overdracht) -> None:
        nu = utc_now()
        self._session.add(
            OverdrachtRow(
                zaak_identificatie=overdracht.zaak_identificatie,
                richting=overdracht.richting.value,
                referentienummer=overdracht.referentienummer,
                zender=overdracht.zender,
                ontvanger=overdracht.ontvanger,
                status=overdracht.status.value,
                melding=overdracht.melding,
                aangemaakt=nu,
                bijgewerkt=nu,
            )
        )
        self._session.flush()

    def find(self, richting: Richting, referentienummer: str, zender: str | None = None) -> list[Overdracht]:
        """The overdrachten of a Di01 referentienummer (unique per zender), locked for update on
        PostgreSQL so two answers to one overdracht queue up."""
        statement = select(OverdrachtRow).where(
            OverdrachtRow.richting == richting.value, OverdrachtRow.referentienummer == referentienummer
        )
        if zender is not None:
            statement = statement.where(OverdrachtRow.zender == zender)
        if is_postgresql(self._session):
            statement = statement.with_for_update()
        return [_overdracht(r) for r in self._session.scalars(statement.order_by(OverdrachtRow.id))]

    def beantwoord(
        self, overdracht_id: int, status: OverdrachtStatus, melding: str | None, bevestiging: str
    ) -> None:
        row = self._session.get_one(OverdrachtRow, overdracht_id)
        row.status = status.value
        row.melding = melding if melding is not None else row.melding
        row.bevestiging_referentienummer = bevestiging
        row.bijgewerkt = utc_now()
        self._session.flush()

    def alle(self, zaak_identificatie: str | None = None) -> list[Overdracht]:
        statement = select(OverdrachtRow).order_by(OverdrachtRow.id)
        if zaak_identificatie is not None:
            statement = statement.where(OverdrachtRow.zaak_identificatie == zaak_identificatie)
        return [_overdracht(r) for r in self._session.scalars(statement)]
