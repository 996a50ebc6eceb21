"""The *official* RZS/ZDS WSDL in zeep, and a call through it to our server.

Out of the box zeep fails on it::

    AttributeError: 'lxml.etree.QName' object has no attribute 'resolve'

The cause (zeep 4.3, ``zeep/xsd/types/unresolved.py``): bg0310 imports GML 3.1.1, and GML has
named simple types that *restrict a list type* (``gml:CountExtentType`` restricts
``gml:integerOrNullList``). ``UnresolvedCustomType.resolve`` builds such a type as
``ListType(self.qname)``: it passes the type's own name where ``ListType`` expects its item type,
so resolving the list later calls ``QName.resolve()``. (python-zeep issues #803, #987.)

The StUF schemas use only two GML types, ``gml:PointPropertyType`` and
``gml:SurfacePropertyType`` (geometry of BAG objects, never in a ZDS/RZS body). ``ZonderGml``
serves a two-type stand-in whenever zeep asks for GML's ``gml.xsd``; every other file is the
official one, as published. The official ``soap:address`` is ``http://example.com/...``:
``create_service`` binds the real address.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import zeep
from basis import stuurgegevens
from lxml import etree
from lxml.builder import ElementMaker

XS = "http://www.w3.org/2001/XMLSchema"
GML = "http://www.opengis.net/gml"
ZKN = "http://www.egem.nl/StUF/sector/zkn/0310"
OFFICIELE_WSDLS = [
    "rzs0310/rzsberichten/rzs0310_ontvangAsynchroon_rzsberichten.wsdl",
    "zkn0310/zs-dms/zkn0310_ontvangAsynchroon_mutatie_zs-dms.wsdl",
    "zkn0310/zs-dms/zkn0310_beantwoordVraag_zs-dms.wsdl",
    "zkn0310/zs-dms/zkn0310_vrijeBerichten_zs-dms.wsdl",
]


def gml_vervanger() -> bytes:
    """GML's two types the StUF schemas name, as "any content" geometry."""
    xs = ElementMaker(namespace=XS, nsmap={"xs": XS})

    def geometrie(naam: str) -> etree._Element:
        inhoud = xs.any(namespace="##any", processContents="lax", minOccurs="0", maxOccurs="unbounded")
        return xs.complexType(xs.sequence(inhoud), xs.anyAttribute(processContents="lax"), name=naam)

    schema = xs.schema(
        geometrie("PointPropertyType"),
        geometrie("SurfacePropertyType"),
        targetNamespace=GML,
        elementFormDefault="qualified",
    )
    return etree.tostring(schema)


class ZonderGml(zeep.Transport):
    """Loads every document as usual, except GML 3.1.1's ``gml.xsd``."""

    def load(self, url: str) -> bytes:
        if url.replace("\\", "/").endswith("/gml/3.1.1/base/gml.xsd"):
            return gml_vervanger()
        inhoud: bytes = super().load(url)
        return inhoud


def main(url: str, officiele_schemas: Path) -> dict[str, Any]:
    operaties = {}
    for wsdl in OFFICIELE_WSDLS:
        client = zeep.Client(str(officiele_schemas / wsdl), transport=ZonderGml())
        operaties[wsdl] = sorted(o for b in client.wsdl.bindings.values() for o in b._operations)
    # The last one, VrijeBerichten, bound to our address.
    vrij = client.create_service(f"{{{ZKN}}}SOAPVrijeBerichten", f"{url}/zkn/VrijeBerichten")
    du02 = vrij.genereerZaakIdentificatie_Di02(
        stuurgegevens=stuurgegevens("Di02", functie="genereerZaakidentificatie")
    )
    gevonden = {"operaties": operaties, "identificatie": str(du02.zaak.identificatie._value_1)}
    print(gevonden)
    return gevonden


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
