"""The zaaktype catalogue: loaded by upsert, found by code or omschrijving."""

from __future__ import annotations

from dataclasses import replace

import pytest

from rzs.domain.zaaktype import Besluittype, Documenttype, PlanSoort, Resultaattype, Statustype
from rzs.store import Store

from . import factories


def test_upsert_en_get(store: Store) -> None:
    gzp = factories.zaaktype()
    with store.unit_of_work() as repos:
        repos.zaaktypen.upsert(gzp)

    with store.unit_of_work() as repos:
        assert repos.zaaktypen.get("GZP", None) == gzp
        assert repos.zaaktypen.get(None, "Opstellen en uitvoeren gezinsplan") == gzp
        # The code decides when given; the service judges a differing omschrijving.
        assert repos.zaaktypen.get("GZP", "Iets anders") == gzp
        assert repos.zaaktypen.get("ONBEKEND", "Opstellen en uitvoeren gezinsplan") is None
        assert repos.zaaktypen.get(None, None) is None


def test_upsert_werkt_bij_en_houdt_statustypen_in_volgorde(store: Store) -> None:
    with store.unit_of_work() as repos:
        repos.zaaktypen.upsert(factories.zaaktype())
    gewijzigd = replace(
        factories.zaaktype(),
        omschrijving="Gezinsplan",
        plansoort=PlanSoort.OVERIG,
        ingangsdatum=None,
        statustypen=(
            Statustype(4, "Zaak afgerond"),
            Statustype(1, "Aangemeld", code="A"),
            Statustype(2, "Gezinsplan opgesteld"),
        ),
    )

    with store.unit_of_work() as repos:
        repos.zaaktypen.upsert(gewijzigd)
        repos.zaaktypen.upsert(gewijzigd)

    with store.unit_of_work() as repos:
        opgeslagen = repos.zaaktypen.get("GZP", None)
    op_volgnummer = tuple(sorted(gewijzigd.statustypen, key=lambda s: s.volgnummer))
    assert opgeslagen == replace(gewijzigd, statustypen=op_volgnummer)


def test_all_geordend_op_code(store: Store) -> None:
    with store.unit_of_work() as repos:
        repos.zaaktypen.upsert(factories.zaaktype("LDP", "Levensdomeinplan"))
        repos.zaaktypen.upsert(factories.zaaktype("GZP", "Gezinsplan"))

    with store.unit_of_work() as repos:
        assert [zaaktype.code for zaaktype in repos.zaaktypen.all()] == ["GZP", "LDP"]


def test_resultaat_document_en_besluittypen_heen_en_terug_en_bijgewerkt(store: Store) -> None:
    wmo = replace(
        factories.zaaktype("WMO", "Wmo maatwerkvoorziening"),
        plansoort=PlanSoort.OVERIG,
        resultaattypen=(
            Resultaattype("Toegekend", omschrijving_generiek="Toegekend", archiefnominatie="N"),
            Resultaattype("Afgewezen"),
        ),
        documenttypen=(Documenttype("Aanvraag", categorie="Aanvraag"), Documenttype("Beschikking")),
        besluittypen=(
            Besluittype("Beschikking Wmo maatwerkvoorziening", code="BWMO", categorie="Beschikking"),
        ),
    )
    with store.unit_of_work() as repos:
        repos.zaaktypen.upsert(wmo)
    with store.unit_of_work() as repos:
        assert repos.zaaktypen.get("WMO", None) == wmo

    # Same omschrijvingen in another order with other data, one dropped, one new: updated in place
    # (a delete + insert of the same omschrijving would hit the unique constraint at flush).
    gewijzigd = replace(
        wmo,
        resultaattypen=(Resultaattype("Afgewezen", archiefnominatie="J"), Resultaattype("Ingetrokken")),
        documenttypen=(Documenttype("Beschikking", categorie="Besluit"),),
        besluittypen=(
            Besluittype("Beschikking Wmo maatwerkvoorziening", omschrijving_generiek="Beschikking"),
        ),
    )
    with store.unit_of_work() as repos:
        repos.zaaktypen.upsert(gewijzigd)
    with store.unit_of_work() as repos:
        assert repos.zaaktypen.get("WMO", None) == gewijzigd
        assert repos.zaaktypen.all() == [gewijzigd]


def test_catalogus_in_een_ander_proces_gewijzigd_is_bij_de_volgende_unit_of_work_zichtbaar(
    store: Store, database_url: str
) -> None:
    """Each process caches the catalogue (issue 14); another process's ``rzs zaaktypen import``
    (here: a second Store, its own cache) is seen by the next unit of work, a rolled-back change
    never, not even by the process that made it."""
    ander_proces = Store(database_url)
    try:
        with store.unit_of_work() as repos:
            assert repos.zaaktypen.get("GZP", None) is None  # cached: an empty catalogue
        with ander_proces.unit_of_work() as repos:
            repos.zaaktypen.upsert(factories.zaaktype())
        with store.unit_of_work(alleen_lezen=True) as repos:
            assert repos.zaaktypen.get("GZP", None) == factories.zaaktype()

        teruggedraaid = factories.zaaktype("LDP", "Levensdomeinplan")
        with pytest.raises(RuntimeError), ander_proces.unit_of_work() as repos:
            repos.zaaktypen.upsert(teruggedraaid)
            assert repos.zaaktypen.get("LDP", None) == teruggedraaid  # its own change, in its transaction
            raise RuntimeError("import afgebroken")
        for proces in (store, ander_proces):
            with proces.unit_of_work(alleen_lezen=True) as repos:
                assert repos.zaaktypen.get("LDP", None) is None
                assert repos.zaaktypen.all() == [factories.zaaktype()]
    finally:
        ander_proces.dispose()


def test_ongewijzigd_laden_schrijft_niets(store: Store) -> None:
    """Every start loads the catalogue file: an unchanged zaaktype is not written again, so the
    catalogue version (and every process's cache) stays as it is."""
    with store.unit_of_work() as repos:
        repos.zaaktypen.upsert(factories.zaaktype())
    with store.engine.connect() as verbinding:
        versie = verbinding.exec_driver_sql("SELECT versie FROM catalogus_versie").scalar_one()
    with store.unit_of_work() as repos:
        repos.zaaktypen.upsert(factories.zaaktype())
    with store.engine.connect() as verbinding:
        assert verbinding.exec_driver_sql("SELECT versie FROM catalogus_versie").scalar_one() == versie
    with store.unit_of_work() as repos:
        repos.zaaktypen.upsert(replace(factories.zaaktype(), omschrijving="Gewijzigd"))
    with store.engine.connect() as verbinding:
        assert verbinding.exec_driver_sql("SELECT versie FROM catalogus_versie").scalar_one() == versie + 1
