"""THE hardened XML parser, for everything we read from outside: requests, replies, templates.

Why not lxml's defaults: they expand internal entities and accept DTDs. A SOAP message must not
carry a DTD at all (WS-I BP R1008), so we refuse any, and never resolve entities or touch the
network (TECH-NOTES section 4). libxml2 without ``huge_tree`` also bounds nesting depth (256) and
text node size; we add a byte limit before parsing. Every lxml failure leaves this module as one
:class:`OngeldigeXml`, so callers have a single error to translate (StUF055).
"""

from __future__ import annotations

import threading
from typing import Final

from lxml import etree

#: Default maximum size of one XML document; configurable through Settings.max_bericht_bytes.
DEFAULT_MAX_BYTES: Final = 20 * 1024 * 1024

_local = threading.local()


class OngeldigeXml(ValueError):
    """The bytes are not acceptable XML (syntax, DTD, entities, too large, too deep)."""


def _parser() -> etree.XMLParser:
    # One parser per thread: lxml parsers are not thread-safe.
    parser: etree.XMLParser | None = getattr(_local, "parser", None)
    if parser is None:
        parser = etree.XMLParser(
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            dtd_validation=False,
            huge_tree=False,
            remove_pis=True,
            remove_comments=True,
            collect_ids=False,
        )
        _local.parser = parser
    return parser


def parse(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> etree._Element:
    """Parse untrusted bytes into an element, or raise :class:`OngeldigeXml`."""
    if len(data) > max_bytes:
        raise OngeldigeXml(f"Bericht is groter dan het maximum van {max_bytes} bytes")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise OngeldigeXml(f"Geen well-formed XML: {exc}") from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise OngeldigeXml("Een DTD is niet toegestaan in een SOAP-bericht")
    if _has_entity_reference(root):
        raise OngeldigeXml("Entity-verwijzingen zijn niet toegestaan")
    return root


def parse_file(path: str) -> etree._Element:
    """Parse one of our own files (schemas, templates) with the same hardened settings."""
    with open(path, "rb") as handle:
        return parse(handle.read(), max_bytes=1 << 30)


def _has_entity_reference(root: etree._Element) -> bool:
    # Without a DTD libxml2 cannot define entities, but an undefined reference can still survive
    # recovery paths; refuse rather than pass an _Entity node to the validator.
    return any(isinstance(node, etree._Entity) for node in root.iter(etree.Entity))


def canonical(element: etree._Element) -> bytes:
    """Exclusive C14N of an element: how tests and the harness compare XML."""
    return etree.tostring(element, method="c14n", exclusive=True)
