"""Voorzieningen in and out of the database: every version of each, with who, when and which
message (issue 9 "Store"), and foreign aanvullende elementen kept as-is.

The store never parses XML (STYLE: no lxml here): a version's full content is the text the service
layer wrote (``inhoud``), beside columns with the key fields of the domain
:class:`~rzs.domain.voorziening.Voorziening` to query on. Versions are only ever added; the
zaak's row lock (``ZaakRepository.get_for_update``) and the unique (zaak, nummer, versie) keep
two messages from writing the same version.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, delete, exists, or_, select
from sqlalchemy.orm import Session, aliased

from rzs.domain.voorziening import Voorziening
from rzs.store.models import AanvullendElementRow, VoorzieningRow, ZaakRow
from rzs.store.sleutels import zaak_rij_id


@dataclass(frozen=True, slots=True)
class Herkomst:
    """Where a version came from: the zender (``organisatie/applicatie``) and its referentienummer."""

    zender: str | None
    referentienummer: str | None


@dataclass(frozen=True, slots=True)
class VoorzieningVersie:
    """One stored version; ``inhoud`` is the ``VZ:voorzieningen`` container holding it."""

    zaak: str
    nummer: int
    versie: int
    inhoud: str
    herkomst: Herkomst
    geregistreerd_op: datetime


@dataclass(frozen=True, slots=True)
class VoorzieningSelectie:
    """The voorziening part of a zaak-vraag (integraal klantbeeld, issue 9 "Reads"; the schema's
    ``VZ:voorzieningSelectie`` of 1.1): every field given must hold for one and the same voorziening.
    Dates are StUF dates (JJJJMMDD), which compare as text in the order of the calendar."""

    domein: str | None = None
    categorie: str | None = None
    code: str | None = None
    agb_code: str | None = None
    status: str | None = None
    #: Active on this date: ingangsdatum <= peildatum <= einddatum; an open einddatum is active.
    peildatum: str | None = None


def zaken_met_voorziening(selectie: VoorzieningSelectie) -> Select[int]:
    """The ids of the zaken with a voorziening whose newest version matches ``selectie``.

    Only the newest version counts: an older version describes what no longer holds (a voorziening
    that was toegewezen and is now ingetrokken is not toegewezen). Runs in the database on the key
    columns, so a klantbeeld never loads every version into Python.
    """
    nieuwer = aliased(VoorzieningRow)
    statement = select(VoorzieningRow.zaak_id).where(
        ~exists().where(
            nieuwer.zaak_id == VoorzieningRow.zaak_id,
            nieuwer.nummer == VoorzieningRow.nummer,
            nieuwer.versie > VoorzieningRow.versie,
        )
    )
    for kolom, waarde in (
        (VoorzieningRow.domein, selectie.domein),
        (VoorzieningRow.categorie, selectie.categorie),
        (VoorzieningRow.code, selectie.code),
        (VoorzieningRow.agb_code, selectie.agb_code),
        (VoorzieningRow.status, selectie.status),
    ):
        if waarde is not None:
            statement = statement.where(kolom == waarde)
    if selectie.peildatum is not None:
        statement = statement.where(
            VoorzieningRow.ingangsdatum <= selectie.peildatum,
            or_(VoorzieningRow.einddatum.is_(None), VoorzieningRow.einddatum >= selectie.peildatum),
        )
    return statement


class VoorzieningRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def actueel(self, zaak: str) -> list[VoorzieningVersie]:
        """The newest version of each voorziening of the zaak, by nummer."""
        nieuwste: dict[int, VoorzieningVersie] = {}
        for versie in self._versies(zaak, None):
            nieuwste[versie.nummer] = versie
        return [nieuwste[nummer] for nummer in sorted(nieuwste)]

    def historie(self, zaak: str, nummer: int) -> list[VoorzieningVersie]:
        """Every version of one voorziening, oldest first."""
        return self._versies(zaak, nummer)

    def add(self, zaak: str, voorziening: Voorziening, inhoud: str, herkomst: Herkomst) -> int:
        """Store the next version of ``voorziening`` on the zaak; returns its versie (1, 2, ...)."""
        zaak_id = zaak_rij_id(self._session, zaak)
        vorige = self._session.scalars(
            select(VoorzieningRow.versie)
            .where(VoorzieningRow.zaak_id == zaak_id, VoorzieningRow.nummer == voorziening.nummer)
            .order_by(VoorzieningRow.versie.desc())
            .limit(1)
        ).first()
        versie = (vorige or 0) + 1
        self._session.add(
            VoorzieningRow(
                zaak_id=zaak_id,
                nummer=voorziening.nummer,
                versie=versie,
                domein=voorziening.domein.value,
                categorie=voorziening.product.categorie,
                code=voorziening.product.code,
                leveringsvorm=voorziening.leveringsvorm.value,
                status=voorziening.status.value,
                agb_code=voorziening.aanbieder.agb_code if voorziening.aanbieder else None,
                ingangsdatum=voorziening.ingangsdatum,
                einddatum=voorziening.einddatum,
                inhoud=inhoud,
                zender=herkomst.zender,
                referentienummer=herkomst.referentienummer,
            )
        )
        self._session.flush()
        return versie

    def aanvullend(self, zaak: str) -> list[tuple[str, str]]:
        """Foreign aanvullende elementen kept as-is: (namespace, inhoud), by namespace."""
        statement = (
            select(AanvullendElementRow.namespace, AanvullendElementRow.inhoud)
            .join(ZaakRow, AanvullendElementRow.zaak_id == ZaakRow.id)
            .where(ZaakRow.identificatie == zaak)
            .order_by(AanvullendElementRow.namespace)
        )
        return [(namespace, inhoud) for namespace, inhoud in self._session.execute(statement)]

    def bewaar_aanvullend(self, zaak: str, namespace: str, inhoud: str) -> None:
        """Keep (or replace) the element of ``namespace`` on the zaak, as it came."""
        zaak_id = zaak_rij_id(self._session, zaak)
        self._session.execute(
            delete(AanvullendElementRow).where(
                AanvullendElementRow.zaak_id == zaak_id, AanvullendElementRow.namespace == namespace
            )
        )
        self._session.add(AanvullendElementRow(zaak_id=zaak_id, namespace=namespace, inhoud=inhoud))
        self._session.flush()

    def _versies(self, zaak: str, nummer: int | None) -> list[VoorzieningVersie]:
        statement = (
            select(VoorzieningRow)
            .join(ZaakRow, VoorzieningRow.zaak_id == ZaakRow.id)
            .where(ZaakRow.identificatie == zaak)
            .order_by(VoorzieningRow.nummer, VoorzieningRow.versie)
        )
        if nummer is not None:
            statement = statement.where(VoorzieningRow.nummer == nummer)
        return [
            VoorzieningVersie(
                zaak=zaak,
                nummer=row.nummer,
                versie=row.versie,
                inhoud=row.inhoud,
                herkomst=Herkomst(row.zender, row.referentienummer),
                geregistreerd_op=row.geregistreerd_op,
            )
            for row in self._session.scalars(statement)
        ]
