"""SOAP 1.1 and 1.2 envelopes: reading the body, writing replies and faults.

The two versions differ only in namespace, content type and fault shape, so each is one small
object (as zeep's Soap11Binding/Soap12Binding): no ``if version`` chains elsewhere. We answer in
the version we received. Header blocks (WS-Security, WS-Addressing) are ignored: the plain StUF
HTTP binding does not use them and they must not break processing (Binding 03.02) -- unless the
sender marks one ``mustUnderstand`` for us: then SOAP (1.1 §4.2.3, 1.2 part 1 §5.2.3) requires a
MustUnderstand fault, since ignoring it could break what the sender relies on (issue 11, item 9).
A front end that handles such a header for us (a WS-Security gateway) is named in
``Settings.begrepen_headers``.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from rzs import ns


class GeenSoapEnvelope(ValueError):
    """The document is XML but not a usable SOAP envelope."""


class NietBegrepenHeaders(ValueError):
    """Header blocks marked mustUnderstand for us that we do not understand (Clark names)."""

    def __init__(self, versie: SoapVersie, blokken: list[str]) -> None:
        super().__init__(f"Niet begrepen SOAP-headers: {', '.join(blokken)}")
        self.versie = versie
        self.blokken = blokken


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

    def must_understand_fault(self, blokken: list[str]) -> bytes:
        raise NotImplementedError

    def voor_ons(self, blok: etree._Element) -> bool:
        """A header block that we, the ultimate receiver, must understand."""
        raise NotImplementedError

    def _q(self, local: str) -> str:
        return ns.qname(self.namespace, local)


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

    def must_understand_fault(self, blokken: list[str]) -> bytes:
        """faultcode soap:MustUnderstand and no detail (SOAP 1.1 §4.4: detail is for the Body)."""
        fault = etree.Element(self._q("Fault"), nsmap={"soap": self.namespace})
        etree.SubElement(fault, "faultcode").text = "soap:MustUnderstand"
        etree.SubElement(fault, "faultstring").text = _reden(blokken)
        return self.envelope(fault)

    def voor_ons(self, blok: etree._Element) -> bool:
        return (
            blok.get(self._q("mustUnderstand"), "0").strip() == "1"
            and blok.get(self._q("actor"), ns.SOAP11_ACTOR_NEXT) == ns.SOAP11_ACTOR_NEXT
        )


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

    def must_understand_fault(self, blokken: list[str]) -> bytes:
        """Code env:MustUnderstand, and one env:NotUnderstood header per block (part 1 §5.4.8)."""
        env = etree.Element(self._q("Envelope"), nsmap={"soap": self.namespace})
        header = etree.SubElement(env, self._q("Header"))
        for blok in blokken:
            qname = etree.QName(blok)
            niet = etree.SubElement(header, self._q("NotUnderstood"), nsmap={"h": qname.namespace or ""})
            niet.set("qname", f"h:{qname.localname}")
        fault = etree.SubElement(etree.SubElement(env, self._q("Body")), self._q("Fault"))
        etree.SubElement(
            etree.SubElement(fault, self._q("Code")), self._q("Value")
        ).text = "soap:MustUnderstand"
        text = etree.SubElement(etree.SubElement(fault, self._q("Reason")), self._q("Text"))
        text.set("{http://www.w3.org/XML/1998/namespace}lang", "nl")
        text.text = _reden(blokken)
        return etree.tostring(env, xml_declaration=True, encoding="UTF-8")

    def voor_ons(self, blok: etree._Element) -> bool:
        verplicht = blok.get(self._q("mustUnderstand"), "false").strip() in ("1", "true")
        return (
            verplicht and blok.get(self._q("role"), ns.SOAP12_ROLES_VOOR_ONS[1]) in ns.SOAP12_ROLES_VOOR_ONS
        )


def _reden(blokken: list[str]) -> str:
    return "SOAP-header niet begrepen: " + ", ".join(blokken)


SOAP11 = _Soap11("1.1", ns.SOAP11, "text/xml; charset=utf-8", "Client", "Server")
SOAP12 = _Soap12("1.2", ns.SOAP12, "application/soap+xml; charset=utf-8", "Sender", "Receiver")
_VERSIES = {SOAP11.namespace: SOAP11, SOAP12.namespace: SOAP12}


def versie_van_content_type(content_type: str) -> SoapVersie:
    """Best guess before parsing (used for faults about unparseable requests)."""
    return SOAP12 if "application/soap+xml" in content_type.lower() else SOAP11


def lees(root: etree._Element, begrepen: frozenset[str] = frozenset()) -> tuple[SoapVersie, etree._Element]:
    """The SOAP version and the single body child of a parsed envelope; a header block marked
    mustUnderstand for us and not in ``begrepen`` (Clark names) raises NietBegrepenHeaders."""
    versie = _VERSIES.get(ns.namespace_of(root.tag))
    if versie is None or ns.local_name(root.tag) != "Envelope":
        raise GeenSoapEnvelope("Het bericht is geen SOAP 1.1- of 1.2-envelope")
    header = root.find(ns.qname(versie.namespace, "Header"))
    if header is not None:
        niet_begrepen = [
            ns.clark(blok.tag)
            for blok in header
            if isinstance(blok.tag, str) and versie.voor_ons(blok) and ns.clark(blok.tag) not in begrepen
        ]
        if niet_begrepen:
            raise NietBegrepenHeaders(versie, niet_begrepen)
    body = root.find(ns.qname(versie.namespace, "Body"))
    if body is None:
        raise GeenSoapEnvelope("De SOAP-envelope heeft geen Body")
    kinderen = [child for child in body if isinstance(child.tag, str)]
    if len(kinderen) != 1:
        raise GeenSoapEnvelope(f"De SOAP Body moet precies één bericht bevatten, niet {len(kinderen)}")
    return versie, kinderen[0]
