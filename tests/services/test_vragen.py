"""geefZaakstatus and geefZaakdetails: scopes, empty answers, the ZDS 1.2 form, StUF097."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import make_url
from test_zaken import UITGEBREID, maak_zaak, object_tekst

from rzs import ns, safexml
from rzs.wire import uitvoer
from support import messages
from support.schemas import assert_geldig
from support.server import RunningServer
from support.soap import Reply, SoapClient


@pytest.fixture(scope="module")
def zaak(soap: SoapClient) -> str:
    identificatie = maak_zaak(soap, UITGEBREID)
    reply = soap.stuur(
        "actualiseerZaakstatus_Lk01",
        "zaken/actualiseerZaakstatus_gezinsplan_opgesteld",
        zaak_identificatie=identificatie,
        datumStatusGezet="20240120100000000",
    )
    assert reply.status == 200, reply.data[:1500]
    return identificatie


@pytest.mark.parametrize(
    "template",
    [
        "vragen/geefZaakdetails_alles",
        "vragen/geefZaakdetails_beperkt",
        "vragen/geefZaakdetails_scope_alles",
        "vragen/geefZaakdetails_ZakLv01_zds",
    ],
)
def test_geefzaakdetails_antwoord_is_geldig_en_gespiegeld(soap: SoapClient, zaak: str, template: str) -> None:
    reply = soap.stuur(
        "geefZaakdetails_Lv01", template, zaak_identificatie=zaak, referentienummer="VRAAG-" + zaak
    )
    assert reply.status == 200, reply.data[:1500]
    assert_geldig(reply.body)
    assert object_tekst(reply, "ZKN:identificatie") == [zaak]
    assert reply.text("ZKN:stuurgegevens/StUF:crossRefnummer") == "VRAAG-" + zaak
    assert reply.text("ZKN:stuurgegevens/StUF:berichtcode") == "La01"


def test_beperkte_scope_geeft_alleen_gevraagde_gegevens(soap: SoapClient, zaak: str) -> None:
    reply = soap.stuur("geefZaakdetails_Lv01", "vragen/geefZaakdetails_beperkt", zaak_identificatie=zaak)
    obj = reply.body.find(f"{ns.zkn('antwoord')}/{ns.zkn('object')}")
    assert obj is not None
    namen = {ns.local_name(c.tag) for c in obj}
    assert "heeftAlsInitiator" not in namen and "heeftBetrekkingOp" not in namen
    bsns = object_tekst(reply, "ZKN:heeftAlsBelanghebbende/ZKN:gerelateerde/ZKN:natuurlijkPersoon/BG:inp.bsn")
    assert sorted(bsns) == sorted(
        [messages.DEFAULTS["bsn_belanghebbende_1"], messages.DEFAULTS["bsn_belanghebbende_2"]]
    )


@pytest.mark.parametrize("template", ["vragen/geefZaakstatus_Lv01", "vragen/geefZaakstatus_ZakLv01_zds"])
def test_geefzaakstatus_geeft_de_laatste_status(soap: SoapClient, zaak: str, template: str) -> None:
    reply = soap.stuur("geefZaakstatus_Lv01", template, zaak_identificatie=zaak)
    assert reply.status == 200, reply.data[:1500]
    assert_geldig(reply.body)
    assert object_tekst(reply, "ZKN:heeft/ZKN:indicatieLaatsteStatus") == ["J"]
    assert object_tekst(reply, "ZKN:heeft/ZKN:gerelateerde/ZKN:volgnummer") == ["2"]


def test_onbekende_zaak_geeft_leeg_antwoord(soap: SoapClient) -> None:
    reply = soap.stuur(
        "geefZaakdetails_Lv01", "vragen/geefZaakdetails_alles", zaak_identificatie="0000123123123123"
    )
    assert reply.status == 200
    assert_geldig(reply.body)
    assert reply.body.find(ns.zkn("antwoord")) is None
    assert reply.text("ZKN:parameters/StUF:indicatorVervolgvraag") == "false"


def test_scope_met_attribuut_en_inhoud_is_stuf097(soap: SoapClient, zaak: str) -> None:
    reply = soap.stuur(
        "geefZaakdetails_Lv01", "vragen/geefZaakdetails_scope_en_inhoud", zaak_identificatie=zaak
    )
    reply.assert_fout("StUF097", berichtcode="Fo02", plek="client")
    assert_geldig(reply.fo)
    assert reply.fo.find(f"{ns.stuf('stuurgegevens')}/{ns.stuf('zender')}") is None  # Fo02: berichtcode only


def test_vraag_wacht_niet_op_het_schrijfslot(soap: SoapClient, server: RunningServer, zaak: str) -> None:
    """On SQLite a vraag reads its snapshot while another process holds the write lock; before,
    every transaction began with BEGIN IMMEDIATE and a read waited up to 30 s (issue 11, item 6)."""
    url = make_url(server.settings.effective_database_url)
    if url.get_backend_name() != "sqlite":
        pytest.skip("SQLite's database-wide write lock; PostgreSQL readers never wait for writers")
    schrijver = sqlite3.connect(str(url.database), timeout=0, isolation_level=None)
    try:
        schrijver.execute("BEGIN IMMEDIATE")
        body = soap.bericht("vragen/geefZaakdetails_alles", zaak_identificatie=zaak)
        reply = soap.post(
            "/zkn/BeantwoordVraag",
            messages.envelope(body),
            soapaction=f'"{soap.soapaction("geefZaakdetails_Lv01")}"',
            timeout=10,
        )
        assert reply.status == 200, reply.data[:800]
    finally:
        schrijver.execute("ROLLBACK")
        schrijver.close()


def test_groot_antwoord_wordt_gestroomd_en_zegt_hetzelfde(soap: SoapClient) -> None:
    """Issue 14: a reply of thousands of elements is streamed while it is serialised (chunked, no
    Content-Length, no full copy in memory) and says exactly what the same zaak read alone says."""
    bsn = messages.nieuwe_bsn()
    zaken = sorted(maak_zaak(soap, UITGEBREID, bsn_1=bsn) for _ in range(12))
    response = soap.session.post(
        soap.base_url + "/zkn/BeantwoordVraag",
        data=messages.envelope(soap.bericht("vragen/geefZaakdetails_op_bsn_alles", bsn_1=bsn)),
        headers={
            "Content-Type": "text/xml; charset=utf-8",
            "SOAPAction": f'"{ns.ZKN_ACTION}geefZaakdetails_Lv01"',
        },
        timeout=60,
    )
    assert response.status_code == 200, response.content[:1500]
    # No length in advance: gunicorn sends it chunked, the test server (wsgiref) until it closes.
    assert "Content-Length" not in response.headers
    groot = Reply(response.status_code, response.headers["Content-Type"], response.content)
    assert_geldig(groot.body)
    assert len(list(groot.body.iter())) > uitvoer.GROTE_ANTWOORDEN
    assert sorted(object_tekst(groot, "ZKN:identificatie")) == zaken

    alleen = soap.stuur(
        "geefZaakdetails_Lv01", "vragen/geefZaakdetails_scope_alles", zaak_identificatie=zaken[0]
    )
    assert alleen.status == 200
    objecten = {o.findtext(ns.zkn("identificatie")): o for o in groot.body.iter(ns.zkn("object"))}
    enkel = alleen.body.find(f"{ns.zkn('antwoord')}/{ns.zkn('object')}")
    assert enkel is not None
    assert safexml.infoset_sha256(objecten[zaken[0]]) == safexml.infoset_sha256(enkel)
