"""Besluiten in the store: stored with a copy of their besluittype, found per zaak, unlinked without
being lost, and unique by identificatie (also when the zaak is deleted under them)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import delete

from rzs.domain.besluit import Besluit
from rzs.domain.zaaktype import Besluittype
from rzs.fouten import ObjectBestaatAl, ObjectNietGevonden
from rzs.store import Store
from rzs.store.models import ZaakRow

from . import factories

ZAAK = "0363000000000001"
BESCHIKKING = Besluittype("Beschikking jeugdhulp", code="BJGD", categorie="Beschikking")


def _besluit(identificatie: str = "0363000000000301", zaak: str | None = ZAAK) -> Besluit:
    return Besluit(
        identificatie=identificatie,
        besluittype=BESCHIKKING,
        zaak=zaak,
        datum_beslissing="20240115",
        toelichting="Toegekend",
        ingangsdatum_werking="20240201",
        einddatum_werking="20250131",
        vervalreden="Besluit met tijdelijke werking",
    )


@pytest.fixture
def met_zaak(store: Store) -> Store:
    with store.unit_of_work() as repos:
        repos.zaaktypen.upsert(factories.zaaktype())
    with store.unit_of_work() as repos:
        repos.zaken.add(factories.kale_zaak(ZAAK))
    return store


def test_heen_en_terug_en_per_zaak(met_zaak: Store) -> None:
    with met_zaak.unit_of_work() as repos:
        repos.besluiten.add(_besluit("0363000000000302"))
        repos.besluiten.add(_besluit())
    with met_zaak.unit_of_work() as repos:
        assert repos.besluiten.get("0363000000000301") == _besluit()
        assert [b.identificatie for b in repos.besluiten.voor_zaak(ZAAK)] == [
            "0363000000000301",
            "0363000000000302",
        ]
        assert repos.besluiten.get("0363000000009999") is None


def test_ontkoppelen_bewaart_het_besluit(met_zaak: Store) -> None:
    with met_zaak.unit_of_work() as repos:
        repos.besluiten.add(_besluit())
    with met_zaak.unit_of_work() as repos:
        repos.besluiten.save(replace(_besluit(), zaak=None, toelichting=None))
    with met_zaak.unit_of_work() as repos:
        assert repos.besluiten.voor_zaak(ZAAK) == []
        assert repos.besluiten.get("0363000000000301") == replace(_besluit(), zaak=None, toelichting=None)


def test_dubbele_identificatie_en_onbekende_zaak(met_zaak: Store) -> None:
    with met_zaak.unit_of_work() as repos:
        repos.besluiten.add(_besluit())
    with met_zaak.unit_of_work() as repos, pytest.raises(ObjectBestaatAl):
        repos.besluiten.add(_besluit())
    with met_zaak.unit_of_work() as repos, pytest.raises(ObjectNietGevonden):
        repos.besluiten.add(_besluit("0363000000000303", zaak="0363000000009999"))
    with met_zaak.unit_of_work() as repos, pytest.raises(ObjectNietGevonden):
        repos.besluiten.save(_besluit("0363000000000304"))


def test_zaak_weg_besluit_blijft(met_zaak: Store) -> None:
    """ON DELETE SET NULL: a besluit is not a child of its zaak (migration 0005)."""
    with met_zaak.unit_of_work() as repos:
        repos.besluiten.add(_besluit())
    with met_zaak.engine.begin() as connection:
        connection.execute(delete(ZaakRow).where(ZaakRow.identificatie == ZAAK))
    with met_zaak.unit_of_work() as repos:
        assert repos.besluiten.get("0363000000000301") == replace(_besluit(), zaak=None)
