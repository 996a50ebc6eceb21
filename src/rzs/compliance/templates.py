"""The one helper that fills XML message templates (``${naam}`` placeholders).

Templates are valid XML files under ``compliance/templates`` and ``tests/messages``; values are
XML-escaped before substitution, so a value can never inject markup, and the result is parsed with
the hardened parser. A placeholder without a value is an error, not an empty string: a template
that silently loses a field would make a test pass for the wrong reason.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from pathlib import Path
from xml.sax.saxutils import escape

from lxml import etree

from rzs import safexml

_ATTRIBUTE_ESCAPES = {'"': "&quot;", "'": "&apos;"}


class TemplateFout(KeyError):
    """A placeholder in the template has no value."""


def render(text: str, values: Mapping[str, object]) -> bytes:
    """Substitute ``${naam}`` placeholders with escaped values and return UTF-8 bytes."""
    escaped = {key: escape(str(value), _ATTRIBUTE_ESCAPES) for key, value in values.items()}
    try:
        return string.Template(text).substitute(escaped).encode("utf-8")
    except KeyError as exc:
        raise TemplateFout(f"Template placeholder zonder waarde: {exc.args[0]}") from None


def fill(path: str | Path, values: Mapping[str, object] | None = None) -> etree._Element:
    """Read a template file, fill it and parse it; returns the root element."""
    text = Path(path).read_text(encoding="utf-8")
    return safexml.parse(render(text, values or {}))


def fill_bytes(path: str | Path, values: Mapping[str, object] | None = None) -> bytes:
    """Like :func:`fill` but returns the filled bytes unparsed (for deliberately broken messages)."""
    return render(Path(path).read_text(encoding="utf-8"), values or {})
