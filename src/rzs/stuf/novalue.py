"""``StUF:noValue`` and ``xsi:nil``: absent, empty, unknown are three different things (DIGEST c.6).

``None`` in our code means "the element was not in the message". An element that is present with
``xsi:nil="true"`` carries a :class:`NoValue` reason; in a kennisgeving ``geenWaarde`` means
"empty this value".
"""

from __future__ import annotations

from enum import StrEnum

from lxml import etree

from rzs import ns


class NoValue(StrEnum):
    NIET_ONDERSTEUND = "nietOndersteund"
    NIET_GEAUTORISEERD = "nietGeautoriseerd"
    GEEN_WAARDE = "geenWaarde"
    WAARDE_ONBEKEND = "waardeOnbekend"
    VASTGESTELD_ONBEKEND = "vastgesteldOnbekend"


def is_nil(element: etree._Element) -> bool:
    return element.get(ns.NIL) in {"true", "1"} or element.get(ns.NOVALUE) is not None


def waarde(element: etree._Element | None) -> str | None:
    """Text of a simple element; None when absent, nil, noValue or empty."""
    if element is None or is_nil(element):
        return None
    tekst = (element.text or "").strip()
    return tekst or None


def zet_nil(element: etree._Element, reden: NoValue) -> etree._Element:
    """Mark an element empty with a reason: ``xsi:nil="true" StUF:noValue="..."``."""
    element.set(ns.NOVALUE, reden.value)
    element.set(ns.NIL, "true")
    element.text = None
    return element
