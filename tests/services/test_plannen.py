"""Gezinsplan, levensdomeinplan and deelplan end to end (DIGEST d.1-d.4, d.9; rzs.domain.plannen).

Every plan rule has a refused creeerZaak and a refused updateZaak here: Fo03 StUF058 whose details
start with the rule's code and carry no BSN, a valid foutbericht, and a database that did not change
(``test_zaken.verwerp``). The warnings (BR-10, BR-07a unless strict) are shown accepted and logged.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterator

import pytest
from test_zaken import UITGEBREID, details, maak_zaak, object_tekst

from rzs.fouten import FOUTCODES
from support import messages
from support.messages import nieuwe_bsn
from support.server import RunningServer, run_server
from support.soap import STUF, SoapClient
from support.weigering import verwerp

MINIMAAL = "zaken/creeerZaak_gezinsplan_minimaal"
GZP_A = "plannen/creeerZaak_gezinsplan_a"
LDP_MINIMAAL = "plannen/creeerZaak_levensdomeinplan_minimaal"
LDP_UITGEBREID = "plannen/creeerZaak_levensdomeinplan_uitgebreid"
DPL_A = "plannen/creeerZaak_deelplan_a"
DPL_ALLEEN_GZP = "plannen/creeerZaak_deelplan_alleen_gezinsplan"
WMO = "plannen/creeerZaak_wmo_zonder_koppeling"
CREEER, UPDATE = "creeerZaak_Lk01", "updateZaak_Lk01"
D = messages.DEFAULTS


def weiger(
    soap: SoapClient, server: RunningServer, operatie: str, template: str, regel: str, **values: object
) -> str:
    """The message is refused with StUF058 for ``regel``; returns the details (free of person data)."""
    reply = verwerp(soap, server, operatie, template, "StUF058", **values)
    tekst = reply.fo.findtext("StUF:body/StUF:details", namespaces=STUF) or ""
    assert tekst.startswith(f"{regel}: "), tekst
    bsns = {str(v) for k, v in {**D, **values}.items() if k.startswith("bsn")}
    assert not any(bsn in tekst for bsn in bsns), tekst
    assert (
        reply.fo.findtext("StUF:body/StUF:omschrijving", namespaces=STUF) == FOUTCODES["StUF058"].omschrijving
    )
    return tekst


def gezinsplan(soap: SoapClient, template: str = MINIMAAL, **values: object) -> str:
    return maak_zaak(soap, template, **values)


def levensdomeinplan(soap: SoapClient, gzp: str, template: str = LDP_MINIMAAL, **values: object) -> str:
    return maak_zaak(soap, template, gezinsplan_identificatie=gzp, **values)


def nieuw(soap: SoapClient) -> str:
    return soap.genereer_zaakidentificatie()


def waarschuwingen(caplog: pytest.LogCaptureFixture, identificatie: str) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == "rzs.services.zaken" and r.levelno == logging.WARNING and identificatie in r.getMessage()
    ]


@pytest.fixture(scope="module")
def strikte_server(server: RunningServer) -> Iterator[RunningServer]:
    """A second server on the same database that rejects BR-07a (RZS_STRIKTE_LEVENSDOMEINPLAN)."""
    with run_server(dataclasses.replace(server.settings, strikte_levensdomeinplan=True)) as running:
        yield running


@pytest.fixture(scope="module")
def strikte_soap(strikte_server: RunningServer) -> SoapClient:
    return SoapClient(strikte_server.base_url)


class TestPlannenAanmaken:
    @pytest.mark.parametrize(
        ("gzp", "ldp", "dpl"),
        [
            (GZP_A, "plannen/creeerZaak_levensdomeinplan_a", DPL_A),
            (MINIMAAL, LDP_MINIMAAL, "plannen/creeerZaak_deelplan_minimaal"),
            (UITGEBREID, LDP_UITGEBREID, "plannen/creeerZaak_deelplan_uitgebreid"),
        ],
        ids=["A", "B", "C"],
    )
    def test_gezinsplan_levensdomeinplan_deelplan(
        self, soap: SoapClient, gzp: str, ldp: str, dpl: str
    ) -> None:
        """MP-CZ-GZP/LDP/DPL-A/B/C: each variant's three zaken, linked child to parent (DIGEST d.2)."""
        gezinsplan_id = gezinsplan(soap, gzp)
        ldp_id = levensdomeinplan(soap, gezinsplan_id, ldp)
        deelplan = maak_zaak(
            soap, dpl, gezinsplan_identificatie=gezinsplan_id, levensdomeinplan_identificatie=ldp_id
        )
        pad = "ZKN:heeftBetrekkingOpAndere/ZKN:gerelateerde/ZKN:identificatie"
        assert sorted(object_tekst(details(soap, deelplan), pad)) == sorted([gezinsplan_id, ldp_id])
        assert object_tekst(details(soap, ldp_id), pad) == [gezinsplan_id]
        assert object_tekst(details(soap, gezinsplan_id), pad) == []  # no synthesised inverse (d.2)

    def test_deelplan_zonder_levensdomeinplan(self, soap: SoapClient) -> None:
        maak_zaak(soap, DPL_ALLEEN_GZP, gezinsplan_identificatie=gezinsplan(soap))

    def test_deelplan_door_client_geinitieerd(self, soap: SoapClient) -> None:
        maak_zaak(
            soap,
            "plannen/creeerZaak_deelplan_door_client",
            gezinsplan_identificatie=gezinsplan(soap, UITGEBREID),
        )

    def test_gewone_zaak_kent_geen_planregels(self, soap: SoapClient) -> None:
        """MP-CZ-GEN: no cliënt, a natuurlijk persoon as initiator - fine for an ordinary zaak."""
        maak_zaak(soap, "zaken/creeerZaak_generiek_jeugdhulp")


class TestPlannenBijwerken:
    def test_gewone_zaak_wordt_deelplan_door_koppeling(
        self, soap: SoapClient, caplog: pytest.LogCaptureFixture
    ) -> None:
        """DIGEST d.2/d.4 (§4.7): the Regiesysteem links a backoffice zaak to a gezinsplan (and its LDP)."""
        caplog.set_level(logging.WARNING, logger="rzs")
        gezinsplan_id = gezinsplan(soap)
        ldp_id = levensdomeinplan(soap, gezinsplan_id)
        zaak = maak_zaak(soap, WMO)
        for template in (
            "plannen/updateZaak_koppel_aan_gezinsplan",
            "plannen/updateZaak_koppel_aan_levensdomeinplan",
        ):
            reply = soap.stuur(
                UPDATE,
                template,
                zaak_identificatie=zaak,
                gezinsplan_identificatie=gezinsplan_id,
                levensdomeinplan_identificatie=ldp_id,
            )
            assert reply.status == 200, reply.data[:1500]
        pad = "ZKN:heeftBetrekkingOpAndere/ZKN:gerelateerde/ZKN:identificatie"
        assert object_tekst(details(soap, zaak), pad) == [gezinsplan_id, ldp_id]
        assert waarschuwingen(caplog, zaak) == []  # the LDP belongs to this gezinsplan (BR-07a)

    def test_initiator_met_alleen_achternaam_in_update(self, soap: SoapClient) -> None:
        """d.4, g.14: in updates the regisseur's identificatie is o, only the achternaam is v."""
        zaak = gezinsplan(soap)
        reply = soap.stuur(UPDATE, "plannen/updateZaak_initiator_alleen_achternaam", zaak_identificatie=zaak)
        assert reply.status == 200, reply.data[:1500]
        pad = "ZKN:heeftAlsInitiator/ZKN:gerelateerde/ZKN:medewerker/ZKN:achternaam"
        assert object_tekst(details(soap, zaak), pad) == ["Bakker"]

    @pytest.mark.parametrize(
        "template",
        ["plannen/updateZaak_client_toevoegen", "plannen/updateZaak_client_toevoegen_zonder_omschrijving"],
    )
    def test_levensdomeinplan_client_toevoegen(self, soap: SoapClient, template: str) -> None:
        """d.4 LDP: geslachtsnaam o and omschrijving o (counts as Client, g.15) for an added cliënt who
        is a cliënt of the gezinsplan (BR-06a)."""
        gezinsplan_id = gezinsplan(soap, UITGEBREID)
        ldp = levensdomeinplan(soap, gezinsplan_id, LDP_UITGEBREID)
        reply = soap.stuur(UPDATE, template, zaak_identificatie=ldp, bsn_client_nieuw=D["bsn_3"])
        assert reply.status == 200, reply.data[:1500]
        pad = "ZKN:heeftBetrekkingOp/ZKN:gerelateerde/ZKN:natuurlijkPersoon/BG:inp.bsn"
        assert sorted(object_tekst(details(soap, ldp), pad)) == sorted([D["bsn_1"], D["bsn_2"], D["bsn_3"]])


class TestInitiator:
    @pytest.mark.parametrize(
        "template",
        [
            "plannen/creeerZaak_gezinsplan_initiator_zonder_identificatie",
            "plannen/creeerZaak_gezinsplan_initiator_persoon",
        ],
    )
    def test_br04a_regisseur_bij_creatie(
        self, soap: SoapClient, server: RunningServer, template: str
    ) -> None:
        weiger(soap, server, CREEER, template, "BR-04a", zaak_identificatie=nieuw(soap))

    def test_br04a_regisseur_zonder_achternaam_in_update(
        self, soap: SoapClient, server: RunningServer
    ) -> None:
        zaak = gezinsplan(soap)
        weiger(
            soap,
            server,
            UPDATE,
            "plannen/updateZaak_initiator_alleen_identificatie",
            "BR-04a",
            zaak_identificatie=zaak,
        )

    @pytest.mark.parametrize(
        "template",
        [
            "plannen/creeerZaak_deelplan_initiator_afdeling",
            "plannen/creeerZaak_deelplan_initiator_zonder_achternaam",
        ],
    )
    def test_br04b_initiator_deelplan_bij_creatie(
        self, soap: SoapClient, server: RunningServer, template: str
    ) -> None:
        weiger(
            soap,
            server,
            CREEER,
            template,
            "BR-04b",
            zaak_identificatie=nieuw(soap),
            gezinsplan_identificatie=gezinsplan(soap),
        )

    def test_br04b_initiator_deelplan_in_update(self, soap: SoapClient, server: RunningServer) -> None:
        deelplan = maak_zaak(
            soap, DPL_ALLEEN_GZP, gezinsplan_identificatie=gezinsplan(soap), medewerker_2=D["medewerker_1"]
        )
        weiger(
            soap,
            server,
            UPDATE,
            "plannen/updateZaak_initiator_alleen_identificatie",
            "BR-04b",
            zaak_identificatie=deelplan,
        )

    def test_br04_initiator_verwijderen(self, soap: SoapClient, server: RunningServer) -> None:
        """BR-04 (rzs.domain.regels, every zaak): the initiator relation must stay (d.4)."""
        weiger(
            soap,
            server,
            UPDATE,
            "plannen/updateZaak_initiator_verwijderen",
            "BR-04",
            zaak_identificatie=gezinsplan(soap),
        )


class TestClienten:
    def test_br05_zonder_client(self, soap: SoapClient, server: RunningServer) -> None:
        weiger(
            soap,
            server,
            CREEER,
            "plannen/creeerZaak_gezinsplan_zonder_client",
            "BR-05",
            zaak_identificatie=nieuw(soap),
        )

    def test_br05_laatste_client_verwijderen(self, soap: SoapClient, server: RunningServer) -> None:
        weiger(
            soap,
            server,
            UPDATE,
            "plannen/updateZaak_client_verwijderen",
            "BR-05",
            zaak_identificatie=gezinsplan(soap),
        )

    def test_br05_gewone_zaak_zonder_client_koppelen(self, soap: SoapClient, server: RunningServer) -> None:
        """Linked to a gezinsplan the zaak becomes a deelplan and needs a cliënt (d.4)."""
        zaak = maak_zaak(soap, "zaken/creeerZaak_generiek_jeugdhulp")
        weiger(
            soap,
            server,
            UPDATE,
            "plannen/updateZaak_koppel_aan_gezinsplan",
            "BR-05",
            zaak_identificatie=zaak,
            gezinsplan_identificatie=gezinsplan(soap),
        )

    def test_br05_client_zonder_bsn_is_stuf055(self, soap: SoapClient, server: RunningServer) -> None:
        """A person without BSN cannot be identified at all (d.1): refused when read, before the rules."""
        verwerp(
            soap,
            server,
            CREEER,
            "plannen/creeerZaak_gezinsplan_client_zonder_bsn",
            "StUF055",
            zaak_identificatie=nieuw(soap),
        )

    def test_br05a_andere_omschrijving(self, soap: SoapClient, server: RunningServer) -> None:
        weiger(
            soap,
            server,
            CREEER,
            GZP_A,
            "BR-05a",
            zaak_identificatie=nieuw(soap),
            client_omschrijving="Aanvrager",
        )

    def test_br05a_vestiging_als_zaakobject(self, soap: SoapClient, server: RunningServer) -> None:
        weiger(
            soap,
            server,
            CREEER,
            "plannen/creeerZaak_gezinsplan_vestiging_als_zaakobject",
            "BR-05a",
            zaak_identificatie=nieuw(soap),
        )

    def test_br05a_andere_omschrijving_in_update(self, soap: SoapClient, server: RunningServer) -> None:
        ldp = levensdomeinplan(soap, gezinsplan(soap, UITGEBREID), LDP_UITGEBREID)
        weiger(
            soap,
            server,
            UPDATE,
            "plannen/updateZaak_client_toevoegen",
            "BR-05a",
            zaak_identificatie=ldp,
            bsn_client_nieuw=D["bsn_3"],
            client_omschrijving="Buurvrouw",
        )

    def test_br05b_geslachtsnaam_bij_creatie(self, soap: SoapClient, server: RunningServer) -> None:
        weiger(
            soap,
            server,
            CREEER,
            "plannen/creeerZaak_levensdomeinplan_client_zonder_geslachtsnaam",
            "BR-05b",
            zaak_identificatie=nieuw(soap),
            gezinsplan_identificatie=gezinsplan(soap),
        )

    def test_br05b_geslachtsnaam_gezinsplan_in_update(self, soap: SoapClient, server: RunningServer) -> None:
        weiger(
            soap,
            server,
            UPDATE,
            "plannen/updateZaak_client_toevoegen",
            "BR-05b",
            zaak_identificatie=gezinsplan(soap),
        )


class TestLevensdomeinplan:
    def test_br06_zonder_gezinsplan(self, soap: SoapClient, server: RunningServer) -> None:
        weiger(
            soap,
            server,
            CREEER,
            "plannen/creeerZaak_levensdomeinplan_zonder_gezinsplan",
            "BR-06",
            zaak_identificatie=nieuw(soap),
        )

    def test_br06_twee_koppelingen(self, soap: SoapClient, server: RunningServer) -> None:
        weiger(
            soap,
            server,
            CREEER,
            "plannen/creeerZaak_levensdomeinplan_twee_koppelingen",
            "BR-06",
            zaak_identificatie=nieuw(soap),
            gezinsplan_identificatie=gezinsplan(soap),
            andere_zaak_identificatie=gezinsplan(soap),
        )

    @pytest.mark.parametrize("ouder", ["gewone zaak", "levensdomeinplan"])
    def test_br06_koppeling_naar_iets_anders_dan_een_gezinsplan(
        self, soap: SoapClient, server: RunningServer, ouder: str
    ) -> None:
        doel = maak_zaak(soap, WMO) if ouder == "gewone zaak" else levensdomeinplan(soap, gezinsplan(soap))
        weiger(
            soap,
            server,
            CREEER,
            LDP_MINIMAAL,
            "BR-06",
            zaak_identificatie=nieuw(soap),
            gezinsplan_identificatie=doel,
        )

    def test_br06_ontkoppelen(self, soap: SoapClient, server: RunningServer) -> None:
        gezinsplan_id = gezinsplan(soap)
        ldp = levensdomeinplan(soap, gezinsplan_id)
        weiger(
            soap,
            server,
            UPDATE,
            "plannen/updateZaak_ontkoppel_gezinsplan",
            "BR-06",
            zaak_identificatie=ldp,
            gezinsplan_identificatie=gezinsplan_id,
        )

    def test_br06_tweede_gezinsplan_koppelen(self, soap: SoapClient, server: RunningServer) -> None:
        ldp = levensdomeinplan(soap, gezinsplan(soap))
        weiger(
            soap,
            server,
            UPDATE,
            "plannen/updateZaak_koppel_aan_gezinsplan",
            "BR-06",
            zaak_identificatie=ldp,
            gezinsplan_identificatie=gezinsplan(soap),
        )

    def test_br06a_client_niet_van_het_gezinsplan(self, soap: SoapClient, server: RunningServer) -> None:
        weiger(
            soap,
            server,
            CREEER,
            LDP_MINIMAAL,
            "BR-06a",
            zaak_identificatie=nieuw(soap),
            gezinsplan_identificatie=gezinsplan(soap),
            bsn_1=nieuwe_bsn(),
        )

    def test_br06a_client_toevoegen_die_niet_van_het_gezinsplan_is(
        self, soap: SoapClient, server: RunningServer
    ) -> None:
        ldp = levensdomeinplan(soap, gezinsplan(soap))
        weiger(
            soap,
            server,
            UPDATE,
            "plannen/updateZaak_client_toevoegen",
            "BR-06a",
            zaak_identificatie=ldp,
            bsn_client_nieuw=nieuwe_bsn(),
        )

    def test_br06b_gezinsplan_met_koppeling(self, soap: SoapClient, server: RunningServer) -> None:
        weiger(
            soap,
            server,
            CREEER,
            "plannen/creeerZaak_gezinsplan_met_koppeling",
            "BR-06b",
            zaak_identificatie=nieuw(soap),
            andere_zaak_identificatie=maak_zaak(soap, WMO),
        )

    def test_br06b_gezinsplan_koppelen(self, soap: SoapClient, server: RunningServer) -> None:
        weiger(
            soap,
            server,
            UPDATE,
            "plannen/updateZaak_koppel_aan_gezinsplan",
            "BR-06b",
            zaak_identificatie=gezinsplan(soap),
            gezinsplan_identificatie=gezinsplan(soap),
        )


class TestDeelplan:
    def test_br07_alleen_levensdomeinplan(self, soap: SoapClient, server: RunningServer) -> None:
        weiger(
            soap,
            server,
            CREEER,
            DPL_ALLEEN_GZP,
            "BR-07",
            zaak_identificatie=nieuw(soap),
            gezinsplan_identificatie=levensdomeinplan(soap, gezinsplan(soap)),
        )

    @pytest.mark.parametrize("tweede", ["gezinsplan", "gewone zaak"])
    def test_br07_tweede_koppeling_geen_levensdomeinplan(
        self, soap: SoapClient, server: RunningServer, tweede: str
    ) -> None:
        weiger(
            soap,
            server,
            CREEER,
            DPL_A,
            "BR-07",
            zaak_identificatie=nieuw(soap),
            gezinsplan_identificatie=gezinsplan(soap),
            levensdomeinplan_identificatie=gezinsplan(soap)
            if tweede == "gezinsplan"
            else maak_zaak(soap, WMO),
        )

    @pytest.mark.parametrize("met_levensdomeinplan", [False, True], ids=["alleen-gezinsplan", "met-ldp"])
    def test_br07_ontkoppelen_van_gezinsplan(
        self, soap: SoapClient, server: RunningServer, met_levensdomeinplan: bool
    ) -> None:
        """A deelplan stays a deelplan and stays linked to its gezinsplan (d.4)."""
        gezinsplan_id = gezinsplan(soap)
        if met_levensdomeinplan:
            ldp = levensdomeinplan(soap, gezinsplan_id)
            deelplan = maak_zaak(
                soap, DPL_A, gezinsplan_identificatie=gezinsplan_id, levensdomeinplan_identificatie=ldp
            )
        else:
            deelplan = maak_zaak(soap, DPL_ALLEEN_GZP, gezinsplan_identificatie=gezinsplan_id)
        weiger(
            soap,
            server,
            UPDATE,
            "plannen/updateZaak_ontkoppel_gezinsplan",
            "BR-07",
            zaak_identificatie=deelplan,
            gezinsplan_identificatie=gezinsplan_id,
        )

    def test_br07a_levensdomeinplan_van_ander_gezinsplan_is_een_waarschuwing(
        self, soap: SoapClient, caplog: pytest.LogCaptureFixture
    ) -> None:
        """g.24: by default the mismatch is logged (code, zaak identificaties, no BSN) and accepted."""
        caplog.set_level(logging.WARNING, logger="rzs")
        vreemd_ldp = levensdomeinplan(soap, gezinsplan(soap))
        deelplan = maak_zaak(
            soap, DPL_A, gezinsplan_identificatie=gezinsplan(soap), levensdomeinplan_identificatie=vreemd_ldp
        )
        (regel,) = waarschuwingen(caplog, deelplan)
        assert "BR-07a: " in regel and vreemd_ldp in regel and D["bsn_1"] not in regel

    def test_br07a_strikt_bij_creatie(
        self, soap: SoapClient, strikte_soap: SoapClient, strikte_server: RunningServer
    ) -> None:
        vreemd_ldp = levensdomeinplan(soap, gezinsplan(soap))
        weiger(
            strikte_soap,
            strikte_server,
            CREEER,
            DPL_A,
            "BR-07a",
            zaak_identificatie=nieuw(soap),
            gezinsplan_identificatie=gezinsplan(soap),
            levensdomeinplan_identificatie=vreemd_ldp,
        )

    def test_br07a_strikt_in_update(
        self, soap: SoapClient, strikte_soap: SoapClient, strikte_server: RunningServer
    ) -> None:
        deelplan = maak_zaak(soap, DPL_ALLEEN_GZP, gezinsplan_identificatie=gezinsplan(soap))
        weiger(
            strikte_soap,
            strikte_server,
            UPDATE,
            "plannen/updateZaak_koppel_aan_levensdomeinplan",
            "BR-07a",
            zaak_identificatie=deelplan,
            levensdomeinplan_identificatie=levensdomeinplan(soap, gezinsplan(soap)),
        )

    def test_br08_geen_gemeenschappelijke_client(self, soap: SoapClient, server: RunningServer) -> None:
        weiger(
            soap,
            server,
            CREEER,
            DPL_ALLEEN_GZP,
            "BR-08",
            zaak_identificatie=nieuw(soap),
            gezinsplan_identificatie=gezinsplan(soap),
            bsn_1=nieuwe_bsn(),
        )

    def test_br08_gewone_zaak_van_een_ander_koppelen(self, soap: SoapClient, server: RunningServer) -> None:
        """Linking makes the zaak a deelplan; its cliënt must be a cliënt of the gezinsplan (d.4)."""
        zaak = maak_zaak(soap, WMO, bsn_1=nieuwe_bsn())
        weiger(
            soap,
            server,
            UPDATE,
            "plannen/updateZaak_koppel_aan_gezinsplan",
            "BR-08",
            zaak_identificatie=zaak,
            gezinsplan_identificatie=gezinsplan(soap),
        )

    def test_br09_vestiging_zonder_nummer(self, soap: SoapClient, server: RunningServer) -> None:
        weiger(
            soap,
            server,
            CREEER,
            "plannen/creeerZaak_deelplan_vestiging_zonder_nummer",
            "BR-09",
            zaak_identificatie=nieuw(soap),
            gezinsplan_identificatie=gezinsplan(soap),
        )

    @pytest.mark.parametrize("plan", ["gezinsplan", "deelplan"])
    def test_br09_vestiging_zonder_nummer_toevoegen(
        self, soap: SoapClient, server: RunningServer, plan: str
    ) -> None:
        """d.4: vestigingsNummer is v for an uitvoerende vestiging in the update of every plan-zaak."""
        zaak = (
            gezinsplan(soap)
            if plan == "gezinsplan"
            else maak_zaak(soap, DPL_ALLEEN_GZP, gezinsplan_identificatie=gezinsplan(soap))
        )
        weiger(
            soap,
            server,
            UPDATE,
            "plannen/updateZaak_vestiging_zonder_nummer_toevoegen",
            "BR-09",
            zaak_identificatie=zaak,
        )

    def test_br09a_initiator_is_geen_client(self, soap: SoapClient, server: RunningServer) -> None:
        weiger(
            soap,
            server,
            CREEER,
            "plannen/creeerZaak_deelplan_door_client",
            "BR-09a",
            zaak_identificatie=nieuw(soap),
            gezinsplan_identificatie=gezinsplan(soap, UITGEBREID),
            bsn_initiator=nieuwe_bsn(),
        )

    def test_br09a_initiator_als_client_verwijderen(self, soap: SoapClient, server: RunningServer) -> None:
        deelplan = maak_zaak(
            soap,
            "plannen/creeerZaak_deelplan_door_client",
            gezinsplan_identificatie=gezinsplan(soap, UITGEBREID),
        )
        weiger(
            soap,
            server,
            UPDATE,
            "plannen/updateZaak_client_verwijderen",
            "BR-09a",
            zaak_identificatie=deelplan,
        )


class TestUitvoerendenEnBelanghebbenden:
    def test_br09b_uitvoerende_afdeling(self, soap: SoapClient, server: RunningServer) -> None:
        weiger(
            soap,
            server,
            CREEER,
            "plannen/creeerZaak_gezinsplan_uitvoerende_afdeling",
            "BR-09b",
            zaak_identificatie=nieuw(soap),
        )

    def test_br09b_uitvoerende_afdeling_toevoegen(self, soap: SoapClient, server: RunningServer) -> None:
        weiger(
            soap,
            server,
            UPDATE,
            "plannen/updateZaak_uitvoerende_afdeling_toevoegen",
            "BR-09b",
            zaak_identificatie=gezinsplan(soap),
        )

    def test_br10a_belanghebbende_vestiging(self, soap: SoapClient, server: RunningServer) -> None:
        weiger(
            soap,
            server,
            CREEER,
            "plannen/creeerZaak_gezinsplan_belanghebbende_vestiging",
            "BR-10a",
            zaak_identificatie=nieuw(soap),
        )

    def test_br10a_belanghebbende_vestiging_toevoegen(self, soap: SoapClient, server: RunningServer) -> None:
        weiger(
            soap,
            server,
            UPDATE,
            "plannen/updateZaak_belanghebbende_vestiging_toevoegen",
            "BR-10a",
            zaak_identificatie=gezinsplan(soap),
        )

    def test_br10_belanghebbende_die_client_is_wordt_gelogd(
        self, soap: SoapClient, caplog: pytest.LogCaptureFixture
    ) -> None:
        """g.23: table text, not a hard rule - accepted with a warning that carries no BSN."""
        caplog.set_level(logging.WARNING, logger="rzs")
        zaak = maak_zaak(soap, GZP_A, bsn_belanghebbende_1=D["bsn_1"])
        (regel,) = waarschuwingen(caplog, zaak)
        assert "BR-10: " in regel and D["bsn_1"] not in regel

    def test_br10_belanghebbende_die_client_is_toevoegen_wordt_gelogd(
        self, soap: SoapClient, caplog: pytest.LogCaptureFixture
    ) -> None:
        caplog.set_level(logging.WARNING, logger="rzs")
        zaak = maak_zaak(soap, UITGEBREID)
        reply = soap.stuur(
            UPDATE,
            "zaken/updateZaak_belanghebbende_toevoegen",
            zaak_identificatie=zaak,
            bsn_belanghebbende_nieuw=D["bsn_2"],
        )
        assert reply.status == 200, reply.data[:1500]
        (regel,) = waarschuwingen(caplog, zaak)
        assert "BR-10: " in regel and D["bsn_2"] not in regel


class TestOverigeRegelsVanD9:
    """The d.9 rules outside the plan rules, by code (their behaviour is tested in test_zaken.py)."""

    @pytest.mark.parametrize(
        ("template", "regel", "waarden"),
        [
            (MINIMAAL, "BR-01", {"zaak_identificatie": "0000/000000042"}),
            ("zaken/creeerZaak_zonder_startdatum", "BR-02", {}),
            ("zaken/creeerZaak_onbekend_zaaktype", "BR-03", {}),
            ("zaken/creeerZaak_zonder_initiator", "BR-04", {}),
        ],
    )
    def test_creeerzaak(
        self, soap: SoapClient, server: RunningServer, template: str, regel: str, waarden: dict[str, str]
    ) -> None:
        weiger(soap, server, CREEER, template, regel, **{"zaak_identificatie": nieuw(soap), **waarden})

    @pytest.mark.parametrize(
        ("operatie", "template", "regel"),
        [
            (UPDATE, "zaken/updateZaak_identificatie_wijzigen", "BR-11"),
            (UPDATE, "zaken/updateZaak_zaaktype_wijzigen", "BR-11"),
            ("actualiseerZaakstatus_Lk01", "zaken/actualiseerZaakstatus_onbekend_statustype", "BR-12"),
        ],
    )
    def test_wijzigingen(
        self, soap: SoapClient, server: RunningServer, operatie: str, template: str, regel: str
    ) -> None:
        weiger(soap, server, operatie, template, regel, zaak_identificatie=maak_zaak(soap, UITGEBREID))
