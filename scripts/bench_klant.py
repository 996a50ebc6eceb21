"""The load generator of scripts/bench: raw HTTP/1.1 over keep-alive sockets, one selectors loop.

Why not http.client, requests or zeep: the client shares the machine's two cores with the server it
measures, so every microsecond it spends is taken from the server. Every request is rendered to
complete bytes before the clock starts; the loop only writes bytes, reads the status line and
Content-Length (or chunked framing) and timestamps. One thread drives many connections, so an
offered 2,000/s needs no thread per request.

Two modes (docs/performance.md):

* **open loop**: request i is due at ``t0 + i / rate``; its latency is counted from that scheduled
  time, not from the moment it was sent, so a server that stalls cannot slow the client down and
  hide its own queueing ("coordinated omission"). ``max_lag`` says how late the client itself sent.
* **closed loop**: ``clients`` connections each send their next request as soon as the previous
  answer arrived (the old behaviour of scripts/bench); latency from the actual send.

Everything is bounded: the number of requests is fixed, and a deadline ends the run; requests
still unanswered then count as errors.
"""

from __future__ import annotations

import gc
import selectors
import socket
import time
from collections import deque
from dataclasses import dataclass, field

#: An idle keep-alive connection older than this is replaced before use: gunicorn closes idle
#: connections after its ``keepalive`` (2 s), and a request sent into that close would be lost.
_MAX_IDLE = 1.0
_RECV = 256 * 1024


@dataclass(frozen=True, slots=True)
class Verzoek:
    """One pre-rendered request: the parts are sent in order (a large shared document body is one
    part, so a thousand requests do not hold a thousand copies of it)."""

    delen: tuple[bytes, ...]


def verzoek(host: str, pad: str, soapaction: str, body: bytes | tuple[bytes, ...]) -> Verzoek:
    """A complete HTTP/1.1 POST of a SOAP 1.1 envelope (``body`` may be split into parts)."""
    delen = body if isinstance(body, tuple) else (body,)
    kop = (
        f"POST {pad} HTTP/1.1\r\nHost: {host}\r\nContent-Type: text/xml; charset=utf-8\r\n"
        f'SOAPAction: "{soapaction}"\r\nContent-Length: {sum(len(d) for d in delen)}\r\n\r\n'
    ).encode()
    if len(delen) == 1:  # one buffer, one send(): every syscall is taken from the server's cores
        return Verzoek((kop + delen[0],))
    return Verzoek((kop + delen[0], *delen[1:]))


@dataclass
class Uitslag:
    """What one run measured. Latencies in seconds, of the measured requests only (no warm-up)."""

    latenties: list[float] = field(default_factory=list)
    fouten: int = 0
    #: The first few error answers (status and start of the body), to tell why.
    voorbeelden: list[str] = field(default_factory=list)
    #: Seconds from the first measured scheduled send to the last measured answer.
    duur: float = 0.0
    #: Open loop: the latest any request was actually sent after its scheduled time.
    max_lag: float = 0.0
    #: Open loop: requests that found no free connection at their scheduled time.
    zonder_verbinding: int = 0
    verbindingen: int = 0
    #: Closed loop: requests not sent because the deadline came first.
    niet_verzonden: int = 0
    #: CPU seconds this client process used per request sent (warm-up included): how light it is.
    cpu_per_verzoek: float = 0.0
    #: Answer bodies of the measured requests, when asked for (pool creation reads identificaties).
    antwoorden: list[bytes] = field(default_factory=list)

    @property
    def gehaald(self) -> float:
        """Successful answers per second over the measured window."""
        return len(self.latenties) / self.duur if self.duur > 0 else 0.0


class _Verbinding:
    """One keep-alive socket with the request in flight and the bytes of its answer so far."""

    def __init__(self, adres: tuple[str, int]) -> None:
        self.sock = socket.create_connection(adres, timeout=5)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock.setblocking(False)
        self.index = -1
        self.gepland = 0.0
        self.uit: deque[memoryview] = deque()
        self.buffer = bytearray()
        self.laatst = time.perf_counter()

    def sluit(self) -> None:
        self.sock.close()


def _antwoord_compleet(buffer: bytearray) -> tuple[int, int, bool] | None:
    """(status, length of the whole answer, close afterwards) once the answer is complete. Plain
    byte searches: this runs for every read of every answer, on the cores the server needs."""
    einde = buffer.find(b"\r\n\r\n")
    if einde < 0:
        return None
    kop = bytes(buffer[:einde]).lower()
    status = int(kop[9:12])
    sluiten = b"\r\nconnection: close" in kop
    begin = einde + 4
    veld = kop.find(b"\r\ncontent-length:")
    if veld >= 0:
        regeleinde = kop.find(b"\r\n", veld + 2)
        lengte = begin + int(kop[veld + 17 : regeleinde if regeleinde >= 0 else len(kop)])
        return (status, lengte, sluiten) if len(buffer) >= lengte else None
    if b"\r\ntransfer-encoding: chunked" in kop:
        positie = begin
        while True:
            regel = buffer.find(b"\r\n", positie)
            if regel < 0:
                return None
            grootte = int(bytes(buffer[positie:regel]).split(b";")[0], 16)
            positie = regel + 2 + grootte + 2
            if grootte == 0:  # no trailers from gunicorn: the last chunk ends the answer
                return (status, positie, sluiten) if len(buffer) >= positie else None
            if len(buffer) < positie:
                return None
    return None  # no framing: HTTP/1.1 without length is read until close; not used by gunicorn


class Lus:
    """The selectors loop: sends requests on free connections, reads answers, records latencies."""

    def __init__(self, adres: tuple[str, int], verzoeken: list[Verzoek], max_verbindingen: int) -> None:
        self.adres = adres
        self.verzoeken = verzoeken
        self.max_verbindingen = max_verbindingen
        self.selector = selectors.DefaultSelector()
        #: Idle connections, oldest first: requests go round robin over them.
        self.vrij: deque[_Verbinding] = deque()
        #: Open this many before reusing one: gunicorn binds a connection to the worker that accepted
        #: it, so a handful of connections could leave a worker idle (default: workers x threads).
        self.min_verbindingen = 1
        self.aantal = 0
        self.bewaar_antwoorden = False
        self.meetbegin_index = 0
        self.uitslag = Uitslag()
        self._laatste_antwoord = 0.0
        self._klaar = 0
        # The rendered requests are many objects: move them out of the collector's way, so a
        # collection during the run does not walk them (a pause would show as client lag).
        gc.collect()
        gc.freeze()
        self._cpu_begin = time.process_time()

    def _verbinding(self, nu: float) -> _Verbinding | None:
        while self.vrij and self.aantal >= self.min_verbindingen:
            verbinding = self.vrij.popleft()
            if nu - verbinding.laatst < _MAX_IDLE:
                return verbinding
            self.selector.unregister(verbinding.sock)
            verbinding.sluit()
            self.aantal -= 1
        if self.aantal >= self.max_verbindingen:
            return None
        verbinding = _Verbinding(self.adres)
        self.selector.register(verbinding.sock, selectors.EVENT_READ, verbinding)
        self.aantal += 1
        self.uitslag.verbindingen = max(self.uitslag.verbindingen, self.aantal)
        return verbinding

    def _stuur(self, verbinding: _Verbinding, index: int, gepland: float) -> None:
        verbinding.index = index
        verbinding.gepland = gepland
        verbinding.buffer.clear()
        verbinding.uit = deque(memoryview(d) for d in self.verzoeken[index].delen)
        self._schrijf(verbinding)

    def _schrijf(self, verbinding: _Verbinding) -> None:
        while verbinding.uit:
            deel = verbinding.uit[0]
            try:
                verzonden = verbinding.sock.send(deel)
            except BlockingIOError:
                verzonden = 0
            except OSError as exc:  # reset or closed by the server: this request failed
                self._fout(verbinding, f"send failed: {exc}")
                self._weg(verbinding)
                return
            if verzonden < len(deel):
                verbinding.uit[0] = deel[verzonden:]
                self.selector.modify(
                    verbinding.sock, selectors.EVENT_READ | selectors.EVENT_WRITE, verbinding
                )
                return
            verbinding.uit.popleft()
        self.selector.modify(verbinding.sock, selectors.EVENT_READ, verbinding)

    def _lees(self, verbinding: _Verbinding, nu: float) -> None:
        try:
            data = verbinding.sock.recv(_RECV)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            self._fout(verbinding, "connection closed by the server")
            self._weg(verbinding)
            return
        verbinding.buffer += data
        compleet = _antwoord_compleet(verbinding.buffer)
        if compleet is None:
            return
        status, lengte, sluiten = compleet
        if verbinding.index >= self.meetbegin_index:
            if status == 200:
                self.uitslag.latenties.append(nu - verbinding.gepland)
            else:
                self._fout(verbinding, f"HTTP {status}: {bytes(verbinding.buffer[:lengte][-300:])!r}")
            if self.bewaar_antwoorden:
                self.uitslag.antwoorden.append(bytes(verbinding.buffer[:lengte]))
            self._laatste_antwoord = nu
        self._klaar += 1
        verbinding.index = -1
        verbinding.laatst = nu
        if sluiten:
            self._weg(verbinding)
        else:
            self.vrij.append(verbinding)

    def _fout(self, verbinding: _Verbinding, reden: str) -> None:
        if verbinding.index >= self.meetbegin_index:
            self.uitslag.fouten += 1
            if len(self.uitslag.voorbeelden) < 3:
                self.uitslag.voorbeelden.append(reden)

    def _weg(self, verbinding: _Verbinding) -> None:
        if verbinding.index >= 0:
            self._klaar += 1
        elif verbinding in self.vrij:  # an idle connection the server closed
            self.vrij.remove(verbinding)
        self.selector.unregister(verbinding.sock)
        verbinding.sluit()
        self.aantal -= 1

    def _verwerk(self, timeout: float) -> None:
        for sleutel, events in self.selector.select(timeout):
            verbinding: _Verbinding = sleutel.data
            if events & selectors.EVENT_WRITE and verbinding.uit:
                self._schrijf(verbinding)
            if events & selectors.EVENT_READ:
                self._lees(verbinding, time.perf_counter())

    def open(self, rate: float, meetbegin: int, deadline: float) -> Uitslag:
        """Send request i at t0 + i/rate; requests before ``meetbegin`` are the warm-up."""
        self.meetbegin_index = meetbegin
        t0 = time.perf_counter() + 0.05
        volgende = 0
        wachtend = False
        eind = t0 + deadline
        while self._klaar < len(self.verzoeken) and time.perf_counter() < eind:
            nu = time.perf_counter()
            while volgende < len(self.verzoeken) and t0 + volgende / rate <= nu:
                verbinding = self._verbinding(nu)
                if verbinding is None:
                    self.uitslag.zonder_verbinding += not wachtend and volgende >= meetbegin
                    wachtend = True
                    break
                wachtend = False
                gepland = t0 + volgende / rate
                if volgende >= meetbegin:
                    self.uitslag.max_lag = max(self.uitslag.max_lag, nu - gepland)
                self._stuur(verbinding, volgende, gepland)
                volgende += 1
                nu = time.perf_counter()
            wacht = 0.01 if wachtend or volgende >= len(self.verzoeken) else t0 + volgende / rate - nu
            self._verwerk(max(0.0, min(wacht, 0.01)))
        # The window ends with the last answer, and never before the schedule did: a server that
        # keeps up achieves exactly the offered rate.
        return self._afsluiten(
            len(self.verzoeken) - volgende, t0 + meetbegin / rate, t0 + len(self.verzoeken) / rate
        )

    def gesloten(self, clients: int, deadline: float) -> Uitslag:
        """``clients`` connections, each sending its next request as soon as an answer arrived."""
        self.max_verbindingen = clients
        begin = time.perf_counter()
        volgende = 0
        eind = begin + deadline
        while self._klaar < len(self.verzoeken) and time.perf_counter() < eind:
            nu = time.perf_counter()
            while volgende < len(self.verzoeken) and self._klaar + clients > volgende:
                verbinding = self._verbinding(nu)
                if verbinding is None:
                    break
                self._stuur(verbinding, volgende, nu)
                volgende += 1
            self._verwerk(0.01)
        # A closed loop that meets its deadline simply sent fewer: not an error (the old behaviour).
        self.uitslag.niet_verzonden = len(self.verzoeken) - volgende
        return self._afsluiten(0, begin)

    def _afsluiten(self, niet_verzonden: int, meetbegin: float, schema_einde: float = 0.0) -> Uitslag:
        """Close every connection; what is unanswered or never sent at the deadline is an error."""
        onbeantwoord = sum(
            1 for k in self.selector.get_map().values() if k.data.index >= self.meetbegin_index
        )
        self.uitslag.fouten += onbeantwoord + niet_verzonden
        if onbeantwoord + niet_verzonden and len(self.uitslag.voorbeelden) < 3:
            self.uitslag.voorbeelden.append(f"{onbeantwoord + niet_verzonden} unanswered at the deadline")
        for sleutel in list(self.selector.get_map().values()):
            sleutel.data.sluit()
        self.selector.close()
        gc.unfreeze()
        self.uitslag.cpu_per_verzoek = (time.process_time() - self._cpu_begin) / max(1, len(self.verzoeken))
        self.uitslag.duur = max(0.0, max(self._laatste_antwoord, schema_einde) - meetbegin)
        return self.uitslag


def open_loop(
    adres: tuple[str, int],
    verzoeken: list[Verzoek],
    rate: float,
    warmup: int,
    *,
    verbindingen: tuple[int, int],
    deadline: float,
) -> Uitslag:
    """Offer ``verzoeken`` at ``rate``/s over (at least, at most) connections; the first ``warmup``
    are not measured."""
    lus = Lus(adres, verzoeken, verbindingen[1])
    lus.min_verbindingen = min(verbindingen)
    return lus.open(rate, warmup, deadline)


def closed_loop(
    adres: tuple[str, int],
    verzoeken: list[Verzoek],
    clients: int,
    deadline: float,
    *,
    antwoorden: bool = False,
) -> Uitslag:
    """Send ``verzoeken`` over ``clients`` connections as fast as answers come back."""
    lus = Lus(adres, verzoeken, clients)
    lus.bewaar_antwoorden = antwoorden
    return lus.gesloten(clients, deadline)
