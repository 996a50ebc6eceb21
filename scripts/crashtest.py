"""Crash test (issue 11): ``kill -9`` of the whole ``rzs serve`` process group during a load of
creeerZaak + voegZaakdocumentToe loses no acknowledged message and no notification.

    .venv/bin/python scripts/crashtest.py                     # SQLite in a temporary directory
    RZS_TEST_DATABASE_URL=postgresql://... .venv/bin/python scripts/crashtest.py   # a fresh database there
    .venv/bin/python scripts/crashtest.py --zaken 200 --clients 4

A loopback subscriber (tests/support/abonnee.py) is subscribed to every gebeurtenis. ``rzs serve``
(two gunicorn workers and its delivery child, in a session of its own) gets ``--zaken`` units of
work from ``--clients`` threads: a creeerZaak, then a voegZaakdocumentToe with a small document of
its own. When half of the expected acknowledgements (HTTP 200 with a Bv03) are in, the whole process
group gets SIGKILL, mid-request. The server is started again on the same database and content
store, and then every acknowledged message must be stored completely: the zaak readable with
geefZaakdetails, the document readable with geefZaakdocumentLezen and byte-identical, and its
notification delivered to the subscriber. Prints the figures; exit status 1 on any loss.
Only loopback addresses; every loop is bounded in count or time.
"""

from __future__ import annotations

import argparse
import base64
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from rzs import ns  # noqa: E402
from rzs.app import prepare_store  # noqa: E402
from rzs.domain.notificatie import Abonnement  # noqa: E402
from support import messages  # noqa: E402
from support.abonnee import Abonnee, abonnee  # noqa: E402
from support.bezorging import eigen_database, instellingen  # noqa: E402
from support.proces import RZS, vrije_poort, wacht_tot_bereikbaar  # noqa: E402
from support.soap import Reply  # noqa: E402

CREEER, VOEG_TOE = "Creeer zaak", "Voeg zaakdocument toe"


@dataclass
class Telling:
    """What the clients sent and what the server acknowledged (zaak -> document content)."""

    verzonden: int = 0
    zaken: list[str] = field(default_factory=list)
    documenten: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def bevestigd(self) -> int:
        return len(self.zaken) + len(self.documenten)


@contextmanager
def server(url: str, tmp: Path, log: Path) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """``rzs serve`` in a session of its own, so one signal reaches the gunicorn master, its
    workers and the delivery child; output to ``log`` (a pipe nobody reads would fill up)."""
    poort = vrije_poort()
    env = {
        **os.environ,
        "RZS_DATA_DIR": str(tmp),
        "RZS_BEZORGING_POLL_INTERVAL": "0.05",
        "RZS_BEZORGING_BACKOFF_BASIS": "0.2",
        "RZS_BEZORGING_BACKOFF_MAX": "1",
        # The lease of a claimed row is timeout x 11 + 30 s (notify/worker.py): a row the killed
        # delivery child held is sent again after it, so a short timeout keeps the test short.
        "RZS_BEZORGING_TIMEOUT": "0.5",
    }
    with log.open("ab") as uit:
        proc = subprocess.Popen(
            [str(RZS), "serve", "--port", str(poort), "--database", url, "--workers", "2"],
            env=env,
            stdout=uit,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    adres = f"http://127.0.0.1:{poort}"
    try:
        if not wacht_tot_bereikbaar(proc, adres):
            raise SystemExit(f"rzs serve kwam niet op; zie {log}")
        yield proc, adres
    finally:
        stop(proc, signal.SIGTERM)


def stop(proc: subprocess.Popen[bytes], signaal: signal.Signals) -> None:
    """``signaal`` to the server's whole process group, then wait for the master."""
    try:
        os.killpg(proc.pid, signaal)
    except ProcessLookupError:
        return
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)


def stuur(
    sessie: requests.Session, adres: str, pad: str, operatie: str, template: str, **waarden: str
) -> Reply:
    data = messages.envelope(messages.message(template, **waarden))
    kop = {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": f'"{ns.ZKN_ACTION}{operatie}"'}
    response = sessie.post(adres + pad, data=data, headers=kop, timeout=60)
    return Reply(response.status_code, response.headers.get("Content-Type", ""), response.content)


def omschrijving(zaak: str) -> str:
    """Each zaak its own omschrijving: read back, it shows the zaak's own row was stored."""
    return f"Crashtest zaak {zaak}"


def _bv03(reply: Reply) -> bool:
    return reply.status == 200 and ns.local_name(reply.body.tag) == "Bv03Bericht"


def eenheid(sessie: requests.Session, adres: str, n: int, telling: Telling) -> None:
    """One unit of work: creeerZaak, then voegZaakdocumentToe; raises on a connection error."""
    zaak, document = f"0000{n:012d}", f"0000{500000 + n:012d}"
    with telling.lock:
        telling.verzonden += 1
    reply = stuur(
        sessie, adres, "/zkn/OntvangAsynchroon", "creeerZaak_Lk01", "zaken/creeerZaak_gezinsplan_minimaal",
        zaak_identificatie=zaak, referentienummer=f"CRASH-Z{n}", omschrijving=omschrijving(zaak),
    )  # fmt: skip
    if not _bv03(reply):
        return
    with telling.lock:
        telling.zaken.append(zaak)
        telling.verzonden += 1
    inhoud = f"crashtest document {n}\n".encode() * (1 + n % 7)
    reply = stuur(
        sessie, adres, "/zkn/OntvangAsynchroon", "voegZaakdocumentToe_Lk01", "documenten/voegZaakdocumentToe",
        zaak_identificatie=zaak, document_identificatie=document, referentienummer=f"CRASH-D{n}",
        inhoud=base64.b64encode(inhoud).decode(),
    )  # fmt: skip
    if _bv03(reply):
        with telling.lock:
            telling.documenten[zaak] = (document, inhoud)


def belast(adres: str, proc: subprocess.Popen[bytes], zaken: int, clients: int, telling: Telling) -> None:
    """``clients`` threads share ``zaken`` units; SIGKILL when half the acknowledgements are in.
    A client stops at its first connection error: the server is gone."""
    volgende = iter(range(1, zaken + 1))
    uitdelen = threading.Lock()

    def client() -> None:
        with requests.Session() as sessie:
            while True:
                with uitdelen:
                    n = next(volgende, None)
                if n is None:
                    return
                try:
                    eenheid(sessie, adres, n, telling)
                except requests.RequestException:
                    return

    threads = [threading.Thread(target=client, name=f"client-{i}") for i in range(clients)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 600
    while telling.bevestigd < zaken and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    stop(proc, signal.SIGKILL)
    for thread in threads:
        thread.join(timeout=120)


def verloren_berichten(adres: str, telling: Telling) -> list[str]:
    """Every acknowledged zaak and document, read back through the restarted server."""
    verloren = []
    with requests.Session() as sessie:
        for zaak in telling.zaken:
            reply = stuur(
                sessie, adres, "/zkn/BeantwoordVraag", "geefZaakdetails_Lv01", "vragen/geefZaakdetails_alles",
                zaak_identificatie=zaak, referentienummer=f"CRASH-L{zaak}",
            )  # fmt: skip
            gelezen = [
                reply.text(f"ZKN:antwoord/ZKN:object/ZKN:{veld}")
                for veld in ("identificatie", "omschrijving")
            ]
            if reply.status != 200 or gelezen != [zaak, omschrijving(zaak)]:
                verloren.append(f"zaak {zaak}: {reply.status} {reply.data[:300]!r}")
        for zaak, (document, inhoud) in telling.documenten.items():
            reply = stuur(
                sessie, adres, "/zkn/BeantwoordVraag", "geefZaakdocumentLezen_Lv01",
                "documenten/geefZaakdocumentLezen_alles", document_identificatie=document,
                referentienummer=f"CRASH-L{document}",
            )  # fmt: skip
            gelezen = reply.text("ZKN:antwoord/ZKN:object/ZKN:inhoud") if reply.status == 200 else None
            if gelezen is None or base64.b64decode(gelezen) != inhoud:
                verloren.append(f"document {document} van zaak {zaak}: {reply.status} {reply.data[:300]!r}")
    return verloren


def ontbrekende_notificaties(wmo: Abonnee, telling: Telling, timeout: float) -> list[str]:
    """The notifications of acknowledged messages that did not arrive within ``timeout``. A row
    the killed delivery child had claimed waits for its lease to end (notify/worker.py)."""
    verwacht = {(zaak, CREEER) for zaak in telling.zaken} | {(zaak, VOEG_TOE) for zaak in telling.documenten}
    deadline = time.monotonic() + timeout
    while True:
        ontbreekt = verwacht - {(m.zaak, m.gebeurtenis) for m in wmo.berichten()}
        if not ontbreekt or time.monotonic() > deadline:
            return [f"notificatie {gebeurtenis!r} van zaak {zaak}" for zaak, gebeurtenis in sorted(ontbreekt)]
        time.sleep(0.1)


def detector_werkt(adres: str, wmo: Abonnee, telling: Telling) -> bool:
    """The checks can fail: a zaak never sent, a document with other content and a notification
    never caused must each be reported as lost."""
    verzonnen = Telling(zaken=["0000999999999999"])
    for zaak, (document, inhoud) in list(telling.documenten.items())[:1]:
        verzonnen.documenten[zaak] = (document, inhoud + b"!")
    verwacht = 2 + len(verzonnen.documenten)  # zaak and its notification; the document
    gevonden = verloren_berichten(adres, verzonnen) + ontbrekende_notificaties(wmo, verzonnen, 0)
    return len(gevonden) == verwacht


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zaken", type=int, default=60, help="units of work (creeerZaak + document)")
    parser.add_argument("--clients", type=int, default=3, help="client threads")
    parser.add_argument("--notificatie-timeout", type=float, default=120.0, help="seconds")
    args = parser.parse_args()
    begin = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="rzs-crash-") as naam, abonnee("WMO") as wmo:
        tmp = Path(naam)
        log = tmp / "rzs-serve.log"
        with eigen_database(tmp) as url:
            store = prepare_store(instellingen(url, tmp))
            with store.unit_of_work() as repos:
                repos.abonnementen.add(Abonnement("*", "*", wmo.url, "WMO"))
            store.dispose()
            telling = Telling()
            with server(url, tmp, log) as (proc, adres):
                belast(adres, proc, args.zaken, args.clients, telling)
            gedood = time.monotonic() - begin
            with server(url, tmp, log) as (_proc, adres):
                verloren = verloren_berichten(adres, telling)
                verloren += ontbrekende_notificaties(wmo, telling, args.notificatie_timeout)
                detector = detector_werkt(adres, wmo, telling)
        uitvoer = log.read_text(errors="replace")
    database = "PostgreSQL" if os.environ.get("RZS_TEST_DATABASE_URL") else "SQLite"
    print(
        f"crashtest ({database}): verzonden {telling.verzonden}, bevestigd {telling.bevestigd} "
        f"({len(telling.zaken)} zaken, {len(telling.documenten)} documenten), SIGKILL na {gedood:.1f} s, "
        f"notificaties ontvangen {len(wmo.berichten())}, verloren {len(verloren)}, "
        f"totaal {time.monotonic() - begin:.1f} s"
    )
    for regel in verloren[:20]:
        print("VERLOREN:", regel)
    if "Traceback" in uitvoer:
        print("Traceback in de uitvoer van rzs serve:\n" + uitvoer[-3000:])
    if not detector:
        print("de controle zelf faalt: een verzonnen verlies werd niet gevonden")
    return 1 if verloren or telling.bevestigd == 0 or not detector else 0


if __name__ == "__main__":
    sys.exit(main())
