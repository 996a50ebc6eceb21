"""Delivering the outbox: at least once, retried with backoff, dead after N attempts.

One round (:meth:`Bezorger.ronde`) claims due rows in a short transaction
(``OutboxRepository.claim``: ``FOR UPDATE SKIP LOCKED`` on PostgreSQL, BEGIN IMMEDIATE on SQLite),
POSTs each message in a SOAP 1.1 envelope with its RZS soapAction, and records the result in a
second transaction. Success is HTTP 200 with a Bv03 (a Bv01 is accepted too: the test set expects
one, DIGEST g.1). A Fo03 with plek ``client`` will not change by sending the same bytes again, so
that row is dead at once; everything else (connection refused, timeouts, HTTP 5xx, plek
``server``) is tried again after ``min(max, basis * 2**(n-1))`` seconds, a random half of it
jitter, until ``Settings.bezorging_max_pogingen`` attempts; then the row is ``dead`` until
``rzs outbox retry``.

Runs as ``rzs worker`` (any number, on any machine sharing the database), beside ``rzs serve``
(a child ``rzs worker`` process, the single-machine default), or as a thread in tests. Logs name the outbox
row, zaak identificatie and destination, never message content (which may carry no person data
anyway: DIGEST d.7).
"""

from __future__ import annotations

import logging
import os
import random
import signal
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from types import FrameType

import requests
from lxml import etree

from rzs import metriek, ns, safexml
from rzs.config import Settings
from rzs.store import Store, Uitgaand

log = logging.getLogger(__name__)

#: Rows claimed per round; the lease covers sending all of them one after another.
PARTIJ = 10
_GESLAAGD = {ns.stuf("Bv03Bericht"), ns.stuf("Bv01Bericht")}


@dataclass(frozen=True, slots=True)
class Beleid:
    max_pogingen: int = 10
    backoff_basis: float = 2.0
    backoff_max: float = 600.0
    poll_interval: float = 1.0
    timeout: float = 30.0

    @classmethod
    def uit(cls, settings: Settings) -> Beleid:
        return cls(
            max_pogingen=settings.bezorging_max_pogingen,
            backoff_basis=settings.bezorging_backoff_basis,
            backoff_max=settings.bezorging_backoff_max,
            poll_interval=settings.bezorging_poll_interval,
            timeout=settings.bezorging_timeout,
        )

    @property
    def lease(self) -> timedelta:
        """How long a claim keeps other workers off a row: longer than a whole round can take."""
        return timedelta(seconds=self.timeout * (PARTIJ + 1) + 30)

    def wachttijd(self, poging: int, toeval: Callable[[], float] = random.random) -> float:
        """Seconds before the next attempt after failed attempt ``poging`` (1, 2, ...)."""
        volle = min(self.backoff_max, self.backoff_basis * 2.0 ** max(0, poging - 1))
        return float(volle / 2 + toeval() * volle / 2)


@dataclass(frozen=True, slots=True)
class Uitkomst:
    gelukt: bool
    fout: str | None = None
    #: Sending the same message again cannot help (a Fo03 with plek client).
    definitief: bool = False


def envelope(bericht: bytes) -> bytes:
    """A SOAP 1.1 envelope around a stored message (RZS is SOAP 1.1, DIGEST b.1)."""
    root = etree.Element(etree.QName(ns.SOAP11, "Envelope"), nsmap={"soap": ns.SOAP11})
    etree.SubElement(root, etree.QName(ns.SOAP11, "Body")).append(safexml.parse(bericht))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def beoordeel(status: int, inhoud: bytes) -> Uitkomst:
    """What the receiver's answer means for the row."""
    try:
        soap = safexml.parse(inhoud)
    except safexml.OngeldigeXml:
        return Uitkomst(False, f"HTTP {status}, antwoord is geen XML")
    body = next((c for c in soap if isinstance(c.tag, str) and etree.QName(c).localname == "Body"), None)
    antwoord = next((c for c in body if isinstance(c.tag, str)), None) if body is not None else None
    if status == 200 and antwoord is not None and antwoord.tag in _GESLAAGD:
        return Uitkomst(True)
    fo = next(iter(soap.iter(ns.stuf("Fo03Bericht"), ns.stuf("Fo02Bericht"), ns.stuf("Fo01Bericht"))), None)
    if fo is not None:
        code = fo.findtext(f"{ns.stuf('body')}/{ns.stuf('code')}") or "?"
        plek = fo.findtext(f"{ns.stuf('body')}/{ns.stuf('plek')}") or "?"
        details = fo.findtext(f"{ns.stuf('body')}/{ns.stuf('details')}") or ""
        return Uitkomst(
            False, f"HTTP {status} {code} ({plek}) {details}".strip(), definitief=plek == "client"
        )
    naam = etree.QName(antwoord).localname if antwoord is not None else "geen body"
    return Uitkomst(False, f"HTTP {status}, onverwacht antwoord {naam}")


class Bezorger:
    """Delivers due outbox rows of one database; safe to run many times over (processes, hosts)."""

    def __init__(self, store: Store, beleid: Beleid, http: requests.Session | None = None) -> None:
        self.store = store
        self.beleid = beleid
        self.http = http or requests.Session()

    def ronde(self) -> int:
        """Claim and send the rows that are due now; returns how many were tried."""
        with self.store.unit_of_work() as repos:
            rijen = repos.outbox.claim(PARTIJ, self.beleid.lease)
        for rij in rijen:
            self._bezorg(rij)
        return len(rijen)

    def draai(self, stop: threading.Event, levend: Callable[[], bool] = lambda: True) -> None:
        """Deliver until ``stop`` is set (or ``levend`` says no); a failing database is logged and
        tried again."""
        log.info("bezorging gestart")
        while not stop.is_set() and levend():
            try:
                bezig = self.ronde()
            except Exception:
                log.exception("bezorgronde mislukt; volgende ronde over %.1f s", self.beleid.poll_interval)
                bezig = 0
            if not bezig:
                stop.wait(self.beleid.poll_interval)
        log.info("bezorging gestopt")

    def _bezorg(self, rij: Uitgaand) -> None:
        uitkomst = self._verstuur(rij)
        assert rij.claim is not None
        with self.store.unit_of_work() as repos:
            if uitkomst.gelukt:
                metriek.BEZORGPOGINGEN.labels("bezorgd").inc()
                repos.outbox.bezorgd(rij.id, rij.claim)
                log.info(
                    "bezorgd outbox=%d soort=%s zaak=%s bestemming=%s poging=%d",
                    rij.id,
                    rij.soort,
                    rij.zaak_identificatie,
                    rij.bestemming,
                    rij.pogingen,
                )
                return
            volgende = None
            if not uitkomst.definitief and rij.pogingen < self.beleid.max_pogingen:
                volgende = datetime.now(UTC) + timedelta(seconds=self.beleid.wachttijd(rij.pogingen))
            repos.outbox.mislukt(rij.id, rij.claim, uitkomst.fout or "onbekend", volgende)
        metriek.BEZORGPOGINGEN.labels("opnieuw" if volgende else "dead").inc()
        log.warning(
            "niet bezorgd outbox=%d soort=%s zaak=%s bestemming=%s poging=%d %s: %s",
            rij.id,
            rij.soort,
            rij.zaak_identificatie,
            rij.bestemming,
            rij.pogingen,
            "opnieuw om " + volgende.isoformat(timespec="seconds") if volgende else "dead",
            (uitkomst.fout or "")[:120],
        )

    def _verstuur(self, rij: Uitgaand) -> Uitkomst:
        try:
            response = self.http.post(
                rij.bestemming,
                data=envelope(rij.bericht),
                headers={"Content-Type": "text/xml; charset=utf-8", "SOAPAction": f'"{rij.soapaction}"'},
                timeout=self.beleid.timeout,
            )
        except requests.RequestException as fout:
            return Uitkomst(False, f"{type(fout).__name__}: verbinding mislukt")
        return beoordeel(response.status_code, response.content)


class Achtergrond:
    """A delivery thread (tests, or any single process that wants one): ``start()``/``stop()``."""

    def __init__(self, bezorger: Bezorger) -> None:
        self.bezorger = bezorger
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=bezorger.draai, args=(self._stop,), name="rzs-bezorging", daemon=True
        )

    def start(self) -> Achtergrond:
        self._thread.start()
        return self

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        self._thread.join(timeout)


def draai_proces(settings: Settings, voorbereiden: Callable[[], None] = lambda: None) -> None:
    """``rzs worker`` and the delivery process of ``rzs serve``: deliver until SIGTERM/SIGINT,
    finishing the attempt in progress (its result is recorded) before stopping.

    ``voorbereiden`` (migrations, catalogue) is tried again with backoff while it fails: a worker
    started while the database is still unreachable waits for it instead of exiting for good
    (issue 11, item 7).
    """
    store = Store.uit_instellingen(settings)
    stop = threading.Event()

    def _stop(signum: int, _frame: FrameType | None) -> None:
        log.info("signaal %d: bezorging stopt na de lopende poging", signum)
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    # Started by ``rzs serve``: stop when that process is gone, even if it could not say so.
    ouder = int(os.environ.get("RZS_BEZORGING_OUDER") or 0)

    def levend() -> bool:
        return not stop.is_set() and (not ouder or os.getppid() == ouder)

    try:
        if wacht_tot_gelukt(voorbereiden, stop, levend):
            threading.Thread(target=klop, args=(store, stop), name="rzs-hartslag", daemon=True).start()
            Bezorger(store, Beleid.uit(settings)).draai(stop, levend)
    finally:
        store.dispose()


#: Seconds between two heartbeats of a delivery process; ``/health/ready`` allows a few missed ones.
HARTSLAG_INTERVAL = 5.0


def klop(store: Store, stop: threading.Event) -> None:
    """Write this process's heartbeat until ``stop`` (``/health/ready`` of every server on the
    database reads it: migration 0007). A thread of its own, so a long delivery round (ten rows,
    each up to ``bezorging_timeout``) does not look like a dead worker."""
    naam = f"{socket.gethostname()}:{os.getpid()}"
    while True:
        try:
            with store.unit_of_work() as repos:
                repos.overzicht.hartslag(naam)
        except Exception as fout:  # the database is away for a moment: the next beat tries again
            log.warning("hartslag niet geschreven (%s)", type(fout).__name__)
        if stop.wait(HARTSLAG_INTERVAL):
            return


#: Start-up retries: the first wait and the longest.
START_WACHTTIJD = 0.5
START_WACHTTIJD_MAX = 30.0


def wacht_tot_gelukt(stap: Callable[[], None], stop: threading.Event, levend: Callable[[], bool]) -> bool:
    """Run ``stap`` until it succeeds (True) or the process is told to stop (False); each failure
    is one warning line with the error's type and first line, never a traceback full of SQL."""
    wachttijd = START_WACHTTIJD
    while levend():
        try:
            stap()
            return True
        except Exception as fout:  # the database (or its file system) is not there yet: wait
            eerste_regel = (str(fout).splitlines() or [""])[0][:200]
            log.warning(
                "bezorging wacht op de database (%s: %s); opnieuw over %.1f s",
                type(fout).__name__,
                eerste_regel,
                wachttijd,
            )
        if stop.wait(wachttijd):
            break
        wachttijd = min(START_WACHTTIJD_MAX, wachttijd * 2)
    return False
