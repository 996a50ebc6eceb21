"""overdragenZaak round trip between two instances of our server (DIGEST d.6, g.28; REG-17,
BO-15): REGIE (applicatie RZS, the regiesysteem) hands a zaak over to WMO (a second server
acting as backoffice); WMO records it, answers Bv03, and later sends the Du01 from its CLI; RZS
correlates it by crossRefnummer. Both deliver through their outbox workers."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from test_notificaties import stuur_rzs

from rzs import cli, ns, safexml
from rzs.domain.overdracht import Overdracht, OverdrachtStatus, Richting
from support.bezorging import eigen_database, instellingen, met_bezorging
from support.db import snapshot
from support.schemas import assert_geldig
from support.server import RunningServer
from support.soap import SoapClient

T = TypeVar("T")
WMO_ZAAK = "plannen/creeerZaak_wmo_zonder_koppeling"


@pytest.fixture(scope="module")
def regie(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    tmp = tmp_path_factory.mktemp("regie")
    with eigen_database(tmp) as url, met_bezorging(instellingen(url, tmp, "RZS")) as server:
        yield server


@pytest.fixture(scope="module")
def backoffice(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    tmp = tmp_path_factory.mktemp("backoffice")
    with eigen_database(tmp) as url, met_bezorging(instellingen(url, tmp, "WMO")) as server:
        yield server


def rzs(server: RunningServer) -> str:
    return server.url("/rzs/OntvangAsynchroon")


def overdrachten(server: RunningServer) -> list[Overdracht]:
    with server.store.unit_of_work() as repos:
        return repos.overdrachten.alle()


def wacht(probeer: Callable[[], T | None], timeout: float = 15.0) -> T:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        uitkomst = probeer()
        if uitkomst:
            return uitkomst
        time.sleep(0.02)
    raise AssertionError("niet binnen de tijd")


def cli_op(server: RunningServer, *argumenten: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> int:
    monkeypatch.setenv("RZS_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("RZS_APPLICATIE", server.settings.applicatie)
    return cli.main([*argumenten, "--database", server.settings.effective_database_url])


def draag_over(
    regie: RunningServer,
    backoffice: RunningServer,
    zaak: str,
    *extra: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> int:
    """``rzs overdracht stuur``: the regiesysteem hands ``zaak`` over to the WMO backoffice."""
    return cli_op(
        regie,
        "overdracht",
        "stuur",
        zaak,
        "--naar",
        rzs(backoffice),
        "--ontvanger",
        "WMO",
        *extra,
        monkeypatch=monkeypatch,
        tmp_path=tmp_path,
    )


def outbox_berichten(server: RunningServer, soort: str) -> list[bytes]:
    with server.store.unit_of_work() as repos:
        return [r.bericht for r in repos.outbox.alle() if r.soort == soort]


def gedeelde_zaak(regie: RunningServer, backoffice: RunningServer) -> str:
    """One zaak known to both: the backoffice must know a zaak it takes over (else StUF064)."""
    regie_soap = SoapClient(regie.base_url)
    zaak = regie_soap.genereer_zaakidentificatie()
    maak_zaak_met(regie_soap, zaak, "RZS")
    maak_zaak_met(SoapClient(backoffice.base_url), zaak, "WMO")
    return zaak


def maak_zaak_met(soap: SoapClient, zaak: str, ontvanger: str) -> None:
    reply = soap.stuur("creeerZaak_Lk01", WMO_ZAAK, zaak_identificatie=zaak, ontvanger_applicatie=ontvanger)
    assert reply.status == 200, reply.data[:800]


class TestOverdrachtRondgang:
    def test_di01_bv03_en_du01_tussen_twee_servers(
        self,
        regie: RunningServer,
        backoffice: RunningServer,
        monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        zaak = gedeelde_zaak(regie, backoffice)
        assert (
            draag_over(
                regie,
                backoffice,
                zaak,
                "--melding",
                "Graag behandelen",
                monkeypatch=monkeypatch,
                tmp_path=tmp_path,
            )
            == 0
        )
        [verstuurd] = [o for o in overdrachten(regie) if o.zaak_identificatie == zaak]
        assert verstuurd.richting is Richting.UIT and verstuurd.status is OverdrachtStatus.VERSTUURD

        ontvangen = wacht(lambda: [o for o in overdrachten(backoffice) if o.zaak_identificatie == zaak])[0]
        assert ontvangen.richting is Richting.IN and ontvangen.status is OverdrachtStatus.ONTVANGEN
        assert ontvangen.referentienummer == verstuurd.referentienummer
        assert ontvangen.melding == "Graag behandelen"
        di01 = safexml.parse(outbox_berichten(regie, "overdracht")[-1])
        assert_geldig(di01)
        assert (
            di01.findtext(f"{ns.rzs('object')}/{ns.zkn('isVan')}/{ns.zkn('gerelateerde')}/{ns.zkn('code')}")
            == "WMO"
        )
        wacht(lambda: all(r.status == "delivered" for r in _outbox(regie)))

        capsys.readouterr()
        assert (
            cli_op(
                backoffice,
                "overdracht",
                "bevestig",
                ontvangen.referentienummer,
                "--geaccepteerd",
                "--naar",
                rzs(regie),
                monkeypatch=monkeypatch,
                tmp_path=tmp_path,
            )
            == 0
        )
        beantwoord = wacht(
            lambda: [
                o
                for o in overdrachten(regie)
                if o.zaak_identificatie == zaak and o.status is OverdrachtStatus.GEACCEPTEERD
            ]
        )[0]
        du01 = safexml.parse(outbox_berichten(backoffice, "bevestiging")[-1])
        assert_geldig(du01)
        gegevens = du01.find(ns.rzs("stuurgegevens"))
        assert gegevens is not None
        assert gegevens.findtext(ns.stuf("crossRefnummer")) == verstuurd.referentienummer
        assert gegevens.findtext(f"{ns.stuf('zender')}/{ns.stuf('applicatie')}") == "WMO"
        assert gegevens.findtext(f"{ns.stuf('ontvanger')}/{ns.stuf('applicatie')}") == "RZS"
        assert beantwoord.bevestiging_referentienummer == gegevens.findtext(ns.stuf("referentienummer"))
        wacht(lambda: all(r.status == "delivered" for r in _outbox(backoffice)))

        capsys.readouterr()
        assert (
            cli_op(regie, "overdracht", "list", "--zaak", zaak, monkeypatch=monkeypatch, tmp_path=tmp_path)
            == 0
        )
        regel = capsys.readouterr().out
        assert "uit" in regel and "geaccepteerd" in regel and "WMO" in regel

    def test_geweigerd_met_melding(
        self, regie: RunningServer, backoffice: RunningServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        zaak = gedeelde_zaak(regie, backoffice)
        assert draag_over(regie, backoffice, zaak, monkeypatch=monkeypatch, tmp_path=tmp_path) == 0
        ontvangen = wacht(lambda: [o for o in overdrachten(backoffice) if o.zaak_identificatie == zaak])[0]
        assert (
            cli_op(
                backoffice,
                "overdracht",
                "bevestig",
                ontvangen.referentienummer,
                "--geweigerd",
                "--melding",
                "Geen capaciteit",
                "--naar",
                rzs(regie),
                monkeypatch=monkeypatch,
                tmp_path=tmp_path,
            )
            == 0
        )
        geweigerd = wacht(
            lambda: [
                o
                for o in overdrachten(regie)
                if o.zaak_identificatie == zaak and o.status is OverdrachtStatus.GEWEIGERD
            ]
        )[0]
        assert geweigerd.melding == "Geen capaciteit"
        # Answering twice is refused by the CLI: the decision is recorded once.
        assert (
            cli_op(
                backoffice,
                "overdracht",
                "bevestig",
                ontvangen.referentienummer,
                "--geaccepteerd",
                "--naar",
                rzs(regie),
                monkeypatch=monkeypatch,
                tmp_path=tmp_path,
            )
            == 1
        )


class TestOverdrachtFouten:
    def test_onbekend_crossrefnummer_is_stuf043(
        self, regie: RunningServer, backoffice: RunningServer
    ) -> None:
        stil(regie, backoffice)
        voor = snapshot(regie.settings.effective_database_url)
        reply = stuur_rzs(
            SoapClient(regie.base_url),
            "rzs/overdragenZaak_Du01",
            "bevestigOverdragenZaak",
            zender_applicatie="WMO",
            crossRefnummer="ONBEKEND-0001",
        )
        reply.assert_fout("StUF043", plek="client")
        assert_geldig(reply.fo)
        assert reply.fo.findtext(f"{ns.stuf('stuurgegevens')}/{ns.stuf('crossRefnummer')}")
        assert snapshot(regie.settings.effective_database_url) == voor

    def test_tweede_du01_voor_een_beantwoorde_overdracht(
        self, regie: RunningServer, backoffice: RunningServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        zaak = gedeelde_zaak(regie, backoffice)
        assert draag_over(regie, backoffice, zaak, monkeypatch=monkeypatch, tmp_path=tmp_path) == 0
        [uit] = [o for o in overdrachten(regie) if o.zaak_identificatie == zaak]
        soap = SoapClient(regie.base_url)
        waarden = {
            "zender_applicatie": "WMO",
            "crossRefnummer": uit.referentienummer,
            "zaak_identificatie": zaak,
        }
        eerste = stuur_rzs(soap, "rzs/overdragenZaak_Du01", "bevestigOverdragenZaak", **waarden)
        assert eerste.status == 200, eerste.data[:800]
        assert_geldig(eerste.body)
        tweede = stuur_rzs(
            soap,
            "rzs/overdragenZaak_Du01",
            "bevestigOverdragenZaak",
            overdracht_antwoord="Overdracht geweigerd",
            **waarden,
        )
        tweede.assert_fout("StUF058")
        assert "OV-02" in (tweede.fo.findtext(f"{ns.stuf('body')}/{ns.stuf('details')}") or "")

    def test_di01_over_onbekende_zaak_is_stuf064(
        self, regie: RunningServer, backoffice: RunningServer
    ) -> None:
        stil(regie, backoffice)
        voor = snapshot(backoffice.settings.effective_database_url)
        reply = stuur_rzs(
            SoapClient(backoffice.base_url),
            "rzs/overdragenZaak_Di01",
            "overdragenZaak",
            ontvanger_applicatie="WMO",
            zaak_identificatie="0000000000999999",
        )
        reply.assert_fout("StUF064")
        assert snapshot(backoffice.settings.effective_database_url) == voor


def _outbox(server: RunningServer) -> list[object]:
    with server.store.unit_of_work() as repos:
        return list(repos.outbox.alle())


def stil(*servers: RunningServer) -> None:
    """No delivery in progress between the servers: a snapshot then stays what it is."""
    wacht(lambda: all(getattr(r, "status", "") != "pending" for s in servers for r in _outbox(s)) or None)
