"""Limits on relations per zaak and on the size of an answer (issue 11, item 8): LIM-01 refuses
with StUF055 and changes nothing, LIM-02 cuts a La01 with the melding StUF0002."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from test_zaken import UITGEBREID, details, maak_zaak

from rzs import ns
from rzs.config import Settings
from support.server import RunningServer, run_server
from support.soap import SoapClient
from support.weigering import verwerp

MINIMAAL = "zaken/creeerZaak_gezinsplan_minimaal"  # two relations: a cliënt and the initiator
BELANGHEBBENDE = "zaken/updateZaak_belanghebbende_toevoegen"


@pytest.fixture(scope="module")
def krap(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """A server whose zaken hold three relations and whose answers hold two related objects."""
    tmp: Path = tmp_path_factory.mktemp("limieten")
    settings = Settings(
        database_url=f"sqlite:///{tmp / 'limieten.sqlite3'}",
        data_dir=tmp,
        max_relaties_per_zaak=3,
        max_antwoord_objecten=2,
    )
    with run_server(settings) as running:
        yield running


@pytest.fixture(scope="module")
def krappe_soap(krap: RunningServer) -> SoapClient:
    return SoapClient(krap.base_url)


def test_creeerzaak_met_te_veel_relaties(krappe_soap: SoapClient, krap: RunningServer) -> None:
    identificatie = krappe_soap.genereer_zaakidentificatie()
    reply = verwerp(
        krappe_soap, krap, "creeerZaak_Lk01", UITGEBREID, "StUF055", zaak_identificatie=identificatie
    )
    assert reply.details.startswith("LIM-01: een zaak heeft ten hoogste 3 relaties")


def test_updatezaak_voorbij_het_maximum(krappe_soap: SoapClient, krap: RunningServer) -> None:
    identificatie = maak_zaak(krappe_soap, MINIMAAL)
    derde = krappe_soap.stuur("updateZaak_Lk01", BELANGHEBBENDE, zaak_identificatie=identificatie)
    assert derde.status == 200, derde.data[:1500]
    reply = verwerp(
        krappe_soap,
        krap,
        "updateZaak_Lk01",
        BELANGHEBBENDE,
        "StUF055",
        zaak_identificatie=identificatie,
    )
    assert reply.details.startswith("LIM-01:")


def test_antwoord_wordt_afgekapt_met_melding(krappe_soap: SoapClient) -> None:
    identificatie = maak_zaak(krappe_soap, MINIMAAL)
    heel = details(krappe_soap, identificatie)
    assert heel.body.find(ns.zkn("melding")) is None
    reply = krappe_soap.stuur("updateZaak_Lk01", BELANGHEBBENDE, zaak_identificatie=identificatie)
    assert reply.status == 200, reply.data[:1500]
    afgekapt = details(krappe_soap, identificatie)  # valid against the schema (details() checks)
    assert afgekapt.body.findtext(ns.zkn("melding")) == "StUF0002: Meer objecten gevraagd dan teruggegeven"
    zaak = afgekapt.body.find(f"{ns.zkn('antwoord')}/{ns.zkn('object')}")
    assert zaak is not None
    relaties = [e for e in zaak if isinstance(e.tag, str) and e.get(ns.ENTITEITTYPE)]
    assert len([r for r in relaties if ns.local_name(r.tag) != "isVan"]) == 2
