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

import logging
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


def configureer(niveau: int = logging.INFO) -> None:
    """The logging of every ``rzs`` command: one line per record on stderr, made safe."""
    logging.basicConfig(level=niveau, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, VeiligeLogregels) for f in handler.filters):
            handler.addFilter(VeiligeLogregels())
