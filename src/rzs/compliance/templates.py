"""The one helper that fills XML message templates (``${naam}`` placeholders).

Templates are valid XML files under ``compliance/templates`` and ``tests/messages``; values are
XML-escaped before substitution, so a value can never inject markup, and the result is parsed with
the hardened parser. A placeholder without a value is an error, not an empty string: a template
that silently loses a field would make a test pass for the wrong reason.

A template may hold ``<fragment naam="..."/>`` (no namespace) where a part of the message comes
from another template file: the voorzieningen of an extension scenario are versions of one
voorziening that several messages carry (was/wordt of an updateZaak), each written once as a file
(``compliance/templates/voorzieningen/``). A fragment is filled with the same values.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from pathlib import Path
from xml.sax.saxutils import escape

from lxml import etree

from rzs import safexml

_ATTRIBUTE_ESCAPES = {'"': "&quot;", "'": "&apos;"}


#: The element (no namespace) that marks where a fragment goes: ``<fragment naam="was"/>``.
FRAGMENT = "fragment"


class TemplateFout(KeyError):
    """A placeholder in the template has no value, or a fragment no file."""


def render(text: str, values: Mapping[str, object]) -> bytes:
    """Substitute ``${naam}`` placeholders with escaped values and return UTF-8 bytes."""
    escaped = {key: escape(str(value), _ATTRIBUTE_ESCAPES) for key, value in values.items()}
    try:
        return string.Template(text).substitute(escaped).encode("utf-8")
    except KeyError as exc:
        raise TemplateFout(f"Template placeholder zonder waarde: {exc.args[0]}") from None


def fill(
    path: str | Path,
    values: Mapping[str, object] | None = None,
    fragmenten: Mapping[str, Path] | None = None,
) -> etree._Element:
    """Read a template file, fill it and parse it; returns the root element.

    ``fragmenten`` names the file of each ``<fragment naam="..."/>`` in the template; each is
    filled with ``values`` and takes the marker's place.
    """
    text = Path(path).read_text(encoding="utf-8")
    root = safexml.parse(render(text, values or {}))
    plekken = list(root.iter(FRAGMENT))
    for plek in plekken:
        naam = plek.get("naam", "")
        bestand = (fragmenten or {}).get(naam)
        ouder = plek.getparent()
        if bestand is None or ouder is None:
            raise TemplateFout(f"Template-fragment zonder bestand: {naam!r} in {Path(path).name}")
        deel = fill(bestand, values)
        deel.tail = plek.tail
        ouder.replace(plek, deel)
    if plekken:
        etree.cleanup_namespaces(root)
    return root


def fill_bytes(path: str | Path, values: Mapping[str, object] | None = None) -> bytes:
    """Like :func:`fill` but returns the filled bytes unparsed (for deliberately broken messages)."""
    return render(Path(path).read_text(encoding="utf-8"), values or {})
