"""Log values escaped and bounded (issue 11, item 4): the filter on every handler of ``rzs``."""

from __future__ import annotations

import logging

from rzs.logboek import MAX_BERICHT, MAX_WAARDE, VeiligeLogregels, veilig


def _record(msg: str, args: object) -> logging.LogRecord:
    record = logging.LogRecord("rzs.test", logging.INFO, __file__, 1, msg, args, None)  # type: ignore[arg-type]
    assert VeiligeLogregels().filter(record)
    return record


def test_stuurtekens_worden_escapes() -> None:
    record = _record("referentienummer=%s", ("A\nB\r\tC\x00D\x85E\u2028F",))
    assert record.getMessage() == "referentienummer=A\\nB\\r\\tC\\x00D\\x85E\\u2028F"


def test_lange_waarden_worden_ingekort() -> None:
    regel = _record("zender=%s/%s", ("0363", "A" * 1_000_000)).getMessage()
    assert len(regel) < MAX_WAARDE + 50
    assert regel.endswith(f"...(+{1_000_000 - MAX_WAARDE} tekens)")


def test_getallen_blijven_getallen_en_mappings_werken() -> None:
    assert _record("ms=%.1f n=%d", (1.25, 3)).getMessage() == "ms=1.2 n=3"
    assert _record("%(a)s", ({"a": "x\ny"},)).getMessage() == "x\\ny"


def test_bericht_zonder_argumenten() -> None:
    record = _record("regel een\nregel twee" + "x" * 5000, ())
    assert "\n" not in record.getMessage() and len(record.getMessage()) < MAX_BERICHT + 50


def test_veilig_laat_none_en_bool_heel() -> None:
    assert veilig(None) is None and veilig(True) is True
