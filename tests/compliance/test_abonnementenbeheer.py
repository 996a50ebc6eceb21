"""The Abonnementenbeheer role against a small fake Abonnementenbeheer written here.

The fake receives each trigger (initieerNotificeerOverZaak_Di01) on its RZS endpoint, answers Bv03
and then, like a real one, posts a notificeerOverZaak_Di01 to the harness's listening endpoint for
every subscriber except the zendende applicatie the trigger names. A variant forgets the echo
suppression and also notifies the zendende applicatie: the harness must fail the notification
step of each pair, saying why.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any
from wsgiref.simple_server import WSGIServer

import consumenthulp as hulp
import pytest
import requests
from lxml import etree

from rzs import ns, safexml
from rzs.compliance import scenario
from rzs.compliance.cli import main as compliance
from rzs.compliance.client import Eindpunten, SoapClient, Transportopties
from rzs.compliance.context import Context
from rzs.compliance.resultaat import FAIL, PASS, Rapport
from rzs.compliance.runner import Runner
from rzs.compliance.stp.app import serveer
from rzs.compliance.stp.postbus import Abonnees, Postbus
from rzs.referentieclient.luister import luister

PREFIXEN = {"StUF": ns.STUF, "RZS": ns.RZS, "ZKN": ns.ZKN}
ACTION = "http://www.egem.nl/StUF/sector/rzs/0310/notificeerOverZaak"
#: What the tester configured in the fake (rol.toml [[abonnement]]): the STP and the zendende applicatie.
ABONNEES = ("0000/RZS-COMPLIANCE", "0000/BACKOFFICE-STP")


def _el(ouder: etree._Element, naam: str, tekst: str) -> None:
    etree.SubElement(ouder, ns.stuf(naam)).text = tekst


class NepAbonnementenbeheer:
    """Answers a trigger with Bv03, then notifies the subscribers from a thread of its own."""

    def __init__(self, harness_url: str, *, echo: bool = False) -> None:
        self.harness_url, self.echo = harness_url, echo
        self.ctx = Context("NEP-AB")
        self.draden: list[threading.Thread] = []

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        data = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        trigger = safexml.parse(data).find(f"{ns.qname(ns.SOAP11, 'Body')}/*")
        assert trigger is not None
        bv03 = etree.Element(ns.stuf("Bv03Bericht"), nsmap={"StUF": ns.STUF})
        sg = etree.SubElement(bv03, ns.stuf("stuurgegevens"))
        _el(sg, "berichtcode", "Bv03")
        zender, ontvanger = (
            etree.SubElement(sg, ns.stuf("zender")),
            etree.SubElement(sg, ns.stuf("ontvanger")),
        )
        for naam, spiegel in ((zender, "ontvanger"), (ontvanger, "zender")):  # mirrored (DIGEST c.3)
            for deel in ("organisatie", "applicatie"):
                _el(
                    naam,
                    deel,
                    trigger.findtext(f"RZS:stuurgegevens/StUF:{spiegel}/StUF:{deel}", namespaces=PREFIXEN)
                    or "",
                )
        _el(sg, "referentienummer", self.ctx.referentienummer())
        _el(sg, "tijdstipBericht", self.ctx.tijdstip())
        _el(
            sg,
            "crossRefnummer",
            trigger.findtext("RZS:stuurgegevens/StUF:referentienummer", namespaces=PREFIXEN) or "",
        )
        draad = threading.Thread(target=self._notificeer, args=(trigger,))
        draad.start()
        self.draden.append(draad)
        uit = _envelope(bv03)
        start_response(
            "200 OK", [("Content-Type", "text/xml; charset=utf-8"), ("Content-Length", str(len(uit)))]
        )
        return [uit]

    def _notificeer(self, trigger: etree._Element) -> None:
        extra = trigger.find("RZS:object/StUF:extraElementen", PREFIXEN)
        assert extra is not None
        zendend = next(e for e in extra if e.get("naam") == "zendendeApplicatie")
        for abonnee in ABONNEES:
            if abonnee.split("/")[1] == zendend.text and not self.echo:
                continue  # echo suppression (DIGEST d.7)
            requests.post(
                self.harness_url,
                data=_envelope(self._notificatie(trigger, abonnee)),
                headers={"Content-Type": "text/xml; charset=utf-8", "SOAPAction": f'"{ACTION}"'},
                timeout=5,
            )

    def _notificatie(self, trigger: etree._Element, abonnee: str) -> etree._Element:
        bericht = copy.deepcopy(trigger)
        bericht.tag = ns.rzs("notificeerOverZaak_Di01")
        for element in bericht.iterfind("RZS:object/StUF:extraElementen/StUF:extraElement", PREFIXEN):
            if element.get("naam") == "zendendeApplicatie":
                element.getparent().remove(element)  # type: ignore[union-attr]
        sg = bericht.find("RZS:stuurgegevens", PREFIXEN)
        assert sg is not None
        zender = copy.deepcopy(sg.find("StUF:ontvanger", PREFIXEN))  # we are the trigger's ontvanger
        assert zender is not None
        zender.tag = ns.stuf("zender")
        sg.replace(sg.find("StUF:zender", PREFIXEN), zender)  # type: ignore[arg-type]
        for pad, waarde in (
            ("StUF:ontvanger/StUF:organisatie", abonnee.split("/")[0]),
            ("StUF:ontvanger/StUF:applicatie", abonnee.split("/")[1]),
            ("StUF:referentienummer", self.ctx.referentienummer()),
            ("StUF:tijdstipBericht", self.ctx.tijdstip()),
        ):
            element = sg.find(pad, PREFIXEN)
            assert element is not None
            element.text = waarde
        return bericht


def _envelope(body: etree._Element) -> bytes:
    envelope = etree.Element(ns.qname(ns.SOAP11, "Envelope"), nsmap={"soap": ns.SOAP11})
    etree.SubElement(envelope, ns.qname(ns.SOAP11, "Body")).append(body)
    return etree.tostring(envelope, xml_declaration=True, encoding="UTF-8")


@pytest.fixture
def nep() -> Iterator[Callable[[str, bool], str]]:
    """Start a fake Abonnementenbeheer posting to ``harness_url``; returns its URL."""
    servers: list[WSGIServer] = []

    def start(harness_url: str, echo: bool) -> str:
        server = luister(NepAbonnementenbeheer(harness_url, echo=echo))
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}/rzs/OntvangAsynchroon"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def test_run_tegen_een_abonnementenbeheer_met_echo_onderdrukking(
    nep: Callable[[str, bool], str], capsys: pytest.CaptureFixture[str]
) -> None:
    poort = hulp.vrije_poort()
    tta = nep(f"http://127.0.0.1:{poort}/rzs/OntvangAsynchroon", False)
    argv = ["run", "--role", "abonnementenbeheer", "--endpoint", tta, "--luister-port", str(poort)]
    assert compliance([*argv, "--wachttijd", "5", "--nawachttijd", "0.2", "--timeout", "5"]) == 0
    uit = capsys.readouterr().out
    assert f"luistert naar notificaties op http://127.0.0.1:{poort}/rzs/OntvangAsynchroon" in uit
    assert "abonnee 0000/BACKOFFICE-STP op http://127.0.0.1:" in uit
    assert "AB-10  stap  1 TTA→STP notificeerOverZaak" in uit
    assert "Oordeel: GESLAAGD" in uit


def _run_echo(nep: Callable[[str, bool], str]) -> Rapport:
    rol = scenario.laad_rol("abonnementenbeheer")
    postbus = Postbus(Abonnees.van(rol, rol.waarden), ("0000", "RZS-COMPLIANCE"), 5.0, 0.3)
    server, _ = serveer(postbus)
    try:
        tta = nep(f"http://127.0.0.1:{server.server_port}/rzs/OntvangAsynchroon", True)
        client = SoapClient(Eindpunten.alle(tta), Transportopties(timeout=5))
        return Runner(rol, client, luisteraar=postbus).run()
    finally:
        server.shutdown()
        server.server_close()


def test_notificatie_aan_de_zendende_applicatie_faalt_de_notificatiestap(
    nep: Callable[[str, bool], str],
) -> None:
    rapport = _run_echo(nep)
    for oneven, even in (("AB-01", "AB-02"), ("AB-07", "AB-08")):
        assert hulp.stap(rapport, oneven, 1).status == PASS
        assert hulp.stap(rapport, oneven, 2).status == PASS  # the trigger was confirmed with Bv03
        notificatie = hulp.stap(rapport, even, 1)
        assert notificatie.status == FAIL
        assert notificatie.redenen == [
            "notificatie aan 0000/BACKOFFICE-STP, de zendende applicatie van de trigger: die krijgt geen "
            "notificatie van haar eigen wijziging (echo-onderdrukking, DIGEST d.7)"
        ]
        assert hulp.stap(rapport, even, 2).status == PASS  # the STP could answer the right one
