"""Received messages and their answers: StUF idempotency on (zender, referentienummer), DIGEST c.4.

A message that arrives again with the same zender and referentienummer is not processed again:
same content gets the stored answer, other content gets StUF016. Deciding that is the
service's job; this module only remembers, and :meth:`BerichtRepository.record` refuses a key
that another transaction recorded first.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from rzs.store.dialects import insert_ignore_returning, tabel
from rzs.store.models import OntvangenBerichtRow


@dataclass(frozen=True, slots=True)
class OntvangenBericht:
    zender: str
    referentienummer: str
    #: Hash of the message content that identifies "the same message" (what it covers is the
    #: caller's choice; stuurgegevens such as tijdstipBericht are typically left out).
    inhoud_hash: str
    antwoord: bytes


class BerichtAlVastgelegd(Exception):
    """Another transaction recorded this (zender, referentienummer) first.

    Two copies of one message processed at the same time: the caller rolls its unit of work
    back (so its work is undone) and answers from what the other one recorded.
    """

    def __init__(self, zender: str, referentienummer: str) -> None:
        super().__init__(f"Bericht {referentienummer!r} van {zender!r} is al vastgelegd")
        self.zender = zender
        self.referentienummer = referentienummer


class BerichtRepository:
    """Core statements built once per process: this runs twice for every message that changes
    something, so it is on the hot path (issue 14)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def find(self, zender: str, referentienummer: str) -> OntvangenBericht | None:
        row = self._session.execute(
            _OP_SLEUTEL, {"zender": zender, "referentienummer": referentienummer}
        ).first()
        if row is None:
            return None
        return OntvangenBericht(
            zender=zender,
            referentienummer=referentienummer,
            inhoud_hash=row.inhoud_hash,
            antwoord=row.antwoord,
        )

    def record(self, zender: str, referentienummer: str, inhoud_hash: str, antwoord: bytes) -> None:
        """Remember the answer; BerichtAlVastgelegd if a concurrent transaction got there first.

        ``ON CONFLICT DO NOTHING``: on PostgreSQL the insert waits for that other transaction and
        inserts nothing only if it commits; no savepoint is needed to keep ours usable.
        """
        waarden = {
            "zender": zender,
            "referentienummer": referentienummer,
            "inhoud_hash": inhoud_hash,
            "antwoord": antwoord,
        }
        statement = insert_ignore_returning(self._session, _BERICHT, ("zender", "referentienummer"))
        if self._session.execute(statement, waarden).first() is None:
            raise BerichtAlVastgelegd(zender, referentienummer)


_BERICHT = tabel(OntvangenBerichtRow)
_OP_SLEUTEL = select(_BERICHT.c.inhoud_hash, _BERICHT.c.antwoord).where(
    _BERICHT.c.zender == bindparam("zender"), _BERICHT.c.referentienummer == bindparam("referentienummer")
)
