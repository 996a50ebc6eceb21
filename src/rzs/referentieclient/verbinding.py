"""Talking to a zaaksysteem: zeep reads its WSDLs (``<endpoint>/zkn/...?wsdl``), we send templates.

zeep gives the binding, each operation's SOAPAction and the HTTP transport; the message body is
our own filled template (zeep's typed objects cannot express StUF's nil + noValue). The reply is
parsed with the hardened parser; a SOAP Fault becomes :class:`StufFout` with the StUF foutcode.

``plugins`` are callables that may change a message just before it leaves (like zeep's egress
plugins): the tests use them to play a broken client.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import zeep
from lxml import etree

from rzs import ns, safexml

#: Operation -> (path on a server laid out like stuf-rzs, binding) (DIGEST b.1, b.2).
_ZKN_ASYNC = ("/zkn/OntvangAsynchroon", ns.zkn("SOAPOntvangAsynchroon"))
_ZKN_VRAAG = ("/zkn/BeantwoordVraag", ns.zkn("SOAPBeantwoordVraag"))
_ZKN_VRIJ = ("/zkn/VrijeBerichten", ns.zkn("SOAPVrijeBerichten"))
_RZS = ("/rzs/OntvangAsynchroon", ns.rzs("SOAPOntvangAsynchroon"))
DIENST: dict[str, tuple[str, str]] = {
    **dict.fromkeys(
        ["creeerZaak_Lk01", "updateZaak_Lk01", "actualiseerZaakstatus_Lk01", "voegZaakdocumentToe_Lk01"],
        _ZKN_ASYNC,
    ),
    **dict.fromkeys(
        [
            "geefZaakstatus_Lv01",
            "geefZaakdetails_Lv01",
            "geefLijstZaakdocumenten_Lv01",
            "geefZaakdocumentLezen_Lv01",
        ],
        _ZKN_VRAAG,
    ),
    **dict.fromkeys(
        [
            "genereerZaakIdentificatie_Di02",
            "genereerDocumentIdentificatie_Di02",
            "geefZaakdocumentbewerken_Di02",
            "updateZaakdocument_Di02",
        ],
        _ZKN_VRIJ,
    ),
    "overdragenZaak": _RZS,
    "bevestigOverdragenZaak": _RZS,
}

#: A plugin sees (operatie, body, HTTP headers) before sending and may change body or headers.
Plugin = Callable[[str, etree._Element, dict[str, str]], None]


class StufFout(Exception):
    """The zaaksysteem refused the message (a SOAP Fault with a StUF foutbericht)."""

    def __init__(self, operatie: str, code: str, omschrijving: str, details: str) -> None:
        super().__init__(f"{operatie}: {code} {omschrijving}" + (f" — {details}" if details else ""))
        self.code = code


@dataclass
class Verbinding:
    endpoint: str
    soap: str = "1.1"
    timeout: float = 30.0
    plugins: Sequence[Plugin] = ()

    def __post_init__(self) -> None:
        self.endpoint = self.endpoint.rstrip("/")
        self.transport = zeep.Transport(timeout=self.timeout, operation_timeout=self.timeout)  # type: ignore[no-untyped-call]
        self._clients: dict[str, Any] = {}

    def _client(self, pad: str) -> Any:
        """zeep client for one endpoint, from its own ``?wsdl`` (loaded once)."""
        if pad not in self._clients:
            instellingen = zeep.Settings(strict=True, forbid_dtd=True, forbid_entities=True)
            self._clients[pad] = zeep.Client(  # type: ignore[no-untyped-call]
                f"{self.endpoint}{pad}?wsdl", settings=instellingen, transport=self.transport
            )
        return self._clients[pad]

    def stuur(self, operatie: str, body: etree._Element) -> etree._Element:
        """Send ``body`` as ``operatie``; the answer's root (Bv03, Du02, La01, ...) or :class:`StufFout`."""
        pad, binding_naam = DIENST[operatie]
        client = self._client(pad)
        binding = client.wsdl.bindings[binding_naam]
        action = str(binding._operations[operatie].soapaction)
        adres = client.create_service(binding_naam, f"{self.endpoint}{pad}")._binding_options["address"]
        soap_ns = ns.SOAP12 if self.soap == "1.2" else ns.SOAP11
        if self.soap == "1.2":
            headers = {"Content-Type": f'application/soap+xml; charset=utf-8; action="{action}"'}
        else:
            headers = {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": f'"{action}"'}
        for plugin in self.plugins:
            plugin(operatie, body, headers)
        envelope = etree.Element(ns.qname(soap_ns, "Envelope"), nsmap={"soap": soap_ns})
        etree.SubElement(envelope, ns.qname(soap_ns, "Body")).append(body)
        response = client.transport.post_xml(adres, envelope, headers)
        antwoord = safexml.parse(bytes(response.content))
        inhoud = antwoord.find(f"{ns.qname(soap_ns, 'Body')}/*")
        if inhoud is None:
            raise StufFout(operatie, "?", f"HTTP {response.status_code} zonder SOAP Body", "")
        if inhoud.tag == ns.qname(soap_ns, "Fault"):
            fo = next((e for e in inhoud.iter() if ns.local_name(e.tag).startswith("Fo0")), None)
            tekst = {
                naam: (fo.findtext(ns.stuf(f"body/{{{ns.STUF}}}{naam}")) if fo is not None else None) or ""
                for naam in ("code", "omschrijving", "details")
            }
            raise StufFout(operatie, tekst["code"] or "?", tekst["omschrijving"], tekst["details"])
        return inhoud
