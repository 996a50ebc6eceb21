"""The Gemeentelijke servicebus role (GSB-01) against a small fake bus written here.

The fake bus receives each ZDS message, forwards the original to its destination (the harness's zaaksysteem
listener) and hands the destination's answer back, then posts an initieerNotificeerOverZaak_Di01 trigger to
Abonnementenbeheer (the harness's other listener), filled from the shared trigger templates. It remembers the
zaaktype of each zaak and the zaak of each document, as a bus must (DIGEST d.8). Variants forget the
zendendeApplicatie in the trigger or do not forward one message: the harness must fail the right step.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any
from wsgiref.simple_server import WSGIServer

import consumenthulp as hulp
import pytest
import requests
from lxml import etree

from rzs import ns, safexml
from rzs.compliance import bronnen, scenario, templates
from rzs.compliance.cli import main as compliance
from rzs.compliance.client import Eindpunten, SoapClient, Transportopties
from rzs.compliance.context import Context
from rzs.compliance.resultaat import FAIL, PASS, Rapport
from rzs.compliance.runner import Runner
from rzs.compliance.stp import antwoorden, soap, verzoek
from rzs.compliance.stp.app import serveer
from rzs.compliance.stp.postbus import Abonnees, Postbus
from rzs.compliance.stp.servicebus import Servicebus, Zaaksysteem
from rzs.referentieclient.luister import luister

PREFIXEN = {"StUF": ns.STUF, "ZKN": ns.ZKN}
GEBEURTENISSEN = {
    "creeerZaak_Lk01": "Creeer zaak",
    "voegZaakdocumentToe_Lk01": "Voeg zaakdocument toe",
    "maakZaakdocument_Lk01": "Voeg zaakdocument toe",  # DIGEST g.4
    "updateZaak_Lk01": "Update zaak",
    "actualiseerZaakstatus_Lk01": "Actualiseer zaakstatus",
    "updateZaakdocument_Di02": "Update zaakdocument",
}


class NepBus:
    """Forwards every message to the zaaksysteem and posts a trigger to Abonnementenbeheer."""

    def __init__(
        self, zaaksysteem: str, abonnementenbeheer: str, *, zendend: bool = True, niet_door: str = ""
    ) -> None:
        self.zaaksysteem, self.abonnementenbeheer = zaaksysteem, abonnementenbeheer
        self.zendend, self.niet_door = zendend, niet_door
        self.ctx = Context("NEP-GSB")
        self.zaaktypen: dict[str, tuple[str, str]] = {}
        self.documenten: dict[str, str] = {}

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        data = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        action = environ.get("HTTP_SOAPACTION", "")
        operatie = verzoek.operatie_van(action.strip('"')) or ""
        body = safexml.parse(data).find(f"{ns.qname(ns.SOAP11, 'Body')}/*")
        assert body is not None
        if operatie == self.niet_door:  # answers itself and drops the message
            bv03 = antwoorden.bevestiging(
                body, "Bv03", ("0000", "RZS"), self.ctx.referentienummer(), self.ctx.tijdstip()
            )
            antwoord = soap.geslaagd("1.1", bv03)
            status, soort, uit = antwoord.status, antwoord.content_type, antwoord.data
        else:
            doorgestuurd = requests.post(
                self.zaaksysteem,
                data=data,
                headers={"Content-Type": environ.get("CONTENT_TYPE", ""), "SOAPAction": action},
                timeout=5,
            )
            status, soort = doorgestuurd.status_code, doorgestuurd.headers["Content-Type"]
            uit = doorgestuurd.content
        self._trigger(operatie, body)
        reden = {200: "200 OK", 500: "500 Internal Server Error"}[status]
        start_response(reden, [("Content-Type", soort), ("Content-Length", str(len(uit)))])
        return [uit]

    def _zaak(self, operatie: str, body: etree._Element) -> str:
        if operatie == "creeerZaak_Lk01":
            zaak = body.findtext("ZKN:object/ZKN:identificatie", namespaces=PREFIXEN) or ""
            isvan = "ZKN:object/ZKN:isVan/ZKN:gerelateerde/ZKN:"
            self.zaaktypen[zaak] = (
                body.findtext(isvan + "code", namespaces=PREFIXEN) or "",
                body.findtext(isvan + "omschrijving", namespaces=PREFIXEN) or "",
            )
            return zaak
        if operatie in ("voegZaakdocumentToe_Lk01", "maakZaakdocument_Lk01"):
            pad = "ZKN:object/ZKN:isRelevantVoor/ZKN:gerelateerde/ZKN:identificatie"
            zaak = body.findtext(pad, namespaces=PREFIXEN) or ""
            self.documenten[body.findtext("ZKN:object/ZKN:identificatie", namespaces=PREFIXEN) or ""] = zaak
            return zaak
        if operatie == "updateZaakdocument_Di02":
            document = body.findtext("ZKN:edcLk02/ZKN:object/ZKN:identificatie", namespaces=PREFIXEN)
            return self.documenten[document or ""]
        return body.findtext("ZKN:object/ZKN:identificatie", namespaces=PREFIXEN) or ""

    def _trigger(self, operatie: str, body: etree._Element) -> None:
        zaak = self._zaak(operatie, body)
        code, omschrijving = self.zaaktypen[zaak]
        waarden = {
            "zender_organisatie": "0000",
            "zender_applicatie": "GSB",
            "ontvanger_organisatie": body.findtext(".//StUF:zender/StUF:organisatie", namespaces=PREFIXEN),
            "ontvanger_applicatie": body.findtext(".//StUF:zender/StUF:applicatie", namespaces=PREFIXEN),
            "zendende_applicatie": body.findtext(".//StUF:zender/StUF:applicatie", namespaces=PREFIXEN),
            "referentienummer": self.ctx.referentienummer(),
            "tijdstipBericht": self.ctx.tijdstip(),
            "zaak_identificatie": zaak,
            "zaaktype_code": code,
            "zaaktype_omschrijving": omschrijving,
            "gebeurtenis": GEBEURTENISSEN[operatie],
        }
        template = "initieerNotificeerOverZaak_Di01"
        if operatie == "actualiseerZaakstatus_Lk01":
            template = "initieerNotificeerOverZaak_status_Di01"
            status = "ZKN:object[2]/ZKN:heeft/"
            waarden["status_volgnummer"] = body.findtext(
                status + "ZKN:gerelateerde/ZKN:volgnummer", namespaces=PREFIXEN
            )
            waarden["status_omschrijving"] = body.findtext(
                status + "ZKN:gerelateerde/ZKN:omschrijving", namespaces=PREFIXEN
            )
            waarden["datumStatusGezet"] = body.findtext(status + "ZKN:datumStatusGezet", namespaces=PREFIXEN)
        trigger = templates.fill(bronnen.data_dir() / "templates" / f"{template}.xml", waarden)
        if not self.zendend:
            for extra in trigger.iterfind(".//StUF:extraElement[@naam='zendendeApplicatie']", PREFIXEN):
                extra.getparent().remove(extra)  # type: ignore[union-attr]
        requests.post(
            self.abonnementenbeheer,
            data=soap.envelope("1.1", trigger),
            headers={
                "Content-Type": "text/xml; charset=utf-8",
                "SOAPAction": f'"{verzoek.soapaction("initieerNotificeerOverZaak")}"',
            },
            timeout=5,
        )


@pytest.fixture
def nep() -> Iterator[Callable[..., str]]:
    """Start a fake bus forwarding to ``zaaksysteem`` and triggering ``abonnementenbeheer``; its URL."""
    servers: list[WSGIServer] = []

    def start(zaaksysteem: str, abonnementenbeheer: str, **variant: Any) -> str:
        server = luister(NepBus(zaaksysteem, abonnementenbeheer, **variant))
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def test_de_hele_rol_slaagt_tegen_een_bus_die_doorstuurt_en_triggert(
    nep: Callable[..., str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ab, zs = hulp.vrije_poort(), hulp.vrije_poort()
    bus = nep(f"http://127.0.0.1:{zs}/", f"http://127.0.0.1:{ab}/rzs/OntvangAsynchroon")
    argv = ["run", "--role", "servicebus", "--endpoint", bus, "--luister-port", str(ab)]
    argv += ["--zaaksysteem-port", str(zs), "--wachttijd", "3", "--nawachttijd", "0.1", "--timeout", "5"]
    assert compliance([*argv, "--json", str(tmp_path / "rapport.json")]) == 0
    uit = capsys.readouterr().out
    assert f"het zaaksysteem op http://127.0.0.1:{zs}" in uit
    assert "Oordeel: GESLAAGD" in uit
    stappen = json.loads((tmp_path / "rapport.json").read_text("utf-8"))["scenarios"][0]["stappen"]
    assert [s["nr"] for s in stappen] == list(range(1, 25))


def _run(nep: Callable[..., str], **variant: Any) -> Rapport:
    rol = scenario.laad_rol("servicebus")
    stp = ("0000", "RZS-COMPLIANCE")
    postbus = Postbus(
        Abonnees(("0000/RZS-COMPLIANCE",), ()), stp, 1.0, 0.1, operatie="initieerNotificeerOverZaak"
    )
    zaaksysteem = Zaaksysteem()
    ab, _ = serveer(postbus)
    zs, _ = serveer(zaaksysteem)
    try:
        bus = nep(
            f"http://127.0.0.1:{zs.server_port}/",
            f"http://127.0.0.1:{ab.server_port}/rzs/OntvangAsynchroon",
            **variant,
        )
        client = SoapClient(Eindpunten.alle(bus), Transportopties(timeout=5))
        return Runner(rol, client, luisteraar=Servicebus(postbus, zaaksysteem)).run()
    finally:
        for server in (ab, zs):
            server.shutdown()
            server.server_close()


def test_trigger_zonder_zendende_applicatie_faalt_elke_triggerstap(nep: Callable[..., str]) -> None:
    rapport = _run(nep, zendend=False)
    for nr in (3, 7, 11, 15, 19, 23):
        trigger = hulp.stap(rapport, "GSB-01", nr)
        assert trigger.status == FAIL
        assert any(
            "extraElement zendendeApplicatie ontbreekt of is leeg (DIGEST d.8)" in r for r in trigger.redenen
        )
        assert not any("doorgestuurd" in r for r in trigger.redenen)
    for nr in (1, 2, 5, 21, 22):
        assert hulp.stap(rapport, "GSB-01", nr).status == PASS


def test_bericht_dat_niet_is_doorgestuurd_faalt_de_stap_erna(nep: Callable[..., str]) -> None:
    rapport = _run(nep, niet_door="updateZaak_Lk01")
    trigger = hulp.stap(rapport, "GSB-01", 11)
    assert trigger.status == FAIL
    assert trigger.redenen[0].startswith(
        "stap 9 (updateZaak_Lk01) niet doorgestuurd: het zaaksysteem achter de bus ontving binnen 1 s "
        "geen bericht"
    )
    for nr in (3, 7, 9, 10, 12, 15, 19, 23):
        assert hulp.stap(rapport, "GSB-01", nr).status == PASS, nr
