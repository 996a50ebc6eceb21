"""The delivery worker: each outbox row sent exactly once by several workers on one database
(PostgreSQL when RZS_TEST_DATABASE_URL is set, SQLite otherwise), how answers are judged, the
backoff, and ``rzs worker`` stopping on SIGTERM."""

from __future__ import annotations

import collections
import os
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import requests

from rzs import ns
from rzs.app import prepare_store
from rzs.domain.notificatie import Abonnement, ontvangers
from rzs.notify.outbox import Outbox
from rzs.notify.worker import Achtergrond, Beleid, Bezorger, beoordeel
from rzs.store import Store
from rzs.stuf import stuurgegevens as sg
from rzs.stuf.rzsberichten import Notificatie, notificeer_over_zaak_di01
from rzs.stuf.stuurgegevens import Systeem
from support import messages
from support.abonnee import abonnee
from support.bezorging import SNEL, eigen_database, instellingen
from support.proces import RZS, rzs_serve
from support.schemas import assert_geldig
from support.soap import unieke_referentie


def _plaats(store: Store, url: str, aantal: int) -> set[str]:
    referenties = set()
    with store.unit_of_work() as repos:
        for n in range(aantal):
            bericht = notificeer_over_zaak_di01(
                Notificatie(f"0000000000{n:06d}", "Creeer zaak", "Opstellen en uitvoeren gezinsplan", "GZP"),
                zender=Systeem("RZS"),
                ontvanger=Systeem("WMO"),
                referentienummer=sg.nieuw_referentienummer(),
            )
            assert_geldig(bericht)
            referenties.add(Outbox(repos.outbox).plaats(bericht, bestemming=url, zaak_identificatie=None))
    return referenties


def _afgerond(store: Store) -> bool:
    with store.unit_of_work() as repos:
        return repos.outbox.aantal("pending") == 0


def test_drie_workers_bezorgen_elk_bericht_precies_eenmaal(tmp_path: Path) -> None:
    with eigen_database(tmp_path) as url, abonnee("WMO") as wmo:
        store = prepare_store(instellingen(url, tmp_path))
        referenties = _plaats(store, wmo.url, 40)
        stores = [Store(url, tmp_path / "inhoud") for _ in range(3)]
        workers = [Achtergrond(Bezorger(s, SNEL)).start() for s in stores]
        try:
            wmo.wacht(40)
            deadline = time.monotonic() + 15
            while not _afgerond(store) and time.monotonic() < deadline:
                time.sleep(0.02)
        finally:
            for worker in workers:
                worker.stop()
            for s in [store, *stores]:
                s.dispose()
        telling = collections.Counter(o.referentienummer for o in wmo.berichten())
        assert set(telling) == referenties
        assert set(telling.values()) == {1}
        assert wmo.pogingen == 40


def test_beoordeling_van_antwoorden() -> None:
    bv03 = messages.envelope(messages.message("rzs/Bv03"))
    assert beoordeel(200, bv03).gelukt
    assert not beoordeel(500, b"<html>even niet</html>").gelukt
    assert not beoordeel(503, b"niet eens xml").definitief
    fo03 = (
        b'<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault>'
        b"<faultcode>soap:Client</faultcode><faultstring>x</faultstring><detail>"
        b'<StUF:Fo03Bericht xmlns:StUF="http://www.egem.nl/StUF/StUF0301"><StUF:body><StUF:code>StUF010</StUF:code>'
        b"<StUF:plek>client</StUF:plek><StUF:omschrijving>x</StUF:omschrijving></StUF:body></StUF:Fo03Bericht>"
        b"</detail></soap:Fault></soap:Body></soap:Envelope>"
    )
    uitkomst = beoordeel(500, fo03)
    assert not uitkomst.gelukt and uitkomst.definitief and "StUF010" in (uitkomst.fout or "")
    assert not beoordeel(500, fo03.replace(b"client", b"server")).definitief


def test_backoff_groeit_tot_het_maximum_met_jitter() -> None:
    beleid = Beleid(backoff_basis=2.0, backoff_max=60.0)
    assert beleid.wachttijd(1, lambda: 0.0) == 1.0 and beleid.wachttijd(1, lambda: 1.0) == 2.0
    assert beleid.wachttijd(3, lambda: 1.0) == 8.0
    assert beleid.wachttijd(20, lambda: 1.0) == 60.0 and beleid.wachttijd(20, lambda: 0.0) == 30.0


def test_ontvangers_zonder_afzender_en_zonder_dubbelen() -> None:
    alle = [
        Abonnement("*", "*", "http://a", "REGIE"),
        Abonnement("GZP", "Creeer zaak", "http://a", "REGIE"),
        Abonnement("GZP", "*", "http://b", "WMO", "0363"),
        Abonnement("LDP", "*", "http://c", "JGD"),
        Abonnement("*", "Update zaak", "http://d", "X"),
        Abonnement("*", "*", "http://e", "UIT", actief=False),
    ]
    gekozen = ontvangers(alle, "GZP", "Creeer zaak", afzender_applicatie="WMO", afzender_organisatie="0599")
    assert [a.bestemming for a in gekozen] == ["http://a", "http://b"]  # other organisatie: not WMO itself
    gekozen = ontvangers(alle, "GZP", "Creeer zaak", afzender_applicatie="WMO", afzender_organisatie="0363")
    assert [a.bestemming for a in gekozen] == ["http://a"]
    assert ontvangers(alle, "GZP", "Creeer zaak", afzender_applicatie="REGIE") == [alle[2]]


def test_rzs_worker_bezorgt_en_stopt_netjes_op_sigterm(tmp_path: Path) -> None:
    with eigen_database(tmp_path) as url, abonnee("WMO") as wmo:
        store = prepare_store(instellingen(url, tmp_path))
        _plaats(store, wmo.url, 2)
        store.dispose()
        env = {**os.environ, "RZS_DATA_DIR": str(tmp_path), "RZS_BEZORGING_POLL_INTERVAL": "0.05"}
        proc = subprocess.Popen(
            [str(RZS), "worker", "--database", url], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        try:
            wmo.wacht(2, timeout=30)
        finally:
            proc.send_signal(signal.SIGTERM)
            uitvoer = proc.communicate(timeout=30)[0].decode(errors="replace")
        assert proc.returncode == 0, uitvoer[-2000:]
        assert "bezorging gestopt" in uitvoer and "Traceback" not in uitvoer


def _creeer_zaak(adres: str, identificatie: str) -> None:
    body = messages.message(
        "zaken/creeerZaak_gezinsplan_minimaal",
        zaak_identificatie=identificatie,
        referentienummer=unieke_referentie(),
    )
    antwoord = requests.post(
        adres,
        data=messages.envelope(body),
        headers={"SOAPAction": ns.ZKN_ACTION + "creeerZaak_Lk01", "Content-Type": "text/xml"},
        timeout=30,
    )
    assert antwoord.status_code == 200, antwoord.text[:800]


def _bezorgers(master: int) -> list[int]:
    """The ``rzs worker`` children of an ``rzs serve`` master (read from /proc)."""
    gevonden = []
    for proces in Path("/proc").iterdir():
        try:
            if (
                not proces.name.isdigit()
                or int((proces / "stat").read_text().split(") ")[1].split()[1]) != master
            ):
                continue
            if b"worker" in (proces / "cmdline").read_bytes().split(b"\0"):
                gevonden.append(int(proces.name))
        except (OSError, IndexError):
            continue
    return gevonden


def test_rzs_serve_bezorgt_zelf(tmp_path: Path) -> None:
    """The single-machine default: ``rzs serve`` delivers without a separate ``rzs worker``."""
    with eigen_database(tmp_path) as url, abonnee("WMO") as wmo:
        _abonneer(url, tmp_path, wmo.url)
        with rzs_serve(url, tmp_path) as (_proc, basis, uitvoer):
            _creeer_zaak(basis + "/zkn/OntvangAsynchroon", "0000000000424242")
            [melding] = wmo.wacht(1, timeout=30)
            assert melding.zaak == "0000000000424242" and melding.gebeurtenis == "Creeer zaak"
        assert "Traceback" not in uitvoer[0], uitvoer[0][-3000:]
        assert "bezorging gestopt" in uitvoer[0]


def test_rzs_serve_start_een_gestorven_bezorger_opnieuw(tmp_path: Path) -> None:
    """kill -9 of the delivery child: ``rzs serve`` starts a new one, which delivers (issue 11, 7)."""
    with eigen_database(tmp_path) as url, abonnee("WMO") as wmo:
        _abonneer(url, tmp_path, wmo.url)
        with rzs_serve(url, tmp_path) as (proc, basis, uitvoer):
            [eerste] = _wacht_op(lambda: _bezorgers(proc.pid))
            os.kill(eerste, signal.SIGKILL)
            [tweede] = _wacht_op(lambda: [pid for pid in _bezorgers(proc.pid) if pid != eerste])
            _creeer_zaak(basis + "/zkn/OntvangAsynchroon", "0000000000434343")
            [melding] = wmo.wacht(1, timeout=30)
            assert melding.zaak == "0000000000434343"
        assert f"bezorging (pid {eerste}) is gestopt" in uitvoer[0], uitvoer[0][-3000:]
        assert f"bezorging gestart (pid {tweede})" in uitvoer[0]


def test_rzs_worker_wacht_op_een_onbereikbare_database(tmp_path: Path) -> None:
    """Started while its database cannot be opened, the worker waits and then delivers."""
    blokkade = tmp_path / "db"
    blokkade.write_text("a file where the database directory should be")
    url = f"sqlite:///{blokkade / 'rzs.sqlite3'}"
    env = {**os.environ, "RZS_DATA_DIR": str(tmp_path), "RZS_BEZORGING_POLL_INTERVAL": "0.05"}
    log = tmp_path / "worker.log"
    with abonnee("WMO") as wmo, log.open("wb") as uit:
        proc = subprocess.Popen([str(RZS), "worker", "--database", url], env=env, stdout=uit, stderr=uit)
        try:
            _wacht_op(lambda: [1] if b"bezorging wacht op de database" in log.read_bytes() else [], 60)
            assert proc.poll() is None, "de worker gaf het op"
            blokkade.unlink()
            store = prepare_store(instellingen(url, tmp_path))
            _plaats(store, wmo.url, 1)
            store.dispose()
            wmo.wacht(1, timeout=60)
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)
    uitvoer = log.read_text(errors="replace")
    assert proc.returncode == 0 and "Traceback" not in uitvoer, uitvoer[-2000:]


def _abonneer(url: str, tmp_path: Path, bestemming: str) -> None:
    store = prepare_store(instellingen(url, tmp_path))
    with store.unit_of_work() as repos:
        repos.abonnementen.add(Abonnement("*", "*", bestemming, "WMO"))
    store.dispose()


def _wacht_op(vind: Callable[[], list[int]], timeout: float = 30) -> list[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if gevonden := vind():
            return gevonden
        time.sleep(0.1)
    raise AssertionError("niet gevonden binnen de tijd")
