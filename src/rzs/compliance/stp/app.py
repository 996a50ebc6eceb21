"""The STP's HTTP side: a small WSGI app with the four RZS endpoints and ``/`` (DIGEST b.1).

POST takes the SOAP message apart (:mod:`.soap`) and hands it to the :class:`~.sessie.Sessie` (a
consumer run) or, in listening mode, to the :class:`~.postbus.Postbus` (it only accepts
notificeerOverZaak, for the Abonnementenbeheer run);
GET ``/`` serves the live consumer page when there is one (:mod:`.pagina`);
GET ``<endpoint>?wsdl`` serves our WSDL bound to the address the client used, with its schema
imports pointing at ``/xsd/...`` on this server, so a consumer built from the WSDL (zeep, or a
vendor's toolkit) can bind to the harness as to any zaaksysteem. Served on loopback or any host
with :func:`serveer` (wsgiref, one thread per request).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from socketserver import ThreadingMixIn
from typing import Any, Protocol
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from lxml import etree

from rzs import ns
from rzs.compliance import bronnen
from rzs.compliance.client import DIENSTEN
from rzs.compliance.stp import soap

_WSDL_PER_PAD = {d.pad: d.wsdl for d in DIENSTEN.values()}
_MAX_BYTES = 20 * 1024 * 1024


class Ontvanger(Protocol):
    """Who judges and answers what arrives: a :class:`~.sessie.Sessie` or a :class:`~.postbus.Postbus`."""

    def ontvang(self, binnen: soap.Verzoek) -> soap.Antwoord: ...


class StpApp:
    def __init__(self, ontvanger: Ontvanger, pagina: Callable[[], bytes] | None = None) -> None:
        self.ontvanger = ontvanger
        #: The live page at ``GET /`` (consumer mode, :mod:`.pagina`); plain text without one.
        self.pagina = pagina

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        pad = environ.get("PATH_INFO", "/") or "/"
        if environ.get("REQUEST_METHOD") == "GET":
            status, soort, data = self._get(pad, environ)
        elif environ.get("REQUEST_METHOD") != "POST" or (pad.rstrip("/") or "/") not in {"/", *_WSDL_PER_PAD}:
            status, soort, data = 404, "text/plain; charset=utf-8", f"geen STP-eindpunt: {pad}\n".encode()
        else:
            lengte = int(environ.get("CONTENT_LENGTH") or 0)
            invoer = environ["wsgi.input"].read(min(lengte, _MAX_BYTES)) if lengte else b""
            binnen = soap.ontleed(
                pad.rstrip("/") or "/",
                environ.get("CONTENT_TYPE", ""),
                environ.get("HTTP_SOAPACTION", ""),
                invoer,
            )
            antwoord = self.ontvanger.ontvang(binnen)
            status, soort, data = antwoord.status, antwoord.content_type, antwoord.data
        reden = {200: "200 OK", 404: "404 Not Found", 500: "500 Internal Server Error"}[status]
        start_response(reden, [("Content-Type", soort), ("Content-Length", str(len(data)))])
        return [data]

    def _get(self, pad: str, environ: dict[str, Any]) -> tuple[int, str, bytes]:
        basis = f"{environ.get('wsgi.url_scheme', 'http')}://{environ.get('HTTP_HOST', 'localhost')}"
        if pad.startswith("/xsd/"):
            doel = (bronnen.xsd_dir() / pad[len("/xsd/") :]).resolve()
            if doel.is_relative_to(bronnen.xsd_dir().resolve()) and doel.suffix == ".xsd" and doel.is_file():
                return 200, "text/xml; charset=utf-8", doel.read_bytes()
        wsdl = _WSDL_PER_PAD.get(pad.rstrip("/"))
        vraagt_wsdl = "wsdl" in {
            k.lower() for k in parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        }
        if wsdl is not None and vraagt_wsdl:
            return 200, "text/xml; charset=utf-8", _wsdl(wsdl, basis + pad.rstrip("/"), basis)
        if pad == "/" and self.pagina is not None:
            return 200, "text/html; charset=utf-8", self.pagina()
        if wsdl is not None or pad == "/":
            return (
                200,
                "text/plain; charset=utf-8",
                f"STP (rzs-compliance serve) {pad}: POST berichten, GET ?wsdl\n".encode(),
            )
        return 404, "text/plain; charset=utf-8", f"niet gevonden: {pad}\n".encode()


def _wsdl(bestand: str, adres: str, basis: str) -> bytes:
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    tree = etree.parse(str(bronnen.wsdl_dir() / bestand), parser)
    for address in tree.iter(ns.qname(ns.WSDL_SOAP11, "address")):
        address.set("location", adres)
    xsd = bronnen.xsd_dir().resolve()
    for element in tree.iter(ns.qname(ns.XSD, "import"), ns.qname(ns.XSD, "include")):
        locatie = element.get("schemaLocation")
        if locatie:
            relatief = (bronnen.wsdl_dir() / locatie).resolve().relative_to(xsd)
            element.set("schemaLocation", f"{basis}/xsd/{relatief.as_posix()}")
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8")


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _StilleHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - wsgiref's signature
        pass


def serveer(
    ontvanger: Ontvanger, host: str = "127.0.0.1", port: int = 0, pagina: Callable[[], bytes] | None = None
) -> tuple[WSGIServer, threading.Thread]:
    """Start the STP on ``host:port`` (0 = a free port) in a thread; ``server.server_port`` tells which."""
    app = StpApp(ontvanger, pagina)
    server = make_server(host, port, app, server_class=_Server, handler_class=_StilleHandler)
    draad = threading.Thread(target=server.serve_forever, name="stp-http", daemon=True)
    draad.start()
    return server, draad
