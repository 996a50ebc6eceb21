"""The protocol journal of reads on SQLite: durable before the answer leaves, without the write lock.

A read on SQLite runs in a snapshot without the database's write lock (``session.py``, issue 11
item 6); appending its protocol record to the chain would need that lock, and a read would again
wait for every writer (up to 30 s). Instead the records of a read go into this journal, a small
SQLite file of its own beside the database (``<database>-protocol``), committed with
``synchronous=FULL`` before the answer is sent. Its lock is held only for that one insert.

The next transaction that appends to the chain moves the journal in first (``session.py``), and so
do ``rzs audit`` and ``rzs audit verify``; each record keeps its ``sleutel``, so a move repeated
after a crash between the two commits adds nothing twice. docs/decisions/0005-protocollering.md.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

from rzs.store.protocol import Protocolregel
from rzs.store.schrijfslot import Schrijfslot

_SCHEMA = "CREATE TABLE IF NOT EXISTS journaal (id INTEGER PRIMARY KEY AUTOINCREMENT, regel TEXT NOT NULL)"


class Journaal:
    """One connection per thread, kept open: opening the file, its pragmas and schema check for
    every message cost more than the insert itself (issue 14)."""

    def __init__(self, pad: Path, busy_timeout_ms: int) -> None:
        self.pad = pad
        self._timeout = busy_timeout_ms / 1000
        self._lokaal = threading.local()
        #: Every read appends here: writers queue on a blocking lock, not on busy polling.
        self._slot = Schrijfslot(pad.with_name(pad.name + "-schrijfslot"))

    @contextmanager
    def _verbinding(self) -> Iterator[sqlite3.Connection]:
        verbinding: sqlite3.Connection | None = getattr(self._lokaal, "verbinding", None)
        if verbinding is None or self._lokaal.pid != os.getpid():
            verbinding = sqlite3.connect(self.pad, timeout=self._timeout, isolation_level=None)
            verbinding.execute("PRAGMA journal_mode = WAL")
            verbinding.execute("PRAGMA synchronous = FULL")
            verbinding.execute(_SCHEMA)
            self._lokaal.verbinding, self._lokaal.pid = verbinding, os.getpid()
        try:
            yield verbinding
        except BaseException:
            # Not to be trusted with the next statement (see session.py): open anew next time;
            # closing also ends a transaction left open.
            verbinding.close()
            self._lokaal.verbinding = None
            raise

    def plaats(self, regels: Sequence[Protocolregel]) -> None:
        """Commit these records durably (fsync at commit)."""
        if not regels:
            return
        with self._slot.vast(), self._verbinding() as verbinding:
            verbinding.execute("BEGIN IMMEDIATE")
            verbinding.executemany(
                "INSERT INTO journaal (regel) VALUES (?)",
                [(json.dumps(asdict(regel), ensure_ascii=False),) for regel in regels],
            )
            verbinding.execute("COMMIT")

    def lees(self) -> tuple[int, list[Protocolregel]]:
        """Everything waiting, oldest first, and the id of the last one (0: nothing)."""
        if not self.pad.exists():
            return 0, []
        with self._verbinding() as verbinding:
            rijen = verbinding.execute("SELECT id, regel FROM journaal ORDER BY id").fetchall()
        regels = [_regel(tekst) for _, tekst in rijen]
        return (rijen[-1][0] if rijen else 0), regels

    def verwijder(self, tot_en_met: int) -> None:
        """Drop the records up to this id: they are in the chain now."""
        if tot_en_met <= 0:
            return
        with self._slot.vast(), self._verbinding() as verbinding:
            verbinding.execute("DELETE FROM journaal WHERE id <= ?", (tot_en_met,))


def _regel(tekst: str) -> Protocolregel:
    data = json.loads(tekst)
    return Protocolregel(**{**data, "bsns": tuple(data["bsns"])})
