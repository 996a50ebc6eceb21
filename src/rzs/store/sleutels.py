"""The primary key of a zaak by its identificatie: the one lookup the child repositories share
(documenten, besluiten, voorzieningen hang off a zaak row)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from rzs.fouten import ObjectNietGevonden
from rzs.store.models import ZaakRow


def zaak_rij_id(session: Session, identificatie: str) -> int:
    """The zaak row's id; ObjectNietGevonden (StUF064) when there is no such zaak."""
    gevonden = session.scalars(select(ZaakRow.id).where(ZaakRow.identificatie == identificatie)).first()
    if gevonden is None:
        raise ObjectNietGevonden(f"Zaak {identificatie} bestaat niet")
    return gevonden
