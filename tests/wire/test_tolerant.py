"""Tolerant validation (``rzs serve --validatie tolerant``, docs/tolerant.md) over real HTTP.

Each repair: a message the strict server refuses and the tolerant server accepts, and one that
the tolerant server still refuses with the strict verdict's StUF055. Both servers share one
database. Leading whitespace or a BOM before the XML declaration is accepted in both modes.
"""

from __future__ import annotations

import base64
import dataclasses
import logging
import os
from collections.abc import Iterator

import pytest

from rzs import cli, ns
from rzs.config import Settings, from_environment
from rzs.stuf.tolerantie import Reparatiegebruik
from support import messages
from support.schemas import assert_geldig
from support.server import RunningServer, run_server
from support.soap import STUF, Reply, SoapClient, unieke_referentie
from support.weigering import verwerp

T = "tolerant/"
METAGEGEVEN = T + "creeerZaak_authentiek_zonder_metagegeven_ongeldig"
METAGEGEVEN_EN_VERWERKINGSSOORT = T + "creeerZaak_authentiek_zonder_metagegeven_en_verwerkingssoort_ongeldig"
SCOPE_NIL = T + "geefZaakdocumentLezen_scope_inhoud_nil_ongeldig"
SCOPE_NIL_ZDS = T + "geefZaakdocumentLezen_EdcLv01_zds_scope_inhoud_nil_ongeldig"
INHOUD_NIL = T + "voegZaakdocumentToe_inhoud_nil_ongeldig"
GENEREER = "identificaties/genereerZaakIdentificatie_Di02"
ACTIE_GENEREER = ns.ZKN_ACTION + "genereerZaakIdentificatie_Di02"
#: The sender of every template (support.messages.DEFAULTS).
ZENDER = ("0000", "REGIE")


@pytest.fixture(scope="module")
def tolerant_server(server: RunningServer) -> Iterator[RunningServer]:
    with run_server(dataclasses.replace(server.settings, validatie="tolerant")) as draaiend:
        yield draaiend


@pytest.fixture(scope="module")
def tolerant(tolerant_server: RunningServer) -> SoapClient:
    return SoapClient(tolerant_server.base_url)


def _telling(server: RunningServer, reparatie: str) -> int:
    return server.reparatieteller.stand().get(Reparatiegebruik(reparatie, *ZENDER), 0)


def _details(reply: Reply) -> str:
    return reply.details


def _zaak_met_document(soap: SoapClient) -> str:
    """A new zaak with one document (default content); returns the documentidentificatie."""
    zaak = soap.genereer_zaakidentificatie()
    assert (
        soap.stuur("creeerZaak_Lk01", "zaken/creeerZaak_gezinsplan_minimaal", zaak_identificatie=zaak).status
        == 200
    )
    reply = soap.stuur("genereerDocumentIdentificatie_Di02", "documenten/genereerDocumentIdentificatie_Di02")
    document = reply.text("ZKN:document/ZKN:identificatie") or ""
    reply = soap.stuur(
        "voegZaakdocumentToe_Lk01",
        "documenten/voegZaakdocumentToe",
        zaak_identificatie=zaak,
        document_identificatie=document,
    )
    assert reply.status == 200, reply.data[:1500]
    return document


class TestInstelling:
    def test_standaard_streng_en_uit_de_omgeving(self) -> None:
        assert Settings().validatie == "streng"
        assert from_environment({"RZS_VALIDATIE": "tolerant"}).validatie == "tolerant"

    def test_onbekende_modus_stopt_de_start(self) -> None:
        with pytest.raises(ValueError, match="streng, tolerant"):
            from_environment({"RZS_VALIDATIE": "soepel"})

    def test_serve_vlag(self) -> None:
        assert cli.parser().parse_args(["serve", "--validatie", "tolerant"]).validatie == "tolerant"
        assert cli.parser().parse_args(["serve"]).validatie is None  # environment or default decides
        with pytest.raises(SystemExit):
            cli.parser().parse_args(["serve", "--validatie", "soepel"])

    def test_strenge_server_telt_geen_reparaties(self, soap: SoapClient, server: RunningServer) -> None:
        soap.stuur("geefZaakdocumentLezen_Lv01", SCOPE_NIL).assert_fout("StUF055", berichtcode="Fo02")
        assert server.reparatieteller.stand() == {}


class TestMetagegevenAanvullen:
    def test_streng_weigert(self, soap: SoapClient, server: RunningServer) -> None:
        reply = verwerp(
            soap,
            server,
            "creeerZaak_Lk01",
            METAGEGEVEN,
            "StUF055",
            zaak_identificatie=soap.genereer_zaakidentificatie(),
        )
        assert "metagegeven" in _details(reply)

    def test_tolerant_hersteld_gelogd_en_geteld(
        self, tolerant: SoapClient, tolerant_server: RunningServer, caplog: pytest.LogCaptureFixture
    ) -> None:
        voor = _telling(tolerant_server, "metagegeven-aanvullen")
        zaak = tolerant.genereer_zaakidentificatie()
        with caplog.at_level(logging.INFO, logger="rzs.stuf.tolerantie"):
            reply = tolerant.stuur("creeerZaak_Lk01", METAGEGEVEN, zaak_identificatie=zaak)
        assert reply.status == 200, reply.data[:1500]
        assert reply.body.tag == ns.stuf("Bv03Bericht")
        assert _telling(tolerant_server, "metagegeven-aanvullen") == voor + 1
        regels = [r.getMessage() for r in caplog.records if r.name == "rzs.stuf.tolerantie"]
        assert regels == ["reparatie naam=metagegeven-aanvullen zender=0000/REGIE operatie=creeerZaak_Lk01"]
        gelezen = tolerant.stuur(
            "geefZaakdetails_Lv01", "vragen/geefZaakdetails_alles", zaak_identificatie=zaak
        )
        assert gelezen.text("ZKN:antwoord/ZKN:object/ZKN:identificatie") == zaak
        assert gelezen.body.find("ZKN:melding", namespaces=STUF) is None  # a valid vraag: nothing repaired

    def test_verwerkingssoort_wordt_nooit_hersteld(
        self, soap: SoapClient, tolerant: SoapClient, tolerant_server: RunningServer
    ) -> None:
        voor = _telling(tolerant_server, "metagegeven-aanvullen")
        zaak = tolerant.genereer_zaakidentificatie()
        streng = soap.stuur("creeerZaak_Lk01", METAGEGEVEN_EN_VERWERKINGSSOORT, zaak_identificatie=zaak)
        reply = verwerp(
            tolerant,
            tolerant_server,
            "creeerZaak_Lk01",
            METAGEGEVEN_EN_VERWERKINGSSOORT,
            "StUF055",
            zaak_identificatie=zaak,
        )
        assert _details(reply) == _details(streng)  # the original verdict, not the repaired copy's
        assert "metagegeven" in _details(reply)
        assert _telling(tolerant_server, "metagegeven-aanvullen") == voor


class TestScopeNilWeglaten:
    def test_streng_weigert(self, soap: SoapClient, server: RunningServer) -> None:
        verwerp(soap, server, "geefZaakdocumentLezen_Lv01", SCOPE_NIL, "StUF055", berichtcode="Fo02")

    def test_tolerant_geeft_inhoud_en_melding(
        self, tolerant: SoapClient, tolerant_server: RunningServer
    ) -> None:
        document = _zaak_met_document(tolerant)
        voor = _telling(tolerant_server, "scope-nil-weglaten")
        reply = tolerant.stuur("geefZaakdocumentLezen_Lv01", SCOPE_NIL, document_identificatie=document)
        assert reply.status == 200, reply.data[:1500]
        assert_geldig(reply.body)
        inhoud = reply.text("ZKN:antwoord/ZKN:object/ZKN:inhoud") or ""
        assert base64.b64decode(inhoud) == base64.b64decode(messages.DEFAULTS["inhoud"])
        assert "scope-nil-weglaten" in (reply.text("ZKN:melding") or "")
        assert _telling(tolerant_server, "scope-nil-weglaten") == voor + 1

    def test_tolerant_zds_wrapper_zoals_het_corpus(self, tolerant: SoapClient) -> None:
        document = _zaak_met_document(tolerant)
        reply = tolerant.post(
            "/zkn/BeantwoordVraag",
            messages.envelope(tolerant.bericht(SCOPE_NIL_ZDS, document_identificatie=document)),
            soapaction=ns.ZKN_ACTION + "geefZaakdocumentLezen_Lv01",
        )
        assert reply.status == 200, reply.data[:1500]
        assert reply.body.tag == ns.zds("geefZaakdocumentLezen_EdcLa01")
        assert_geldig(reply.body)
        assert "scope-nil-weglaten" in (reply.text("ZKN:melding") or "")
        assert reply.text("ZKN:antwoord/ZKN:object/ZKN:inhoud")

    def test_nil_buiten_een_scope_blijft_geweigerd(
        self, soap: SoapClient, tolerant: SoapClient, tolerant_server: RunningServer
    ) -> None:
        zaak = tolerant.genereer_zaakidentificatie()
        assert (
            tolerant.stuur(
                "creeerZaak_Lk01", "zaken/creeerZaak_gezinsplan_minimaal", zaak_identificatie=zaak
            ).status
            == 200
        )
        waarden = {"zaak_identificatie": zaak, "document_identificatie": "0000" + unieke_referentie()[2:14]}
        streng = soap.stuur("voegZaakdocumentToe_Lk01", INHOUD_NIL, **waarden)
        reply = verwerp(
            tolerant, tolerant_server, "voegZaakdocumentToe_Lk01", INHOUD_NIL, "StUF055", **waarden
        )
        assert _details(reply) == _details(streng)
        assert "nillable" in _details(reply)


def _met_voorloop(envelope: bytes, voorloop: bytes) -> bytes:
    assert envelope.startswith(b"<?xml")
    return voorloop + envelope


VOORLOPEN = [b"\xef\xbb\xbf", b"\r\n", b"\n\n  \t", b"\xef\xbb\xbf\r\n", b" \xef\xbb\xbf\n"]


class TestVoorloopVoorDeXmlDeclaratie:
    """A transport artefact, accepted in both modes (REAL-SENDERS.md), at the wire boundary."""

    @pytest.mark.parametrize("voorloop", VOORLOPEN)
    def test_soap11(self, soap: SoapClient, voorloop: bytes) -> None:
        data = _met_voorloop(messages.envelope(soap.bericht(GENEREER)), voorloop)
        reply = soap.post("/zkn/VrijeBerichten", data, soapaction=ACTIE_GENEREER)
        assert reply.status == 200, reply.data[:800]
        assert reply.text("ZKN:zaak/ZKN:identificatie")

    @pytest.mark.parametrize("voorloop", VOORLOPEN)
    def test_soap12(self, tolerant: SoapClient, voorloop: bytes) -> None:
        data = _met_voorloop(messages.envelope(tolerant.bericht(GENEREER), "1.2"), voorloop)
        reply = tolerant.post(
            "/zkn/VrijeBerichten",
            data,
            content_type=f'application/soap+xml; charset=utf-8; action="{ACTIE_GENEREER}"',
        )
        assert reply.status == 200, reply.data[:800]
        assert reply.text("ZKN:zaak/ZKN:identificatie")

    def test_groot_gestroomd_bericht(self, soap: SoapClient) -> None:
        """Over 4 MiB the request is parsed while it streams (wire/inhoud.py): same acceptance."""
        zaak = soap.genereer_zaakidentificatie()
        assert (
            soap.stuur(
                "creeerZaak_Lk01", "zaken/creeerZaak_gezinsplan_minimaal", zaak_identificatie=zaak
            ).status
            == 200
        )
        reply = soap.stuur(
            "genereerDocumentIdentificatie_Di02", "documenten/genereerDocumentIdentificatie_Di02"
        )
        document = reply.text("ZKN:document/ZKN:identificatie") or ""
        inhoud = os.urandom(5 * 1024 * 1024)
        body = soap.bericht(
            "documenten/voegZaakdocumentToe",
            zaak_identificatie=zaak,
            document_identificatie=document,
            inhoud=base64.b64encode(inhoud).decode(),
        )
        data = _met_voorloop(messages.envelope(body), b"\xef\xbb\xbf\r\n\r\n")
        reply = soap.post(
            "/zkn/OntvangAsynchroon", data, soapaction=ns.ZKN_ACTION + "voegZaakdocumentToe_Lk01"
        )
        assert reply.status == 200, reply.data[:800]
        gelezen = soap.stuur(
            "geefZaakdocumentLezen_Lv01",
            "documenten/geefZaakdocumentLezen_alles",
            document_identificatie=document,
        )
        assert base64.b64decode(gelezen.text("ZKN:antwoord/ZKN:object/ZKN:inhoud") or "") == inhoud

    def test_voorloop_met_andere_tekens_blijft_geweigerd(self, soap: SoapClient) -> None:
        """Not XML at all: refused like any unparseable request (Fo03, no stuurgegevens to read)."""
        data = _met_voorloop(messages.envelope(soap.bericht(GENEREER)), b"\xef\xbb\xbf x")
        soap.post("/zkn/VrijeBerichten", data, soapaction=ACTIE_GENEREER).assert_fout("StUF055")
