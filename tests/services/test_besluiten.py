"""Besluiten (beschikkingen) end to end over HTTP: leidtTot in updateZaak/creeerZaak and the ZDS 1.2
besluit operations (4.1.7-4.1.11), each in the ZDS 1.1 (StUF-ZKN) and ZDS 1.2 form where both
exist, with every refusal leaving the database unchanged."""

from __future__ import annotations

import pytest
from lxml import etree
from test_zaken import maak_zaak

from rzs import ns
from support import messages
from support.schemas import assert_geldig
from support.server import RunningServer
from support.soap import Reply, SoapClient
from support.weigering import verwerp

JEUGDHULP = "zaken/creeerZaak_generiek_jeugdhulp"
NS = {"ZKN": ns.ZKN, "StUF": ns.STUF, "ZDS": ns.ZDS}
LIJST = {"zkn": "besluiten/geefLijstBesluiten_zakLv01", "zds": "besluiten/geefLijstBesluiten_ZakLv01"}
DETAILS = {"zkn": "besluiten/geefBesluitDetails_bslLv01", "zds": "besluiten/geefBesluitDetails_BslLv01"}
KOPPEL = {
    "zkn": "besluiten/updateZaak_leidtTot_toevoegen",
    "zds": "besluiten/updateZaak_ZakLk01_leidtTot_toevoegen",
}
ONTKOPPEL = {
    "zkn": "besluiten/updateZaak_leidtTot_verwijderen",
    "zds": "besluiten/updateZaak_ZakLk01_leidtTot_verwijderen",
}


def genereer_besluitidentificatie(soap: SoapClient) -> str:
    reply = soap.stuur("genereerBesluitIdentificatie_Di02", "besluiten/genereerBesluitIdentificatie_Di02")
    assert reply.status == 200, reply.data[:1500]
    assert reply.body.tag == ns.zds("genereerBesluitIdentificatie_Du02")
    assert_geldig(reply.body)
    identificatie = reply.text("ZDS:besluit/ZKN:identificatie")
    assert identificatie
    return identificatie


def voeg_besluit_toe(soap: SoapClient, zaak: str) -> str:
    """A new besluit on the zaak through voegBesluitToe_Di01 (ZDS 1.2 4.1.7); its identificatie."""
    besluit = genereer_besluitidentificatie(soap)
    bv03(
        soap.stuur(
            "voegBesluitToe_Di01",
            "besluiten/voegBesluitToe_Di01",
            zaak_identificatie=zaak,
            besluit_identificatie=besluit,
        )
    )
    return besluit


def bv03(reply: Reply) -> None:
    assert reply.status == 200, reply.data[:1500]
    assert reply.body.tag == ns.stuf("Bv03Bericht")
    assert_geldig(reply.body)


def besluiten_van(soap: SoapClient, zaak: str, vorm: str = "zkn") -> list[str]:
    """The besluit identificaties geefLijstBesluiten answers for the zaak (ZDS 1.2 4.1.11)."""
    reply = soap.stuur("geefLijstBesluiten_Lv01", LIJST[vorm], zaak_identificatie=zaak)
    assert reply.status == 200, reply.data[:1500]
    assert_geldig(reply.body)
    pad = "ZKN:antwoord/ZKN:object/ZKN:leidtTot/ZKN:gerelateerde/ZKN:identificatie"
    return [e.text or "" for e in reply.body.iterfind(pad, NS)]


def besluitdetails(soap: SoapClient, besluit: str, vorm: str = "zkn") -> etree._Element:
    reply = soap.stuur("geefBesluitDetails_Lv01", DETAILS[vorm], besluit_identificatie=besluit)
    assert reply.status == 200, reply.data[:1500]
    assert_geldig(reply.body)
    return reply.body


@pytest.fixture
def zaak(soap: SoapClient) -> str:
    return maak_zaak(soap, JEUGDHULP)


@pytest.mark.parametrize("vorm", ["zkn", "zds"])
class TestLeidtTot:
    def test_nieuw_besluit_via_updatezaak_en_weer_ontkoppeld(
        self, soap: SoapClient, zaak: str, vorm: str
    ) -> None:
        besluit = genereer_besluitidentificatie(soap)
        bv03(
            soap.stuur(
                "updateZaak_Lk01", KOPPEL[vorm], zaak_identificatie=zaak, besluit_identificatie=besluit
            )
        )
        assert besluiten_van(soap, zaak, vorm) == [besluit]
        details = besluitdetails(soap, besluit, vorm)
        obj = "ZKN:antwoord/ZKN:object/"
        assert details.findtext(obj + "ZKN:bst.omschrijving", namespaces=NS) == "Beschikking jeugdhulp"
        assert details.findtext(obj + "ZKN:bst.categorie", namespaces=NS) == "Beschikking"
        assert (
            details.findtext(obj + "ZKN:isUitkomstVan/ZKN:gerelateerde/ZKN:identificatie", namespaces=NS)
            == zaak
        )

        bv03(
            soap.stuur(
                "updateZaak_Lk01", ONTKOPPEL[vorm], zaak_identificatie=zaak, besluit_identificatie=besluit
            )
        )
        assert besluiten_van(soap, zaak, vorm) == []
        details = besluitdetails(soap, besluit, vorm)
        assert details.findtext(obj + "ZKN:identificatie", namespaces=NS) == besluit  # the besluit stays
        assert details.find(obj + "ZKN:isUitkomstVan", NS) is None

    def test_bestaand_besluit_koppelen(self, soap: SoapClient, zaak: str, vorm: str) -> None:
        besluit = voeg_besluit_toe(soap, zaak)
        bv03(
            soap.stuur(
                "updateZaak_Lk01", ONTKOPPEL[vorm], zaak_identificatie=zaak, besluit_identificatie=besluit
            )
        )
        andere = maak_zaak(soap, JEUGDHULP)
        bv03(
            soap.stuur(
                "updateZaak_Lk01",
                KOPPEL[vorm],
                zaak_identificatie=andere,
                besluit_identificatie=besluit,
                besluit_verwerkingssoort="I",
            )
        )
        assert besluiten_van(soap, andere, vorm) == [besluit]
        assert besluiten_van(soap, zaak, vorm) == []


class TestCreeerEnWijzig:
    def test_creeer_zaak_met_besluit(self, soap: SoapClient) -> None:
        besluit = genereer_besluitidentificatie(soap)
        zaak = maak_zaak(soap, "besluiten/creeerZaak_jeugdhulp_met_besluit", besluit_identificatie=besluit)
        assert besluiten_van(soap, zaak, "zds") == [besluit]

    def test_leidt_tot_w_wijzigt_het_besluit(self, soap: SoapClient, zaak: str) -> None:
        besluit = genereer_besluitidentificatie(soap)
        waarden = {"zaak_identificatie": zaak, "besluit_identificatie": besluit}
        bv03(soap.stuur("updateZaak_Lk01", KOPPEL["zkn"], **waarden))
        bv03(
            soap.stuur(
                "updateZaak_Lk01", "besluiten/updateZaak_leidtTot_wijzigen", datum="20240301", **waarden
            )
        )
        details = besluitdetails(soap, besluit)
        assert details.findtext("ZKN:antwoord/ZKN:object/ZKN:datumBeslissing", namespaces=NS) == "20240301"
        assert besluiten_van(soap, zaak) == [besluit]


class TestGeefZaakdetails:
    def test_leidt_tot_in_zaakdetails_zds_en_scope_alles(self, soap: SoapClient, zaak: str) -> None:
        besluit = voeg_besluit_toe(soap, zaak)
        for template in ("besluiten/geefZaakdetails_ZakLv01_besluiten", "vragen/geefZaakdetails_scope_alles"):
            reply = soap.stuur("geefZaakdetails_Lv01", template, zaak_identificatie=zaak)
            assert reply.status == 200, reply.data[:1500]
            assert_geldig(reply.body)
            gerelateerde = "ZKN:antwoord/ZKN:object/ZKN:leidtTot/ZKN:gerelateerde/"
            assert reply.text(gerelateerde + "ZKN:identificatie") == besluit
            assert reply.text(gerelateerde + "ZKN:vervalreden") == "Besluit met tijdelijke werking"

    def test_scope_zonder_leidt_tot_laat_besluiten_weg(self, soap: SoapClient, zaak: str) -> None:
        voeg_besluit_toe(soap, zaak)
        reply = soap.stuur("geefZaakdetails_Lv01", "vragen/geefZaakdetails_alles", zaak_identificatie=zaak)
        assert reply.status == 200
        assert reply.body.find("ZKN:antwoord/ZKN:object/ZKN:leidtTot", NS) is None


class TestBesluitOperaties:
    def test_voeg_besluit_toe_en_details(self, soap: SoapClient, zaak: str) -> None:
        besluit = voeg_besluit_toe(soap, zaak)
        obj = "ZKN:antwoord/ZKN:object/"
        for vorm in ("zkn", "zds"):
            details = besluitdetails(soap, besluit, vorm)
            assert details.findtext(obj + "ZKN:einddatumWerking", namespaces=NS) == "20241231"
            assert details.findtext(obj + "ZKN:toelichting", namespaces=NS) == "Maatwerkvoorziening toegekend"
            reactietermijn = details.find(obj + "ZKN:bst.reactietermijn", NS)
            assert reactietermijn is not None and reactietermijn.get(ns.NOVALUE) == "nietOndersteund"

    @pytest.mark.parametrize(
        "template", ["besluiten/updateBesluit_bslLk01", "besluiten/updateBesluit_BslLk01"]
    )
    def test_update_besluit(self, soap: SoapClient, zaak: str, template: str) -> None:
        besluit = voeg_besluit_toe(soap, zaak)
        bv03(
            soap.stuur(
                "updateBesluit_Lk01",
                template,
                besluit_identificatie=besluit,
                toelichting="Verlengd",
                einddatum_werking="20251231",
            )
        )
        details = besluitdetails(soap, besluit)
        obj = "ZKN:antwoord/ZKN:object/"
        assert details.findtext(obj + "ZKN:toelichting", namespaces=NS) == "Verlengd"
        assert details.findtext(obj + "ZKN:einddatumWerking", namespaces=NS) == "20251231"
        assert details.findtext(obj + "ZKN:datumBeslissing", namespaces=NS) == "20240115"

    def test_onbekend_besluit_geeft_leeg_antwoord(self, soap: SoapClient) -> None:
        details = besluitdetails(soap, "0000999999999999", "zds")
        assert details.tag == ns.zds("geefBesluitDetails_BslLa01")
        assert details.find("ZKN:antwoord", NS) is None

    def test_besluitidentificaties_zijn_uniek(self, soap: SoapClient) -> None:
        assert genereer_besluitidentificatie(soap) != genereer_besluitidentificatie(soap)


class TestRoutering:
    """Without (or with an unknown) SOAPAction the body decides (DIGEST b.3), on the root ``/``."""

    @pytest.mark.parametrize("actie", ["", ns.ZKN_ACTION + "updateBesluit_BslLk01"])
    @pytest.mark.parametrize("vorm", ["zkn", "zds"])
    def test_besluitberichten_op_inhoud(self, soap: SoapClient, zaak: str, actie: str, vorm: str) -> None:
        besluit = voeg_besluit_toe(soap, zaak)
        update = {"zkn": "besluiten/updateBesluit_bslLk01", "zds": "besluiten/updateBesluit_BslLk01"}[vorm]
        for template, antwoord in (
            (update, ns.stuf("Bv03Bericht")),
            (DETAILS[vorm], {"zkn": ns.zkn("bslLa01"), "zds": ns.zds("geefBesluitDetails_BslLa01")}[vorm]),
            (LIJST[vorm], {"zkn": ns.zkn("zakLa01"), "zds": ns.zds("geefLijstBesluiten_ZakLa01")}[vorm]),
        ):
            body = soap.bericht(template, zaak_identificatie=zaak, besluit_identificatie=besluit)
            reply = soap.post("/", messages.envelope(body), soapaction=actie)
            assert reply.status == 200, reply.data[:800]
            assert reply.body.tag == antwoord
            assert_geldig(reply.body)
        assert besluiten_van(soap, zaak, vorm) == [besluit]


class TestWeigeringen:
    def test_voeg_besluit_toe_onbekende_zaak(self, soap: SoapClient, server: RunningServer) -> None:
        verwerp(
            soap,
            server,
            "voegBesluitToe_Di01",
            "besluiten/voegBesluitToe_Di01",
            "StUF064",
            zaak_identificatie="0000999999999998",
            besluit_identificatie=genereer_besluitidentificatie(soap),
        )

    def test_update_zaak_onbekende_zaak(self, soap: SoapClient, server: RunningServer) -> None:
        verwerp(
            soap,
            server,
            "updateZaak_Lk01",
            KOPPEL["zds"],
            "StUF064",
            zaak_identificatie="0000999999999997",
            besluit_identificatie=genereer_besluitidentificatie(soap),
        )

    @pytest.mark.parametrize("template", [KOPPEL["zkn"], KOPPEL["zds"]])
    def test_onbekend_besluittype_via_leidt_tot(
        self, soap: SoapClient, server: RunningServer, zaak: str, template: str
    ) -> None:
        reply = verwerp(
            soap,
            server,
            "updateZaak_Lk01",
            template,
            "StUF058",
            zaak_identificatie=zaak,
            besluit_identificatie=genereer_besluitidentificatie(soap),
            besluittype_omschrijving="Beschikking Wmo maatwerkvoorziening",  # a WMO besluittype, not JGD's
        )
        assert "BSL-05" in (reply.fo.findtext("StUF:body/StUF:details", namespaces=NS) or "")

    def test_onbekend_besluittype_via_voeg_besluit_toe(
        self, soap: SoapClient, server: RunningServer, zaak: str
    ) -> None:
        verwerp(
            soap,
            server,
            "voegBesluitToe_Di01",
            "besluiten/voegBesluitToe_Di01",
            "StUF058",
            zaak_identificatie=zaak,
            besluit_identificatie=genereer_besluitidentificatie(soap),
            besluittype_omschrijving="Onbekende beschikking",
        )

    def test_dubbele_identificatie(self, soap: SoapClient, server: RunningServer, zaak: str) -> None:
        besluit = voeg_besluit_toe(soap, zaak)
        verwerp(
            soap,
            server,
            "voegBesluitToe_Di01",
            "besluiten/voegBesluitToe_Di01",
            "StUF067",
            zaak_identificatie=zaak,
            besluit_identificatie=besluit,
        )
        verwerp(
            soap,
            server,
            "updateZaak_Lk01",
            KOPPEL["zkn"],
            "StUF067",
            zaak_identificatie=zaak,
            besluit_identificatie=besluit,
        )

    def test_ontkoppelen_van_niet_gekoppeld_besluit(
        self, soap: SoapClient, server: RunningServer, zaak: str
    ) -> None:
        besluit = voeg_besluit_toe(soap, zaak)
        andere = maak_zaak(soap, JEUGDHULP)
        verwerp(
            soap,
            server,
            "updateZaak_Lk01",
            ONTKOPPEL["zkn"],
            "StUF064",
            zaak_identificatie=andere,
            besluit_identificatie=besluit,
        )

    def test_update_onbekend_besluit(self, soap: SoapClient, server: RunningServer) -> None:
        verwerp(
            soap,
            server,
            "updateBesluit_Lk01",
            "besluiten/updateBesluit_BslLk01",
            "StUF064",
            besluit_identificatie="0000999999999996",
        )
