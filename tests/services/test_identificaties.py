"""genereerZaakIdentificatie: format, mirroring, ZDS 1.2 form, uniqueness under 64 parallel callers."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from rzs import ns
from support import messages
from support.schemas import assert_geldig
from support.soap import SoapClient, unieke_referentie


def test_genereer_geeft_du02_met_gemeentecode_en_gespiegelde_stuurgegevens(soap: SoapClient) -> None:
    referentie = unieke_referentie()
    reply = soap.stuur(
        "genereerZaakIdentificatie_Di02",
        "identificaties/genereerZaakIdentificatie_Di02",
        referentienummer=referentie,
    )
    assert reply.status == 200
    assert reply.body.tag == ns.zkn("genereerZaakIdentificatie_Du02")
    assert_geldig(reply.body)
    identificatie = reply.text("ZKN:zaak/ZKN:identificatie")
    assert identificatie and identificatie.startswith("0000") and 5 <= len(identificatie) <= 40
    assert reply.text("ZKN:stuurgegevens/StUF:crossRefnummer") == referentie
    assert reply.text("ZKN:stuurgegevens/StUF:zender/StUF:applicatie") == "RZS"
    assert (
        reply.text("ZKN:stuurgegevens/StUF:ontvanger/StUF:applicatie")
        == messages.DEFAULTS["zender_applicatie"]
    )
    assert reply.text("ZKN:stuurgegevens/StUF:functie") == "genereerZaakidentificatie"


def test_zds12_wrapper_krijgt_zds12_antwoord(soap: SoapClient) -> None:
    reply = soap.stuur("genereerZaakIdentificatie_Di02", "identificaties/genereerZaakIdentificatie_Di02_zds")
    assert reply.status == 200, reply.data[:500]
    assert reply.body.tag == ns.zds("genereerZaakIdentificatie_Du02")
    assert_geldig(reply.body)
    assert reply.text("ZDS:zaak/ZKN:identificatie")


def test_default_namespace_bericht_wordt_op_namespace_gelezen(soap: SoapClient) -> None:
    reply = soap.stuur(
        "genereerZaakIdentificatie_Di02", "identificaties/genereerZaakIdentificatie_Di02_default_namespace"
    )
    assert reply.status == 200, reply.data[:500]
    assert reply.text("ZKN:zaak/ZKN:identificatie")


def test_herhaald_bericht_geeft_dezelfde_identificatie(soap: SoapClient) -> None:
    referentie = unieke_referentie()
    eerste = soap.stuur(
        "genereerZaakIdentificatie_Di02",
        "identificaties/genereerZaakIdentificatie_Di02",
        referentienummer=referentie,
        tijdstipBericht="20240115101500000",
    )
    tweede = soap.stuur(
        "genereerZaakIdentificatie_Di02",
        "identificaties/genereerZaakIdentificatie_Di02",
        referentienummer=referentie,
        tijdstipBericht="20240115101500000",
    )
    assert eerste.text("ZKN:zaak/ZKN:identificatie") == tweede.text("ZKN:zaak/ZKN:identificatie")


def test_64_gelijktijdige_aanvragers_krijgen_verschillende_identificaties(soap: SoapClient) -> None:
    soap.zeep_client("/zkn/VrijeBerichten")  # load the WSDL once, outside the race
    with ThreadPoolExecutor(max_workers=64) as pool:
        ids = list(pool.map(lambda _: soap.genereer_zaakidentificatie(), range(64)))
    assert len(set(ids)) == 64
