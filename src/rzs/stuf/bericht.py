"""The message as it travels from the wire layer to a service handler, and the route type.

The wire layer builds a :class:`Verzoek` (it knows HTTP and SOAP) and calls the handler of the
:class:`Route` it selected; the handler returns the reply body element. Both types live here so
``wire`` and ``services`` share them without importing each other. Document content travels beside
the tree, never in it: a request's as :class:`Bijlage` files keyed by sha256; in a reply the
handler writes the sha256 of stored content and the wire layer streams the content in.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import BinaryIO

from lxml import etree

from rzs.stuf.autorisatie import OPEN, Toegang
from rzs.stuf.stuurgegevens import Stuurgegevens


@dataclass(frozen=True, slots=True)
class Bijlage:
    """The decoded content of one ``ZKN:inhoud`` of a request, kept outside the tree (DIGEST f.3).

    Inline base64 and MTOM parts alike arrive as a file (spooled to disk when large); in the tree
    the ``inhoud`` element keeps the lowercase hex sha256 of the content instead, a valid
    base64Binary, so schema validation and the duplicate-message hash still see the message.
    """

    sha256: str
    grootte: int
    bestand: BinaryIO
    #: The MTOM part's Content-Type, when the content came as an MTOM part.
    content_type: str | None = None

    def open(self) -> BinaryIO:
        """The file, positioned at the start of the content."""
        self.bestand.seek(0)
        return self.bestand


@dataclass(frozen=True, slots=True)
class Verzoek:
    #: WSDL operation name, e.g. ``creeerZaak_Lk01``: what the message asks for.
    operatie: str
    #: The SOAP body's root element: ``ZKN:zakLk01``, ``ZDS:creeerZaak_ZakLk01``, ``RZS:...``.
    body: etree._Element
    stuurgegevens: Stuurgegevens | None
    #: The request used a ZDS 1.2 wrapper root; the reply is wrapped the same way.
    zds_wrapper: bool = False
    #: Document content of the request by sha256 (the text its ``inhoud`` element carries).
    bijlagen: Mapping[str, Bijlage] = field(default_factory=dict)
    #: What the zender may touch (its zaaktypen), from the authorisation policy (stuf/autorisatie.py).
    toegang: Toegang = OPEN


Handler = Callable[[Verzoek], etree._Element]


@dataclass(frozen=True, slots=True)
class Route:
    operatie: str
    handler: Handler
    #: Synchronous operations (Lv01, Di02) answer errors with Fo02, asynchronous ones with Fo03.
    synchroon: bool
