"""No lost update (issue 11, item 1): updateZaak compares oud with the registration, adds a
relation once, and two concurrent updates of one zaak serialise (SQLite here; PostgreSQL when
RZS_TEST_DATABASE_URL is set)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import requests
from test_zaken import UITGEBREID, details, maak_zaak, object_tekst

from support import messages
from support.server import RunningServer
from support.soap import Reply, SoapClient
from support.weigering import verwerp

OMSCHRIJVING = "zaken/updateZaak_omschrijving"
#: What creeerZaak_gezinsplan_uitgebreid stores as omschrijving.
OORSPRONKELIJK = str(messages.DEFAULTS["omschrijving"])
PROEVEN = 100


class TestOudTegenDeRegistratie:
    def test_oud_dat_nooit_is_opgeslagen_wordt_geweigerd(
        self, soap: SoapClient, server: RunningServer
    ) -> None:
        identificatie = maak_zaak(soap, UITGEBREID)
        reply = verwerp(
            soap,
            server,
            "updateZaak_Lk01",
            OMSCHRIJVING,
            "StUF058",
            zaak_identificatie=identificatie,
            omschrijving_oud="Nooit zo geheten",
            omschrijving_nieuw="Nieuw",
        )
        assert reply.details.startswith("UPD-01:")
        assert reply.details.endswith(": omschrijving")

    def test_oud_gelijk_aan_de_registratie_wordt_verwerkt(self, soap: SoapClient) -> None:
        identificatie = maak_zaak(soap, UITGEBREID)
        reply = soap.stuur(
            "updateZaak_Lk01",
            OMSCHRIJVING,
            zaak_identificatie=identificatie,
            omschrijving_oud=OORSPRONKELIJK,
            omschrijving_nieuw="Nieuw",
        )
        assert reply.status == 200, reply.data[:1500]
        assert object_tekst(details(soap, identificatie), "ZKN:omschrijving") == ["Nieuw"]

    def test_tweede_wijziging_met_hetzelfde_oud_wordt_geweigerd(
        self, soap: SoapClient, server: RunningServer
    ) -> None:
        identificatie = maak_zaak(soap, UITGEBREID)
        waarden = {"zaak_identificatie": identificatie, "omschrijving_oud": OORSPRONKELIJK}
        eerste = soap.stuur("updateZaak_Lk01", OMSCHRIJVING, omschrijving_nieuw="A", **waarden)
        assert eerste.status == 200, eerste.data[:1500]
        verwerp(soap, server, "updateZaak_Lk01", OMSCHRIJVING, "StUF058", omschrijving_nieuw="B", **waarden)
        assert object_tekst(details(soap, identificatie), "ZKN:omschrijving") == ["A"]


class TestRelatieEenKeerToevoegen:
    def test_zelfde_belanghebbende_tweemaal_toevoegen(self, soap: SoapClient, server: RunningServer) -> None:
        """The second "add X" (another referentienummer, so no repeat of a message) is refused
        with StUF067, as a T of an existing object is; X is stored once."""
        identificatie = maak_zaak(soap, UITGEBREID)
        template = "zaken/updateZaak_belanghebbende_toevoegen"
        eerste = soap.stuur("updateZaak_Lk01", template, zaak_identificatie=identificatie)
        assert eerste.status == 200, eerste.data[:1500]
        reply = verwerp(
            soap, server, "updateZaak_Lk01", template, "StUF067", zaak_identificatie=identificatie
        )
        assert reply.details.startswith("UPD-02:")
        bsns = object_tekst(
            details(soap, identificatie),
            "ZKN:heeftAlsBelanghebbende/ZKN:gerelateerde/ZKN:natuurlijkPersoon/BG:inp.bsn",
        )
        assert bsns.count(str(messages.DEFAULTS["bsn_belanghebbende_nieuw"])) == 1


class TestGelijktijdigeWijzigingen:
    def test_geen_verloren_wijziging_in_honderd_proeven(self, soap: SoapClient) -> None:
        """Two senders change the same value O into A and into B at the same moment: exactly one
        gets Bv03, the other a Fo03 that names omschrijving, and the stored value is the winner's.
        A minimal zaak: the less each update reads and writes, the faster the hundred trials."""
        identificatie = maak_zaak(soap, "zaken/creeerZaak_gezinsplan_minimaal")
        soapaction, adres = soap.binding("updateZaak_Lk01")
        sessies = [requests.Session(), requests.Session()]
        start = threading.Barrier(2)

        def stuur(index: int, bericht: bytes) -> Reply:
            start.wait()
            response = sessies[index].post(
                adres,
                data=messages.envelope(bericht, "1.1"),
                headers={"SOAPAction": f'"{soapaction}"', "Content-Type": "text/xml; charset=utf-8"},
                timeout=60,
            )
            return Reply(response.status_code, response.headers.get("Content-Type", ""), response.content)

        huidig = OORSPRONKELIJK
        with ThreadPoolExecutor(2) as pool:
            for proef in range(PROEVEN):
                nieuw = {"A": f"A{proef}", "B": f"B{proef}"}
                berichten = [
                    soap.bericht(
                        OMSCHRIJVING,
                        zaak_identificatie=identificatie,
                        omschrijving_oud=huidig,
                        omschrijving_nieuw=nieuw[kant],
                    )
                    for kant in "AB"
                ]
                a, b = pool.map(stuur, (0, 1), berichten)
                assert sorted([a.status, b.status]) == [200, 500], (proef, a.data[:800], b.data[:800])
                winnaar, verliezer = ("A", b) if a.status == 200 else ("B", a)
                verliezer.assert_fout("StUF058")
                assert "UPD-01" in verliezer.details
                assert verliezer.details.endswith(": omschrijving")
                huidig = nieuw[winnaar]
        assert object_tekst(details(soap, identificatie), "ZKN:omschrijving") == [huidig]
