"""Subscriptions of Abonnementenbeheer (DIGEST d.7): managed with ``rzs abonnementen``."""

from __future__ import annotations

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from rzs.domain.notificatie import ALLE, Abonnement
from rzs.store.dialects import insert_or_ignore
from rzs.store.models import AbonnementRow


def _abonnement(row: AbonnementRow) -> Abonnement:
    return Abonnement(
        zaaktype=row.zaaktype,
        gebeurtenis=row.gebeurtenis,
        bestemming=row.bestemming,
        ontvanger_applicatie=row.ontvanger_applicatie,
        ontvanger_organisatie=row.ontvanger_organisatie,
        actief=row.actief,
        id=row.id,
        voorziening_gebeurtenis=row.voorziening_gebeurtenis,
    )


class AbonnementRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, abonnement: Abonnement) -> bool:
        """Add a subscription; False when the same one (zaaktype, gebeurtenis, bestemming,
        ontvanger) exists already."""
        return insert_or_ignore(
            self._session,
            AbonnementRow,
            {
                "zaaktype": abonnement.zaaktype,
                "gebeurtenis": abonnement.gebeurtenis,
                "bestemming": abonnement.bestemming,
                "ontvanger_applicatie": abonnement.ontvanger_applicatie,
                "ontvanger_organisatie": abonnement.ontvanger_organisatie,
                "actief": abonnement.actief,
                "voorziening_gebeurtenis": abonnement.voorziening_gebeurtenis,
            },
            conflict_on=["zaaktype", "gebeurtenis", "bestemming", "ontvanger_applicatie"],
        )

    def remove(self, abonnement_id: int) -> bool:
        result = self._session.execute(delete(AbonnementRow).where(AbonnementRow.id == abonnement_id))
        return bool(getattr(result, "rowcount", 0))

    def alle(self) -> list[Abonnement]:
        return [
            _abonnement(r) for r in self._session.scalars(select(AbonnementRow).order_by(AbonnementRow.id))
        ]

    def kandidaten(self, zaaktype: str | None, gebeurtenis: str) -> list[Abonnement]:
        """Active subscriptions that may match; the domain (``notificatie.ontvangers``) decides."""
        zaaktypen = [ALLE] if zaaktype is None else [ALLE, zaaktype]
        statement = (
            select(AbonnementRow)
            .where(
                AbonnementRow.actief.is_(True),
                AbonnementRow.zaaktype.in_(zaaktypen),
                or_(AbonnementRow.gebeurtenis == ALLE, AbonnementRow.gebeurtenis == gebeurtenis),
            )
            .order_by(AbonnementRow.id)
        )
        return [_abonnement(r) for r in self._session.scalars(statement)]
