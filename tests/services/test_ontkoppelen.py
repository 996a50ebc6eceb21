"""ontkoppelZaakdocument_Di02 (ZDS 1.2 only, §4.3.9) over HTTP: the document leaves the zaak's list
and stays readable; refused while checked out (CO-01), for another zaak (OZ-01), for an unknown
zaak or document (StUF064), each leaving the database unchanged."""

from __future__ import annotations

from rzs import ns
from support.documenten import D, bewerken, details, nieuwe_zaak, voeg_toe
from support.schemas import assert_geldig
from support.server import RunningServer
from support.soap import STUF, Reply, SoapClient
from support.weigering import verwerp

ONTKOPPEL = ("ontkoppelZaakdocument_Di02", D + "ontkoppelZaakdocument_Di02")
OBJECT = "ZKN:antwoord/ZKN:object"


def zaakdocumenten(soap: SoapClient, zaak: str) -> list[str]:
    reply = soap.stuur("geefLijstZaakdocumenten_Lv01", D + "geefLijstZaakdocumenten", zaak_identificatie=zaak)
    assert reply.status == 200, reply.data[:1500]
    assert_geldig(reply.body)
    relevant = reply.body.findall(f"{OBJECT}/ZKN:heeftRelevant/ZKN:gerelateerde", namespaces=STUF)
    return [r.findtext("ZKN:identificatie", namespaces=STUF) or "" for r in relevant]


def ontkoppel(soap: SoapClient, zaak: str, document: str) -> Reply:
    reply = soap.stuur(*ONTKOPPEL, zaak_identificatie=zaak, document_identificatie=document)
    assert reply.status == 200, reply.data[:1500]
    assert reply.body.tag == ns.stuf("Bv02Bericht")
    assert_geldig(reply.body)
    return reply


def weiger(soap: SoapClient, server: RunningServer, code: str, zaak: str, document: str) -> str:
    reply = verwerp(
        soap,
        server,
        *ONTKOPPEL,
        code,
        berichtcode="Fo02",
        zaak_identificatie=zaak,
        document_identificatie=document,
    )
    return details(reply)


def test_ontkoppeld_document_verdwijnt_uit_de_lijst_en_blijft_leesbaar(soap: SoapClient) -> None:
    zaak = nieuwe_zaak(soap)
    eerste, tweede = voeg_toe(soap, zaak), voeg_toe(soap, zaak)
    assert zaakdocumenten(soap, zaak) == sorted([eerste, tweede])

    ontkoppel(soap, zaak, eerste)

    assert zaakdocumenten(soap, zaak) == [tweede]
    lezen = soap.stuur(
        "geefZaakdocumentLezen_Lv01", D + "geefZaakdocumentLezen_alles", document_identificatie=eerste
    )
    assert lezen.status == 200, lezen.data[:1500]
    assert_geldig(lezen.body)
    assert lezen.text(f"{OBJECT}/ZKN:identificatie") == eerste
    assert lezen.body.find(f"{OBJECT}/ZKN:isRelevantVoor", namespaces=STUF) is None


def test_geweigerd_zolang_uitgecheckt(soap: SoapClient, server: RunningServer) -> None:
    zaak = nieuwe_zaak(soap)
    document = voeg_toe(soap, zaak)
    checked_out_id = bewerken(soap, document).text("ZKN:parameters/ZKN:checkedOutId")

    assert weiger(soap, server, "StUF058", zaak, document).startswith("CO-01")
    assert zaakdocumenten(soap, zaak) == [document]

    geannuleerd = soap.stuur(
        "cancelCheckout_Di02",
        D + "cancelCheckout_Di02",
        document_identificatie=document,
        checked_out_id=checked_out_id,
    )
    assert geannuleerd.status == 200, geannuleerd.data[:1500]
    ontkoppel(soap, zaak, document)
    assert zaakdocumenten(soap, zaak) == []


def test_alleen_van_de_eigen_zaak(soap: SoapClient, server: RunningServer) -> None:
    zaak, andere = nieuwe_zaak(soap), nieuwe_zaak(soap)
    document = voeg_toe(soap, zaak)
    assert weiger(soap, server, "StUF058", andere, document).startswith("OZ-01")
    ontkoppel(soap, zaak, document)
    assert weiger(soap, server, "StUF058", zaak, document).startswith("OZ-01")  # already unlinked


def test_onbekende_zaak_of_document(soap: SoapClient, server: RunningServer) -> None:
    zaak = nieuwe_zaak(soap)
    document = voeg_toe(soap, zaak)
    assert "0000999999999995" in weiger(soap, server, "StUF064", "0000999999999995", document)
    assert "0000999999999996" in weiger(soap, server, "StUF064", zaak, "0000999999999996")
    assert zaakdocumenten(soap, zaak) == [document]
