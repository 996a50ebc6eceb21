"""Every namespace URI, QName and SOAPAction base of the koppelvlak, written once.

Nothing else in ``src/`` spells a namespace URI: handlers use the constants and the small helpers
below (``stuf("berichtcode")`` gives ``{http://www.egem.nl/StUF/StUF0301}berichtcode``).
DIGEST legend and b.1/b.2 are the source of these strings.
"""

from __future__ import annotations

STUF = "http://www.egem.nl/StUF/StUF0301"
ZKN = "http://www.egem.nl/StUF/sector/zkn/0310"
BG = "http://www.egem.nl/StUF/sector/bg/0310"
RZS = "http://www.stufstandaarden.nl/koppelvlak/rzs0310"
ZDS = "http://www.stufstandaarden.nl/koppelvlak/zds0120"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XMIME = "http://www.w3.org/2005/05/xmlmime"
XOP = "http://www.w3.org/2004/08/xop/include"
XSD = "http://www.w3.org/2001/XMLSchema"
WSDL = "http://schemas.xmlsoap.org/wsdl/"
WSDL_SOAP11 = "http://schemas.xmlsoap.org/wsdl/soap/"
SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12 = "http://www.w3.org/2003/05/soap-envelope"
#: Header blocks addressed to us (SOAP 1.1 §4.2.2 actor, SOAP 1.2 part 1 §2.2 roles).
SOAP11_ACTOR_NEXT = "http://schemas.xmlsoap.org/soap/actor/next"
SOAP12_ROLES_VOOR_ONS = (
    "http://www.w3.org/2003/05/soap-envelope/role/next",
    "http://www.w3.org/2003/05/soap-envelope/role/ultimateReceiver",
)
#: targetNamespace of the WSDL served at the root (``GET /?wsdl``), which is ours, not the standard's:
#: it only holds the service that binds every endpoint's operations to ``/``.
STUF_RZS_WSDL = "urn:stuf-rzs:wsdl:alle-operaties"
#: Our own extension (issue 9, docs/voorzieningen.md): voorzieningen in StUF:aanvullendeElementen.
#: The major version is in the URI; the full version is the ``versie`` attribute of the container.
VOORZIENING = "urn:stuf-rzs:voorziening:1"

#: Prefixes used when we serialise. Receivers must not care, but humans reading logs and reports do.
NSMAP: dict[str, str] = {
    "StUF": STUF,
    "ZKN": ZKN,
    "BG": BG,
    "RZS": RZS,
    "ZDS": ZDS,
    "xsi": XSI,
    "xmime": XMIME,
}

#: Prefix of the voorziening namespace, declared on the container element only (not in NSMAP, so
#: messages without voorzieningen keep exactly the namespace declarations they had).
NSMAP_VOORZIENING: dict[str, str] = {"VZ": VOORZIENING}

#: SOAPAction bases (DIGEST b.2). The RZS actions use the egem.nl "sector/rzs" form although the
#: RZS elements live in the stufstandaarden.nl namespace (DIGEST g.7).
ZKN_ACTION = "http://www.egem.nl/StUF/sector/zkn/0310/"
RZS_ACTION = "http://www.egem.nl/StUF/sector/rzs/0310/"
STUF_ACTION = "http://www.egem.nl/StUF/StUF0301/"


def qname(namespace: str, local: str) -> str:
    """Clark notation ``{namespace}local``, the form lxml uses for tags and attributes."""
    return f"{{{namespace}}}{local}"


def stuf(local: str) -> str:
    return qname(STUF, local)


def zkn(local: str) -> str:
    return qname(ZKN, local)


def bg(local: str) -> str:
    return qname(BG, local)


def rzs(local: str) -> str:
    return qname(RZS, local)


def zds(local: str) -> str:
    return qname(ZDS, local)


def vz(local: str) -> str:
    return qname(VOORZIENING, local)


def xsi(local: str) -> str:
    return qname(XSI, local)


def xmime(local: str) -> str:
    return qname(XMIME, local)


def clark(tag: object) -> str:
    """An lxml tag (str, bytes or QName, as lxml types it) as a Clark-notation string."""
    if type(tag) is str:  # nearly always: the fast path, called hundreds of times per answer
        return tag
    return tag.decode() if isinstance(tag, bytes | bytearray) else str(tag)


def local_name(tag: object) -> str:
    """``{ns}name`` -> ``name``."""
    return (tag if type(tag) is str else clark(tag)).rpartition("}")[2]


def namespace_of(tag: object) -> str:
    text = clark(tag)
    return text[1:].partition("}")[0] if text.startswith("{") else ""


# Attributes used on nearly every entity; named once so handlers read like the standard.
ENTITEITTYPE = stuf("entiteittype")
VERWERKINGSSOORT = stuf("verwerkingssoort")
NOVALUE = stuf("noValue")
FUNCTIE = stuf("functie")
SCOPE = stuf("scope")
NIL = xsi("nil")
