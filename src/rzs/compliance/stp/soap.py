"""SOAP 1.1 and 1.2 as the STP speaks it: taking an incoming envelope apart (PC-1) and wrapping answers.

A fault carries the StUF foutbericht in its detail, faultcode from ``plek`` (Client/Server, in
SOAP 1.2 Sender/Receiver), faultstring = omschrijving, no faultactor, HTTP 500 (DIGEST c.11).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from rzs import ns, safexml

_VERSIE = {ns.SOAP11: "1.1", ns.SOAP12: "1.2"}
_NS = {"1.1": ns.SOAP11, "1.2": ns.SOAP12}
CONTENT_TYPE = {"1.1": "text/xml; charset=utf-8", "1.2": "application/soap+xml; charset=utf-8"}


@dataclass
class Antwoord:
    """What the STP answers over HTTP."""

    status: int
    content_type: str
    data: bytes


@dataclass
class Verzoek:
    """One HTTP request as the STP received it, taken apart; ``redenen`` holds PC-1 findings."""

    pad: str
    soapaction: str
    data: bytes
    versie: str = "1.1"
    body: etree._Element | None = None
    redenen: list[str] = field(default_factory=list)


def _action(content_type: str, header: str) -> tuple[str, str]:
    """(SOAPAction, media type): SOAP 1.1 in the header, SOAP 1.2 as ``action`` parameter."""
    media, _, rest = content_type.partition(";")
    action = header.strip().strip('"')
    for parameter in rest.split(";"):
        naam, _, waarde = parameter.strip().partition("=")
        if naam.lower() == "action":
            action = waarde.strip().strip('"')
    return action, media.strip().lower()


def ontleed(pad: str, content_type: str, soapaction_header: str, data: bytes) -> Verzoek:
    action, media = _action(content_type, soapaction_header)
    verzoek = Verzoek(pad, action, data)
    try:
        envelope = safexml.parse(data)
    except safexml.OngeldigeXml as exc:
        verzoek.redenen.append(f"het bericht is geen XML: {exc}")
        return verzoek
    versie = _VERSIE.get(ns.namespace_of(envelope.tag))
    if versie is None or ns.local_name(envelope.tag) != "Envelope":
        verzoek.redenen.append(f"root {ns.clark(envelope.tag)} is geen SOAP 1.1- of 1.2-Envelope")
        return verzoek
    verzoek.versie = versie
    verwacht = CONTENT_TYPE[versie].split(";")[0]
    if media != verwacht:
        verzoek.redenen.append(f"Content-Type {content_type!r}; SOAP {versie} vraagt {verwacht}")
    if versie == "1.1" and not soapaction_header:
        verzoek.redenen.append("SOAPAction-header ontbreekt (SOAP 1.1, DIGEST b.2)")
    body = envelope.find(ns.qname(_NS[versie], "Body"))
    kinderen = [] if body is None else [k for k in body if isinstance(k.tag, str)]
    if len(kinderen) != 1:
        verzoek.redenen.append(f"SOAP Body moet precies één element bevatten, bevat er {len(kinderen)}")
    else:
        verzoek.body = kinderen[0]
    return verzoek


def envelope(versie: str, inhoud: etree._Element) -> bytes:
    soap = _NS[versie]
    env = etree.Element(ns.qname(soap, "Envelope"), nsmap={"soap": soap})
    etree.SubElement(env, ns.qname(soap, "Body")).append(inhoud)
    return etree.tostring(env, xml_declaration=True, encoding="UTF-8")


def fault(versie: str, fo: etree._Element, plek: str, omschrijving: str) -> bytes:
    soap = _NS[versie]
    env = etree.Element(ns.qname(soap, "Envelope"), nsmap={"soap": soap})
    element = etree.SubElement(etree.SubElement(env, ns.qname(soap, "Body")), ns.qname(soap, "Fault"))
    if versie == "1.1":
        etree.SubElement(element, "faultcode").text = f"soap:{'Client' if plek == 'client' else 'Server'}"
        etree.SubElement(element, "faultstring").text = omschrijving
        etree.SubElement(element, "detail").append(fo)
    else:
        code = etree.SubElement(etree.SubElement(element, ns.qname(soap, "Code")), ns.qname(soap, "Value"))
        code.text = f"soap:{'Sender' if plek == 'client' else 'Receiver'}"
        reden = etree.SubElement(etree.SubElement(element, ns.qname(soap, "Reason")), ns.qname(soap, "Text"))
        reden.set("{http://www.w3.org/XML/1998/namespace}lang", "nl")
        reden.text = omschrijving
        etree.SubElement(element, ns.qname(soap, "Detail")).append(fo)
    return etree.tostring(env, xml_declaration=True, encoding="UTF-8")


def geslaagd(versie: str, inhoud: etree._Element) -> Antwoord:
    """HTTP 200 with ``inhoud`` (Bv03, Du02, La01, ...) in an envelope of ``versie``."""
    return Antwoord(200, CONTENT_TYPE[versie], envelope(versie, inhoud))


def geweigerd(versie: str, fo: etree._Element, plek: str, omschrijving: str) -> Antwoord:
    """HTTP 500 with a SOAP Fault carrying the foutbericht ``fo`` (DIGEST c.11)."""
    return Antwoord(500, CONTENT_TYPE[versie], fault(versie, fo, plek, omschrijving))
