"""The message as it travels from the wire layer to a service handler, and the route type.

The wire layer builds a :class:`Verzoek` (it knows HTTP and SOAP) and calls the handler of the
:class:`Route` it selected; the handler returns the reply body element. Both types live here so
``wire`` and ``services`` share them without importing each other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from rzs.stuf.stuurgegevens import Stuurgegevens


@dataclass(frozen=True, slots=True)
class Verzoek:
    #: WSDL operation name, e.g. ``creeerZaak_Lk01``: what the message asks for.
    operatie: str
    #: The SOAP body's root element: ``ZKN:zakLk01``, ``ZDS:creeerZaak_ZakLk01``, ``RZS:...``.
    body: etree._Element
    stuurgegevens: Stuurgegevens | None
    #: The request used a ZDS 1.2 wrapper root; the reply is wrapped the same way.
    zds_wrapper: bool = False


Handler = Callable[[Verzoek], etree._Element]


@dataclass(frozen=True, slots=True)
class Route:
    operatie: str
    handler: Handler
    #: Synchronous operations (Lv01, Di02) answer errors with Fo02, asynchronous ones with Fo03.
    synchroon: bool
