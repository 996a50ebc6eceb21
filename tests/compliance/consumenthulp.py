"""Helpers of the consumer-mode tests (Regiesysteem, backoffice, Abonnementenbeheer): free ports,
finding a step in a report, and client plugins that break one message."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from rzs.compliance import scenario
from rzs.compliance.cli import main as compliance
from rzs.compliance.resultaat import Rapport, StapResultaat
from rzs.compliance.stp.app import serveer
from rzs.compliance.stp.sessie import Sessie, SessieOpties
from rzs.referentieclient.cli import main as client
from rzs.referentieclient.luister import Ontvanger, luister
from rzs.referentieclient.verbinding import Plugin

STP = "0000/RZS-COMPLIANCE"


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wacht_tot_luistert(poort: int) -> None:
    for _ in range(50):
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", poort)) == 0:
                return
        threading.Event().wait(0.1)


def serve_en_flow(rol: str, flow: str, rapport: Path, *extra: str) -> tuple[int, int]:
    """``rzs-compliance serve --role <rol>`` in a thread and ``rzs-client <flow>`` against it, over
    loopback; the exit codes of harness and client. The JSON report goes to ``rapport``."""
    poort, luisterpoort = vrije_poort(), vrije_poort()
    argv = ["serve", "--role", rol, "--port", str(poort), "--wachttijd", "30", "--json", str(rapport)]
    argv += ["--callback-endpoint", f"http://127.0.0.1:{luisterpoort}/", *extra]
    uitkomst: list[int] = []
    harness = threading.Thread(target=lambda: uitkomst.append(compliance(argv)))
    harness.start()
    wacht_tot_luistert(poort)
    basis = ["--endpoint", f"http://127.0.0.1:{poort}", "--ontvanger", STP]
    van_client = client([*basis, flow, "--luister-port", str(luisterpoort)])
    harness.join(30)
    return uitkomst[0] if uitkomst else -1, van_client


def in_proces(rol: str, ontvanger: Ontvanger, flow: Callable[[str], object]) -> Rapport:
    """STP (a sessie of ``rol``) and a client in-process: ``flow(stp_url)`` runs while ``ontvanger`` is
    the client's own endpoint (the callback); the sessie's report afterwards."""
    luisteraar = luister(ontvanger)
    callback = f"http://127.0.0.1:{luisteraar.server_port}/"
    sessie = Sessie(scenario.laad_rol(rol), SessieOpties(callback=callback))
    server, _ = serveer(sessie)
    threading.Thread(target=sessie.stuurder, daemon=True).start()
    try:
        flow(f"http://127.0.0.1:{server.server_port}")
        sessie.klaar.wait(10)
        return sessie.sluit("niet ontvangen in de test")
    finally:
        server.shutdown()
        luisteraar.shutdown()


def stap(rapport: Rapport, scenario_id: str, nr: int) -> StapResultaat:
    gevonden = next(s for s in rapport.scenarios if s.id == scenario_id)
    return next(stap for stap in gevonden.stappen if stap.nr == nr)


def eenmalig(operatie: str, wijzig: Callable[[etree._Element, dict[str, str]], None]) -> Plugin:
    """A plugin that breaks only the first message of ``operatie``."""
    gedaan: list[bool] = []

    def plugin(op: str, body: etree._Element, headers: dict[str, str]) -> None:
        if op == operatie and not gedaan:
            gedaan.append(True)
            wijzig(body, headers)

    return plugin
