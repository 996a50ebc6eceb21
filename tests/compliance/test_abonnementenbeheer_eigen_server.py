"""The Abonnementenbeheer role (SCENARIOS 3.5) against our own server, with its delivery worker.

Our server is the TTA (variant 3 of DIGEST a.3): the harness, as servicebus, sends each trigger to
its ``/rzs/OntvangAsynchroon``; the server queues a notificeerOverZaak_Di01 per subscription in its
outbox and the delivery thread posts it. The subscriptions are the ``[[abonnement]]`` tables of
``compliance/abonnementenbeheer/rol.toml``, configured in the server's store as a tester would with
``rzs abonnementen add``: the harness at its listening postbus, the zendende applicatie of every
trigger (``0000/BACKOFFICE-STP``) at an endpoint of its own (a real loopback subscriber), which must
get nothing (echo suppression, DIGEST d.7). The triggers carry identificatie and zaaktype, so the
zaak they are about need not exist in the server (SCENARIOS 3.5: the STP's own data).
"""

from __future__ import annotations

import string
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from rzs.compliance import scenario
from rzs.compliance.client import Eindpunten, SoapClient, Transportopties
from rzs.compliance.resultaat import PASS, Rapport
from rzs.compliance.runner import Opties, Runner
from rzs.compliance.stp.app import serveer
from rzs.compliance.stp.postbus import Abonnees, Postbus
from rzs.domain.notificatie import Abonnement
from rzs.store import Store
from rzs.store.outbox import Uitgaand
from support.abonnee import Abonnee, abonnee
from support.bezorging import eigen_database, instellingen, met_bezorging

ROL = "abonnementenbeheer"


@dataclass(frozen=True)
class Uitkomst:
    rapport: Rapport
    bron: Abonnee
    luister_url: str
    outbox: list[Uitgaand]


def _abonneer(store: Store, rol: scenario.Rol, luister_url: str, bron_url: str) -> int:
    """Every ``[[abonnement]]`` of rol.toml, one subscription per gebeurtenis; the number added."""
    toegevoegd = 0
    with store.unit_of_work() as repos:
        for a in rol.abonnementen:
            organisatie, applicatie = string.Template(a.abonnee).substitute(rol.waarden).split("/", 1)
            zaaktype = string.Template(a.zaaktype).substitute(rol.waarden)
            for gebeurtenis in a.gebeurtenissen:
                toegevoegd += repos.abonnementen.add(
                    Abonnement(
                        zaaktype=zaaktype,
                        gebeurtenis=gebeurtenis,
                        bestemming=bron_url if a.zendend else luister_url,
                        ontvanger_applicatie=applicatie,
                        ontvanger_organisatie=organisatie,
                    )
                )
    return toegevoegd


def _afgehandeld(store: Store, timeout: float = 10.0) -> list[Uitgaand]:
    """The outbox once no row is pending: the postbus may have a notification a moment before the
    worker has recorded the Bv03 it got for it."""
    deadline = time.monotonic() + timeout
    while True:
        with store.unit_of_work() as repos:
            rijen = repos.outbox.alle()
        if all(rij.status != "pending" for rij in rijen) or time.monotonic() > deadline:
            return rijen
        time.sleep(0.02)


@pytest.fixture(scope="module", params=["1.1", "1.2"], ids=["zds11", "zds12"])
def uitkomst(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Iterator[Uitkomst]:
    """One run of the role against a fresh server with delivery; the report and what was sent.

    Once per ``--zds`` form: the triggers are RZS messages with one form, so both runs must pass."""
    tmp: Path = tmp_path_factory.mktemp("ab-eigen-server")
    rol = scenario.laad_rol(ROL)
    stp = (rol.waarden["zender_organisatie"], rol.waarden["zender_applicatie"])
    postbus = Postbus(Abonnees.van(rol, rol.waarden), stp, wachttijd=15.0, nawachttijd=0.3)
    luisteraar, _ = serveer(postbus)
    luister_url = f"http://127.0.0.1:{luisteraar.server_port}/rzs/OntvangAsynchroon"
    try:
        with (
            eigen_database(tmp) as url,
            abonnee(rol.waarden["bron_applicatie"]) as bron,
            met_bezorging(instellingen(url, tmp)) as server,
        ):
            assert _abonneer(server.store, rol, luister_url, bron.url) == 10
            client = SoapClient(Eindpunten.server(server.base_url), Transportopties(timeout=10))
            rapport = Runner(rol, client, Opties(zds=request.param), luisteraar=postbus).run()
            yield Uitkomst(rapport, bron, luister_url, _afgehandeld(server.store))
    finally:
        luisteraar.shutdown()
        luisteraar.server_close()


def test_alle_scenarios_slagen_tegen_onze_server(uitkomst: Uitkomst) -> None:
    rapport = uitkomst.rapport
    mislukt = {s.id: s.reden for s in rapport.scenarios if s.status != PASS}
    assert mislukt == {}
    assert [s.id for s in rapport.scenarios] == [f"AB-{n:02d}" for n in range(1, 11)]
    assert rapport.geslaagd


def test_precies_een_notificatie_per_trigger_aan_de_harness(uitkomst: Uitkomst) -> None:
    """Five triggers, five notifications, all delivered to the harness and named to it."""
    assert len(uitkomst.outbox) == 5
    assert {rij.bestemming for rij in uitkomst.outbox} == {uitkomst.luister_url}
    assert {rij.ontvanger for rij in uitkomst.outbox} == {"RZS-COMPLIANCE"}
    assert {rij.zaak_identificatie for rij in uitkomst.outbox} == {"0000STPZAAK00001"}
    assert [rij.status for rij in uitkomst.outbox] == ["delivered"] * 5


def test_geen_notificatie_aan_de_zendende_applicatie(uitkomst: Uitkomst) -> None:
    """Echo suppression (DIGEST d.7): BACKOFFICE-STP is subscribed, caused every trigger, gets nothing."""
    assert uitkomst.bron.pogingen == 0
    assert uitkomst.bron.berichten() == []
