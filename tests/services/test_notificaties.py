"""Notifications end to end (DIGEST a.3, d.7, d.8, g.1-g.5, g.19): our own zaak and document
changes (variant 2) and triggers (variant 3) delivered to real subscribers on loopback through the
outbox, exactly the expected ones and none to the originator; down subscribers, dead rows, a
restarted server."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_besluiten import genereer_besluitidentificatie
from test_documenten import voeg_toe
from test_zaken import maak_zaak

from rzs import cli, ns
from rzs.domain.notificatie import Abonnement
from rzs.notify.worker import Beleid
from support import messages
from support.abonnee import Abonnee, Ontvangen, abonnee
from support.bezorging import eigen_database, instellingen, met_bezorging
from support.db import snapshot
from support.schemas import assert_geldig
from support.server import RunningServer
from support.soap import Reply, SoapClient, tijdstip, unieke_referentie

GZP, LDP, DPL = (
    "zaken/creeerZaak_gezinsplan_uitgebreid",
    "plannen/creeerZaak_levensdomeinplan_uitgebreid",
    "plannen/creeerZaak_deelplan_uitgebreid",
)
NOTIFICEER = ns.RZS_ACTION + "notificeerOverZaak"
DPL_ZAAKTYPE = "WMO"


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with eigen_database(tmp_path_factory.mktemp("notificaties")) as url:
        yield url


@pytest.fixture(scope="module")
def abonnees() -> Iterator[dict[str, Abonnee]]:
    """REGIE sends the test messages (it must hear nothing of its own changes), WMO wants every
    notification, STATUS only status changes of gezinsplannen."""
    with abonnee("REGIE") as regie, abonnee("WMO") as wmo, abonnee("STATUS") as status:
        yield {"REGIE": regie, "WMO": wmo, "STATUS": status}


@pytest.fixture(scope="module")
def notificatie_server(
    database: str, abonnees: dict[str, Abonnee], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningServer]:
    with met_bezorging(instellingen(database, tmp_path_factory.mktemp("data"))) as server:
        with server.store.unit_of_work() as repos:
            repos.abonnementen.add(Abonnement("*", "*", abonnees["REGIE"].url, "REGIE"))
            repos.abonnementen.add(Abonnement("*", "*", abonnees["WMO"].url, "WMO"))
            repos.abonnementen.add(
                Abonnement("GZP", "Actualiseer zaakstatus", abonnees["STATUS"].url, "STATUS")
            )
        yield server


@pytest.fixture(scope="module")
def nsoap(notificatie_server: RunningServer) -> SoapClient:
    return SoapClient(notificatie_server.base_url)


def afgehandeld(server: RunningServer, zaken: set[str], timeout: float = 15.0) -> None:
    """Wait until no outbox row about these zaken is pending any more."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with server.store.unit_of_work() as repos:
            open_ = [r for r in repos.outbox.alle(status="pending") if r.zaak_identificatie in zaken]
        if not open_:
            return
        time.sleep(0.02)
    raise AssertionError(f"nog {len(open_)} berichten niet bezorgd")


def controleer_notificatie(o: Ontvangen, ontvanger: str, zaaktype: str) -> None:
    """DIGEST d.7 / h.9: schema-valid, RZS soapAction, Di01 stuurgegevens, only the gebeurtenis."""
    assert_geldig(o.body)
    assert o.naam == "notificeerOverZaak_Di01"
    assert o.soapaction == NOTIFICEER
    assert o.tekst("RZS:stuurgegevens/StUF:berichtcode") == "Di01"
    assert o.tekst("RZS:stuurgegevens/StUF:functie") == "notificeerOverZaak"
    assert o.tekst("RZS:stuurgegevens/StUF:zender/StUF:applicatie") == "RZS"
    assert o.ontvanger == ontvanger
    assert o.tekst("RZS:object/ZKN:isVan/ZKN:gerelateerde/ZKN:code") == zaaktype
    assert o.tekst("RZS:object/ZKN:isVan/ZKN:gerelateerde/ZKN:omschrijving")
    namen = [e.get("naam") for e in o.body.iter(ns.stuf("extraElement"))]
    assert namen == ["gebeurtenis"]  # no zendendeApplicatie in a notification (AB-02)


def stuur_rzs(soap: SoapClient, template: str, actie: str, **values: object) -> Reply:
    values.setdefault("referentienummer", unieke_referentie())
    values.setdefault("tijdstipBericht", tijdstip())
    body = messages.message(template, **values)
    return soap.post(
        "/rzs/OntvangAsynchroon", messages.envelope(body), soapaction=f'"{ns.RZS_ACTION}{actie}"'
    )


class TestEigenWijzigingen:
    def test_gezinsplan_levensdomeinplan_deelplan_status_document(
        self, nsoap: SoapClient, notificatie_server: RunningServer, abonnees: dict[str, Abonnee]
    ) -> None:
        """Each step notifies exactly the subscribers it should; REGIE, the originator, none."""
        gzp = maak_zaak(nsoap, GZP)
        ldp = maak_zaak(nsoap, LDP, gezinsplan_identificatie=gzp)
        dpl = maak_zaak(nsoap, DPL, gezinsplan_identificatie=gzp, levensdomeinplan_identificatie=ldp)
        status = nsoap.stuur(
            "actualiseerZaakstatus_Lk01",
            "zaken/actualiseerZaakstatus_gezinsplan_opgesteld",
            zaak_identificatie=gzp,
        )
        assert status.status == 200, status.data[:800]
        document = voeg_toe(nsoap, dpl)
        update = nsoap.stuur(
            "updateZaak_Lk01", "zaken/updateZaak_omschrijving_toelichting", zaak_identificatie=gzp
        )
        assert update.status == 200, update.data[:800]
        versie = nsoap.stuur(
            "updateZaakdocument_Di02",
            "documenten/updateZaakdocument_Di02_zonder_checkout",
            document_identificatie=document,
        )
        assert versie.status == 200, versie.data[:800]

        zaken = {gzp, ldp, dpl}
        verwacht = [
            (gzp, "Creeer zaak"),
            (ldp, "Creeer zaak"),
            (dpl, "Creeer zaak"),
            (gzp, "Actualiseer zaakstatus"),
            (dpl, "Voeg zaakdocument toe"),
            (gzp, "Update zaak"),
            (dpl, "Update zaakdocument"),
        ]
        wmo = abonnees["WMO"]
        wmo.wacht(len(verwacht), timeout=15)
        afgehandeld(notificatie_server, zaken)
        ontvangen = [o for o in wmo.berichten() if o.zaak in zaken]
        assert sorted((o.zaak, o.gebeurtenis) for o in ontvangen) == sorted(verwacht)
        for o in ontvangen:
            controleer_notificatie(o, "WMO", {gzp: "GZP", ldp: "LDP", dpl: DPL_ZAAKTYPE}[o.zaak])
        assert len({o.referentienummer for o in ontvangen}) == len(ontvangen)

        statusmeldingen = [o for o in abonnees["STATUS"].berichten() if o.zaak in zaken]
        assert [(o.zaak, o.gebeurtenis) for o in statusmeldingen] == [(gzp, "Actualiseer zaakstatus")]
        heeft = "RZS:object/ZKN:heeft/ZKN:gerelateerde/"
        assert statusmeldingen[0].tekst(heeft + "ZKN:omschrijving") == "Gezinsplan opgesteld"
        assert statusmeldingen[0].tekst(heeft + "ZKN:code") == "2"
        assert statusmeldingen[0].tekst("RZS:object/ZKN:heeft/ZKN:datumStatusGezet")
        controleer_notificatie(statusmeldingen[0], "STATUS", "GZP")
        # Every notification carries the zaak's status at that moment: 1 at creation, then 2.
        per_gebeurtenis = {o.gebeurtenis: o for o in ontvangen if o.zaak == gzp}
        assert per_gebeurtenis["Creeer zaak"].tekst(heeft + "ZKN:code") == "1"
        assert per_gebeurtenis["Update zaak"].tekst(heeft + "ZKN:code") == "2"
        assert not abonnees["REGIE"].berichten(gzp) and not abonnees["REGIE"].berichten(dpl)

    def test_maakzaakdocument_meldt_voeg_zaakdocument_toe(
        self, nsoap: SoapClient, notificatie_server: RunningServer, abonnees: dict[str, Abonnee]
    ) -> None:
        """DIGEST g.4: maakZaakdocument has no gebeurtenis of its own."""
        zaak = maak_zaak(nsoap, "zaken/creeerZaak_gezinsplan_minimaal")
        voeg_toe(nsoap, zaak, "documenten/maakZaakdocument")
        ontvangen = abonnees["WMO"].wacht(2, zaak=zaak)
        assert sorted(o.gebeurtenis or "" for o in ontvangen) == ["Creeer zaak", "Voeg zaakdocument toe"]

    def test_besluit_meldt_update_zaak(
        self, nsoap: SoapClient, notificatie_server: RunningServer, abonnees: dict[str, Abonnee]
    ) -> None:
        """Issue 10: voegBesluitToe, updateBesluit and leidtTot change the zaak: ``Update zaak``."""
        zaak = maak_zaak(nsoap, "zaken/creeerZaak_generiek_jeugdhulp")
        besluit = genereer_besluitidentificatie(nsoap)
        waarden = {"zaak_identificatie": zaak, "besluit_identificatie": besluit}
        for operatie, template in (
            ("voegBesluitToe_Di01", "besluiten/voegBesluitToe_Di01"),
            ("updateBesluit_Lk01", "besluiten/updateBesluit_BslLk01"),
            ("updateZaak_Lk01", "besluiten/updateZaak_leidtTot_verwijderen"),
        ):
            assert nsoap.stuur(operatie, template, **waarden).status == 200
        ontvangen = abonnees["WMO"].wacht(4, zaak=zaak)
        assert sorted(o.gebeurtenis or "" for o in ontvangen) == ["Creeer zaak", *["Update zaak"] * 3]

    def test_geweigerd_bericht_notificeert_niemand(
        self, nsoap: SoapClient, notificatie_server: RunningServer
    ) -> None:
        afgehandeld(notificatie_server, set(), timeout=1)
        voor = snapshot(notificatie_server.settings.effective_database_url)
        reply = nsoap.stuur(
            "creeerZaak_Lk01", "zaken/creeerZaak_onbekend_zaaktype", zaak_identificatie="0000000000009991"
        )
        reply.assert_fout("StUF058")
        assert snapshot(notificatie_server.settings.effective_database_url)["outbox"] == voor["outbox"]

    def test_herhaald_bericht_notificeert_eenmaal(
        self, nsoap: SoapClient, notificatie_server: RunningServer, abonnees: dict[str, Abonnee]
    ) -> None:
        zaak = nsoap.genereer_zaakidentificatie()
        waarden = {
            "zaak_identificatie": zaak,
            "referentienummer": unieke_referentie(),
            "tijdstipBericht": tijdstip(),
        }
        for _ in range(2):
            assert (
                nsoap.stuur("creeerZaak_Lk01", "zaken/creeerZaak_gezinsplan_minimaal", **waarden).status
                == 200
            )
        abonnees["WMO"].wacht(1, zaak=zaak)
        afgehandeld(notificatie_server, {zaak})
        assert len(abonnees["WMO"].berichten(zaak)) == 1


class TestTrigger:
    """initieerNotificeerOverZaak (Abonnementenbeheer, variant 3, DIGEST d.8)."""

    def test_trigger_van_de_bus_zonder_echo(
        self, nsoap: SoapClient, notificatie_server: RunningServer, abonnees: dict[str, Abonnee]
    ) -> None:
        zaak = "0000000000777001"  # a zaak this server does not know: Abonnementenbeheer needs none
        reply = stuur_rzs(
            nsoap,
            "rzs/initieerNotificeerOverZaak",
            "initieerNotificeerOverZaak",
            zaak_identificatie=zaak,
            zender_applicatie="BUS",
        )
        assert reply.status == 200, reply.data[:800]
        assert reply.body.tag == ns.stuf("Bv03Bericht")
        assert_geldig(reply.body)
        [melding] = abonnees["WMO"].wacht(1, zaak=zaak)
        controleer_notificatie(melding, "WMO", "GZP")
        assert melding.gebeurtenis == "Creeer zaak"
        afgehandeld(notificatie_server, {zaak})
        assert abonnees["REGIE"].berichten(zaak) == []  # the zendende applicatie (g.3)
        assert abonnees["STATUS"].berichten(zaak) == []

    def test_zendende_applicatie_in_een_andere_spelling(
        self, nsoap: SoapClient, notificatie_server: RunningServer, abonnees: dict[str, Abonnee]
    ) -> None:
        zaak = "0000000000777002"
        reply = stuur_rzs(
            nsoap,
            "rzs/initieerNotificeerOverZaak_status",
            "initieerNotificeerOverZaak",
            zaak_identificatie=zaak,
            zender_applicatie="BUS",
            zendende_naam="Zendende Applicatie",
            zendende_applicatie="WMO",
        )
        assert reply.status == 200, reply.data[:800]
        regie = abonnees["REGIE"].wacht(1, zaak=zaak)
        status = abonnees["STATUS"].wacht(1, zaak=zaak)
        afgehandeld(notificatie_server, {zaak})
        assert abonnees["WMO"].berichten(zaak) == []
        for o in regie + status:
            assert o.gebeurtenis == "Actualiseer zaakstatus"
            assert o.tekst("RZS:object/ZKN:heeft/ZKN:gerelateerde/ZKN:omschrijving") == "Gezinsplan opgesteld"
            assert (
                o.tekst("RZS:object/ZKN:heeft/ZKN:datumStatusGezet") == messages.DEFAULTS["datumStatusGezet"]
            )
            assert_geldig(o.body)

    def test_zonder_zendende_applicatie_telt_de_zender(
        self, nsoap: SoapClient, notificatie_server: RunningServer, abonnees: dict[str, Abonnee]
    ) -> None:
        """A backoffice that triggers for its own change (variant 2) names itself as zender (g.3)."""
        zaak = "0000000000777003"
        reply = stuur_rzs(
            nsoap,
            "rzs/initieerNotificeerOverZaak",
            "initieerNotificeerOverZaak",
            zaak_identificatie=zaak,
            zender_applicatie="WMO",
            zendende_naam="iets",
            zendende_applicatie="x",
        )
        assert reply.status == 200, reply.data[:800]
        abonnees["REGIE"].wacht(1, zaak=zaak)
        afgehandeld(notificatie_server, {zaak})
        assert abonnees["WMO"].berichten(zaak) == []


class TestNotificatieOntvangen:
    def test_onbekende_zaak_en_gebeurtenis_worden_geaccepteerd(
        self, nsoap: SoapClient, caplog: pytest.LogCaptureFixture
    ) -> None:
        """Regiesysteem role (DIGEST d.7 receiver rules): Bv03, the unknown gebeurtenis logged."""
        with caplog.at_level(logging.INFO, logger="rzs.services.notificaties"):
            reply = stuur_rzs(
                nsoap,
                "rzs/notificeerOverZaak",
                "notificeerOverZaak",
                zaak_identificatie="0000000000888001",
                gebeurtenis="Iets nieuws",
                zender_applicatie="ABONNEMENTEN",
            )
        assert reply.status == 200, reply.data[:800]
        assert reply.body.tag == ns.stuf("Bv03Bericht")
        assert_geldig(reply.body)
        assert any("onbekende gebeurtenis" in r.getMessage() for r in caplog.records)


class TestBezorging:
    def test_abonnee_even_onbereikbaar(
        self, nsoap: SoapClient, notificatie_server: RunningServer, abonnees: dict[str, Abonnee]
    ) -> None:
        wmo = abonnees["WMO"]
        wmo.down()
        try:
            zaak = maak_zaak(nsoap, "zaken/creeerZaak_gezinsplan_minimaal")
            pogingen = wmo.pogingen
            deadline = time.monotonic() + 10
            while wmo.pogingen < pogingen + 2 and time.monotonic() < deadline:
                time.sleep(0.02)
            assert wmo.berichten(zaak) == []
        finally:
            wmo.up()
        [melding] = wmo.wacht(1, zaak=zaak)
        assert melding.gebeurtenis == "Creeer zaak"
        afgehandeld(notificatie_server, {zaak})  # the worker records the delivery after the Bv03
        with notificatie_server.store.unit_of_work() as repos:
            rijen = [r for r in repos.outbox.alle(zaak_identificatie=zaak) if r.ontvanger == "WMO"]
        assert [r.status for r in rijen] == ["delivered"] and rijen[0].pogingen >= 2

    def test_dead_na_n_pogingen_en_opnieuw_via_de_cli(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        beleid = Beleid(max_pogingen=2, backoff_basis=0.02, backoff_max=0.05, poll_interval=0.02, timeout=5)
        monkeypatch.setenv("RZS_DATA_DIR", str(tmp_path))
        with eigen_database(tmp_path) as url, abonnee("WMO") as wmo:
            wmo.down()
            with met_bezorging(instellingen(url, tmp_path), beleid) as server:
                assert (
                    cli.main(
                        ["abonnementen", "add", "--naar", wmo.url, "--ontvanger", "WMO", "--database", url]
                    )
                    == 0
                )
                zaak = maak_zaak(SoapClient(server.base_url), "zaken/creeerZaak_gezinsplan_minimaal")
                _wacht_op_status(server, "dead")
                capsys.readouterr()
                assert cli.main(["outbox", "list", "--status", "dead", "--database", url]) == 0
                regel = capsys.readouterr().out
                assert zaak in regel and "pogingen=2" in regel and "HTTP 500" in regel
                wmo.up()
                assert cli.main(["outbox", "retry-dead", "--database", url]) == 0
                [melding] = wmo.wacht(1, zaak=zaak)
                _wacht_op_status(server, "delivered")

    def test_herstart_van_de_server_verliest_niets(self, tmp_path: Path) -> None:
        """Changes accepted while no worker ran (the server stopped before delivering) are delivered
        by the next server on the same database."""
        with eigen_database(tmp_path) as url, abonnee("WMO") as wmo:
            settings = instellingen(url, tmp_path)
            with met_bezorging(settings, bezorgen=False) as eerste:
                with eerste.store.unit_of_work() as repos:
                    repos.abonnementen.add(Abonnement("*", "*", wmo.url, "WMO"))
                soap = SoapClient(eerste.base_url)
                gzp = maak_zaak(soap, GZP)
                ldp = maak_zaak(soap, LDP, gezinsplan_identificatie=gzp)
            assert wmo.berichten() == []
            with met_bezorging(settings) as tweede:
                dpl = maak_zaak(
                    SoapClient(tweede.base_url),
                    DPL,
                    gezinsplan_identificatie=gzp,
                    levensdomeinplan_identificatie=ldp,
                )
                ontvangen = wmo.wacht(3)
                afgehandeld(tweede, {gzp, ldp, dpl})
            assert sorted(o.zaak for o in ontvangen) == sorted([gzp, ldp, dpl])


def _wacht_op_status(server: RunningServer, status: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with server.store.unit_of_work() as repos:
            rijen = repos.outbox.alle()
        if rijen and all(r.status == status for r in rijen):
            return
        time.sleep(0.02)
    raise AssertionError(f"outbox niet {status}: {[(r.id, r.status, r.pogingen) for r in rijen]}")
