"""Subscriptions of Abonnementenbeheer (DIGEST d.7): managed with ``rzs abonnementen``."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, bindparam, delete, or_, select
from sqlalchemy.orm import Session

from rzs.domain.notificatie import ALLE, Abonnement
from rzs.store.dialects import insert_or_ignore, tabel
from rzs.store.models import AbonnementRow


def _abonnement(row: AbonnementRow | Row[Any]) -> Abonnement:
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
        """Active subscriptions that may match; the domain (``notificatie.ontvangers``) decides.

        Asked after every change of a zaak, mostly to hear "nobody": a Core statement built once.
        """
        zaaktypen = [ALLE] if zaaktype is None else [ALLE, zaaktype]
        rijen = self._session.execute(_KANDIDATEN, {"zaaktypen": zaaktypen, "gebeurtenis": gebeurtenis})
        return [_abonnement(r) for r in rijen]


_ABONNEMENT = tabel(AbonnementRow)
_KANDIDATEN = (
    select(_ABONNEMENT)
    .where(
        _ABONNEMENT.c.actief.is_(True),
        _ABONNEMENT.c.zaaktype.in_(bindparam("zaaktypen", expanding=True)),
        or_(_ABONNEMENT.c.gebeurtenis == ALLE, _ABONNEMENT.c.gebeurtenis == bindparam("gebeurtenis")),
    )
    .order_by(_ABONNEMENT.c.id)
)
