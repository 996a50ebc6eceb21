"""The zaak aggregate: stored and read back whole, replaced on save, found by bsn and zaaktype."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import func, select, text

from rzs.domain.betrokkenen import Betrokkene, Medewerker, Rol, Zaakobject
from rzs.domain.zaak import Kenmerk, Resultaat, Status, Zaak
from rzs.fouten import ObjectBestaatAl, ObjectNietGevonden
from rzs.store import Store, ZaakSelectie
from rzs.store.models import BetrokkeneRow, KenmerkRow, StatusRow, ZaakobjectRow

from . import factories
from .gelijktijdig import start_wachtende

ZAAK_TABELLEN = ("status", "betrokkene", "zaakobject", "zaak_relatie", "kenmerk", "ander_zaakobject")


@pytest.fixture(autouse=True)
def _catalogus(store: Store) -> None:
    with store.unit_of_work() as repos:
        repos.zaaktypen.upsert(factories.zaaktype())
        repos.zaaktypen.upsert(factories.zaaktype("LDP", "Opstellen en uitvoeren levensdomeinplan"))


def _aantal(store: Store, tabel: str) -> int:
    with store.engine.connect() as connection:
        return int(connection.execute(text(f"SELECT count(*) FROM {tabel}")).scalar_one())


def test_zaak_komt_volledig_terug(store: Store) -> None:
    zaak = factories.volledige_zaak()
    with store.unit_of_work() as repos:
        repos.zaken.add(zaak)

    with store.unit_of_work() as repos:
        assert repos.zaken.exists(zaak.identificatie)
        assert repos.zaken.get(zaak.identificatie) == zaak
        assert repos.zaken.get_for_update(zaak.identificatie) == zaak


def test_kale_zaak_komt_terug_zonder_resultaat_opschorting_verlenging(store: Store) -> None:
    zaak = factories.kale_zaak("0363000000000002")
    with store.unit_of_work() as repos:
        repos.zaken.add(zaak)

    with store.unit_of_work() as repos:
        assert repos.zaken.get(zaak.identificatie) == zaak


def test_leeg_resultaat_is_iets_anders_dan_geen_resultaat(store: Store) -> None:
    zaak = replace(factories.kale_zaak("0363000000000003"), resultaat=Resultaat())
    with store.unit_of_work() as repos:
        repos.zaken.add(zaak)

    with store.unit_of_work() as repos:
        opgeslagen = repos.zaken.get(zaak.identificatie)
    assert opgeslagen is not None and opgeslagen.resultaat == Resultaat()


def test_onbekende_zaak(store: Store) -> None:
    with store.unit_of_work() as repos:
        assert not repos.zaken.exists("0363999999999999")
        assert repos.zaken.get("0363999999999999") is None
        assert repos.zaken.get_for_update("0363999999999999") is None


def test_save_vervangt_de_kinderen(store: Store) -> None:
    zaak = factories.volledige_zaak()
    with store.unit_of_work() as repos:
        repos.zaken.add(zaak)

    nieuw = replace(
        zaak,
        zaaktype=factories.zaaktype("LDP", "Opstellen en uitvoeren levensdomeinplan"),
        omschrijving="Gewijzigd",
        einddatum=None,
        resultaat=None,
        verlenging=None,
        kenmerken=[zaak.kenmerken[1], Kenmerk("K-2", "Nieuw")],
        betrokkenen=[Betrokkene(Rol.UITVOERENDE, Medewerker(identificatie="MW002"))],
        zaakobjecten=list(reversed(zaak.zaakobjecten)),
        relaties=[],
        statussen=[*zaak.statussen, Status(4, "Heropend", "20241201080000")],
    )
    with store.unit_of_work() as repos:
        repos.zaken.save(nieuw)

    with store.unit_of_work() as repos:
        assert repos.zaken.get(zaak.identificatie) == nieuw
    assert _aantal(store, "betrokkene") == 1
    assert _aantal(store, "zaak_relatie") == 0
    assert _aantal(store, "status") == 4


def test_save_laat_ongewijzigde_kinderen_staan(store: Store) -> None:
    zaak = factories.volledige_zaak()
    with store.unit_of_work() as repos:
        repos.zaken.add(zaak)
    with store.engine.connect() as connection:
        status_ids = connection.execute(select(StatusRow.id).order_by(StatusRow.id)).scalars().all()

    with store.unit_of_work() as repos:
        repos.zaken.save(replace(zaak, omschrijving="Alleen dit"))

    with store.engine.connect() as connection:
        assert connection.execute(select(StatusRow.id).order_by(StatusRow.id)).scalars().all() == status_ids


def test_save_van_onbekende_zaak(store: Store) -> None:
    with pytest.raises(ObjectNietGevonden), store.unit_of_work() as repos:
        repos.zaken.save(factories.kale_zaak("0363999999999999"))


def test_dubbele_identificatie_geeft_object_bestaat_al(store: Store) -> None:
    with store.unit_of_work() as repos:
        repos.zaken.add(factories.kale_zaak("0363000000000001"))

    with store.unit_of_work() as repos:
        with pytest.raises(ObjectBestaatAl) as fout:
            repos.zaken.add(factories.volledige_zaak("0363000000000001"))
        assert fout.value.code == "StUF067"
        # The transaction is still usable after the refusal.
        repos.zaken.add(factories.kale_zaak("0363000000000002"))

    with store.unit_of_work() as repos:
        assert repos.zaken.get("0363000000000001") == factories.kale_zaak("0363000000000001")
        assert repos.zaken.exists("0363000000000002")


def test_gelijktijdige_creatie_van_dezelfde_zaak(store: Store) -> None:
    """The second transaction only finds out at the unique constraint (PostgreSQL) or at BEGIN."""
    with store.unit_of_work() as repos:
        repos.zaken.add(factories.volledige_zaak("0363000000000001"))
        tweede = start_wachtende(store, lambda r: r.zaken.add(factories.kale_zaak("0363000000000001")))

    assert [type(fout) for fout in tweede.afwachten()] == [ObjectBestaatAl]
    with store.unit_of_work() as repos:
        assert repos.zaken.get("0363000000000001") == factories.volledige_zaak("0363000000000001")


def test_get_for_update_laat_de_volgende_wachten_op_de_nieuwe_stand(store: Store) -> None:
    """Two updateZaak on one zaak: the second reads after the first commits, so no lost update."""
    with store.unit_of_work() as repos:
        repos.zaken.add(factories.kale_zaak("0363000000000001"))
    gelezen: list[Zaak | None] = []

    with store.unit_of_work() as repos:
        zaak = repos.zaken.get_for_update("0363000000000001")
        assert zaak is not None
        tweede = start_wachtende(store, lambda r: gelezen.append(r.zaken.get_for_update(zaak.identificatie)))
        repos.zaken.save(replace(zaak, omschrijving="Door de eerste"))

    assert tweede.afwachten() == []
    assert [z.omschrijving if z else None for z in gelezen] == ["Door de eerste"]


def test_zaak_met_onbekend_zaaktype(store: Store) -> None:
    zaak = factories.kale_zaak("0363000000000001", factories.zaaktype("ONBEKEND"))
    with pytest.raises(ObjectNietGevonden), store.unit_of_work() as repos:
        repos.zaken.add(zaak)


def test_kinderen_verdwijnen_met_hun_zaak(store: Store) -> None:
    with store.unit_of_work() as repos:
        repos.zaken.add(factories.volledige_zaak())

    with store.engine.begin() as connection:
        connection.execute(text("DELETE FROM zaak"))

    assert {tabel: _aantal(store, tabel) for tabel in ZAAK_TABELLEN} == dict.fromkeys(ZAAK_TABELLEN, 0)


def test_gerelateerden_staan_als_soort_en_sleutel_in_kolommen(store: Store) -> None:
    with store.unit_of_work() as repos:
        repos.zaken.add(factories.volledige_zaak())

    with store.engine.connect() as connection:
        betrokkenen = connection.execute(
            select(BetrokkeneRow.soort, BetrokkeneRow.sleutel).order_by(BetrokkeneRow.volgorde)
        ).all()
        zaakobjecten = connection.execute(
            select(ZaakobjectRow.soort, ZaakobjectRow.element, ZaakobjectRow.sleutel).order_by(
                ZaakobjectRow.volgorde
            )
        ).all()
        kenmerken = connection.execute(select(func.count()).select_from(KenmerkRow)).scalar_one()
    assert [tuple(r) for r in betrokkenen] == [
        ("NPS", factories.BSN),
        ("NPS", "999888777"),
        ("MDW", "MW001"),
        ("MDW", None),
        ("VES", "000012345678"),
        ("OEH", "OE1"),
        ("NNP", "123456789"),
        ("PND", "0363100012345678"),
    ]
    assert [tuple(r) for r in zaakobjecten] == [
        ("NPS", "natuurlijkPersoon", factories.BSN),
        ("PND", "pand", "0363100012345678"),
    ]
    assert kenmerken == 2


# --- zoeken ----------------------------------------------------------------------------------


@pytest.fixture
def drie_zaken(store: Store) -> None:
    ldp = factories.zaaktype("LDP", "Opstellen en uitvoeren levensdomeinplan")
    als_zaakobject = replace(
        factories.kale_zaak("0363000000000003"), zaakobjecten=[Zaakobject(factories.natuurlijk_persoon())]
    )
    als_betrokkene = replace(
        factories.kale_zaak("0363000000000001", ldp),
        betrokkenen=[Betrokkene(Rol.BELANGHEBBENDE, factories.natuurlijk_persoon())],
    )
    iemand_anders = replace(
        factories.kale_zaak("0363000000000002"),
        zaakobjecten=[Zaakobject(factories.natuurlijk_persoon("999888777"))],
        betrokkenen=[Betrokkene(Rol.UITVOERENDE, Medewerker(identificatie=factories.BSN))],
    )
    with store.unit_of_work() as repos:
        for zaak in (als_zaakobject, als_betrokkene, iemand_anders):
            repos.zaken.add(zaak)


def _gevonden(store: Store, selectie: ZaakSelectie) -> list[str]:
    with store.unit_of_work() as repos:
        return [zaak.identificatie for zaak in repos.zaken.zoek(selectie)]


@pytest.mark.usefixtures("drie_zaken")
def test_zoek_op_bsn_vindt_zaakobject_en_betrokkene(store: Store) -> None:
    # The medewerker whose identificatie equals the bsn is no natuurlijk persoon: not found.
    assert _gevonden(store, ZaakSelectie(bsn=factories.BSN)) == ["0363000000000001", "0363000000000003"]
    assert _gevonden(store, ZaakSelectie(bsn="000000000")) == []


@pytest.mark.usefixtures("drie_zaken")
def test_zoek_op_zaaktype_identificatie_en_combinatie(store: Store) -> None:
    assert _gevonden(store, ZaakSelectie(zaaktype_code="GZP")) == ["0363000000000002", "0363000000000003"]
    assert _gevonden(store, ZaakSelectie(identificatie="0363000000000002")) == ["0363000000000002"]
    assert _gevonden(store, ZaakSelectie(bsn=factories.BSN, zaaktype_code="GZP")) == ["0363000000000003"]
    assert _gevonden(store, ZaakSelectie(bsn=factories.BSN, identificatie="0363000000000002")) == []


@pytest.mark.usefixtures("drie_zaken")
def test_zoek_geordend_en_begrensd(store: Store) -> None:
    assert _gevonden(store, ZaakSelectie()) == ["0363000000000001", "0363000000000002", "0363000000000003"]
    assert _gevonden(store, ZaakSelectie(maximum=2)) == ["0363000000000001", "0363000000000002"]


@pytest.mark.usefixtures("drie_zaken")
def test_zoek_geeft_volledige_zaken(store: Store) -> None:
    with store.unit_of_work() as repos:
        (zaak,) = repos.zaken.zoek(ZaakSelectie(identificatie="0363000000000003"))
        assert zaak == repos.zaken.get("0363000000000003")
    assert zaak.zaaktype == factories.zaaktype()


@pytest.mark.parametrize("rol", list(Rol))
def test_zoek_op_bsn_in_elke_rol(store: Store, rol: Rol) -> None:
    """Integraal klantbeeld: a person is found in every betrokkene role, not only as cliënt."""
    zaak = replace(
        factories.kale_zaak("0363000000000004"), betrokkenen=[Betrokkene(rol, factories.natuurlijk_persoon())]
    )
    with store.unit_of_work() as repos:
        repos.zaken.add(zaak)

    assert _gevonden(store, ZaakSelectie(bsn=factories.BSN)) == ["0363000000000004"]
