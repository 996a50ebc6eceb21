"""The wire layer as messy real senders use it: SOAP 1.2, odd SOAPActions, headers, hostile XML."""

from __future__ import annotations

import dataclasses

import pytest
import requests
from lxml import etree

from rzs import ns, safexml
from support import messages
from support.db import snapshot
from support.server import RunningServer, run_server
from support.soap import SoapClient, unieke_referentie

GENEREER = "identificaties/genereerZaakIdentificatie_Di02"
ACTIE_GENEREER = ns.ZKN_ACTION + "genereerZaakIdentificatie_Di02"


def _envelope_met_headers(body: bytes, bestand: str = "envelope11_headers.xml") -> bytes:
    root = safexml.parse_file(str(messages.SOAP_DIR / bestand))
    marker = next(root.iter(messages.ENVELOPE_MARKER))
    parent = marker.getparent()
    assert parent is not None
    parent.replace(marker, safexml.parse(body))
    return etree.tostring(root)


class TestSoapVersies:
    def test_soap12_met_action_parameter(self, soap: SoapClient) -> None:
        reply = soap.post(
            "/zkn/VrijeBerichten",
            messages.envelope(soap.bericht(GENEREER), "1.2"),
            content_type=f'application/soap+xml; charset=utf-8; action="{ACTIE_GENEREER}"',
        )
        assert reply.status == 200, reply.data[:800]
        assert reply.content_type.startswith("application/soap+xml")
        assert reply.envelope.tag == f"{{{ns.SOAP12}}}Envelope"
        assert reply.text("ZKN:zaak/ZKN:identificatie")

    def test_soap12_fout_is_soap12_fault(self, soap: SoapClient) -> None:
        body = soap.bericht("zaken/creeerZaak_ongeldig_bsn")
        reply = soap.post(
            "/zkn/OntvangAsynchroon",
            messages.envelope(body, "1.2"),
            content_type="application/soap+xml; charset=utf-8",
        )
        reply.assert_fout("StUF055")
        assert reply.body.tag == f"{{{ns.SOAP12}}}Fault"
        assert reply.body.findtext(f"{{{ns.SOAP12}}}Code/{{{ns.SOAP12}}}Value") == "soap:Sender"

    def test_soap11_fault_heeft_geen_faultactor(self, soap: SoapClient) -> None:
        reply = soap.post(
            "/zkn/OntvangAsynchroon",
            messages.envelope(soap.bericht("zaken/creeerZaak_ongeldig_bsn")),
            soapaction=f'"{ns.ZKN_ACTION}creeerZaak_Lk01"',
        )
        reply.assert_fout("StUF055", plek="client")
        assert reply.body.find("faultactor") is None
        assert reply.body.findtext("faultcode") == "soap:Client"


class TestSoapAction:
    @pytest.mark.parametrize(
        "actie",
        [
            f'"{ACTIE_GENEREER}"',
            ACTIE_GENEREER,
            "",
            '""',
            "genereerZaakIdentificatie_Di02",
            ns.ZKN_ACTION + "iets_onbekends",
            None,
        ],
    )
    def test_elke_soapaction_variant_werkt(self, soap: SoapClient, actie: str | None) -> None:
        reply = soap.post("/zkn/VrijeBerichten", messages.envelope(soap.bericht(GENEREER)), soapaction=actie)
        assert reply.status == 200, reply.data[:800]

    @pytest.mark.parametrize("actie", ["", ns.ZKN_ACTION + "zakLk01", ns.ZKN_ACTION + "updateZaak_Lk01"])
    def test_creeerzaak_op_inhoud_herkend(self, soap: SoapClient, actie: str) -> None:
        body = soap.bericht(
            "zaken/creeerZaak_gezinsplan_minimaal", zaak_identificatie=soap.genereer_zaakidentificatie()
        )
        reply = soap.post("/", messages.envelope(body), soapaction=actie)
        assert reply.status == 200, reply.data[:800]
        assert reply.body.tag == ns.stuf("Bv03Bericht")

    def test_header_blokken_zonder_mustunderstand_worden_genegeerd(self, soap: SoapClient) -> None:
        envelope = _envelope_met_headers(soap.bericht(GENEREER), "envelope11_headers_optioneel.xml")
        reply = soap.post("/zkn/VrijeBerichten", envelope, soapaction=ACTIE_GENEREER)
        assert reply.status == 200, reply.data[:800]


class TestMustUnderstand:
    """SOAP 1.1 §4.2.3 / 1.2 part 1 §5.2.3: a block we must understand and do not is a fault
    (issue 11, item 9); before, WS-Security was silently ignored and the sender believed its token
    had been checked."""

    WSSE = "{http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd}Security"

    def test_soap11_mustunderstand_fault(self, soap: SoapClient, server: RunningServer) -> None:
        voor = snapshot(server.settings.effective_database_url)
        envelope = _envelope_met_headers(soap.bericht("zaken/creeerZaak_gezinsplan_minimaal"))
        reply = soap.post("/zkn/OntvangAsynchroon", envelope, soapaction=ns.ZKN_ACTION + "creeerZaak_Lk01")
        assert reply.status == 500 and reply.is_fault
        assert reply.body.findtext("faultcode") == "soap:MustUnderstand"
        assert self.WSSE in (reply.body.findtext("faultstring") or "")
        assert reply.body.find("detail") is None
        assert snapshot(server.settings.effective_database_url) == voor

    def test_soap12_mustunderstand_fault_met_notunderstood(self, soap: SoapClient) -> None:
        envelope = _envelope_met_headers(soap.bericht(GENEREER), "envelope12_headers.xml")
        reply = soap.post(
            "/zkn/VrijeBerichten",
            envelope,
            content_type=f'application/soap+xml; charset=utf-8; action="{ACTIE_GENEREER}"',
        )
        assert reply.status == 500 and reply.content_type.startswith("application/soap+xml")
        soap12 = {"env": ns.SOAP12}
        assert reply.body.findtext("env:Code/env:Value", namespaces=soap12) == "soap:MustUnderstand"
        [niet] = reply.envelope.findall("env:Header/env:NotUnderstood", namespaces=soap12)
        prefix, _, local = niet.get("qname", "").partition(":")
        assert (niet.nsmap[prefix], local) == ("urn:stuf-rzs:tests:kop", "Transactie")  # not VoorDeBus

    def test_door_een_voorportaal_begrepen_header(self, server: RunningServer) -> None:
        settings = dataclasses.replace(server.settings, begrepen_headers=(self.WSSE,))
        with run_server(settings) as met_gateway:
            client = SoapClient(met_gateway.base_url)
            envelope = _envelope_met_headers(client.bericht(GENEREER))
            reply = client.post("/zkn/VrijeBerichten", envelope, soapaction=ACTIE_GENEREER)
            assert reply.status == 200, reply.data[:800]


class TestContentType:
    @pytest.mark.parametrize("content_type", ["application/json", "text/plain; charset=utf-8", ""])
    def test_geen_soap_media_type_is_415(
        self, soap: SoapClient, server: RunningServer, content_type: str
    ) -> None:
        voor = snapshot(server.settings.effective_database_url)
        reply = soap.post(
            "/zkn/VrijeBerichten",
            messages.envelope(soap.bericht(GENEREER)),
            soapaction=ACTIE_GENEREER,
            content_type=content_type,
        )
        assert reply.status == 415 and b"geen SOAP" in reply.data
        assert snapshot(server.settings.effective_database_url) == voor

    @pytest.mark.parametrize(
        "content_type", ["text/xml", "TEXT/XML; charset=UTF-8", 'text/xml;charset="utf-8"']
    )
    def test_soap_media_types_in_elke_schrijfwijze(self, soap: SoapClient, content_type: str) -> None:
        reply = soap.post(
            "/zkn/VrijeBerichten",
            messages.envelope(soap.bericht(GENEREER)),
            soapaction=ACTIE_GENEREER,
            content_type=content_type,
        )
        assert reply.status == 200, reply.data[:500]


class TestVijandigeInvoer:
    @pytest.mark.parametrize("naam", ["stuf/xxe", "stuf/billion_laughs", "stuf/malformed", "stuf/diep"])
    def test_vijandige_xml_wordt_geweigerd(self, soap: SoapClient, server: RunningServer, naam: str) -> None:
        voor = snapshot(server.settings.effective_database_url)
        reply = soap.post(
            "/zkn/OntvangAsynchroon", messages.raw(naam), soapaction=ns.ZKN_ACTION + "creeerZaak_Lk01"
        )
        reply.assert_fout("StUF055")
        assert b"root:" not in reply.data  # nothing of /etc/passwd
        assert snapshot(server.settings.effective_database_url) == voor

    def test_externe_parameter_entity_verraadt_geen_bestand(
        self, soap: SoapClient, server: RunningServer
    ) -> None:
        antwoorden = [
            soap.post("/zkn/VrijeBerichten", messages.raw(naam), soapaction=ACTIE_GENEREER)
            for naam in ("stuf/xxe_parameter_bestaat", "stuf/xxe_parameter_ontbreekt")
        ]
        for reply in antwoorden:
            reply.assert_fout("StUF055")
        assert {reply.details for reply in antwoorden} == {"Een DTD is niet toegestaan in een SOAP-bericht"}

    def test_te_groot_bericht(self, server: RunningServer, tmp_path_factory: pytest.TempPathFactory) -> None:
        settings = dataclasses.replace(server.settings, max_bericht_bytes=2000)
        with run_server(settings) as klein:
            client = SoapClient(klein.base_url)
            reply = client.post(
                "/zkn/OntvangAsynchroon",
                messages.envelope(client.bericht("zaken/creeerZaak_gezinsplan_uitgebreid")),
                soapaction=ns.ZKN_ACTION + "creeerZaak_Lk01",
            )
            reply.assert_fout("StUF055")

    def test_geen_soap_envelope(self, soap: SoapClient) -> None:
        reply = soap.post("/zkn/VrijeBerichten", soap.bericht(GENEREER), soapaction=ACTIE_GENEREER)
        reply.assert_fout("StUF055")

    def test_onbekende_namespace(self, soap: SoapClient) -> None:
        body = b'<x:vraag xmlns:x="urn:iets-anders"><x:a/></x:vraag>'
        reply = soap.post("/", messages.envelope(body), soapaction="")
        reply.assert_fout("StUF004", plek="server")


class TestSystemen:
    def test_onbekende_ontvanger_is_stuf010(self, soap: SoapClient, server: RunningServer) -> None:
        voor = snapshot(server.settings.effective_database_url)
        reply = soap.post(
            "/zkn/VrijeBerichten",
            messages.envelope(soap.bericht(GENEREER, ontvanger_applicatie="ANDER")),
            soapaction=ACTIE_GENEREER,
        )
        reply.assert_fout("StUF010", berichtcode="Fo02", plek="client")
        assert snapshot(server.settings.effective_database_url) == voor

    def test_onbekende_zender_is_stuf013(self, server: RunningServer) -> None:
        settings = dataclasses.replace(server.settings, zenders=("BACKOFFICE",))
        with run_server(settings) as streng:
            client = SoapClient(streng.base_url)
            reply = client.post(
                "/zkn/VrijeBerichten", messages.envelope(client.bericht(GENEREER)), soapaction=ACTIE_GENEREER
            )
            reply.assert_fout("StUF013", berichtcode="Fo02", plek="client")
            goed = client.post(
                "/zkn/VrijeBerichten",
                messages.envelope(client.bericht(GENEREER, zender_applicatie="BACKOFFICE")),
                soapaction=ACTIE_GENEREER,
            )
            assert goed.status == 200

    def test_fo03_spiegelt_stuurgegevens(self, soap: SoapClient) -> None:
        referentie = unieke_referentie()
        body = soap.bericht(
            "zaken/creeerZaak_zonder_initiator",
            zaak_identificatie=soap.genereer_zaakidentificatie(),
            referentienummer=referentie,
        )
        reply = soap.post(
            "/zkn/OntvangAsynchroon", messages.envelope(body), soapaction=ns.ZKN_ACTION + "creeerZaak_Lk01"
        )
        reply.assert_fout("StUF058", plek="server")
        fo = reply.fo
        assert fo.findtext(f"{ns.stuf('stuurgegevens')}/{ns.stuf('crossRefnummer')}") == referentie
        assert (
            fo.findtext(f"{ns.stuf('stuurgegevens')}/{ns.stuf('ontvanger')}/{ns.stuf('applicatie')}")
            == "REGIE"
        )
        assert "BR-04" in (fo.findtext(f"{ns.stuf('body')}/{ns.stuf('details')}") or "")


class TestWsdl:
    @pytest.mark.parametrize(
        "pad",
        ["/zkn/OntvangAsynchroon", "/zkn/BeantwoordVraag", "/zkn/VrijeBerichten", "/rzs/OntvangAsynchroon"],
    )
    def test_wsdl_met_echt_adres_en_laadbare_schemas(self, server: RunningServer, pad: str) -> None:
        response = requests.get(server.url(pad) + "?wsdl", timeout=10)
        assert response.status_code == 200
        wsdl = safexml.parse(response.content)
        adressen = [a.get("location") for a in wsdl.iter(f"{{{ns.WSDL_SOAP11}}}address")]
        assert adressen == [server.url(pad)]
        for imp in wsdl.iter(f"{{{ns.XSD}}}import"):
            locatie = imp.get("schemaLocation")
            assert locatie and locatie.startswith(server.url("/xsd/"))
            assert requests.get(locatie, timeout=10).status_code == 200

    def test_voorziening_xsd_wordt_geserveerd(self, server: RunningServer) -> None:
        """Senders validate their voorzieningen against our schema, fetched from us (issue 9)."""
        response = requests.get(server.url("/xsd/voorziening/voorziening-1.0.xsd"), timeout=10)
        assert response.status_code == 200
        schema = safexml.parse(response.content)
        assert schema.get("targetNamespace") == ns.VOORZIENING
        (stuf,) = schema.iter(f"{{{ns.XSD}}}import")
        locatie = requests.compat.urljoin(response.url, stuf.get("schemaLocation"))
        assert locatie == server.url("/xsd/stuf0301/stuf0301.xsd")
        assert requests.get(locatie, timeout=10).status_code == 200

    def test_zeep_bindt_alle_operaties(self, soap: SoapClient) -> None:
        assert soap.soapaction("creeerZaak_Lk01") == ns.ZKN_ACTION + "creeerZaak_Lk01"
        assert soap.soapaction("geefZaakdetails_Lv01") == ns.ZKN_ACTION + "geefZaakdetails_Lv01"

    @pytest.mark.parametrize(
        "pad", ["/xsd/../pyproject.toml", "/xsd/..%2Fpyproject.toml", "/xsd/nietbestaand.xsd"]
    )
    def test_geen_bestanden_buiten_xsd(self, server: RunningServer, pad: str) -> None:
        assert requests.get(server.url(pad), timeout=10).status_code == 404
