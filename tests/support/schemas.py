"""Validators for replies: our own schema set and, when ../shared is present, the official set.

The official set compiles only through the oracle wrapper schemas (DIGEST c.13) and as two
validators (ZKN and RZS clash); it has no ZDS 1.2 schema, so a ZDS wrapper is checked by renaming
it to the message it wraps. The compiling and renaming are the compliance harness's
(:mod:`rzs.compliance.bronnen`): tests and harness judge messages the same way.
"""

from __future__ import annotations

from lxml import etree

from rzs import ns
from rzs.compliance.bronnen import ZDS_NAAR_OFFICIEEL, als_officieel_bericht, eigen_schema, officieel_schema


def fouten(schema: etree.XMLSchema, element: etree._Element) -> list[str]:
    return [] if schema.validate(element) else [str(e) for e in schema.error_log]


def assert_geldig(element: etree._Element) -> None:
    """The element is valid against our schemas and, when available, the official set."""
    eigen_fouten = fouten(eigen_schema(), element)
    assert not eigen_fouten, "\n".join(eigen_fouten) + "\n" + etree.tostring(element).decode()[:3000]
    if ns.namespace_of(element.tag) == ns.ZDS and ns.local_name(element.tag) not in ZDS_NAAR_OFFICIEEL:
        return  # ZDS 1.2 only (genereerBesluitIdentificatie_Du02): no official counterpart to ask
    familie = "rzs" if ns.namespace_of(element.tag) == ns.RZS else "zkn"
    official = officieel_schema(familie)
    if official is not None:
        officiele_fouten = fouten(official, als_officieel_bericht(element))
        assert not officiele_fouten, (
            "\n".join(officiele_fouten) + "\n" + etree.tostring(element).decode()[:3000]
        )
