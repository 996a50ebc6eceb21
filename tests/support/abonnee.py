"""A real subscriber on loopback: a small threaded WSGI server that records every message it gets
and answers with a Bv03 (template ``rzs/Bv03``), or is "down" (HTTP 500, or not listening).

Outside endpoints in tests are real servers (STYLE "Smells" 3): the delivery worker under test
talks HTTP to this one exactly as it would to a regiesysteem or backoffice.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from wsgiref.simple_server import make_server

from lxml import etree

from rzs import ns, safexml
from support import messages
from support.server import _QuietHandler, _ThreadingServer

_teller = itertools.count(1)


@dataclass(frozen=True)
class Ontvangen:
    soapaction: str
    body: etree._Element

    @property
    def naam(self) -> str:
        return etree.QName(self.body).localname

    def tekst(self, pad: str) -> str | None:
        return self.body.findtext(pad, namespaces={"RZS": ns.RZS, "ZKN": ns.ZKN, "StUF": ns.STUF})

    @property
    def referentienummer(self) -> str:
        return self.tekst("RZS:stuurgegevens/StUF:referentienummer") or ""

    @property
    def zaak(self) -> str:
        return self.tekst("RZS:object/ZKN:identificatie") or ""

    @property
    def gebeurtenis(self) -> str | None:
        return self.tekst("RZS:object/StUF:extraElementen/StUF:extraElement[@naam='gebeurtenis']")

    @property
    def ontvanger(self) -> str:
        return self.tekst("RZS:stuurgegevens/StUF:ontvanger/StUF:applicatie") or ""


class Abonnee:
    """One subscriber endpoint. ``url`` is where subscriptions point; ``ontvangen`` is what came in
    (every attempt that got an answer, in order); ``down``/``up`` switch HTTP 500 answers."""

    def __init__(self, applicatie: str = "REGIE") -> None:
        self.applicatie = applicatie
        self.ontvangen: list[Ontvangen] = []
        self.pogingen = 0
        self.is_down = False
        self._lock = threading.Lock()
        self._httpd = make_server(
            "127.0.0.1", 0, self._app, server_class=_ThreadingServer, handler_class=_QuietHandler
        )
        self.poort = self._httpd.server_port
        self.url = f"http://127.0.0.1:{self.poort}/rzs/OntvangAsynchroon"
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="abonnee", daemon=True)
        self._thread.start()

    def _app(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        lengte = int(environ.get("CONTENT_LENGTH") or 0)
        data = environ["wsgi.input"].read(lengte)
        with self._lock:
            self.pogingen += 1
            if self.is_down:
                start_response("500 Internal Server Error", [("Content-Type", "text/plain")])
                return [b"even niet"]
            envelope = safexml.parse(data)
            body = next(c for c in envelope.iter(f"{{{ns.SOAP11}}}Body"))[0]
            ontvangen = Ontvangen(environ.get("HTTP_SOAPACTION", "").strip('"'), body)
            self.ontvangen.append(ontvangen)
        bv03 = messages.message(
            "rzs/Bv03",
            zender_applicatie=ontvangen.ontvanger or self.applicatie,
            ontvanger_applicatie=ontvangen.tekst("RZS:stuurgegevens/StUF:zender/StUF:applicatie") or "?",
            referentienummer=f"ABONNEE-{next(_teller)}",
            tijdstipBericht="20240115120000000",
            crossRefnummer=ontvangen.referentienummer,
        )
        start_response("200 OK", [("Content-Type", "text/xml; charset=utf-8")])
        return [messages.envelope(bv03)]

    def down(self) -> None:
        self.is_down = True

    def up(self) -> None:
        self.is_down = False

    def berichten(self, zaak: str | None = None) -> list[Ontvangen]:
        with self._lock:
            return [o for o in self.ontvangen if zaak is None or o.zaak == zaak]

    def wacht(self, aantal: int, *, zaak: str | None = None, timeout: float = 15.0) -> list[Ontvangen]:
        """Poll until at least ``aantal`` messages (about ``zaak``) arrived; fail at the deadline."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            gekregen = self.berichten(zaak)
            if len(gekregen) >= aantal:
                return gekregen
            time.sleep(0.02)
        raise AssertionError(
            f"{len(self.berichten(zaak))} van {aantal} berichten ontvangen binnen {timeout} s"
        )

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


@contextmanager
def abonnee(applicatie: str = "REGIE") -> Iterator[Abonnee]:
    running = Abonnee(applicatie)
    try:
        yield running
    finally:
        running.stop()
