"""A consumer's own endpoint: notificeerOverZaak_Di01, overdragenZaak_Du01 (Regiesysteem) and
overdragenZaak_Di01 (backoffice).

All are asynchronous Di01/Du01 messages, so the answer is a synchronous Bv03 (DIGEST d.6, d.7):
zender/ontvanger swapped, our own referentienummer, crossRefnummer = theirs. A Du01 whose
crossRefnummer is not one of our overdragenZaak_Di01 referentienummers is refused with Fo03
StUF043. A notification about a zaak we do not know is accepted (DIGEST d.7): we could fetch its
details afterwards. An overdragenZaak_Di01 is stored as an :class:`Overdracht` to decide on; the
decision (overdragenZaak_Du01) is sent later, not in the answer (DIGEST d.6). Served with wsgiref
in a thread (``rzs-client luister``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from lxml import etree

from rzs import ns, safexml
from rzs.referentieclient.berichten import Berichten, Systeem

_PREFIXEN = {"StUF": ns.STUF, "RZS": ns.RZS, "ZKN": ns.ZKN}
_ONTVANGBAAR = (
    ns.rzs("notificeerOverZaak_Di01"),
    ns.rzs("overdragenZaak_Du01"),
    ns.rzs("overdragenZaak_Di01"),
)


@dataclass(frozen=True, slots=True)
class Overdracht:
    """An overdragenZaak_Di01 received: the Du01 refers to ``referentienummer`` and goes to ``van``."""

    referentienummer: str
    zaak: str
    van: Systeem


class Ontvanger:
    """WSGI app; ``ontvangen`` lists (root name, zaakidentificatie, gebeurtenis) of what arrived."""

    def __init__(self, berichten: Berichten) -> None:
        self.berichten = berichten
        self.overdrachten: set[str] = set()  # referentienummers of the overdragenZaak_Di01 we sent
        self.ontvangen: list[tuple[str, str, str]] = []
        self.du01 = threading.Event()
        self.opdrachten: list[Overdracht] = []  # overdragenZaak_Di01 received (backoffice)
        self.di01 = threading.Event()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        data = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        soap_ns = ns.SOAP12 if "soap+xml" in environ.get("CONTENT_TYPE", "") else ns.SOAP11
        try:
            bericht = safexml.parse(data).find(f"{ns.qname(soap_ns, 'Body')}/*")
        except safexml.OngeldigeXml:
            bericht = None
        status, antwoord = self._verwerk(bericht)
        envelope = etree.Element(ns.qname(soap_ns, "Envelope"), nsmap={"soap": soap_ns})
        etree.SubElement(envelope, ns.qname(soap_ns, "Body")).append(antwoord)
        uit = etree.tostring(envelope, xml_declaration=True, encoding="UTF-8")
        soort = "application/soap+xml" if soap_ns == ns.SOAP12 else "text/xml"
        start_response(
            status, [("Content-Type", f"{soort}; charset=utf-8"), ("Content-Length", str(len(uit)))]
        )
        return [uit]

    def _verwerk(self, bericht: etree._Element | None) -> tuple[str, etree._Element]:
        if bericht is None or bericht.tag not in _ONTVANGBAAR:
            return self._fout(bericht, "StUF037", "server", "Functie niet ondersteund")
        ident = bericht.findtext("RZS:object/ZKN:identificatie", namespaces=_PREFIXEN) or ""
        gebeurtenis = bericht.findtext(
            "RZS:object/StUF:extraElementen/StUF:extraElement", namespaces=_PREFIXEN
        )
        if bericht.tag == ns.rzs("overdragenZaak_Du01"):
            cross = bericht.findtext("RZS:stuurgegevens/StUF:crossRefnummer", namespaces=_PREFIXEN) or ""
            if cross not in self.overdrachten:
                return self._fout(bericht, "StUF043", "client", "Crossreferentienummer niet bekend")
            gebeurtenis = bericht.findtext("RZS:object/ZKN:antwoord", namespaces=_PREFIXEN)
        if bericht.tag == ns.rzs("overdragenZaak_Di01"):
            gebeurtenis = self._opdracht(bericht, ident)
        self.ontvangen.append((ns.local_name(bericht.tag), ident, gebeurtenis or ""))
        if bericht.tag == ns.rzs("overdragenZaak_Du01"):
            self.du01.set()
        if bericht.tag == ns.rzs("overdragenZaak_Di01"):
            self.di01.set()
        return "200 OK", self._bevestiging(bericht, "Bv03")

    def _opdracht(self, bericht: etree._Element, ident: str) -> str:
        """Store the overdracht to decide on; returns its referentienummer (shown by ``luister``)."""
        ref = bericht.findtext("RZS:stuurgegevens/StUF:referentienummer", namespaces=_PREFIXEN) or ""
        van = Systeem(
            bericht.findtext("RZS:stuurgegevens/StUF:zender/StUF:organisatie", namespaces=_PREFIXEN) or "",
            bericht.findtext("RZS:stuurgegevens/StUF:zender/StUF:applicatie", namespaces=_PREFIXEN) or "",
        )
        self.opdrachten.append(Overdracht(ref, ident, van))
        return ref

    def _bevestiging(self, bericht: etree._Element | None, code: str) -> etree._Element:
        """Bv03/Fo03 stuurgegevens: we are the zender, the sender of ``bericht`` the ontvanger."""
        antwoord = etree.Element(ns.stuf(f"{code}Bericht"), nsmap={"StUF": ns.STUF})
        sg = etree.SubElement(antwoord, ns.stuf("stuurgegevens"))
        etree.SubElement(sg, ns.stuf("berichtcode")).text = code
        zender = etree.SubElement(sg, ns.stuf("zender"))
        etree.SubElement(zender, ns.stuf("organisatie")).text = self.berichten.zender.organisatie
        etree.SubElement(zender, ns.stuf("applicatie")).text = self.berichten.zender.applicatie
        hun_sg = None if bericht is None else bericht.find("RZS:stuurgegevens", _PREFIXEN)
        hun_zender = None if hun_sg is None else hun_sg.find("StUF:zender", _PREFIXEN)
        ontvanger = etree.SubElement(sg, ns.stuf("ontvanger"))
        for kind in hun_zender if hun_zender is not None else []:
            etree.SubElement(ontvanger, kind.tag).text = kind.text
        if not len(ontvanger):
            etree.SubElement(ontvanger, ns.stuf("applicatie")).text = "ONBEKEND"
        etree.SubElement(sg, ns.stuf("referentienummer")).text = self.berichten.referentienummer()
        etree.SubElement(sg, ns.stuf("tijdstipBericht")).text = self.berichten.tijdstip()
        ref = None if hun_sg is None else hun_sg.findtext("StUF:referentienummer", namespaces=_PREFIXEN)
        etree.SubElement(sg, ns.stuf("crossRefnummer")).text = ref or "ONBEKEND"
        return antwoord

    def _fout(
        self, bericht: etree._Element | None, code: str, plek: str, omschrijving: str
    ) -> tuple[str, etree._Element]:
        fo = self._bevestiging(bericht, "Fo03")
        body = etree.SubElement(fo, ns.stuf("body"))
        for naam, waarde in (("code", code), ("plek", plek), ("omschrijving", omschrijving)):
            etree.SubElement(body, ns.stuf(naam)).text = waarde
        soap_ns = ns.SOAP11
        fault = etree.Element(ns.qname(soap_ns, "Fault"))
        etree.SubElement(fault, "faultcode").text = f"soap:{'Client' if plek == 'client' else 'Server'}"
        etree.SubElement(fault, "faultstring").text = omschrijving
        etree.SubElement(fault, "detail").append(fo)
        return "500 Internal Server Error", fault


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _Stil(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - wsgiref's signature
        pass


WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def luister(app: WsgiApp, host: str = "127.0.0.1", port: int = 0) -> WSGIServer:
    """Serve ``app`` (an :class:`Ontvanger`) in a thread on every path; ``server.server_port`` tells which."""
    server = make_server(host, port, app, server_class=_Server, handler_class=_Stil)
    threading.Thread(target=server.serve_forever, name="rzs-client-luister", daemon=True).start()
    return server
