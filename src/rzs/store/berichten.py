"""Received messages and their answers: StUF idempotency on (zender, referentienummer), DIGEST c.4.

A message that arrives again with the same zender and referentienummer is not processed again:
same content gets the stored answer, other content gets StUF016. Deciding that is the
service's job; this module only remembers, and :meth:`BerichtRepository.record` refuses a key
that another transaction recorded first.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

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
    def __init__(self, session: Session) -> None:
        self._session = session

    def find(self, zender: str, referentienummer: str) -> OntvangenBericht | None:
        statement = select(OntvangenBerichtRow).where(
            OntvangenBerichtRow.zender == zender,
            OntvangenBerichtRow.referentienummer == referentienummer,
        )
        row = self._session.scalars(statement).first()
        if row is None:
            return None
        return OntvangenBericht(
            zender=row.zender,
            referentienummer=row.referentienummer,
            inhoud_hash=row.inhoud_hash,
            antwoord=row.antwoord,
        )

    def record(self, zender: str, referentienummer: str, inhoud_hash: str, antwoord: bytes) -> None:
        """Remember the answer; BerichtAlVastgelegd if a concurrent transaction got there first.

        On PostgreSQL the insert waits for that other transaction and fails only if it commits.
        """
        row = OntvangenBerichtRow(
            zender=zender, referentienummer=referentienummer, inhoud_hash=inhoud_hash, antwoord=antwoord
        )
        self._session.flush()
        try:
            with self._session.begin_nested():
                self._session.add(row)
        except IntegrityError as error:
            raise BerichtAlVastgelegd(zender, referentienummer) from error
