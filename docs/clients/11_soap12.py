"""SOAP 1.2: the same operations, in SOAP 1.2 envelopes.

zeep speaks the SOAP version of the WSDL's binding, and our WSDL binds SOAP 1.1. We accept both
on every endpoint, so a vendor that must use 1.2 lets zeep read the binding as a SOAP 1.2 one:
``Soap12Wsdl`` moves the WSDL's ``soap:`` extension elements into the ``soap12:`` namespace as
the WSDL arrives. zeep then builds ``soap12:Envelope``s, sends ``application/soap+xml;
action="..."`` and reads the SOAP 1.2 reply and faults (``Fault.code`` is ``soap:Sender``).
"""

from __future__ import annotations

import sys
from typing import Any

import zeep
from basis import VRIJ, dienst, stuurgegevens, verbind
from lxml import etree
from zeep.plugins import HistoryPlugin

WSDL_SOAP11 = "http://schemas.xmlsoap.org/wsdl/soap/"
WSDL_SOAP12 = "http://schemas.xmlsoap.org/wsdl/soap12/"


class Soap12Wsdl(zeep.Transport):
    """Loads every ``?wsdl`` document with its SOAP 1.1 binding elements renamed to SOAP 1.2."""

    def load(self, url: str) -> bytes:
        inhoud: bytes = super().load(url)
        if not url.endswith("?wsdl"):
            return inhoud  # the XSDs have no bindings
        wsdl = etree.fromstring(inhoud)
        for element in wsdl.iter(f"{{{WSDL_SOAP11}}}*"):
            element.tag = f"{{{WSDL_SOAP12}}}{etree.QName(element).localname}"
        return etree.tostring(wsdl)


def main(url: str) -> dict[str, Any]:
    geschiedenis = HistoryPlugin()
    client = verbind(url, transport=Soap12Wsdl(), plugins=[geschiedenis])
    du02 = dienst(client, VRIJ).genereerZaakIdentificatie_Di02(
        stuurgegevens=stuurgegevens("Di02", functie="genereerZaakidentificatie")
    )
    try:  # addressed to an application we are not: a SOAP 1.2 fault, code Sender
        dienst(client, VRIJ).genereerZaakIdentificatie_Di02(
            stuurgegevens=stuurgegevens(
                "Di02", functie="genereerZaakidentificatie", ontvanger={"applicatie": "ANDER"}
            )
        )
    except zeep.exceptions.Fault as fout:
        faultcode = fout.code
    gevonden = {
        "faultcode": faultcode,
        "identificatie": str(du02.zaak.identificatie._value_1),
        "verzonden_content_type": (geschiedenis.last_sent or {})["http_headers"]["Content-Type"],
        "antwoord_envelope": (geschiedenis.last_received or {})["envelope"].tag,
    }
    print(gevonden)
    return gevonden


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080")
