"""Protocollering: who had access to which zaak with persons, when, and how it ended (issue 11).

The AVG (art. 5(2), 30, 32) and the BIO (12.4.1) require that every access to a citizen's data
can be accounted for, and a citizen may ask for it (inzageverzoek, art. 15). The repositories
report every zaak they load or write to the unit of work's :class:`Inzage`; at the end of the
unit of work one :class:`Protocolregel` per zaak with persons is appended to the chain, in the
same transaction (``session.py``; reads on SQLite: ``journaal.py``).

Tamper-evident: each record stores the hash of its predecessor and its own sha256 over its
canonical fields (:func:`bereken_hash`); the head of the chain (``protocol_keten``) is locked by
every append, so concurrent writers in several processes extend one chain. :meth:`controleer`
names the first record that does not fit. docs/decisions/0005-protocollering.md.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select, union, update
from sqlalchemy.orm import Session

from rzs.domain.zaak import Zaak
from rzs.store.dialects import tabel
from rzs.store.models import (
    BetrokkeneRow,
    ProtocolBsnRow,
    ProtocolKetenRow,
    ProtocolRow,
    ZaakobjectRow,
    ZaakRow,
)

#: The ``vorige_hash`` of the first record (also in migration 0007).
GENESIS = "0" * 64

#: The uitkomst of an operation that succeeded; otherwise the StUF foutcode.
GESLAAGD = "OK"

_PARTIJ = 1000


@dataclass(frozen=True, slots=True)
class Toegang:
    """Who asks for which operation: from the stuurgegevens of the message."""

    operatie: str
    zender_organisatie: str | None
    zender_applicatie: str | None
    gebruiker: str | None


@dataclass(slots=True)
class Inzage:
    """What one unit of work touched: zaak identificatie -> the BSNs of its persons seen so far.

    Repositories fill it as they load or write; ``gelezen`` are the zaken that existed in the
    store (a refused message is recorded for those only: it saw them, it changed nothing).
    """

    zaken: dict[str, set[str]] = field(default_factory=dict)
    gelezen: set[str] = field(default_factory=set)
    #: Zaken whose persons are all known here (loaded or written whole): the protocol need not
    #: look their persons up again (issue 14: never reload what was just read or written).
    volledig: set[str] = field(default_factory=set)

    def zaak(
        self,
        identificatie: str | None,
        bsns: Iterable[str] = (),
        *,
        bestond: bool = True,
        volledig: bool = False,
    ) -> None:
        if identificatie is None:
            return
        self.zaken.setdefault(identificatie, set()).update(bsns)
        if bestond:
            self.gelezen.add(identificatie)
        if volledig:
            self.volledig.add(identificatie)


def bsns_van(zaak: Zaak) -> set[str]:
    """The natuurlijke personen (NPS, keyed by BSN, DIGEST c.7.3) among betrokkenen and objecten."""
    gerelateerden = [b.gerelateerde for b in zaak.betrokkenen] + [z.gerelateerde for z in zaak.zaakobjecten]
    return {g.sleutel for g in gerelateerden if g.soort == "NPS" and g.sleutel}


@dataclass(frozen=True, slots=True)
class Protocolregel:
    """One access to one zaak, as recorded (without its place in the chain)."""

    sleutel: str
    tijdstip: str
    zender_organisatie: str | None
    zender_applicatie: str | None
    gebruiker: str | None
    operatie: str
    zaak_identificatie: str
    uitkomst: str
    bsns: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Breuk:
    """The first record that does not fit the chain, and why."""

    volgnummer: int
    reden: str


def bereken_hash(volgnummer: int, regel: Protocolregel, vorige_hash: str) -> str:
    """sha256 over the canonical fields: a JSON array in fixed order, BSNs sorted, UTF-8."""
    velden = [
        volgnummer,
        regel.sleutel,
        regel.tijdstip,
        regel.zender_organisatie,
        regel.zender_applicatie,
        regel.gebruiker,
        regel.operatie,
        regel.zaak_identificatie,
        regel.uitkomst,
        sorted(regel.bsns),
        vorige_hash,
    ]
    canoniek = json.dumps(velden, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canoniek.encode("utf-8")).hexdigest()


class ProtocolRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def regels(self, inzage: Inzage, toegang: Toegang, uitkomst: str) -> list[Protocolregel]:
        """One record per touched zaak with persons: the persons it had when loaded and has now
        in the store (a refused message: only the zaken it loaded)."""
        identificaties = inzage.zaken if uitkomst == GESLAAGD else inzage.gelezen
        if not identificaties:
            return []
        onbekend = sorted(set(identificaties) - inzage.volledig)
        personen = self._personen(onbekend) if onbekend else {}
        tijdstip = datetime.now(UTC).isoformat(timespec="microseconds")
        regels = []
        for identificatie in sorted(identificaties):
            bsns = inzage.zaken.get(identificatie, set()) | personen.get(identificatie, set())
            if bsns:
                regels.append(
                    Protocolregel(
                        uuid.uuid4().hex,
                        tijdstip,
                        toegang.zender_organisatie,
                        toegang.zender_applicatie,
                        toegang.gebruiker,
                        toegang.operatie,
                        identificatie,
                        uitkomst,
                        tuple(sorted(bsns)),
                    )
                )
        return regels

    def vastleggen(self, regels: Sequence[Protocolregel], *, uit_journaal: int = 0) -> int:
        """Append to the chain; records whose sleutel is already in it are skipped (a journalled
        read moved in twice: only the first ``uit_journaal`` records can be such, the others were
        made just now). Locks the head of the chain until the transaction ends.

        Core statements: one UPDATE of the head at the end, one INSERT per record and one
        executemany of its BSNs (the ORM's per-object flushes were most of this method's cost).
        """
        if not regels:
            return 0
        kop = self._session.execute(_KOP_VOOR_UPDATE).one()
        volgnummer, vorige = kop.volgnummer, kop.hash
        bekend = self._bekend([r.sleutel for r in regels[:uit_journaal]]) if uit_journaal else set()
        nieuw = [r for r in regels if r.sleutel not in bekend]
        for regel in nieuw:
            volgnummer += 1
            hash_ = bereken_hash(volgnummer, regel, vorige)
            protocol_id = self._session.execute(
                _PROTOCOL_INVOEGEN,
                {**_kolommen(regel), "volgnummer": volgnummer, "vorige_hash": vorige, "hash": hash_},
            ).scalar_one()
            if regel.bsns:
                self._session.execute(
                    _BSN_INVOEGEN, [{"protocol_id": protocol_id, "bsn": b} for b in regel.bsns]
                )
            vorige = hash_
        if nieuw:
            self._session.execute(_KOP_BIJWERKEN, {"volgnummer": volgnummer, "hash": vorige})
        return len(nieuw)

    def _bekend(self, sleutels: list[str]) -> set[str]:
        return set(
            self._session.scalars(select(ProtocolRow.sleutel).where(ProtocolRow.sleutel.in_(sleutels)))
        )

    def voor_bsn(self, bsn: str, van: date | None = None, tot: date | None = None) -> list[Protocolregel]:
        """Every access to a zaak of this person, oldest first; ``tot`` is inclusive. The records
        carry only this BSN: an answer to one citizen says nothing about others."""
        statement = (
            select(ProtocolRow)
            .join(ProtocolBsnRow, ProtocolBsnRow.protocol_id == ProtocolRow.id)
            .where(ProtocolBsnRow.bsn == bsn)
            .order_by(ProtocolRow.volgnummer)
        )
        if van is not None:
            statement = statement.where(ProtocolRow.tijdstip >= van.isoformat())
        if tot is not None:
            statement = statement.where(ProtocolRow.tijdstip < (tot + timedelta(days=1)).isoformat())
        return [_regel(row, (bsn,)) for row in self._session.scalars(statement)]

    def controleer(self) -> tuple[int, Breuk | None]:
        """Walk the chain from the first record: (records checked, first break or None)."""
        vorige, verwacht, aantal = GENESIS, 1, 0
        for row, bsns in self._alle():
            if row.volgnummer != verwacht:
                return aantal, Breuk(verwacht, f"record {verwacht} ontbreekt (volgende is {row.volgnummer})")
            if row.vorige_hash != vorige:
                return aantal, Breuk(row.volgnummer, "vorige_hash past niet bij het vorige record")
            if bereken_hash(row.volgnummer, _regel(row, bsns), vorige) != row.hash:
                return aantal, Breuk(row.volgnummer, "inhoud gewijzigd: hash klopt niet")
            vorige, verwacht, aantal = row.hash, verwacht + 1, aantal + 1
        kop = self._session.scalars(select(ProtocolKetenRow).where(ProtocolKetenRow.id == 1)).one()
        if kop.volgnummer != aantal or kop.hash != vorige:
            return aantal, Breuk(aantal + 1, f"de keten eindigt bij {kop.volgnummer}; records ontbreken")
        return aantal, None

    def _alle(self) -> Iterator[tuple[ProtocolRow, tuple[str, ...]]]:
        """The records in chain order with their BSNs, a batch at a time."""
        laatste = 0
        while True:
            rows = list(
                self._session.scalars(
                    select(ProtocolRow)
                    .where(ProtocolRow.volgnummer > laatste)
                    .order_by(ProtocolRow.volgnummer)
                    .limit(_PARTIJ)
                )
            )
            if not rows:
                return
            bsns: dict[int, list[str]] = {}
            for protocol_id, bsn in self._session.execute(
                select(ProtocolBsnRow.protocol_id, ProtocolBsnRow.bsn).where(
                    ProtocolBsnRow.protocol_id.in_([r.id for r in rows])
                )
            ):
                bsns.setdefault(protocol_id, []).append(bsn)
            for row in rows:
                yield row, tuple(sorted(bsns.get(row.id, [])))
            laatste = rows[-1].volgnummer

    def _personen(self, identificaties: list[str]) -> dict[str, set[str]]:
        """The BSNs of the persons of these zaken now in the store (betrokkenen and objecten)."""
        bronnen = [
            select(ZaakRow.identificatie, tabel.sleutel)
            .join(tabel, tabel.zaak_id == ZaakRow.id)
            .where(ZaakRow.identificatie.in_(identificaties), tabel.soort == "NPS")
            for tabel in (BetrokkeneRow, ZaakobjectRow)
        ]
        personen: dict[str, set[str]] = {}
        for identificatie, bsn in self._session.execute(union(*bronnen)):
            if bsn:
                personen.setdefault(identificatie, set()).add(bsn)
        return personen


_PROTOCOL = tabel(ProtocolRow)
_PROTOCOL_INVOEGEN = _PROTOCOL.insert().returning(_PROTOCOL.c.id)
_BSN_INVOEGEN = tabel(ProtocolBsnRow).insert()
_KOP_BIJWERKEN = update(ProtocolKetenRow).where(ProtocolKetenRow.id == 1)
_KOP_VOOR_UPDATE = (
    select(ProtocolKetenRow.volgnummer, ProtocolKetenRow.hash)
    .where(ProtocolKetenRow.id == 1)
    .with_for_update()
)


def _kolommen(regel: Protocolregel) -> dict[str, str | None]:
    return {
        "sleutel": regel.sleutel,
        "tijdstip": regel.tijdstip,
        "zender_organisatie": regel.zender_organisatie,
        "zender_applicatie": regel.zender_applicatie,
        "gebruiker": regel.gebruiker,
        "operatie": regel.operatie,
        "zaak_identificatie": regel.zaak_identificatie,
        "uitkomst": regel.uitkomst,
    }


def _regel(row: ProtocolRow, bsns: tuple[str, ...]) -> Protocolregel:
    return Protocolregel(
        row.sleutel,
        row.tijdstip,
        row.zender_organisatie,
        row.zender_applicatie,
        row.gebruiker,
        row.operatie,
        row.zaak_identificatie,
        row.uitkomst,
        bsns,
    )
