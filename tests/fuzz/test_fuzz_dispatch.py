"""Fuzzing the whole dispatcher (issue 11, "Fuzzing in CI"): mutated messages (support/mutaties.py)
against a server with a database of its own.

Properties, for every request: the answer is a success (HTTP 200, a SOAP envelope whose body is a
Bv/La/Du) or a proper refusal (HTTP 500, a SOAP Fault holding a schema-valid Fo02/Fo03 with a code
of ``rzs.fouten.FOUTCODES`` and its plek); never a traceback, never an HTML page, never the
internal StUF058 "Interne fout" (an unhandled exception); and after every refusal the database
is exactly as before (a full snapshot, taken once per request: the one after the previous
request is the one before this one).

Most requests are made in-process: the WSGI callable ``make_app`` returns for the same settings
and store, called with a WSGI environ as wsgiref's handler builds one. That is the path of every
request from ``SoapApp.__call__`` on (body read in chunks, dispatch, reply), without the socket
and header parsing, and about five times as fast. A sample goes through the real HTTP server too.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from wsgiref.util import setup_testing_defaults

import pytest
import requests
from hypothesis import event, given

from rzs import ns
from rzs.app import make_app
from rzs.fouten import FOUTCODES
from rzs.wire.wsgi import SoapApp
from support import messages
from support.bezorging import eigen_database, instellingen
from support.db import Snapshots
from support.mutaties import CORPUS, ZONDER_CORPUS, Verzoek, fuzz_settings, verzoeken
from support.schemas import assert_geldig
from support.server import RunningServer, run_server
from support.soap import STUF, Reply, SoapClient
from support.weigering import verwerp

#: The body of a success: Bv03, La01 (also ``zakLa01``), Du02 (also a ZDS ``..._Du02`` wrapper).
_SUCCES = re.compile(r"(Bv0[1-4]|La0\d|Du0\d)")
_SOAP_CONTENT_TYPES = ("text/xml", "application/soap+xml", "multipart/related")


@pytest.fixture(scope="module")
def fuzzserver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """A server on a database of its own: accepted mutants change it, and snapshots stay small."""
    tmp = tmp_path_factory.mktemp("fuzz")
    with eigen_database(tmp) as url, run_server(instellingen(url, tmp)) as server:
        yield server


@pytest.fixture(scope="module")
def app(fuzzserver: RunningServer) -> SoapApp:
    return make_app(fuzzserver.settings, fuzzserver.store)


class _Database:
    """The database as the previous request left it; a refused request must leave it so."""

    def __init__(self, server: RunningServer) -> None:
        self._snapshots = Snapshots(server.settings.effective_database_url)
        self._stand = self._snapshots.neem()

    def na(self, reply: Reply, verzoek: Verzoek) -> None:
        nu = self._snapshots.neem()
        if reply.status != 200:
            assert nu == self._stand, f"geweigerd bericht veranderde de database: {verzoek.herkomst}"
        self._stand = nu

    def sluit(self) -> None:
        self._snapshots.sluit()


@pytest.fixture(scope="module")
def database(fuzzserver: RunningServer) -> Iterator[_Database]:
    database = _Database(fuzzserver)
    yield database
    database.sluit()


#: What a SOAP request may be sent as (rzs.wire.wsgi): anything else is answered with HTTP 415.
_SOAP_MEDIA_TYPES = ("text/xml", "application/soap+xml", "multipart/related")


def beoordeel(reply: Reply, verzoek: Verzoek) -> str:
    """The properties of one answer; returns its outcome (body name or StUF code) for statistics."""
    waar = f"{verzoek.herkomst}: {reply.status} {reply.data[:600]!r}"
    if reply.status == 415:  # HTTP's answer to a request that is not SOAP at all
        media_type = (verzoek.content_type or "").split(";")[0].strip().lower()
        assert media_type not in _SOAP_MEDIA_TYPES and b"geen SOAP" in reply.data, waar
        return "HTTP 415"
    assert reply.status in (200, 500), waar
    assert b"Traceback" not in reply.data and b"<html" not in reply.data.lower(), waar
    assert reply.content_type.startswith(_SOAP_CONTENT_TYPES), waar
    if reply.content_type.startswith("multipart/related"):  # an MTOM success: root part first
        assert reply.status == 200 and b"Envelope" in reply.data, waar
        return "MTOM"
    assert ns.local_name(reply.envelope.tag) == "Envelope", waar
    assert ns.namespace_of(reply.envelope.tag) in (ns.SOAP11, ns.SOAP12), waar
    if reply.status == 200:
        naam = ns.local_name(reply.body.tag)
        assert _SUCCES.search(naam), waar
        return naam
    assert reply.is_fault, waar
    if "MustUnderstand" in (reply.body.findtext("faultcode") or reply.text("{*}Code/{*}Value") or ""):
        return "MustUnderstand"  # a SOAP fault about a header block: no Fo (SOAP 1.1 §4.4)
    code = reply.foutcode
    assert code in FOUTCODES, waar
    assert reply.fo.findtext("StUF:body/StUF:plek", namespaces=STUF) == FOUTCODES[code].plek.value, waar
    details = reply.fo.findtext("StUF:body/StUF:details", namespaces=STUF) or ""
    assert not details.startswith("Interne fout"), f"onverwerkte exceptie (zie log): {waar}"
    assert_geldig(reply.fo)
    return code


def wsgi_post(app: SoapApp, verzoek: Verzoek) -> Reply:
    """One POST through the WSGI callable, with the environ a WSGI server builds for it."""
    environ: dict[str, object] = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": verzoek.pad,
        "CONTENT_LENGTH": str(len(verzoek.data)),
        "wsgi.input": io.BytesIO(verzoek.data),
    }
    if verzoek.content_type is not None:
        environ["CONTENT_TYPE"] = verzoek.content_type
    if verzoek.soapaction is not None:
        environ["HTTP_SOAPACTION"] = verzoek.soapaction
    setup_testing_defaults(environ)
    gestart: list[str] = []

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: object = None) -> None:
        gestart.extend([status, dict(headers)["Content-Type"]])

    antwoord: Iterable[bytes] = app(environ, start_response)  # type: ignore[arg-type]
    try:
        data = b"".join(antwoord)
    finally:
        getattr(antwoord, "close", lambda: None)()
    return Reply(int(gestart[0].split()[0]), gestart[1], data)


@fuzz_settings(600)
@given(verzoek=verzoeken())
def test_dispatcher_antwoordt_succes_of_nette_fout(
    app: SoapApp, database: _Database, verzoek: Verzoek
) -> None:
    reply = wsgi_post(app, verzoek)
    event(beoordeel(reply, verzoek))
    database.na(reply, verzoek)


@pytest.mark.skipif(not CORPUS.is_dir(), reason=ZONDER_CORPUS)
@fuzz_settings(300)
@given(verzoek=verzoeken(corpus=True))
def test_corpusberichten_succes_of_nette_fout(app: SoapApp, database: _Database, verzoek: Verzoek) -> None:
    """The same properties for mutants of real senders' messages (ZDS 1.2, STP, SoapUI)."""
    reply = wsgi_post(app, verzoek)
    event(beoordeel(reply, verzoek))
    database.na(reply, verzoek)


@fuzz_settings(80)
@given(verzoek=verzoeken())
def test_over_echte_http(fuzzserver: RunningServer, database: _Database, verzoek: Verzoek) -> None:
    """A sample over real HTTP: the same properties through sockets and wsgiref's header parsing
    (header values trimmed: requests refuses surrounding whitespace, servers strip it anyway)."""
    headers = {naam: waarde.strip() for naam, waarde in verzoek.headers().items()}
    response = requests.post(fuzzserver.url(verzoek.pad), data=verzoek.data, headers=headers, timeout=60)
    reply = Reply(response.status_code, response.headers.get("Content-Type", ""), response.content)
    event(beoordeel(reply, verzoek))
    database.na(reply, verzoek)


def test_ongeldige_namespace_uri_in_een_groot_bericht(app: SoapApp, database: _Database) -> None:
    """Regression (found by this fuzzing): over 4 MiB the request is streamed, and an invalid
    namespace URI became an internal StUF058; now StUF055 as for a small request."""
    data = messages.raw("stuf/ongeldige_namespace_uri") + b" " * (5 << 20)
    verzoek = Verzoek(
        "/zkn/VrijeBerichten", data, f'"{ns.ZKN_ACTION}genereerZaakIdentificatie_Di02"', "text/xml", "groot"
    )
    reply = wsgi_post(app, verzoek)
    assert beoordeel(reply, verzoek) == "StUF055"
    database.na(reply, verzoek)


@pytest.mark.parametrize(
    "waarden",
    [
        {"zender_organisatie": "9" * 201, "zender_gebruiker": "g" * 101},
        {"zender_applicatie": "AB"},
        {"zender_applicatie": "A" * 51, "referentienummer": "R" * 41},
    ],
)
def test_fo03_op_ongeldige_stuurgegevens_is_zelf_geldig(
    soap: SoapClient, server: RunningServer, waarden: dict[str, str]
) -> None:
    """Regression (found by this fuzzing): the Fo03 mirrored the refused request's over-long
    zender and referentienummer and broke the schema itself; now they are left out."""
    reply = verwerp(
        soap, server, "creeerZaak_Lk01", "zaken/creeerZaak_gezinsplan_minimaal", "StUF055", **waarden
    )
    ontvanger = reply.fo.find("StUF:stuurgegevens/StUF:ontvanger", namespaces=STUF)
    assert ontvanger is not None and len(ontvanger.findtext("StUF:applicatie", namespaces=STUF) or "") <= 50
