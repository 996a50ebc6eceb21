"""Zaak- and documentidentificaties we issue (genereerZaakIdentificatie, DIGEST f.1).

An identificatie is ``prefix`` (the gemeentecode) plus a twelve-digit number from a counter row
per (soort, prefix). Two guards, as open-zaak's ``identification.py`` does it:

* the counter is incremented in place (``UPDATE ... RETURNING``), so concurrent callers on any
  number of processes get different numbers; on PostgreSQL the row lock is held until the
  caller's unit of work ends, so reservations queue up one transaction at a time; on SQLite
  BEGIN IMMEDIATE already does that;
* every issued identificatie gets a row in ``uitgegeven_identificatie`` under a unique
  constraint, and that row is never deleted: a number handed out is never handed out again,
  even if the zaak was never created.

Both are written in the caller's unit of work, so the reservation is committed together with
the answer that carries it, and rolled back with a Fo answer that does not.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from rzs.fouten import StufFout
from rzs.store.dialects import insert_or_ignore
from rzs.store.models import IdentificatieTellerRow, UitgegevenIdentificatieRow

#: Numbers tried per call before giving up: far more than any realistic run of taken numbers.
MAX_POGINGEN = 10_000


class IdentificatieRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def reserveer(self, soort: str, prefix: str, *, bestaat: Callable[[str], bool] | None = None) -> str:
        """The next free ``f"{prefix}{n:012d}"`` for ``soort`` ('zaak' or 'document'), reserved for good.

        Numbers already issued, or for which ``bestaat`` says an object exists (say a zaak
        created with an identificatie of its own), are skipped and stay used.
        """
        for _ in range(MAX_POGINGEN):
            identificatie = f"{prefix}{self._next_number(soort, prefix):012d}"
            if bestaat is not None and bestaat(identificatie):
                continue
            issued = insert_or_ignore(
                self._session,
                UitgegevenIdentificatieRow,
                {"soort": soort, "identificatie": identificatie},
                conflict_on=["soort", "identificatie"],
            )
            if issued:
                return identificatie
        raise StufFout(f"Geen vrije {soort}identificatie gevonden na {MAX_POGINGEN} pogingen")

    def is_uitgegeven(self, soort: str, identificatie: str) -> bool:
        statement = select(UitgegevenIdentificatieRow.id).where(
            UitgegevenIdentificatieRow.soort == soort,
            UitgegevenIdentificatieRow.identificatie == identificatie,
        )
        return self._session.scalars(statement).first() is not None

    def _next_number(self, soort: str, prefix: str) -> int:
        increment = (
            update(IdentificatieTellerRow)
            .where(IdentificatieTellerRow.soort == soort, IdentificatieTellerRow.prefix == prefix)
            .values(laatste=IdentificatieTellerRow.laatste + 1)
            .returning(IdentificatieTellerRow.laatste)
            .execution_options(synchronize_session=False)
        )
        number = self._session.scalars(increment).first()
        if number is None:
            # First use of this prefix. A concurrent first use inserts too; one insert wins, the
            # other waits for it (PostgreSQL) or for the write lock (SQLite) and does nothing.
            insert_or_ignore(
                self._session,
                IdentificatieTellerRow,
                {"soort": soort, "prefix": prefix, "laatste": 0},
                conflict_on=["soort", "prefix"],
            )
            number = self._session.scalars(increment).one()
        return number
