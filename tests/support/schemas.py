"""Validators for replies: our own schema set and, when ../shared is present, the official set.

The official set compiles only through the oracle wrapper schemas (DIGEST c.13) and as two
validators (ZKN and RZS clash); it has no ZDS 1.2 schema, so a ZDS wrapper is checked by renaming
it to the ZKN message it wraps.
"""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path

from lxml import etree

from rzs import ns

REPO = Path(__file__).resolve().parents[2]
ORACLE = REPO.parent / "shared" / "standard" / "oracle"

_ZDS_NAAR_ZKN = {
    "ZakLk01": "zakLk01",
    "ZakLv01": "zakLv01",
    "ZakLa01": "zakLa01",
    "EdcLk01": "edcLk01",
    "EdcLv01": "edcLv01",
    "EdcLa01": "edcLa01",
}


def _compile(path: Path) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(path), etree.XMLParser(no_network=True, resolve_entities=False)))


@cache
def eigen() -> etree.XMLSchema:
    return _compile(REPO / "xsd" / "all.xsd")


@cache
def officieel(familie: str) -> etree.XMLSchema | None:
    path = ORACLE / ("rzs0310_all.xsd" if familie == "rzs" else "zkn0310_all.xsd")
    return _compile(path) if path.is_file() else None


def als_officieel_bericht(element: etree._Element) -> etree._Element:
    """A ZDS 1.2 wrapper renamed to the ZKN message it wraps (children moved to ZKN too)."""
    if ns.namespace_of(element.tag) != ns.ZDS:
        return element
    kopie = copy.deepcopy(element)
    naam = ns.local_name(kopie.tag)
    achtervoegsel = naam.rsplit("_", 1)[-1]
    # The STP spells geefZaakdocumentBewerken with a capital B; ZKN has only the lowercase name.
    kopie.tag = ns.zkn(_ZDS_NAAR_ZKN.get(achtervoegsel, naam.replace("Bewerken", "bewerken")))
    for child in kopie.iter():
        if child is not kopie and isinstance(child.tag, str) and ns.namespace_of(child.tag) == ns.ZDS:
            child.tag = ns.zkn(ns.local_name(child.tag))
    return kopie


def fouten(schema: etree.XMLSchema, element: etree._Element) -> list[str]:
    return [] if schema.validate(element) else [str(e) for e in schema.error_log]


def assert_geldig(element: etree._Element) -> None:
    """The element is valid against our schemas and, when available, the official set."""
    eigen_fouten = fouten(eigen(), element)
    assert not eigen_fouten, "\n".join(eigen_fouten) + "\n" + etree.tostring(element).decode()[:3000]
    familie = "rzs" if ns.namespace_of(element.tag) == ns.RZS else "zkn"
    official = officieel(familie)
    if official is not None:
        officiele_fouten = fouten(official, als_officieel_bericht(element))
        assert not officiele_fouten, (
            "\n".join(officiele_fouten) + "\n" + etree.tostring(element).decode()[:3000]
        )
