"""Zaakdocument steps shared by the document tests: a zaak, a document on it, a checkout, all
through the real server (templates under ``tests/messages/documenten``)."""

from __future__ import annotations

from rzs import ns
from support.schemas import assert_geldig
from support.soap import STUF, Reply, SoapClient

D = "documenten/"


def nieuwe_zaak(soap: SoapClient) -> str:
    identificatie = soap.genereer_zaakidentificatie()
    reply = soap.stuur(
        "creeerZaak_Lk01", "zaken/creeerZaak_gezinsplan_minimaal", zaak_identificatie=identificatie
    )
    assert reply.status == 200, reply.data[:1500]
    return identificatie


def documentidentificatie(soap: SoapClient) -> str:
    reply = soap.stuur("genereerDocumentIdentificatie_Di02", D + "genereerDocumentIdentificatie_Di02")
    assert reply.status == 200, reply.data[:800]
    identificatie = reply.text("ZKN:document/ZKN:identificatie")
    assert identificatie
    return identificatie


def voeg_toe(soap: SoapClient, zaak: str, template: str = D + "voegZaakdocumentToe", **values: object) -> str:
    identificatie = documentidentificatie(soap)
    operatie = "maakZaakdocument_Lk01" if "maak" in template else "voegZaakdocumentToe_Lk01"
    reply = soap.stuur(
        operatie, template, zaak_identificatie=zaak, document_identificatie=identificatie, **values
    )
    assert reply.status == 200, reply.data[:1500]
    assert reply.body.tag == ns.stuf("Bv03Bericht")
    assert_geldig(reply.body)
    return identificatie


def bewerken(soap: SoapClient, identificatie: str, **values: object) -> Reply:
    reply = soap.stuur(
        "geefZaakdocumentbewerken_Di02",
        D + "geefZaakdocumentbewerken_Di02",
        document_identificatie=identificatie,
        **values,
    )
    assert reply.status == 200, reply.data[:1500]
    assert_geldig(reply.body)
    return reply


def details(reply: Reply) -> str:
    return reply.fo.findtext("StUF:body/StUF:details", namespaces=STUF) or ""
