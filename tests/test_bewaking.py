"""What operators look at, over HTTP against ``rzs serve --workers 2`` (issue 13): health, metrics
added up over both workers and the delivery child, the status page in chromium, and the
request id that ties a Fo's details to the log lines (without person data)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from prometheus_client.parser import text_string_to_metric_families

from rzs.app import prepare_store
from rzs.domain.notificatie import Abonnement
from support import chromium, messages
from support.abonnee import Abonnee, abonnee
from support.bezorging import eigen_database, instellingen
from support.proces import rzs_serve, stuur

GEZINSPLAN = "zaken/creeerZaak_gezinsplan_minimaal"
TOLERANT = "tolerant/creeerZaak_authentiek_zonder_metagegeven_ongeldig"
BSNS = [v for k, v in messages.DEFAULTS.items() if k.startswith("bsn")]


@pytest.fixture(scope="module")
def wmo() -> Iterator[Abonnee]:
    with abonnee("WMO") as ontvanger:
        yield ontvanger


@pytest.fixture(scope="module")
def rzs(tmp_path_factory: pytest.TempPathFactory, wmo: Abonnee) -> Iterator[tuple[str, list[str]]]:
    """``rzs serve --workers 2 --validatie tolerant`` with one subscriber, after traffic: five
    zaken sent at once (so both workers take some), one refused (StUF055), one repaired."""
    tmp = tmp_path_factory.mktemp("bewaking")
    with eigen_database(tmp) as url:
        store = prepare_store(instellingen(url, tmp))
        with store.unit_of_work() as repos:
            repos.abonnementen.add(Abonnement("*", "*", wmo.url, "WMO"))
        store.dispose()
        with rzs_serve(url, tmp, "--workers", "2", "--validatie", "tolerant") as (_proc, basis, uitvoer):
            with ThreadPoolExecutor(5) as pool:
                antwoorden = list(
                    pool.map(
                        lambda n: stuur(
                            basis, GEZINSPLAN, "creeerZaak_Lk01", zaak_identificatie=f"00000000005{n:05d}"
                        ),
                        range(5),
                    )
                )
            assert all(a.status_code == 200 for a in antwoorden), [a.text[:300] for a in antwoorden]
            assert stuur(basis, "zaken/creeerZaak_ongeldig_bsn", "creeerZaak_Lk01").status_code == 500
            hersteld = stuur(basis, TOLERANT, "creeerZaak_Lk01", zaak_identificatie="0000000000600001")
            assert hersteld.status_code == 200, hersteld.text[:500]
            # Every test sees the same state: the six notifications delivered, the outbox empty.
            wmo.wacht(6, timeout=60)
            _wacht_tot(lambda: _metrics(basis).get(("rzs_outbox_pending", ())) == 0)
            yield basis, uitvoer


def _metrics(basis: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    tekst = requests.get(basis + "/metrics", timeout=30).text
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for familie in text_string_to_metric_families(tekst)
        for s in familie.samples
    }


def _wacht_tot(vind: object, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if vind():  # type: ignore[operator]
            return
        time.sleep(0.2)
    raise AssertionError("niet bereikt binnen de tijd")


def test_health_live_en_ready(rzs: tuple[str, list[str]]) -> None:
    basis, _ = rzs
    live = requests.get(basis + "/health/live", timeout=10)
    assert live.status_code == 200 and live.json() == {"status": "live"}
    assert live.headers["Content-Type"] == "application/json"
    # Ready once the delivery child has written its first heartbeat.
    _wacht_tot(lambda: requests.get(basis + "/health/ready", timeout=10).status_code == 200)
    gereed = requests.get(basis + "/health/ready", timeout=10).json()
    assert gereed == {
        "status": "ready",
        "checks": {"database": "ok", "migraties": "ok", "schemas": "ok", "bezorging": "ok"},
    }


def test_ready_is_503_zonder_levende_bezorging(tmp_path: Path) -> None:
    """``--zonder-bezorging`` and no ``rzs worker`` anywhere: nobody delivers, so not ready."""
    with eigen_database(tmp_path) as url, rzs_serve(url, tmp_path, "--zonder-bezorging") as (_p, basis, _u):
        antwoord = requests.get(basis + "/health/ready", timeout=10)
        assert antwoord.status_code == 503
        assert antwoord.json()["status"] == "not ready"
        assert antwoord.json()["checks"]["bezorging"] == "geen bezorgproces gezien"
        assert antwoord.json()["checks"]["database"] == "ok"


def test_metrics_tellen_over_twee_workers_en_de_bezorger(rzs: tuple[str, list[str]], wmo: Abonnee) -> None:
    basis, _ = rzs
    assert len(wmo.berichten()) == 6  # a notification per zaak, sent by the delivery child
    bezorgd = ("rzs_bezorgpogingen_total", (("resultaat", "bezorgd"),))
    _wacht_tot(lambda: _metrics(basis).get(bezorgd) == 6)
    # Whichever worker answers the scrape, the counts are those of the whole server.
    for _ in range(4):
        m = _metrics(basis)
        assert (
            m[("rzs_verzoeken_total", (("operatie", "creeerZaak_Lk01"), ("resultaat", "Bv03Bericht")))] == 6
        )
        assert m[("rzs_fouten_total", (("code", "StUF055"),))] == 1
        assert m[("rzs_verzoek_duur_seconden_count", (("operatie", "creeerZaak_Lk01"),))] == 7
        assert m[("rzs_bericht_bytes_count", ())] == 7
        reparaties = {k: v for k, v in m.items() if k[0] == "rzs_tolerante_reparaties_total"}
        assert reparaties and all(dict(k[1])["applicatie"] == "REGIE" for k in reparaties)
        assert m[bezorgd] == 6
        assert m[("rzs_outbox_pending", ())] == 0 and m[("rzs_outbox_dead", ())] == 0
        assert ("rzs_outbox_oudste_pending_seconden", ()) in m


def test_beheerpagina_in_chromium(rzs: tuple[str, list[str]], tmp_path: Path) -> None:
    basis, _ = rzs
    pagina = requests.get(basis + "/beheer", timeout=30)
    assert pagina.status_code == 200 and pagina.headers["Content-Type"].startswith("text/html")
    document = chromium.dom(basis + "/beheer", tmp_path / "profiel")
    rijen = [[cel.text_content().strip() for cel in tr.xpath("th|td")] for tr in document.xpath("//tr")]
    assert document.findtext(".//h1") == "stuf-rzs beheer"
    for rij in (
        ["versie", "0.1.0"],
        ["identiteiten", "RZS"],
        ["gemeentecode", "0000"],
        ["validatie", "tolerant"],
        ["GZP", "Opstellen en uitvoeren gezinsplan", "6"],  # zaken per zaaktype
        ["StUF055", "1"],  # faults by code
        ["0", "0", "0"],  # the outbox: pending, dead, oldest
        ["metagegeven-aanvullen", "0000/REGIE", "1"],  # repairs per sender
    ):
        assert rij in rijen, rijen
    for bsn in BSNS:
        assert bsn not in pagina.text


def test_weigering_met_reden_en_correlatie_id_zonder_persoonsgegevens(tmp_path: Path) -> None:
    """JSON log lines; a refused message's line names code, plek and rule, never the element
    values of the details (a known BSN, a wrong BSN); the Fo's details end with the request id
    that is in the X-Request-Id header and in every log line of that request."""
    with (
        eigen_database(tmp_path) as url,
        rzs_serve(url, tmp_path, "--log-format", "json") as (_p, basis, uitvoer),
    ):
        schema = stuur(basis, "zaken/creeerZaak_ongeldig_bsn", "creeerZaak_Lk01")
        regel = stuur(basis, "zaken/creeerZaak_zonder_startdatum", "creeerZaak_Lk01")
    ons = [r for r in uitvoer[0].splitlines() if r.startswith("{") or " rzs." in r]
    assert all(r.startswith("{") for r in ons), ons  # the delivery child logs JSON too
    regels = [json.loads(r) for r in ons]
    assert regels and all({"tijd", "niveau", "logger", "verzoek_id", "bericht"} <= r.keys() for r in regels)
    for antwoord, reden in ((schema, "resultaat=StUF055 plek=client regel=-"), (regel, "regel=BR-")):
        verzoek_id = antwoord.headers["X-Request-Id"]
        assert f"(correlatie-id {verzoek_id})</StUF:details>" in antwoord.text
        [bericht] = [r["bericht"] for r in regels if r["verzoek_id"] == verzoek_id]
        assert reden in bericht, bericht
    assert "12AB" in schema.text  # the details tell the sender which value ...
    for r in regels:  # ... the log does not
        assert "12AB" not in r["bericht"] and not any(bsn in r["bericht"] for bsn in BSNS), r
