"""Log lines that a sender cannot forge or flood: every value escaped and bounded.

Why: stuurgegevens (referentienummer, zender applicatie, ...) are logged before the message is
validated, because a refused message must be traceable too. A referentienummer with a newline
forged a whole log line, and an 8 MB ``applicatie`` became an 8 MB line (issue 11, item 4). So
every argument of every record is cut to :data:`MAX_WAARDE` characters and its control characters
(C0, C1, DEL, the Unicode line and paragraph separators) are written as escapes, before any
handler formats it; a record without arguments gets the same treatment for its whole message.
Tracebacks are not touched: they are our own code's, and SQL statement parameters (person data)
never reach them (the store's engines hide them, ``store/session.py``).
"""

from __future__ import annotations

import contextvars
import json
import logging
import uuid
from collections.abc import Mapping
from typing import Final

#: Longest value (one argument of a log call) that is written whole.
MAX_WAARDE: Final = 200
#: Longest message of a record logged without arguments.
MAX_BERICHT: Final = 2000

_ESCAPES: Final = {
    **{c: f"\\x{c:02x}" for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)]},
    ord("\n"): "\\n",
    ord("\r"): "\\r",
    ord("\t"): "\\t",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def veilig(waarde: object, maximum: int = MAX_WAARDE) -> object:
    """A log argument as it may be written: numbers as they are, everything else as bounded,
    escaped text."""
    if isinstance(waarde, bool | int | float) or waarde is None:
        return waarde
    tekst = str(waarde)
    if len(tekst) > maximum:
        tekst = f"{tekst[:maximum]}...(+{len(tekst) - maximum} tekens)"
    return tekst.translate(_ESCAPES)


class VeiligeLogregels(logging.Filter):
    """Handler filter that applies :func:`veilig` to the arguments (or message) of every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, Mapping):
            record.args = {sleutel: veilig(waarde) for sleutel, waarde in record.args.items()}
        elif record.args:
            record.args = tuple(veilig(waarde) for waarde in record.args)
        else:
            record.msg = veilig(record.msg, MAX_BERICHT)
        return True


#: The values of ``--log-format``; the first is the default.
FORMATEN: Final = ("text", "json")
#: The values of ``--log-level``.
NIVEAUS: Final = ("debug", "info", "warning", "error")

#: The id of the request being handled in this thread (``-`` outside a request): in every log line
#: of the request and, as its correlation id, in the details of a Fo02/Fo03 (issue 13).
_VERZOEK_ID: contextvars.ContextVar[str] = contextvars.ContextVar("rzs_verzoek_id", default="-")


def nieuw_verzoek_id() -> str:
    """Start a request: a fresh id, set for the log lines of this thread until the next one."""
    verzoek_id = uuid.uuid4().hex[:12]
    _VERZOEK_ID.set(verzoek_id)
    return verzoek_id


def verzoek_id() -> str:
    return _VERZOEK_ID.get()


class _MetVerzoekId(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.verzoek_id = _VERZOEK_ID.get()
        return True


class JsonRegels(logging.Formatter):
    """One JSON object per line: time, level, logger, request id, message (made safe before)."""

    def format(self, record: logging.LogRecord) -> str:
        regel = {
            "tijd": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "niveau": record.levelname,
            "logger": record.name,
            "verzoek_id": getattr(record, "verzoek_id", "-"),
            "bericht": record.getMessage(),
        }
        if record.exc_info:
            regel["exc"] = self.formatException(record.exc_info)
        return json.dumps(regel, ensure_ascii=False)


_EIGEN = logging.StreamHandler()
_TEKST = "%(asctime)s %(levelname)s %(name)s [%(verzoek_id)s] %(message)s"


def configureer(niveau: int | str = logging.INFO, formaat: str = "text") -> None:
    """The logging of every ``rzs`` command: one line per record on stderr, made safe.

    Alembic logs nine INFO lines per ``migrate`` ("Context impl", "Will assume transactional
    DDL", one per revision): below DEBUG they say nothing an operator needs, so alembic logs
    warnings only unless the level is debug (issue 13, quiet start-up)."""
    if isinstance(niveau, str):
        niveau = logging.getLevelNamesMapping()[niveau.upper()]
    wortel = logging.getLogger()
    wortel.setLevel(niveau)
    if not wortel.handlers:  # as basicConfig: a host (pytest) that has its own handlers keeps them
        wortel.addHandler(_EIGEN)
    _EIGEN.setFormatter(JsonRegels() if formaat == "json" else logging.Formatter(_TEKST))
    for handler in wortel.handlers:
        for nodig in (VeiligeLogregels, _MetVerzoekId):
            if not any(isinstance(f, nodig) for f in handler.filters):
                handler.addFilter(nodig())
    logging.getLogger("alembic").setLevel(logging.DEBUG if niveau <= logging.DEBUG else logging.WARNING)
