"""SOAP 1.1 and 1.2 envelopes: reading the body, writing replies and faults.

The two versions differ only in namespace, content type and fault shape, so each is one small
object (as zeep's Soap11Binding/Soap12Binding): no ``if version`` chains elsewhere. We answer in
the version we received. Header blocks (WS-Security, WS-Addressing) are ignored: the plain StUF
HTTP binding does not use them and they must not break processing (Binding 03.02).
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from rzs import ns


class GeenSoapEnvelope(ValueError):
    """The document is XML but not a usable SOAP envelope."""


@dataclass(frozen=True, slots=True)
class SoapVersie:
    naam: str
    namespace: str
    content_type: str
    client_code: str
    server_code: str

    def envelope(self, body_child: etree._Element) -> bytes:
        env = etree.Element(ns.qname(self.namespace, "Envelope"), nsmap={"soap": self.namespace})
        body = etree.SubElement(env, ns.qname(self.namespace, "Body"))
        body.append(body_child)
        return etree.tostring(env, xml_declaration=True, encoding="UTF-8")

    def fault(self, *, client: bool, reden: str, detail: etree._Element) -> bytes:
        raise NotImplementedError


class _Soap11(SoapVersie):
    def fault(self, *, client: bool, reden: str, detail: etree._Element) -> bytes:
        """faultcode soap:Client/Server, faultstring, detail with the Fo bericht; no faultactor
        (StUF Binding 03.02 forbids it)."""
        fault = etree.Element(ns.qname(self.namespace, "Fault"), nsmap={"soap": self.namespace})
        etree.SubElement(fault, "faultcode").text = "soap:" + (
            self.client_code if client else self.server_code
        )
        etree.SubElement(fault, "faultstring").text = reden
        etree.SubElement(fault, "detail").append(detail)
        return self.envelope(fault)


class _Soap12(SoapVersie):
    def fault(self, *, client: bool, reden: str, detail: etree._Element) -> bytes:
        def q(local: str) -> str:
            return ns.qname(self.namespace, local)

        fault = etree.Element(q("Fault"), nsmap={"soap": self.namespace})
        code = etree.SubElement(fault, q("Code"))
        etree.SubElement(code, q("Value")).text = "soap:" + (self.client_code if client else self.server_code)
        text = etree.SubElement(etree.SubElement(fault, q("Reason")), q("Text"))
        text.set("{http://www.w3.org/XML/1998/namespace}lang", "nl")
        text.text = reden
        etree.SubElement(fault, q("Detail")).append(detail)
        return self.envelope(fault)


SOAP11 = _Soap11("1.1", ns.SOAP11, "text/xml; charset=utf-8", "Client", "Server")
SOAP12 = _Soap12("1.2", ns.SOAP12, "application/soap+xml; charset=utf-8", "Sender", "Receiver")
_VERSIES = {SOAP11.namespace: SOAP11, SOAP12.namespace: SOAP12}


def versie_van_content_type(content_type: str) -> SoapVersie:
    """Best guess before parsing (used for faults about unparseable requests)."""
    return SOAP12 if "application/soap+xml" in content_type.lower() else SOAP11


def lees(root: etree._Element) -> tuple[SoapVersie, etree._Element]:
    """The SOAP version and the single body child of a parsed envelope."""
    versie = _VERSIES.get(ns.namespace_of(root.tag))
    if versie is None or ns.local_name(root.tag) != "Envelope":
        raise GeenSoapEnvelope("Het bericht is geen SOAP 1.1- of 1.2-envelope")
    body = root.find(ns.qname(versie.namespace, "Body"))
    if body is None:
        raise GeenSoapEnvelope("De SOAP-envelope heeft geen Body")
    kinderen = [child for child in body if isinstance(child.tag, str)]
    if len(kinderen) != 1:
        raise GeenSoapEnvelope(f"De SOAP Body moet precies één bericht bevatten, niet {len(kinderen)}")
    return versie, kinderen[0]
