"""Voorziening events over HTTP (issue 9 "Events"): each new version notifies subscribers as
"Update zaak" with an extraElement ``voorzieningGebeurtenis``, delivered to real loopback
subscribers; a subscription made with ``rzs abonnementen add --voorziening-gebeurtenis`` gets only
that value."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from test_voorzieningen import maak_plan, template_container, wijzig
from test_zaken import maak_zaak

from rzs import cli
from rzs.domain.notificatie import Abonnement
from rzs.domain.voorziening import Aanbieder, Beschikking, Toewijzing, VoorzieningStatus
from rzs.services.voorzieningen_xml import lees
from support.abonnee import Abonnee, Ontvangen, abonnee
from support.bezorging import eigen_database, instellingen, met_bezorging
from support.schemas import assert_geldig
from support.server import RunningServer
from support.soap import SoapClient


@pytest.fixture(scope="module")
def abonnees() -> Iterator[dict[str, Abonnee]]:
    with abonnee("BACKOFFICE") as alles, abonnee("TOEWIJZING") as toewijzing:
        yield {"BACKOFFICE": alles, "TOEWIJZING": toewijzing}


@pytest.fixture(scope="module")
def melder(abonnees: dict[str, Abonnee], tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """A server with delivery on its own database: BACKOFFICE hears everything, TOEWIJZING only
    "Toewijzing verstuurd" about WMO zaken (added with ``rzs abonnementen add``)."""
    with (
        eigen_database(tmp_path_factory.mktemp("voorzieningen")) as url,
        met_bezorging(instellingen(url, tmp_path_factory.mktemp("data"))) as server,
    ):
        with server.store.unit_of_work() as repos:
            repos.abonnementen.add(Abonnement("*", "*", abonnees["BACKOFFICE"].url, "BACKOFFICE"))
        filter_ = ["--zaaktype", "WMO", "--voorziening-gebeurtenis", "Toewijzing verstuurd"]
        naar = ["--naar", abonnees["TOEWIJZING"].url, "--ontvanger", "TOEWIJZING", "--database", url]
        assert cli.main(["abonnementen", "add", *naar, *filter_]) == 0
        yield server


def voorziening_gebeurtenis(bericht: Ontvangen) -> str | None:
    return bericht.tekst("RZS:object/StUF:extraElementen/StUF:extraElement[@naam='voorzieningGebeurtenis']")


def test_gebeurtenissen_bereiken_abonnees(melder: RunningServer, abonnees: dict[str, Abonnee]) -> None:
    msoap = SoapClient(melder.base_url)
    plan = maak_plan(msoap)
    vervoer = lees(template_container("voorzieningen/creeerZaak_wmo_vervoer")).voorzieningen[0]
    zaak = maak_zaak(msoap, "voorzieningen/creeerZaak_wmo_vervoer", **plan)
    toegekend = replace(
        vervoer, status=VoorzieningStatus.TOEGEKEND, beschikking=Beschikking(2024999, "20240305")
    )
    wijzig(msoap, zaak, toegekend)
    toegewezen = replace(
        toegekend,
        status=VoorzieningStatus.TOEGEWEZEN,
        aanbieder=Aanbieder("56789012", "Vervoer BV"),
        toewijzing=Toewijzing("20240310", "120000"),
    )
    wijzig(msoap, zaak, toegewezen)

    # Nieuwe zaak + 3 voorziening events + 2 x Update zaak for the updateZaak messages.
    ontvangen = abonnees["BACKOFFICE"].wacht(6, zaak=zaak)
    for bericht in ontvangen:
        assert_geldig(bericht.body)
    met_gebeurtenis = [b for b in ontvangen if voorziening_gebeurtenis(b) is not None]
    assert [voorziening_gebeurtenis(b) for b in met_gebeurtenis] == [
        "Voorziening aangevraagd",
        "Beschikking afgegeven",
        "Toewijzing verstuurd",
    ]
    assert {b.gebeurtenis for b in met_gebeurtenis} == {"Update zaak"}
    [gefilterd] = abonnees["TOEWIJZING"].wacht(1, zaak=zaak)
    assert voorziening_gebeurtenis(gefilterd) == "Toewijzing verstuurd"
    assert len(abonnees["TOEWIJZING"].berichten(zaak)) == 1
