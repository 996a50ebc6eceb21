"""Zaakdocumenten end to end over HTTP: identificaties, add, list, read back byte-identical,
checkout, update (with history), cancel, every refusal, MTOM, and large documents."""

from __future__ import annotations

import base64
import copy
import dataclasses
import hashlib
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from lxml import etree
from requests_toolbelt.multipart.decoder import MultipartDecoder

from rzs import ns, safexml
from support import inhoud, messages
from support.db import snapshot
from support.documenten import D, bewerken, details, documentidentificatie, nieuwe_zaak, voeg_toe
from support.schemas import assert_geldig
from support.server import RunningServer, run_server
from support.soap import STUF, Reply, SoapClient, unieke_referentie
from support.weigering import verwerp

INHOUD = base64.b64decode(messages.DEFAULTS["inhoud"])
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
CORPUS_BESTANDEN = (
    CORPUS / "Haarlem--zaakregistratiecomponent" / "src" / "zaakmagazijn" / "api" / "tests" / "files"
)
XOP = "http://www.w3.org/2004/08/xop/include"
OBJECT = "ZKN:antwoord/ZKN:object"


# --- helpers ---------------------------------------------------------------------------------


def lees(
    soap: SoapClient, identificatie: str, template: str = D + "geefZaakdocumentLezen_alles", **values: object
) -> Reply:
    reply = soap.stuur("geefZaakdocumentLezen_Lv01", template, document_identificatie=identificatie, **values)
    assert reply.status == 200, reply.data[:1500]
    assert_geldig(reply.body)
    return reply


def inhoud_van(reply: Reply, pad: str = OBJECT) -> bytes:
    element = reply.body.find(f"{pad}/ZKN:inhoud", namespaces=STUF)
    assert element is not None, reply.data[:1500]
    return base64.b64decode(element.text or "")


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- genereerDocumentIdentificatie ------------------------------------------------------------


class TestGenereerDocumentIdentificatie:
    def test_du02_met_gemeentecode(self, soap: SoapClient) -> None:
        referentie = unieke_referentie()
        reply = soap.stuur(
            "genereerDocumentIdentificatie_Di02",
            D + "genereerDocumentIdentificatie_Di02",
            referentienummer=referentie,
        )
        assert reply.status == 200
        assert reply.body.tag == ns.zkn("genereerDocumentIdentificatie_Du02")
        assert_geldig(reply.body)
        identificatie = reply.text("ZKN:document/ZKN:identificatie") or ""
        assert identificatie.startswith("0000") and 5 <= len(identificatie) <= 40
        assert reply.text("ZKN:stuurgegevens/StUF:functie") == "genereerDocumentidentificatie"
        assert reply.text("ZKN:stuurgegevens/StUF:crossRefnummer") == referentie

    def test_zds12_wrapper(self, soap: SoapClient) -> None:
        reply = soap.stuur("genereerDocumentIdentificatie_Di02", D + "genereerDocumentIdentificatie_Di02_zds")
        assert reply.status == 200, reply.data[:800]
        assert reply.body.tag == ns.zds("genereerDocumentIdentificatie_Du02")
        assert_geldig(reply.body)
        assert reply.text("ZDS:document/ZKN:identificatie")

    def test_64_gelijktijdige_aanvragers_krijgen_verschillende_identificaties(self, soap: SoapClient) -> None:
        soap.zeep_client("/zkn/VrijeBerichten")
        with ThreadPoolExecutor(max_workers=64) as pool:
            ids = list(pool.map(lambda _: documentidentificatie(soap), range(64)))
        assert len(set(ids)) == 64


# --- voegZaakdocumentToe / maakZaakdocument --------------------------------------------------


class TestToevoegen:
    def test_toevoegen_en_byte_identiek_teruglezen(self, soap: SoapClient) -> None:
        zaak = nieuwe_zaak(soap)
        identificatie = voeg_toe(soap, zaak)
        reply = lees(soap, identificatie)
        assert sha(inhoud_van(reply)) == sha(INHOUD)
        element = reply.body.find(f"{OBJECT}/ZKN:inhoud", namespaces=STUF)
        assert element is not None
        assert element.get(ns.stuf("bestandsnaam")) == messages.DEFAULTS["bestandsnaam"]
        assert element.get(ns.xmime("contentType")) == messages.DEFAULTS["content_type"]
        assert reply.text(f"{OBJECT}/ZKN:titel") == messages.DEFAULTS["titel"]
        assert reply.text(f"{OBJECT}/ZKN:versie") == "1"
        assert reply.text(f"{OBJECT}/ZKN:isRelevantVoor/ZKN:gerelateerde/ZKN:identificatie") == zaak

    def test_zds12_wrappers(self, soap: SoapClient) -> None:
        zaak = nieuwe_zaak(soap)
        identificatie = voeg_toe(soap, zaak, D + "voegZaakdocumentToe_EdcLk01_zds")
        reply = lees(soap, identificatie, D + "geefZaakdocumentLezen_EdcLv01_zds")
        assert reply.body.tag == ns.zds("geefZaakdocumentLezen_EdcLa01")
        assert inhoud_van(reply) == INHOUD

    def test_maakzaakdocument_zonder_inhoud(self, soap: SoapClient) -> None:
        zaak = nieuwe_zaak(soap)
        identificatie = voeg_toe(soap, zaak, D + "maakZaakdocument")
        reply = lees(soap, identificatie)
        assert reply.body.find(f"{OBJECT}/ZKN:inhoud", namespaces=STUF) is None
        assert reply.text(f"{OBJECT}/ZKN:titel") == messages.DEFAULTS["titel"]
        # The Du02 schema requires inhoud: an empty one for a document without content.
        assert inhoud_van(bewerken(soap, identificatie), "ZKN:edcLa01/" + OBJECT) == b""
        voeg_toe(soap, zaak, D + "maakZaakdocument_EdcLk01_zds")

    def test_document_bij_onbekende_zaak(self, soap: SoapClient, server: RunningServer) -> None:
        reply = verwerp(
            soap,
            server,
            "voegZaakdocumentToe_Lk01",
            D + "voegZaakdocumentToe",
            "StUF064",
            berichtcode="Fo03",
            zaak_identificatie="0000999999999998",
            document_identificatie=documentidentificatie(soap),
        )
        assert "0000999999999998" in details(reply)

    def test_dubbele_documentidentificatie(self, soap: SoapClient, server: RunningServer) -> None:
        zaak = nieuwe_zaak(soap)
        identificatie = voeg_toe(soap, zaak)
        verwerp(
            soap,
            server,
            "voegZaakdocumentToe_Lk01",
            D + "voegZaakdocumentToe",
            "StUF067",
            berichtcode="Fo03",
            zaak_identificatie=zaak,
            document_identificatie=identificatie,
        )

    def test_voegzaakdocumenttoe_zonder_inhoud(self, soap: SoapClient, server: RunningServer) -> None:
        reply = verwerp(
            soap,
            server,
            "voegZaakdocumentToe_Lk01",
            D + "maakZaakdocument",
            "StUF058",
            berichtcode="Fo03",
            zaak_identificatie=nieuwe_zaak(soap),
            document_identificatie=documentidentificatie(soap),
        )
        assert details(reply).startswith("BR-13")

    def test_verplichte_gegevens(self, soap: SoapClient, server: RunningServer) -> None:
        reply = verwerp(
            soap,
            server,
            "voegZaakdocumentToe_Lk01",
            D + "voegZaakdocumentToe",
            "StUF058",
            berichtcode="Fo03",
            zaak_identificatie=nieuwe_zaak(soap),
            document_identificatie=documentidentificatie(soap),
            titel="",
        )
        assert details(reply).startswith(
            "BR-13: verplichte documentgegevens ontbreken: titel (correlatie-id "
        )

    @pytest.mark.parametrize("waarde", ["QUJD!", "QUJ", "QQ==QUJD"])
    def test_ongeldige_base64(self, soap: SoapClient, server: RunningServer, waarde: str) -> None:
        verwerp(
            soap,
            server,
            "voegZaakdocumentToe_Lk01",
            D + "voegZaakdocumentToe",
            "StUF055",
            berichtcode="Fo03",
            zaak_identificatie=nieuwe_zaak(soap),
            document_identificatie=documentidentificatie(soap),
            inhoud=waarde,
        )

    def test_herhaald_bericht_en_ander_bericht_onder_dezelfde_referentie(self, soap: SoapClient) -> None:
        zaak = nieuwe_zaak(soap)
        identificatie = documentidentificatie(soap)
        waarden = {
            "zaak_identificatie": zaak,
            "document_identificatie": identificatie,
            "referentienummer": unieke_referentie(),
            "tijdstipBericht": "20240115101500000",
        }
        eerste = soap.stuur("voegZaakdocumentToe_Lk01", D + "voegZaakdocumentToe", **waarden)
        tweede = soap.stuur("voegZaakdocumentToe_Lk01", D + "voegZaakdocumentToe", **waarden)
        assert eerste.status == tweede.status == 200
        assert safexml.canonical(eerste.body) == safexml.canonical(tweede.body)
        # Other content under the same referentienummer: not the same message.
        derde = soap.stuur(
            "voegZaakdocumentToe_Lk01", D + "voegZaakdocumentToe", **{**waarden, "inhoud": "QW5kZXJz"}
        )
        derde.assert_fout("StUF016")
        assert inhoud_van(lees(soap, identificatie)) == INHOUD

    def test_document_groter_dan_het_maximum(self, server: RunningServer, tmp_path: Path) -> None:
        settings = dataclasses.replace(server.settings, max_document_bytes=1000)
        with run_server(settings) as klein:
            client = SoapClient(klein.base_url)
            zaak = nieuwe_zaak(client)
            identificatie = documentidentificatie(client)
            voor = snapshot(settings.effective_database_url)
            reply = client.stuur(
                "voegZaakdocumentToe_Lk01",
                D + "voegZaakdocumentToe",
                zaak_identificatie=zaak,
                document_identificatie=identificatie,
                inhoud=base64.b64encode(b"x" * 1001).decode(),
            )
            reply.assert_fout("StUF055")
            assert "groter dan het maximum van 1000 bytes" in details(reply)
            assert snapshot(settings.effective_database_url) == voor
            # Exactly the maximum is fine.
            voeg_toe(client, zaak, inhoud=base64.b64encode(b"x" * 1000).decode())
            # Refused long before the end of a large body: the rest is read and the sender still
            # gets the fault, not a reset connection.
            verzoek = inhoud.bericht_met_inhoud(
                tmp_path / "verzoek.xml",
                inhoud.maak_document(tmp_path / "groot.bin", 8 << 20),
                D + "voegZaakdocumentToe",
                zaak_identificatie=zaak,
                document_identificatie=documentidentificatie(client),
                referentienummer=unieke_referentie(),
            )
            response = inhoud.post_bestand(
                klein.base_url, "/zkn/OntvangAsynchroon", verzoek, ns.ZKN_ACTION + "voegZaakdocumentToe_Lk01"
            )
            Reply(response.status_code, response.headers["Content-Type"], response.content).assert_fout(
                "StUF055"
            )


class TestCorpus:
    def test_grootste_base64_document_uit_het_corpus(self, soap: SoapClient) -> None:
        """The largest inline document of the corpus (a real SoapUI message, a PDF), adapted to
        our zaak, identificatie and stuurgegevens, comes back byte-identical."""
        if not CORPUS_BESTANDEN.is_dir():
            pytest.skip("../shared/corpus is absent: the corpus messages are needed")
        lengtes = _inhoudlengtes()
        bestand = max(lengtes, key=lambda pad: lengtes[pad])
        assert bestand.name.startswith("voegZaakdocumentToe"), bestand  # what the adaptation expects
        body = safexml.parse(bestand.read_bytes())
        verwacht = base64.b64decode(next(body.iter(ns.zkn("inhoud"))).text or "")
        assert len(verwacht) > 2000
        zaak = nieuwe_zaak(soap)
        identificatie = documentidentificatie(soap)
        _pas_corpusbericht_aan(body, zaak, identificatie)
        reply = soap.post(
            "/zkn/OntvangAsynchroon",
            messages.envelope(etree.tostring(body)),
            soapaction=f'"{ns.ZKN_ACTION}voegZaakdocumentToe_Lk01"',
        )
        assert reply.status == 200, reply.data[:1500]
        assert_geldig(reply.body)
        gelezen = lees(soap, identificatie)
        assert sha(inhoud_van(gelezen)) == sha(verwacht)
        assert gelezen.text(f"{OBJECT}/ZKN:creatiedatum") == "20170914"  # noValue on a value: the value wins


def _inhoudlengtes() -> dict[Path, int]:
    """Corpus file -> length of the largest inline base64 content in it."""
    lengtes: dict[Path, int] = {}
    for pad in CORPUS_BESTANDEN.rglob("*.xml"):
        try:
            root = safexml.parse(pad.read_bytes())
        except safexml.OngeldigeXml:
            continue  # not a message (fault.xml)
        for element in root.iter(ns.zkn("inhoud")):
            lengtes[pad] = max(lengtes.get(pad, 0), len("".join((element.text or "").split())))
    return lengtes


def _pas_corpusbericht_aan(body: etree._Element, zaak: str, identificatie: str) -> None:
    stuurgegevens = body.find(ns.zkn("stuurgegevens"))
    assert stuurgegevens is not None
    ontvanger = stuurgegevens.find(ns.stuf("ontvanger"))
    assert ontvanger is not None
    for element in list(ontvanger):
        ontvanger.remove(element)
    etree.SubElement(ontvanger, ns.stuf("applicatie")).text = "RZS"
    referentie = stuurgegevens.find(ns.stuf("referentienummer"))
    assert referentie is not None
    referentie.text = unieke_referentie()
    obj = body.find(ns.zkn("object"))
    assert obj is not None
    obj.find(ns.zkn("identificatie")).text = identificatie  # type: ignore[union-attr]
    gerelateerde = obj.find(f"{ns.zkn('isRelevantVoor')}/{ns.zkn('gerelateerde')}/{ns.zkn('identificatie')}")
    assert gerelateerde is not None
    gerelateerde.text = zaak


# --- geefLijstZaakdocumenten / geefZaakdocumentLezen ------------------------------------------


class TestLijstEnLezen:
    def test_lijst_zaakdocumenten(self, soap: SoapClient) -> None:
        zaak = nieuwe_zaak(soap)
        eerste = voeg_toe(soap, zaak)
        tweede = voeg_toe(soap, zaak, D + "maakZaakdocument", titel="Verslag")
        for template in (D + "geefLijstZaakdocumenten", D + "geefLijstZaakdocumenten_ZakLv01_zds"):
            reply = soap.stuur("geefLijstZaakdocumenten_Lv01", template, zaak_identificatie=zaak)
            assert reply.status == 200, reply.data[:1500]
            assert_geldig(reply.body)
            relevant = reply.body.findall(f"{OBJECT}/ZKN:heeftRelevant", namespaces=STUF)
            assert [
                r.findtext("ZKN:gerelateerde/ZKN:identificatie", namespaces=STUF) for r in relevant
            ] == sorted([eerste, tweede])
            assert {r.findtext("ZKN:gerelateerde/ZKN:titel", namespaces=STUF) for r in relevant} == {
                messages.DEFAULTS["titel"],
                "Verslag",
            }
            assert all(r.findtext("ZKN:registratiedatum", namespaces=STUF) for r in relevant)
            assert all(r.find("ZKN:gerelateerde/ZKN:inhoud", namespaces=STUF) is None for r in relevant)

    def test_zaakdetails_alles_noemt_de_documenten_en_een_zaak_zonder_documenten_geen(
        self, soap: SoapClient
    ) -> None:
        zaak = nieuwe_zaak(soap)
        leeg = soap.stuur(
            "geefLijstZaakdocumenten_Lv01", D + "geefLijstZaakdocumenten", zaak_identificatie=zaak
        )
        assert leeg.body.find(f"{OBJECT}/ZKN:heeftRelevant", namespaces=STUF) is None
        identificatie = voeg_toe(soap, zaak)
        reply = soap.stuur(
            "geefZaakdetails_Lv01", "vragen/geefZaakdetails_scope_alles", zaak_identificatie=zaak
        )
        assert_geldig(reply.body)
        assert reply.text(f"{OBJECT}/ZKN:heeftRelevant/ZKN:gerelateerde/ZKN:identificatie") == identificatie

    def test_lezen_met_scope(self, soap: SoapClient) -> None:
        zaak = nieuwe_zaak(soap)
        identificatie = voeg_toe(soap, zaak)
        reply = lees(soap, identificatie, D + "geefZaakdocumentLezen_beperkt")
        obj = reply.body.find(OBJECT, namespaces=STUF)
        assert obj is not None
        assert [etree.QName(c).localname for c in obj] == [
            "identificatie",
            "dct.categorie",
            "titel",
            "versie",
            "inhoud",
            "isRelevantVoor",
        ]
        categorie = obj.find("ZKN:dct.categorie", namespaces=STUF)
        assert categorie is not None and categorie.get(ns.NOVALUE) == "nietOndersteund"
        assert (
            reply.text(f"{OBJECT}/ZKN:isRelevantVoor/ZKN:gerelateerde/ZKN:omschrijving")
            == (messages.DEFAULTS["omschrijving"])
        )
        assert inhoud_van(reply) == INHOUD

    def test_onbekend_document_is_een_antwoord_zonder_object(self, soap: SoapClient) -> None:
        reply = lees(soap, "0000999999999997")
        assert reply.body.find("ZKN:antwoord", namespaces=STUF) is None


# --- checkout: geefZaakdocumentbewerken, updateZaakdocument, cancelCheckout -------------------


class TestCheckout:
    def test_bewerken_bijwerken_en_geschiedenis(self, soap: SoapClient, server: RunningServer) -> None:
        identificatie = voeg_toe(soap, nieuwe_zaak(soap))
        uit = bewerken(soap, identificatie)
        checked_out_id = uit.text("ZKN:parameters/ZKN:checkedOutId")
        assert checked_out_id
        assert uit.text("ZKN:parameters/ZKN:checkedOutBy") == messages.DEFAULTS["zender_gebruiker"]
        assert inhoud_van(uit, "ZKN:edcLa01/" + OBJECT) == INHOUD

        nieuw = b"%PDF-1.7 tweede versie van het gezinsplan\n" * 100
        reply = soap.stuur(
            "updateZaakdocument_Di02",
            D + "updateZaakdocument_Di02",
            document_identificatie=identificatie,
            checked_out_id=checked_out_id,
            inhoud=base64.b64encode(nieuw).decode(),
        )
        assert reply.status == 200, reply.data[:1500]
        assert reply.body.tag == ns.stuf("Bv02Bericht")
        assert_geldig(reply.body)

        huidig = lees(soap, identificatie)
        assert sha(inhoud_van(huidig)) == sha(nieuw)
        assert huidig.text(f"{OBJECT}/ZKN:titel") == messages.DEFAULTS["titel_nieuw"]
        assert huidig.text(f"{OBJECT}/ZKN:versie") == "2"
        assert huidig.text(f"{OBJECT}/ZKN:auteur") == messages.DEFAULTS["medewerker_1"]  # unchanged
        oud = lees(soap, identificatie, D + "geefZaakdocumentLezen_versie", versie="1")
        assert sha(inhoud_van(oud)) == sha(INHOUD)
        assert oud.text(f"{OBJECT}/ZKN:titel") == messages.DEFAULTS["titel"]

        # The update released the lock: the old checkedOutId is worthless now.
        verwerp(
            soap,
            server,
            "updateZaakdocument_Di02",
            D + "updateZaakdocument_Di02",
            "StUF058",
            berichtcode="Fo02",
            document_identificatie=identificatie,
            checked_out_id=checked_out_id,
        )
        assert bewerken(soap, identificatie).text("ZKN:parameters/ZKN:checkedOutId") != checked_out_id

    def test_annuleren_geeft_het_document_vrij_zonder_nieuwe_versie(
        self, soap: SoapClient, server: RunningServer
    ) -> None:
        identificatie = voeg_toe(soap, nieuwe_zaak(soap))
        checked_out_id = bewerken(soap, identificatie).text("ZKN:parameters/ZKN:checkedOutId")
        reply = soap.stuur(
            "cancelCheckout_Di02",
            D + "cancelCheckout_Di02",
            document_identificatie=identificatie,
            checked_out_id=checked_out_id,
        )
        assert reply.status == 200, reply.data[:1500]
        assert reply.body.tag == ns.stuf("Bv02Bericht")
        assert lees(soap, identificatie).text(f"{OBJECT}/ZKN:versie") == "1"
        verwerp(
            soap,
            server,
            "cancelCheckout_Di02",
            D + "cancelCheckout_Di02",
            "StUF058",
            berichtcode="Fo02",
            document_identificatie=identificatie,
            checked_out_id=checked_out_id,
        )
        bewerken(soap, identificatie)  # free again

    def test_tweede_checkout_door_een_andere_gebruiker(self, soap: SoapClient, server: RunningServer) -> None:
        identificatie = voeg_toe(soap, nieuwe_zaak(soap))
        bewerken(soap, identificatie)
        reply = verwerp(
            soap,
            server,
            "geefZaakdocumentbewerken_Di02",
            D + "geefZaakdocumentbewerken_Di02",
            "StUF058",
            berichtcode="Fo02",
            document_identificatie=identificatie,
            zender_gebruiker="collega02",
        )
        assert details(reply).startswith("CO-01")

    def test_update_met_verkeerde_checkedoutid(self, soap: SoapClient, server: RunningServer) -> None:
        identificatie = voeg_toe(soap, nieuwe_zaak(soap))
        bewerken(soap, identificatie)
        reply = verwerp(
            soap,
            server,
            "updateZaakdocument_Di02",
            D + "updateZaakdocument_Di02",
            "StUF058",
            berichtcode="Fo02",
            document_identificatie=identificatie,
            checked_out_id="VERKEERD",
        )
        assert details(reply).startswith("CO-02")
        verwerp(
            soap,
            server,
            "updateZaakdocument_Di02",
            D + "updateZaakdocument_Di02_zonder_checkout",
            "StUF058",
            berichtcode="Fo02",
            document_identificatie=identificatie,
        )

    def test_update_met_de_juiste_id_door_een_andere_gebruiker(
        self, soap: SoapClient, server: RunningServer
    ) -> None:
        identificatie = voeg_toe(soap, nieuwe_zaak(soap))
        checked_out_id = bewerken(soap, identificatie).text("ZKN:parameters/ZKN:checkedOutId")
        verwerp(
            soap,
            server,
            "updateZaakdocument_Di02",
            D + "updateZaakdocument_Di02",
            "StUF052",
            berichtcode="Fo02",
            document_identificatie=identificatie,
            checked_out_id=checked_out_id,
            zender_gebruiker="collega02",
        )

    def test_update_zonder_checkout(self, soap: SoapClient, server: RunningServer) -> None:
        """ZDS 1.1: a document that is not checked out may be updated without checkedOutId; with one
        it is refused, because that id belongs to a released lock."""
        identificatie = voeg_toe(soap, nieuwe_zaak(soap))
        verwerp(
            soap,
            server,
            "updateZaakdocument_Di02",
            D + "updateZaakdocument_Di02",
            "StUF058",
            berichtcode="Fo02",
            document_identificatie=identificatie,
        )
        reply = soap.stuur(
            "updateZaakdocument_Di02",
            D + "updateZaakdocument_Di02_zonder_checkout",
            document_identificatie=identificatie,
            versie="1.1",
        )
        assert reply.status == 200, reply.data[:1500]
        gelezen = lees(soap, identificatie)
        assert gelezen.text(f"{OBJECT}/ZKN:versie") == "1.1"
        assert inhoud_van(gelezen) == INHOUD  # no new content: the content stays

    def test_geweigerde_update_laat_geen_verwijzing_naar_zijn_inhoud_achter(
        self, soap: SoapClient, server: RunningServer
    ) -> None:
        """The content is stored before the rule that refuses the new version runs; the refusal
        rolls the rows back, so nothing references it (the file is an orphan for rzs cleanup)."""
        identificatie = voeg_toe(soap, nieuwe_zaak(soap))
        checked_out_id = bewerken(soap, identificatie).text("ZKN:parameters/ZKN:checkedOutId")
        nieuw = b"nooit zichtbaar"
        reply = verwerp(
            soap,
            server,
            "updateZaakdocument_Di02",
            D + "updateZaakdocument_Di02",
            "StUF058",
            berichtcode="Fo02",
            document_identificatie=identificatie,
            checked_out_id=checked_out_id,
            titel_nieuw="",
            inhoud=base64.b64encode(nieuw).decode(),
        )
        assert details(reply).startswith("BR-13")
        assert server.store.blobs.exists(sha(nieuw))
        with server.store.unit_of_work() as repos:
            assert sha(nieuw) not in repos.documenten.inhoud_in_gebruik()
        assert inhoud_van(lees(soap, identificatie)) == INHOUD

    def test_onbekend_document(self, soap: SoapClient, server: RunningServer) -> None:
        for operatie, template in (
            ("geefZaakdocumentbewerken_Di02", D + "geefZaakdocumentbewerken_Di02"),
            ("updateZaakdocument_Di02", D + "updateZaakdocument_Di02_zonder_checkout"),
            ("cancelCheckout_Di02", D + "cancelCheckout_Di02"),
        ):
            verwerp(
                soap,
                server,
                operatie,
                template,
                "StUF064",
                berichtcode="Fo02",
                document_identificatie="0000999999999996",
            )

    def test_zds12_wrappers(self, soap: SoapClient) -> None:
        identificatie = voeg_toe(soap, nieuwe_zaak(soap))
        uit = soap.stuur(
            "geefZaakdocumentbewerken_Di02",
            D + "geefZaakdocumentbewerken_Di02_zds",
            document_identificatie=identificatie,
        )
        assert uit.status == 200, uit.data[:1500]
        assert uit.body.tag == ns.zds("geefZaakdocumentBewerken_Du02")
        assert_geldig(uit.body)
        checked_out_id = uit.text("ZDS:parameters/ZDS:checkedOutId")
        assert inhoud_van(uit, "ZDS:edcLa01/" + OBJECT) == INHOUD
        nieuw = b"derde versie"
        reply = soap.stuur(
            "updateZaakdocument_Di02",
            D + "updateZaakdocument_Di02_zds",
            document_identificatie=identificatie,
            checked_out_id=checked_out_id,
            inhoud=base64.b64encode(nieuw).decode(),
        )
        assert reply.status == 200, reply.data[:1500]
        assert inhoud_van(lees(soap, identificatie)) == nieuw
        checked_out_id = bewerken(soap, identificatie).text("ZKN:parameters/ZKN:checkedOutId")
        reply = soap.stuur(
            "cancelCheckout_Di02",
            D + "cancelCheckout_Di02_zds",
            document_identificatie=identificatie,
            checked_out_id=checked_out_id,
        )
        assert reply.status == 200, reply.data[:1500]

    def test_gelijktijdige_checkouts_een_wint(self, soap: SoapClient) -> None:
        identificatie = voeg_toe(soap, nieuwe_zaak(soap))
        soap.zeep_client("/zkn/VrijeBerichten")
        start = threading.Barrier(8)

        def probeer(nummer: int) -> int:
            start.wait(timeout=30)
            return soap.stuur(
                "geefZaakdocumentbewerken_Di02",
                D + "geefZaakdocumentbewerken_Di02",
                document_identificatie=identificatie,
                zender_gebruiker=f"gebruiker{nummer}",
            ).status

        with ThreadPoolExecutor(max_workers=8) as pool:
            statussen = list(pool.map(probeer, range(8)))
        assert sorted(statussen) == [200] + [500] * 7


# --- MTOM and large documents ------------------------------------------------------------------


def _mtom(envelope: bytes, delen: dict[str, bytes], soapaction: str) -> tuple[bytes, dict[str, str]]:
    """A multipart/related request as a sender's MTOM stack writes it (RFC 2387, XOP)."""
    grens = "MIMEBoundary_rzs_test"
    stukken = [
        f'--{grens}\r\nContent-Type: application/xop+xml; charset=UTF-8; type="text/xml"\r\n'
        "Content-Transfer-Encoding: binary\r\nContent-ID: <root.message@test>\r\n\r\n".encode()
        + envelope
    ]
    for cid, data in delen.items():
        stukken.append(
            f"\r\n--{grens}\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: binary\r\n"
            f"Content-ID: <{cid}>\r\n\r\n".encode()
            + data
        )
    body = b"".join(stukken) + f"\r\n--{grens}--\r\n".encode()
    headers = {
        "Content-Type": (
            f'multipart/related; type="application/xop+xml"; boundary="{grens}"; '
            'start="<root.message@test>"; start-info="text/xml"'
        ),
        "SOAPAction": f'"{soapaction}"',
    }
    return body, headers


def _met_xop(body: bytes, cid: str) -> bytes:
    root = safexml.parse(body)
    element = next(root.iter(ns.zkn("inhoud")))
    element.text = None
    etree.SubElement(element, f"{{{XOP}}}Include", nsmap={"xop": XOP}).set("href", f"cid:{cid}")
    return messages.envelope(etree.tostring(root))


class TestMtomEnGroteDocumenten:
    def test_mtom_in_en_uit(self, soap: SoapClient) -> None:
        zaak = nieuwe_zaak(soap)
        identificatie = documentidentificatie(soap)
        document = bytes(range(256)) * 4096 + b"\r\n--MIMEBoundary_rz"  # binary, and boundary-like bytes
        body = soap.bericht(
            D + "voegZaakdocumentToe", zaak_identificatie=zaak, document_identificatie=identificatie
        )
        data, headers = _mtom(
            _met_xop(body, "document-1@test"),
            {"document-1@test": document},
            ns.ZKN_ACTION + "voegZaakdocumentToe_Lk01",
        )
        response = soap.session.post(
            soap.base_url + "/zkn/OntvangAsynchroon", data=data, headers=headers, timeout=30
        )
        assert response.status_code == 200, response.content[:1500]
        assert not response.headers["Content-Type"].startswith("multipart")  # no content in a Bv03

        assert sha(inhoud_van(lees(soap, identificatie))) == sha(document)  # inline reply by default

        vraag = messages.envelope(
            soap.bericht(D + "geefZaakdocumentLezen_alles", document_identificatie=identificatie)
        )
        data, headers = _mtom(vraag, {}, ns.ZKN_ACTION + "geefZaakdocumentLezen_Lv01")
        response = soap.session.post(
            soap.base_url + "/zkn/BeantwoordVraag", data=data, headers=headers, timeout=30
        )
        assert response.status_code == 200, response.content[:1500]
        assert response.headers["Content-Type"].startswith("multipart/related")
        assert int(response.headers["Content-Length"]) == len(response.content)
        delen = MultipartDecoder(response.content, response.headers["Content-Type"]).parts
        assert len(delen) == 2
        envelope = safexml.parse(delen[0].content)
        include = next(envelope.iter(f"{{{XOP}}}Include"))
        assert include.get("href", "").startswith("cid:")
        assert delen[1].headers[b"Content-ID"].decode().strip("<>") == include.get("href", "")[4:]
        assert sha(delen[1].content) == sha(document)
        la01 = next(c for c in next(envelope.iter(f"{{{ns.SOAP11}}}Body")))
        kopie = copy.deepcopy(la01)
        next(kopie.iter(ns.zkn("inhoud"))).remove(next(kopie.iter(f"{{{XOP}}}Include")))
        assert_geldig(kopie)

    def test_soap12_antwoord_met_inhoud(self, soap: SoapClient) -> None:
        identificatie = voeg_toe(soap, nieuwe_zaak(soap))
        vraag = messages.envelope(
            soap.bericht(D + "geefZaakdocumentLezen_alles", document_identificatie=identificatie), "1.2"
        )
        actie = ns.ZKN_ACTION + "geefZaakdocumentLezen_Lv01"
        reply = soap.post(
            "/zkn/BeantwoordVraag",
            vraag,
            content_type=f'application/soap+xml; charset=utf-8; action="{actie}"',
        )
        assert reply.status == 200, reply.data[:800]
        assert reply.envelope.tag == f"{{{ns.SOAP12}}}Envelope"
        assert_geldig(reply.body)
        assert inhoud_van(reply) == INHOUD

    def test_mtom_met_onbekende_cid(self, soap: SoapClient, server: RunningServer) -> None:
        body = soap.bericht(
            D + "voegZaakdocumentToe",
            zaak_identificatie=nieuwe_zaak(soap),
            document_identificatie=documentidentificatie(soap),
        )
        data, headers = _mtom(
            _met_xop(body, "bestaat-niet@test"),
            {"document-1@test": b"x"},
            ns.ZKN_ACTION + "voegZaakdocumentToe_Lk01",
        )
        voor = snapshot(server.settings.effective_database_url)
        response = soap.session.post(
            soap.base_url + "/zkn/OntvangAsynchroon", data=data, headers=headers, timeout=30
        )
        Reply(response.status_code, response.headers["Content-Type"], response.content).assert_fout("StUF055")
        assert snapshot(server.settings.effective_database_url) == voor

    def test_gegenereerd_document_van_50_mb(
        self, soap: SoapClient, server: RunningServer, tmp_path: Path
    ) -> None:
        """Up and down as streams: the test sends from a file and hashes the reply as it arrives."""
        document = inhoud.maak_document(tmp_path / "document.bin", 50 * 1024 * 1024, zaad=50)
        zaak = nieuwe_zaak(soap)
        identificatie = documentidentificatie(soap)
        verzoek = inhoud.bericht_met_inhoud(
            tmp_path / "verzoek.xml",
            document,
            D + "voegZaakdocumentToe",
            zaak_identificatie=zaak,
            document_identificatie=identificatie,
            referentienummer=unieke_referentie(),
        )
        response = inhoud.post_bestand(
            server.base_url, "/zkn/OntvangAsynchroon", verzoek, ns.ZKN_ACTION + "voegZaakdocumentToe_Lk01"
        )
        assert response.status_code == 200, response.content[:1500]

        vraag = tmp_path / "vraag.xml"
        vraag.write_bytes(
            messages.envelope(
                soap.bericht(D + "geefZaakdocumentLezen_alles", document_identificatie=identificatie)
            )
        )
        response = inhoud.post_bestand(
            server.base_url, "/zkn/BeantwoordVraag", vraag, ns.ZKN_ACTION + "geefZaakdocumentLezen_Lv01"
        )
        gelezen = inhoud.lees_antwoord(response)
        assert gelezen.status == 200
        assert gelezen.inhoud == [(document.sha256, document.grootte)]
        assert_geldig(gelezen.body)
