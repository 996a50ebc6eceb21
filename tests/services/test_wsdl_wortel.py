"""``GET <any endpoint>?wsdl``, the root ``/`` included (issue 10): a sender configured with one
URL (Open Forms checks ``<its one URL>?wsdl``) gets one WSDL that binds every operation there."""

from __future__ import annotations

import pytest
import requests
import zeep

from rzs import ns
from rzs.app import ENDPOINTS
from rzs.services.routes import OPERATIES
from support.server import RunningServer
from support.soap import ENDPOINT, SoapClient, tijdstip, unieke_referentie

STRENG = zeep.Settings(strict=True, forbid_dtd=True, forbid_entities=True)


@pytest.fixture(scope="module")
def wortel(server: RunningServer) -> SoapClient:
    return SoapClient(server.base_url, eindpunt="/")


@pytest.mark.parametrize("pad", ["/", *ENDPOINTS])
def test_elk_eindpunt_geeft_zijn_wsdl(server: RunningServer, pad: str) -> None:
    response = requests.get(server.url(pad) + "?wsdl", timeout=10)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/xml")


@pytest.mark.parametrize("pad", ["/bestaat/niet", "/zkn", "/xsd"])
def test_onbekend_pad_blijft_404(server: RunningServer, pad: str) -> None:
    assert requests.get(server.url(pad) + "?wsdl", timeout=10).status_code == 404


def test_elke_operatie_is_op_de_wortel_gebonden(
    server: RunningServer, soap: SoapClient, wortel: SoapClient
) -> None:
    """Every routed operation, with the soapAction its own endpoint's WSDL gives it."""
    for operatie in OPERATIES:
        actie, adres = wortel.binding(operatie)
        assert adres == server.url("/")
        if operatie in ENDPOINT:
            assert actie == soap.soapaction(operatie)


def test_zeep_roept_aan_via_de_wortel(server: RunningServer) -> None:
    """A plain zeep call (no template): the root WSDL, its imports and our schemas load strictly."""
    client = zeep.Client(server.url("/?wsdl"), settings=STRENG)
    service = client.bind("StufRzs", "zkn_VrijeBerichten")
    antwoord = service.genereerZaakIdentificatie_Di02(
        stuurgegevens={
            "berichtcode": "Di02",
            "zender": {"organisatie": "0000", "applicatie": "REGIE"},
            "ontvanger": {"organisatie": "0000", "applicatie": "RZS"},
            "referentienummer": unieke_referentie(),
            "tijdstipBericht": tijdstip(),
            "functie": "genereerZaakidentificatie",
        }
    )
    assert antwoord.zaak.identificatie._value_1.startswith("0000")


def test_zaak_aanmaken_en_lezen_via_de_wortel(wortel: SoapClient) -> None:
    zaak = wortel.genereer_zaakidentificatie()
    bv03 = wortel.stuur("creeerZaak_Lk01", "zaken/creeerZaak_gezinsplan_minimaal", zaak_identificatie=zaak)
    assert bv03.status == 200, bv03.data[:1500]
    assert bv03.body.tag == ns.stuf("Bv03Bericht")
    la01 = wortel.stuur("geefZaakdetails_Lv01", "vragen/geefZaakdetails_alles", zaak_identificatie=zaak)
    assert la01.status == 200, la01.data[:1500]
    assert la01.text("ZKN:antwoord/ZKN:object/ZKN:identificatie") == zaak
