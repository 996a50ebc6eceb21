"""creeerZaak, updateZaak, actualiseerZaakstatus end to end over HTTP, with every rejection."""

from __future__ import annotations

import pytest
from lxml import etree

from rzs import ns, safexml
from support import messages
from support.db import snapshot
from support.dubbelsleutel import andere_prefixen
from support.schemas import assert_geldig
from support.server import RunningServer
from support.soap import Reply, SoapClient, tijdstip, unieke_referentie
from support.weigering import verwerp

UITGEBREID = "zaken/creeerZaak_gezinsplan_uitgebreid"
#: What the updateZaak templates set as the new omschrijving (huidig); ${omschrijving} is the oud.
NIEUWE_OMSCHRIJVING = "Gezinsplan familie Jansen-de Vries"


def maak_zaak(soap: SoapClient, template: str = UITGEBREID, **values: object) -> str:
    identificatie = soap.genereer_zaakidentificatie()
    reply = soap.stuur("creeerZaak_Lk01", template, zaak_identificatie=identificatie, **values)
    assert reply.status == 200, reply.data[:1500]
    assert reply.body.tag == ns.stuf("Bv03Bericht")
    assert_geldig(reply.body)
    return identificatie


def details(soap: SoapClient, identificatie: str, template: str = "vragen/geefZaakdetails_alles") -> Reply:
    reply = soap.stuur("geefZaakdetails_Lv01", template, zaak_identificatie=identificatie)
    assert reply.status == 200, reply.data[:1500]
    assert_geldig(reply.body)
    return reply


def object_tekst(reply: Reply, path: str) -> list[str]:
    return [
        e.text or ""
        for e in reply.body.iterfind(
            f"ZKN:antwoord/ZKN:object/{path}", namespaces={"ZKN": ns.ZKN, "BG": ns.BG, "StUF": ns.STUF}
        )
    ]


class TestCreeerZaak:
    def test_bv03_spiegelt_stuurgegevens(self, soap: SoapClient) -> None:
        identificatie = soap.genereer_zaakidentificatie()
        reply = soap.stuur(
            "creeerZaak_Lk01",
            "zaken/creeerZaak_gezinsplan_minimaal",
            zaak_identificatie=identificatie,
            referentienummer="REF-CZ-1-" + identificatie,
        )
        assert reply.status == 200
        assert reply.text("StUF:stuurgegevens/StUF:crossRefnummer") == "REF-CZ-1-" + identificatie
        assert reply.text("StUF:stuurgegevens/StUF:zender/StUF:applicatie") == "RZS"
        assert reply.text("StUF:stuurgegevens/StUF:ontvanger/StUF:applicatie") == "REGIE"
        assert reply.text("StUF:stuurgegevens/StUF:referentienummer")
        assert_geldig(reply.body)

    def test_uitgebreide_zaak_komt_volledig_terug(self, soap: SoapClient) -> None:
        identificatie = maak_zaak(soap)
        reply = details(soap, identificatie)
        assert object_tekst(reply, "ZKN:identificatie") == [identificatie]
        bsns = object_tekst(reply, "ZKN:heeftBetrekkingOp/ZKN:gerelateerde/ZKN:natuurlijkPersoon/BG:inp.bsn")
        d = messages.DEFAULTS
        assert sorted(bsns) == sorted([d["bsn_1"], d["bsn_2"], d["bsn_3"]])
        belanghebbenden = object_tekst(
            reply, "ZKN:heeftAlsBelanghebbende/ZKN:gerelateerde/ZKN:natuurlijkPersoon/BG:inp.bsn"
        )
        assert sorted(belanghebbenden) == sorted([d["bsn_belanghebbende_1"], d["bsn_belanghebbende_2"]])
        assert object_tekst(
            reply, "ZKN:heeftAlsInitiator/ZKN:gerelateerde/ZKN:medewerker/ZKN:identificatie"
        ) == [d["medewerker_1"]]
        assert (
            len(
                object_tekst(
                    reply, "ZKN:heeftAlsUitvoerende/ZKN:gerelateerde/ZKN:vestiging/BG:vestigingsNummer"
                )
            )
            == 2
        )
        assert object_tekst(reply, "ZKN:isVan/ZKN:gerelateerde/ZKN:code") == ["GZP"]
        assert len(object_tekst(reply, "ZKN:kenmerk/ZKN:kenmerk")) == 2

    @pytest.mark.parametrize(
        "template", ["zaken/creeerZaak_ZakLk01_zds", "zaken/creeerZaak_generiek_jeugdhulp"]
    )
    def test_andere_vormen(self, soap: SoapClient, template: str) -> None:
        maak_zaak(soap, template)

    def test_levensdomeinplan_en_deelplan_verwijzen_naar_bestaande_zaken(self, soap: SoapClient) -> None:
        gezinsplan = maak_zaak(soap)
        ldp = maak_zaak(soap, "zaken/creeerZaak_levensdomeinplan", gezinsplan_identificatie=gezinsplan)
        deelplan = maak_zaak(
            soap,
            "zaken/creeerZaak_deelplan",
            gezinsplan_identificatie=gezinsplan,
            levensdomeinplan_identificatie=ldp,
        )
        reply = details(soap, deelplan)
        assert sorted(
            object_tekst(reply, "ZKN:heeftBetrekkingOpAndere/ZKN:gerelateerde/ZKN:identificatie")
        ) == sorted([gezinsplan, ldp])

    def test_deelplan_bij_onbekende_zaak(self, soap: SoapClient, server: RunningServer) -> None:
        identificatie = soap.genereer_zaakidentificatie()
        verwerp(
            soap,
            server,
            "creeerZaak_Lk01",
            "zaken/creeerZaak_levensdomeinplan",
            "StUF064",
            zaak_identificatie=identificatie,
            gezinsplan_identificatie="0000999999999999",
        )

    def test_dubbele_identificatie(self, soap: SoapClient, server: RunningServer) -> None:
        identificatie = maak_zaak(soap, "zaken/creeerZaak_gezinsplan_minimaal")
        verwerp(
            soap,
            server,
            "creeerZaak_Lk01",
            "zaken/creeerZaak_gezinsplan_minimaal",
            "StUF067",
            zaak_identificatie=identificatie,
        )

    @pytest.mark.parametrize(
        ("template", "code"),
        [
            ("zaken/creeerZaak_ongeldig_entiteittype", "StUF055"),
            ("zaken/creeerZaak_ongeldig_bsn", "StUF055"),
            ("zaken/creeerZaak_ongeldig_volgorde", "StUF055"),
            ("zaken/creeerZaak_ongeldig_berichtcode", "StUF055"),
            ("zaken/creeerZaak_zonder_initiator", "StUF058"),
            ("zaken/creeerZaak_onbekend_zaaktype", "StUF058"),
            ("zaken/creeerZaak_zonder_startdatum", "StUF058"),
        ],
    )
    def test_ongeldige_zaak_wordt_geweigerd(
        self, soap: SoapClient, server: RunningServer, template: str, code: str
    ) -> None:
        identificatie = soap.genereer_zaakidentificatie()
        verwerp(soap, server, "creeerZaak_Lk01", template, code, zaak_identificatie=identificatie)

    def test_te_korte_identificatie(self, soap: SoapClient, server: RunningServer) -> None:
        verwerp(
            soap,
            server,
            "creeerZaak_Lk01",
            "zaken/creeerZaak_gezinsplan_minimaal",
            "StUF055",
            zaak_identificatie="0000",
        )


class TestUpdateZaak:
    def test_omschrijving_en_toelichting(self, soap: SoapClient) -> None:
        identificatie = maak_zaak(soap)
        reply = soap.stuur(
            "updateZaak_Lk01", "zaken/updateZaak_omschrijving_toelichting", zaak_identificatie=identificatie
        )
        assert reply.status == 200, reply.data[:1500]
        assert object_tekst(details(soap, identificatie), "ZKN:omschrijving") == [NIEUWE_OMSCHRIJVING]

    def test_zds12_wrapper(self, soap: SoapClient) -> None:
        identificatie = maak_zaak(soap)
        reply = soap.stuur(
            "updateZaak_Lk01", "zaken/updateZaak_ZakLk01_zds", zaak_identificatie=identificatie
        )
        assert reply.status == 200, reply.data[:1500]
        assert object_tekst(details(soap, identificatie), "ZKN:omschrijving") == [NIEUWE_OMSCHRIJVING]

    def test_belanghebbende_toevoegen(self, soap: SoapClient) -> None:
        identificatie = maak_zaak(soap)
        reply = soap.stuur(
            "updateZaak_Lk01", "zaken/updateZaak_belanghebbende_toevoegen", zaak_identificatie=identificatie
        )
        assert reply.status == 200, reply.data[:1500]
        bsns = object_tekst(
            details(soap, identificatie),
            "ZKN:heeftAlsBelanghebbende/ZKN:gerelateerde/ZKN:natuurlijkPersoon/BG:inp.bsn",
        )
        assert messages.DEFAULTS["bsn_belanghebbende_nieuw"] in bsns and len(bsns) == 3

    def test_uitvoerende_medewerker_verwijderen(self, soap: SoapClient) -> None:
        identificatie = maak_zaak(soap)
        reply = soap.stuur(
            "updateZaak_Lk01",
            "zaken/updateZaak_uitvoerende_medewerker_verwijderen",
            zaak_identificatie=identificatie,
        )
        assert reply.status == 200, reply.data[:1500]
        ids = object_tekst(
            details(soap, identificatie),
            "ZKN:heeftAlsUitvoerende/ZKN:gerelateerde/ZKN:medewerker/ZKN:identificatie",
        )
        assert messages.DEFAULTS["medewerker_3"] not in ids

    def test_uitvoerende_medewerker_beeindigen(self, soap: SoapClient) -> None:
        identificatie = maak_zaak(soap)
        reply = soap.stuur(
            "updateZaak_Lk01",
            "zaken/updateZaak_uitvoerende_medewerker_beeindigen",
            zaak_identificatie=identificatie,
        )
        assert reply.status == 200, reply.data[:1500]
        ids = object_tekst(
            details(soap, identificatie),
            "ZKN:heeftAlsUitvoerende/ZKN:gerelateerde/ZKN:medewerker/ZKN:identificatie",
        )
        assert messages.DEFAULTS["medewerker_3"] not in ids and messages.DEFAULTS["medewerker_2"] in ids

    def test_relatiegegevens_wijzigen_houdt_persoonsgegevens(self, soap: SoapClient) -> None:
        identificatie = maak_zaak(soap)
        reply = soap.stuur(
            "updateZaak_Lk01", "zaken/updateZaak_belanghebbende_wijzigen", zaak_identificatie=identificatie
        )
        assert reply.status == 200, reply.data[:1500]
        antwoord = details(soap, identificatie)
        bsn = messages.DEFAULTS["bsn_belanghebbende_1"]
        relatie = next(
            r
            for r in antwoord.body.iter(ns.zkn("heeftAlsBelanghebbende"))
            if r.findtext(f".//{ns.bg('inp.bsn')}") == bsn
        )
        assert relatie.findtext(ns.zkn("omschrijving")) == "mantelzorger"
        assert relatie.findtext(ns.zkn("toelichting")) == "Zorgt sinds maart dagelijks voor moeder."
        assert relatie.findtext(f".//{ns.bg('geslachtsnaam')}") == "Bakker"  # stored data kept
        assert len(object_tekst(antwoord, "ZKN:heeftAlsBelanghebbende")) == 2

    def test_uitvoerende_vestiging_vervangen(self, soap: SoapClient) -> None:
        identificatie = maak_zaak(soap)
        reply = soap.stuur(
            "updateZaak_Lk01",
            "zaken/updateZaak_uitvoerende_vestiging_vervangen",
            zaak_identificatie=identificatie,
        )
        assert reply.status == 200, reply.data[:1500]
        nummers = object_tekst(
            details(soap, identificatie),
            "ZKN:heeftAlsUitvoerende/ZKN:gerelateerde/ZKN:vestiging/BG:vestigingsNummer",
        )
        d = messages.DEFAULTS
        assert d["vestiging_nieuw"] in nummers and d["vestiging_2"] not in nummers and len(nummers) == 2

    def test_kenmerken_vervangen_en_waarde_leegmaken(self, soap: SoapClient) -> None:
        identificatie = maak_zaak(soap)
        for template in ("zaken/updateZaak_kenmerken_vervangen", "zaken/updateZaak_waarde_leegmaken"):
            reply = soap.stuur("updateZaak_Lk01", template, zaak_identificatie=identificatie)
            assert reply.status == 200, (template, reply.data[:1500])
        details(soap, identificatie)

    @pytest.mark.parametrize(
        ("template", "code"),
        [
            ("zaken/updateZaak_identificatie_wijzigen", "StUF058"),
            ("zaken/updateZaak_zaaktype_wijzigen", "StUF058"),
        ],
    )
    def test_sleutels_wijzigen_wordt_geweigerd(
        self, soap: SoapClient, server: RunningServer, template: str, code: str
    ) -> None:
        identificatie = maak_zaak(soap)
        verwerp(soap, server, "updateZaak_Lk01", template, code, zaak_identificatie=identificatie)

    def test_onbekende_zaak(self, soap: SoapClient, server: RunningServer) -> None:
        verwerp(
            soap,
            server,
            "updateZaak_Lk01",
            "zaken/updateZaak_onbekende_zaak",
            "StUF064",
            zaak_identificatie="0000888888888888",
        )

    def test_verwijderen_van_onbekende_relatie(self, soap: SoapClient, server: RunningServer) -> None:
        identificatie = maak_zaak(soap, "zaken/creeerZaak_gezinsplan_minimaal")
        verwerp(
            soap,
            server,
            "updateZaak_Lk01",
            "zaken/updateZaak_uitvoerende_medewerker_verwijderen",
            "StUF064",
            zaak_identificatie=identificatie,
        )


class TestActualiseerZaakstatus:
    def test_status_zetten_en_opvragen(self, soap: SoapClient) -> None:
        identificatie = maak_zaak(soap)
        reply = soap.stuur(
            "actualiseerZaakstatus_Lk01",
            "zaken/actualiseerZaakstatus_gezinsplan_opgesteld",
            zaak_identificatie=identificatie,
            datumStatusGezet="20240120100000000",
        )
        assert reply.status == 200, reply.data[:1500]
        status = soap.stuur(
            "geefZaakstatus_Lv01", "vragen/geefZaakstatus_Lv01", zaak_identificatie=identificatie
        )
        assert status.status == 200
        assert_geldig(status.body)
        assert object_tekst(status, "ZKN:heeft/ZKN:gerelateerde/ZKN:omschrijving") == ["Gezinsplan opgesteld"]
        assert object_tekst(status, "ZKN:heeft/ZKN:indicatieLaatsteStatus") == ["J"]

    @pytest.mark.parametrize(
        "template", ["zaken/actualiseerZaakstatus_enkel_object", "zaken/actualiseerZaakstatus_ZakLk01_zds"]
    )
    def test_andere_vormen(self, soap: SoapClient, template: str) -> None:
        identificatie = maak_zaak(soap)
        reply = soap.stuur(
            "actualiseerZaakstatus_Lk01",
            template,
            zaak_identificatie=identificatie,
            datumStatusGezet="20240121100000000",
        )
        assert reply.status == 200, reply.data[:1500]

    def test_alleen_de_laatste_status_heeft_indicatie_j(self, soap: SoapClient) -> None:
        identificatie = maak_zaak(soap)
        for template, moment in (
            ("zaken/actualiseerZaakstatus_gezinsplan_opgesteld", "20240120100000000"),
            ("zaken/actualiseerZaakstatus_eindstatus", "20240301120000000"),
        ):
            reply = soap.stuur(
                "actualiseerZaakstatus_Lk01",
                template,
                zaak_identificatie=identificatie,
                datumStatusGezet=moment,
            )
            assert reply.status == 200, reply.data[:1500]
        antwoord = details(soap, identificatie)
        volgnummers = object_tekst(antwoord, "ZKN:heeft/ZKN:gerelateerde/ZKN:volgnummer")
        indicaties = object_tekst(antwoord, "ZKN:heeft/ZKN:indicatieLaatsteStatus")
        laatste = dict(zip(volgnummers, indicaties, strict=True))
        assert laatste["4"] == "J" and list(indicaties).count("J") == 1

    def test_eindstatus_sluit_de_zaak(self, soap: SoapClient) -> None:
        identificatie = maak_zaak(soap)
        reply = soap.stuur(
            "actualiseerZaakstatus_Lk01",
            "zaken/actualiseerZaakstatus_eindstatus",
            zaak_identificatie=identificatie,
            datumStatusGezet="20240301120000000",
        )
        assert reply.status == 200, reply.data[:1500]
        assert object_tekst(details(soap, identificatie), "ZKN:einddatum") == ["20240301"]

    def test_onbekend_statustype(self, soap: SoapClient, server: RunningServer) -> None:
        identificatie = maak_zaak(soap)
        verwerp(
            soap,
            server,
            "actualiseerZaakstatus_Lk01",
            "zaken/actualiseerZaakstatus_onbekend_statustype",
            "StUF058",
            zaak_identificatie=identificatie,
        )

    def test_onbekende_zaak(self, soap: SoapClient, server: RunningServer) -> None:
        verwerp(
            soap,
            server,
            "actualiseerZaakstatus_Lk01",
            "zaken/actualiseerZaakstatus_gezinsplan_opgesteld",
            "StUF064",
            zaak_identificatie="0000777777777777",
        )


class TestHerhaaldBericht:
    def test_zelfde_bericht_geeft_zelfde_antwoord_en_verandert_niets(
        self, soap: SoapClient, server: RunningServer
    ) -> None:
        identificatie = soap.genereer_zaakidentificatie()
        waarden = {
            "zaak_identificatie": identificatie,
            "referentienummer": "HERHAAL-" + identificatie,
            "tijdstipBericht": "20240115101500000",
        }
        eerste = soap.stuur("creeerZaak_Lk01", "zaken/creeerZaak_gezinsplan_minimaal", **waarden)
        assert eerste.status == 200
        voor = snapshot(server.settings.effective_database_url)
        tweede = soap.stuur("creeerZaak_Lk01", "zaken/creeerZaak_gezinsplan_minimaal", **waarden)
        assert tweede.status == 200
        assert tweede.body.findtext(
            "StUF:stuurgegevens/StUF:referentienummer", namespaces={"StUF": ns.STUF}
        ) == eerste.body.findtext("StUF:stuurgegevens/StUF:referentienummer", namespaces={"StUF": ns.STUF})
        assert snapshot(server.settings.effective_database_url) == voor

    def test_herhaling_met_andere_prefixen_en_opmaak_is_een_herhaling(
        self, soap: SoapClient, server: RunningServer
    ) -> None:
        """Same content, written differently (issue 8): the stored answer, not StUF016."""
        identificatie = soap.genereer_zaakidentificatie()
        waarden = {
            "zaak_identificatie": identificatie,
            "referentienummer": unieke_referentie(),
            "tijdstipBericht": tijdstip(),
        }
        eerste = soap.stuur("creeerZaak_Lk01", "zaken/creeerZaak_gezinsplan_uitgebreid", **waarden)
        assert eerste.status == 200, eerste.data[:600]
        voor = snapshot(server.settings.effective_database_url)
        body = andere_prefixen(
            safexml.parse(soap.bericht("zaken/creeerZaak_gezinsplan_uitgebreid", **waarden))
        )
        herschreven = etree.tostring(body, pretty_print=True)
        assert b"ns0:" in herschreven
        tweede = soap.post(
            "/zkn/OntvangAsynchroon",
            messages.envelope(herschreven),
            soapaction=f'"{soap.soapaction("creeerZaak_Lk01")}"',
        )
        assert tweede.status == 200, tweede.data[:600]
        assert tweede.text("StUF:stuurgegevens/StUF:referentienummer") == eerste.text(
            "StUF:stuurgegevens/StUF:referentienummer"
        )
        assert snapshot(server.settings.effective_database_url) == voor

    def test_zelfde_referentie_ander_bericht_is_stuf016(
        self, soap: SoapClient, server: RunningServer
    ) -> None:
        referentie = unieke_referentie()
        identificatie = maak_zaak(soap, "zaken/creeerZaak_gezinsplan_minimaal", referentienummer=referentie)
        verwerp(
            soap,
            server,
            "updateZaak_Lk01",
            "zaken/updateZaak_omschrijving_toelichting",
            "StUF016",
            zaak_identificatie=identificatie,
            referentienummer=referentie,
        )
