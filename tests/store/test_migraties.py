"""The schema comes from the Alembic migrations, and those agree with the models."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect, text

from rzs.store import Store
from rzs.store.models import Base
from rzs.store.session import MIGRATIONS_DIR

from . import factories, werkers
from .conftest import AANTAL_PROCESSEN, Processen

TABELLEN = {
    "aanvullend_element",
    "abonnement",
    "alembic_version",
    "ander_zaakobject",
    "besluit",
    "besluittype",
    "betrokkene",
    "catalogus_versie",
    "document",
    "document_checkout",
    "document_versie",
    "documenttype",
    "hartslag",
    "identificatie_teller",
    "kenmerk",
    "ontvangen_bericht",
    "outbox",
    "overdracht",
    "protocol",
    "protocol_bsn",
    "protocol_keten",
    "resultaattype",
    "status",
    "statustype",
    "uitgegeven_identificatie",
    "voorziening",
    "zaak",
    "zaak_relatie",
    "zaakobject",
    "zaaktype",
}


def _alembic(connection: Connection | None = None) -> Config:
    """The alembic configuration of our migrations, on ``connection`` (as Store.migrate does)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def _head() -> str:
    """The newest revision in migrations/versions: what a migrated database must be at."""
    head = ScriptDirectory.from_config(_alembic()).get_current_head()
    assert head is not None
    return head


def _versie(store: Store) -> str:
    with store.engine.connect() as connection:
        return str(connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one())


def test_migreren_van_leeg_maakt_alle_tabellen(lege_store: Store) -> None:
    lege_store.migrate()

    assert set(inspect(lege_store.engine).get_table_names()) == TABELLEN
    assert _versie(lege_store) == _head()


def test_twee_keer_migreren_verandert_niets(lege_store: Store) -> None:
    lege_store.migrate()
    with lege_store.unit_of_work() as repos:
        repos.zaaktypen.upsert(factories.zaaktype())

    lege_store.migrate()

    assert _versie(lege_store) == _head()
    with lege_store.unit_of_work() as repos:
        assert repos.zaaktypen.get("GZP", None) == factories.zaaktype()


def test_migraties_en_models_beschrijven_hetzelfde_schema(store: Store) -> None:
    with store.engine.connect() as connection:
        verschillen = compare_metadata(MigrationContext.configure(connection), Base.metadata)

    assert verschillen == []


def test_downgrade_en_weer_upgrade(store: Store) -> None:
    with store.engine.connect() as connection:
        command.downgrade(_alembic(connection), "base")

    assert set(inspect(store.engine).get_table_names()) == {"alembic_version"}
    store.migrate()
    assert set(inspect(store.engine).get_table_names()) == TABELLEN


def test_gelijktijdig_migreren_vanuit_veel_processen(database_url: str, processen: Processen) -> None:
    """gunicorn workers or several servers starting at once on one fresh database."""
    assert processen.run(werkers.migreer, database_url) == [True] * AANTAL_PROCESSEN

    store = Store(database_url)
    try:
        assert _versie(store) == _head()
        assert set(inspect(store.engine).get_table_names()) == TABELLEN
    finally:
        store.dispose()


def test_catalogus_migratie_op_bestaande_database(lege_store: Store) -> None:
    """0003 adds resultaat- and documenttypen to a database that already has zaaktypen (and zaken)."""
    with lege_store.engine.connect() as connection:
        command.upgrade(_alembic(connection), "0002")
    with lege_store.engine.begin() as connection:
        connection.execute(
            text("INSERT INTO zaaktype (code, omschrijving, plansoort) VALUES ('GZP', 'GZP', 'gezinsplan')")
        )

    lege_store.migrate()

    with lege_store.unit_of_work() as repos:
        gzp = repos.zaaktypen.get("GZP", None)
    assert gzp is not None and gzp.resultaattypen == () and gzp.documenttypen == ()
