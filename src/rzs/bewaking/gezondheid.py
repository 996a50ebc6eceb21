"""``GET /health/live`` and ``GET /health/ready``: JSON, 200 or 503 (issue 13).

live: the process answers. ready: this server can do its work now: the database answers, its
schema is at our newest migration, the message schemas compile, and a delivery process is alive.
That last one is read from the database (``hartslag``, migration 0007): every delivery process,
the child of ``rzs serve`` or a separate ``rzs worker`` on any host, writes its heartbeat there,
so every HTTP worker of every server sees the same answer without asking its master.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from functools import cached_property

from alembic.script import ScriptDirectory

from rzs.notify.worker import HARTSLAG_INTERVAL
from rzs.store import Store
from rzs.store.session import MIGRATIONS_DIR
from rzs.stuf.validatie import Schema
from rzs.wire.dispatch import Antwoord

#: A delivery process counts as alive when its heartbeat is at most this old (a few missed beats).
MAX_HARTSLAG_LEEFTIJD = 6 * HARTSLAG_INTERVAL
_JSON = "application/json"


def json_antwoord(status: int, inhoud: object) -> Antwoord:
    return Antwoord(status, _JSON, json.dumps(inhoud, ensure_ascii=False).encode() + b"\n")


def live() -> Antwoord:
    return json_antwoord(200, {"status": "live"})


class Gereedheid:
    def __init__(
        self, store: Store, schema: Schema, klok: Callable[[], datetime] = lambda: datetime.now(UTC)
    ):
        self.store = store
        self.schema = schema
        self.klok = klok

    @cached_property
    def head(self) -> str | None:
        """Our newest migration, read once from the migration scripts."""
        config_dir = ScriptDirectory(str(MIGRATIONS_DIR))
        return config_dir.get_current_head()

    def __call__(self) -> Antwoord:
        checks = {"database": "ok", "migraties": "ok", "schemas": "ok", "bezorging": "ok"}
        try:
            with self.store.unit_of_work(alleen_lezen=True) as repos:
                versie = repos.overzicht.schemaversie()
                hartslag = repos.overzicht.laatste_hartslag()
        except Exception as fout:  # any failure of the database is the answer, not an error
            checks["database"] = f"onbereikbaar ({type(fout).__name__})"
            checks["migraties"] = checks["bezorging"] = "onbekend"
        else:
            if versie != self.head:
                checks["migraties"] = f"database op {versie}, verwacht {self.head}"
            if hartslag is None:
                checks["bezorging"] = "geen bezorgproces gezien"
            elif (leeftijd := (self.klok() - hartslag).total_seconds()) > MAX_HARTSLAG_LEEFTIJD:
                checks["bezorging"] = f"laatste hartslag {leeftijd:.0f} s geleden"
        try:
            self.schema.compileer()
        except Exception as fout:  # a broken schema set: not ready, and say why
            checks["schemas"] = f"compileren mislukt ({type(fout).__name__})"
        gereed = all(waarde == "ok" for waarde in checks.values())
        return json_antwoord(
            200 if gereed else 503, {"status": "ready" if gereed else "not ready", "checks": checks}
        )
