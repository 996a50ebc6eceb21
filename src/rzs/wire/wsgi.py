"""The WSGI application: HTTP in, HTTP out. Everything StUF happens in the dispatcher.

POST on any endpoint path carries a SOAP request (the endpoint does not restrict the operation:
real senders point every service at one URL). GET serves ``?wsdl`` and ``/xsd/...``, and the
operator pages ``app.py`` passes in (``/health/live``, ``/health/ready``, ``/metrics``, ``/beheer``:
looked up in a dict before anything else, so the SOAP path pays one dict lookup for them). Every
request gets an id (``rzs.logboek``): in its log lines, its ``X-Request-Id`` header and the
details of its Fo02/Fo03. The request
body is read in chunks while it is parsed (a document of 100 MB must not be in memory at once),
with a hard limit on the total; a reply with document content is sent the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, BinaryIO
from urllib.parse import parse_qs

from rzs import logboek
from rzs.safexml import OngeldigeXml
from rzs.wire.dispatch import Antwoord, Dispatcher
from rzs.wire.envelope import versie_van_content_type
from rzs.wire.tls import Certificaatlezer, uit_socket
from rzs.wire.wsdl import WsdlServer

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIEnvironment

_TEKST = "text/plain; charset=utf-8"
#: Media types of a SOAP request: SOAP 1.1, SOAP 1.2, and MTOM (multipart/related around either).
_SOAP_MEDIATYPES = frozenset({"text/xml", "application/soap+xml", "multipart/related"})
#: Bytes read from the request body at a time.
_STUK = 64 * 1024


#: An operator page: GET without arguments, its whole answer at once.
Pagina = Callable[[], Antwoord]


class SoapApp:
    def __init__(
        self,
        dispatcher: Dispatcher,
        wsdl_server: WsdlServer,
        endpoints: Iterable[str],
        certificaat: Certificaatlezer = uit_socket,
        paginas: Mapping[str, Pagina] | None = None,
    ) -> None:
        self.dispatcher = dispatcher
        #: The verified client identity of a request (``wire/tls.py``), for the authorisation.
        self.certificaat = certificaat
        self.wsdl_server = wsdl_server
        self.endpoints = frozenset(endpoints)
        self.paginas = dict(paginas or {})

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        verzoek_id = logboek.nieuw_verzoek_id()
        pad = environ.get("PATH_INFO", "") or "/"
        methode = environ.get("REQUEST_METHOD", "GET")
        if (methode == "GET" or methode == "HEAD") and pad in self.paginas:
            antwoord = self.paginas[pad]()
        elif methode == "GET" or methode == "HEAD":
            antwoord = self._get(pad, environ)
        elif methode == "POST" and (pad in self.endpoints or pad.rstrip("/") in self.endpoints):
            antwoord = self._post(environ)
        elif methode == "POST":
            antwoord = Antwoord(404, _TEKST, f"Geen SOAP-endpoint op {pad}\n".encode())
        else:
            antwoord = Antwoord(405, _TEKST, b"Alleen GET en POST\n")
        return self._stuur(antwoord, start_response, verzoek_id, hoofd=methode == "HEAD")

    def _post(self, environ: WSGIEnvironment) -> Antwoord:
        content_type = environ.get("CONTENT_TYPE", "")
        if content_type.split(";")[0].strip().lower() not in _SOAP_MEDIATYPES:
            # Not a SOAP request at all (issue 11, item 9): HTTP's answer, not a SOAP fault.
            return Antwoord(
                415,
                _TEKST,
                f"Content-Type {content_type or '(geen)'!r} is geen SOAP: text/xml (SOAP 1.1), "
                "application/soap+xml (SOAP 1.2) of multipart/related (MTOM)\n".encode(),
            )
        try:
            lengte: int | None = int(environ["CONTENT_LENGTH"]) if environ.get("CONTENT_LENGTH") else None
        except ValueError:
            lengte = None
        limiet = self.dispatcher.max_request_bytes
        if lengte is not None and lengte > limiet:
            invoer: Iterator[bytes] = _te_groot(limiet)  # refused without reading any of it
        else:
            invoer = _stukken(environ["wsgi.input"], lengte if lengte is not None else limiet + 1)
        antwoord = self.dispatcher.verwerk(
            invoer, _soapaction(environ, content_type), content_type, self.certificaat(environ)
        )
        if lengte is not None and lengte <= limiet:
            # A refused message may be only partly read; read the rest, or the sender sees a
            # reset connection instead of our fault.
            for _ in invoer:
                pass
        return antwoord

    def _get(self, pad: str, environ: WSGIEnvironment) -> Antwoord:
        if pad.startswith("/xsd/"):
            inhoud = self.wsdl_server.xsd(pad[len("/xsd/") :])
            if inhoud is not None:
                return Antwoord(200, "text/xml; charset=utf-8", inhoud)
        elif "wsdl" in {k.lower() for k in parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)}:
            wsdl = self.wsdl_server.wsdl(pad.rstrip("/") or "/", _basis_url(environ))
            if wsdl is not None:
                return Antwoord(200, "text/xml; charset=utf-8", wsdl)
        elif pad in self.endpoints:
            return Antwoord(
                200, _TEKST, f"StUF RZS SOAP-endpoint {pad}: POST berichten, GET ?wsdl\n".encode()
            )
        return Antwoord(404, _TEKST, b"Niet gevonden\n")

    @staticmethod
    def _stuur(
        antwoord: Antwoord, start_response: StartResponse, verzoek_id: str, *, hoofd: bool
    ) -> Iterable[bytes]:
        status = {
            200: "200 OK",
            503: "503 Service Unavailable",
            404: "404 Not Found",
            405: "405 Method Not Allowed",
            415: "415 Unsupported Media Type",
            500: "500 Internal Server Error",
        }[antwoord.status]
        headers = [("Content-Type", antwoord.content_type), ("X-Request-Id", verzoek_id)]
        if antwoord.lengte is not None:
            headers.append(("Content-Length", str(antwoord.lengte)))
        start_response(status, headers)
        if hoofd:
            return []
        return antwoord.stroom if antwoord.stroom is not None else [antwoord.body]


def _te_groot(limiet: int) -> Iterator[bytes]:
    raise OngeldigeXml(f"Het verzoek is groter dan het maximum van {limiet} bytes")
    yield b""  # a generator: the error comes when the dispatcher starts reading


def _stukken(invoer: BinaryIO, maximum: int) -> Iterator[bytes]:
    """The request body in chunks, at most ``maximum`` bytes; stops early when the body ends."""
    rest = maximum
    while rest > 0:
        chunk = invoer.read(min(_STUK, rest))
        if not chunk:
            return
        rest -= len(chunk)
        yield chunk


def _soapaction(environ: dict[str, Any], content_type: str) -> str | None:
    """SOAP 1.1 sends the SOAPAction header; SOAP 1.2 an ``action`` parameter of the content type
    (some 1.2 clients send the header as well: either is accepted)."""
    if "HTTP_SOAPACTION" in environ:
        return str(environ["HTTP_SOAPACTION"])
    if versie_van_content_type(content_type).naam == "1.2":
        for deel in content_type.split(";")[1:]:
            sleutel, _, waarde = deel.strip().partition("=")
            if sleutel.strip().lower() == "action":
                return waarde
    return None


def _basis_url(environ: dict[str, Any]) -> str:
    schema = environ.get("HTTP_X_FORWARDED_PROTO") or environ.get("wsgi.url_scheme", "http")
    host = (
        environ.get("HTTP_HOST")
        or f"{environ.get('SERVER_NAME', 'localhost')}:{environ.get('SERVER_PORT', '80')}"
    )
    return f"{schema}://{host}{environ.get('SCRIPT_NAME', '')}"
