"""Zaakdocumenten and their content: stored whole, versions only ever added, the checkout lock,
content by sha256 in chunks, orphans cleaned without touching what rows reference."""

from __future__ import annotations

import hashlib
import io
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from rzs.domain import document as regels
from rzs.domain.document import Checkout, Document, Documentgegevens, Inhoud
from rzs.fouten import ObjectBestaatAl, ObjectNietGevonden
from rzs.store import BlobStore, Store
from rzs.store.blobs import CHUNK
from rzs.store.models import DocumentVersieRow

from . import factories
from .gelijktijdig import start_wachtende

ZAAK = "0363000000000001"
GEGEVENS = Documentgegevens(
    titel="Gezinsplan",
    taal="nld",
    vertrouwelijk_aanduiding="VERTROUWELIJK",
    auteur="MDW0001",
    creatiedatum="20240115",
    formaat="application/pdf",
    documenttype="Gezinsplan",
)


@pytest.fixture
def store(database_url: str, tmp_path: Path) -> Iterator[Store]:
    store = Store(database_url, tmp_path / "inhoud")
    store.migrate()
    with store.unit_of_work() as repos:
        repos.zaaktypen.upsert(factories.zaaktype())
        repos.zaken.add(factories.kale_zaak(ZAAK))
    yield store
    store.dispose()


def _document(store: Store, identificatie: str, data: bytes | None = b"versie 1") -> Document:
    with store.unit_of_work() as repos:
        inhoud = None
        if data is not None:
            blob = repos.documenten.bewaar_inhoud(io.BytesIO(data))
            inhoud = Inhoud(blob.sha256, blob.size, "plan.pdf", "application/pdf")
        document = regels.nieuw_document(
            identificatie,
            ZAAK,
            GEGEVENS,
            inhoud,
            registratiedatum="20240115",
            geregistreerd="20240115101500000",
        )
        repos.documenten.add(document)
    return document


def _inhoud(store: Store, sha256: str) -> bytes:
    with store.unit_of_work() as repos:
        return b"".join(repos.documenten.lees_inhoud(sha256))


def test_document_komt_volledig_terug(store: Store) -> None:
    document = _document(store, "0363000000000101")

    with store.unit_of_work() as repos:
        assert repos.documenten.exists(document.identificatie)
        assert repos.documenten.get(document.identificatie) == document
        assert repos.documenten.get_for_update(document.identificatie) == document
        assert repos.documenten.voor_zaak(ZAAK) == [document]
    versie = document.huidige_versie
    assert versie.gegevens.versie == "1"
    assert versie.inhoud is not None and _inhoud(store, versie.inhoud.sha256) == b"versie 1"


def test_document_zonder_inhoud(store: Store) -> None:
    document = _document(store, "0363000000000102", data=None)
    with store.unit_of_work() as repos:
        assert repos.documenten.get(document.identificatie) == document
        assert repos.documenten.inhoud_in_gebruik() == set()


def test_onbekende_zaak_en_dubbele_identificatie(store: Store) -> None:
    _document(store, "0363000000000103")
    dubbel = regels.nieuw_document(
        "0363000000000103",
        ZAAK,
        GEGEVENS,
        None,
        registratiedatum="20240115",
        geregistreerd="20240115101500000",
    )
    with pytest.raises(ObjectBestaatAl), store.unit_of_work() as repos:
        repos.documenten.add(dubbel)
    wees = regels.nieuw_document(
        "0363000000000104", "0363999999999999", GEGEVENS, None, registratiedatum="20240115", geregistreerd="1"
    )
    with pytest.raises(ObjectNietGevonden), store.unit_of_work() as repos:
        repos.documenten.add(wees)
    with store.unit_of_work() as repos:
        assert not repos.documenten.exists("0363000000000104")


def test_versies_worden_alleen_toegevoegd(store: Store) -> None:
    identificatie = "0363000000000105"
    _document(store, identificatie)
    with store.unit_of_work() as repos:
        document = repos.documenten.get_for_update(identificatie)
        assert document is not None
        regels.checkout(
            document, checked_out_id="co-1", door="regisseur01", zender="0363|REGIE||regisseur01", sinds="1"
        )
        repos.documenten.save(document)
    with store.unit_of_work() as repos:
        document = repos.documenten.get_for_update(identificatie)
        assert document is not None
        assert document.checkout == Checkout("co-1", "regisseur01", "0363|REGIE||regisseur01", "1")
        regels.controleer_checkout(document, "co-1", "0363|REGIE||regisseur01", vereist=False)
        blob = repos.documenten.bewaar_inhoud(io.BytesIO(b"versie 2"))
        regels.nieuwe_versie(
            document, {"titel": "Nieuw"}, Inhoud(blob.sha256, blob.size, "plan2.pdf"), geregistreerd="2"
        )
        repos.documenten.save(document)

    with store.unit_of_work() as repos:
        opgeslagen = repos.documenten.get(identificatie)
        assert opgeslagen is not None
    assert opgeslagen.checkout is None
    assert [v.versienummer for v in opgeslagen.versies] == [1, 2]
    eerste, tweede = opgeslagen.versies
    assert (eerste.gegevens.titel, tweede.gegevens.titel) == ("Gezinsplan", "Nieuw")
    assert (eerste.gegevens.versie, tweede.gegevens.versie) == ("1", "2")
    assert eerste.inhoud is not None and tweede.inhoud is not None
    assert _inhoud(store, eerste.inhoud.sha256) == b"versie 1"
    assert _inhoud(store, tweede.inhoud.sha256) == b"versie 2"
    assert opgeslagen.versie("1") == eerste


def test_nieuwe_checkout_na_annuleren(store: Store) -> None:
    identificatie = "0363000000000106"
    _document(store, identificatie)
    for checked_out_id in ("co-a", "co-b"):
        with store.unit_of_work() as repos:
            document = repos.documenten.get_for_update(identificatie)
            assert document is not None
            regels.checkout(document, checked_out_id=checked_out_id, door="u", zender="z", sinds="1")
            repos.documenten.save(document)
        with store.unit_of_work() as repos:
            document = repos.documenten.get_for_update(identificatie)
            assert document is not None and document.checkout is not None
            assert document.checkout.checked_out_id == checked_out_id
            regels.annuleer_checkout(document, checked_out_id, "z")
            repos.documenten.save(document)
    with store.unit_of_work() as repos:
        document = repos.documenten.get(identificatie)
        assert document is not None and document.checkout is None and len(document.versies) == 1


def test_get_for_update_laat_een_tweede_wachten(store: Store) -> None:
    identificatie = "0363000000000107"
    _document(store, identificatie)
    with store.unit_of_work() as repos:
        document = repos.documenten.get_for_update(identificatie)
        assert document is not None
        wachtende = start_wachtende(store, lambda r: r.documenten.get_for_update(identificatie))
        regels.checkout(document, checked_out_id="co-x", door="u", zender="z", sinds="1")
        repos.documenten.save(document)
    assert wachtende.afwachten() == []


def test_teruggedraaide_inhoud_wordt_als_wees_opgeruimd(store: Store) -> None:
    gebruikt = _document(store, "0363000000000108", data=b"blijft").huidige_versie.inhoud
    assert gebruikt is not None
    with pytest.raises(RuntimeError), store.unit_of_work() as repos:
        wees = repos.documenten.bewaar_inhoud(io.BytesIO(b"de transactie faalt"))
        raise RuntimeError("refused after the content was written")
    assert store.blobs.exists(wees.sha256)
    with store.unit_of_work() as repos:
        in_gebruik = repos.documenten.inhoud_in_gebruik()
        assert gebruikt.sha256 in in_gebruik and wees.sha256 not in in_gebruik
    with store.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(DocumentVersieRow)).scalar_one() == 1

    assert store.blobs.delete_orphans(in_gebruik) == 0  # within the grace period: kept
    assert store.blobs.delete_orphans(in_gebruik, grace_seconds=0) == 1
    assert not store.blobs.exists(wees.sha256)
    assert store.blobs.exists(gebruikt.sha256)


# --- the content store on its own --------------------------------------------------------------


def test_blobstore_schrijft_en_leest_in_stukken(tmp_path: Path) -> None:
    blobs = BlobStore(tmp_path)
    data = os.urandom(3 * CHUNK + 17)
    blob = blobs.put(io.BytesIO(data))
    assert blob.sha256 == hashlib.sha256(data).hexdigest() and blob.size == len(data)
    stukken = list(blobs.chunks(blob.sha256))
    assert [len(s) for s in stukken] == [CHUNK, CHUNK, CHUNK, 17]
    assert b"".join(stukken) == data
    assert blobs.size(blob.sha256) == len(data)
    assert blobs.path(blob.sha256).relative_to(tmp_path).parts[:2] == (blob.sha256[:2], blob.sha256[2:4])
    assert list((tmp_path / "tmp").iterdir()) == []


def test_blobstore_bewaart_dezelfde_inhoud_een_keer_en_ververst_hem(tmp_path: Path) -> None:
    blobs = BlobStore(tmp_path)
    eerste = blobs.put(io.BytesIO(b"zelfde"))
    pad = blobs.path(eerste.sha256)
    os.utime(pad, (time.time() - 7200, time.time() - 7200))
    assert blobs.put(io.BytesIO(b"zelfde")) == eerste
    assert time.time() - pad.stat().st_mtime < 60  # put again: in use, out of delete_orphans' reach
    assert len(list(tmp_path.glob("*/*/*"))) == 1


def test_blobstore_ontbrekende_inhoud_faalt_meteen(tmp_path: Path) -> None:
    blobs = BlobStore(tmp_path)
    with pytest.raises(FileNotFoundError):
        blobs.chunks("0" * 64)
    with pytest.raises(ValueError):
        blobs.path("../../etc/passwd")


def test_blobstore_ruimt_oude_tijdelijke_bestanden_op(tmp_path: Path) -> None:
    blobs = BlobStore(tmp_path)
    (tmp_path / "tmp").mkdir()
    restant = tmp_path / "tmp" / "halfgeschreven"
    restant.write_bytes(b"...")
    os.utime(restant, (time.time() - 7200, time.time() - 7200))
    assert blobs.delete_orphans(set()) == 1
    assert not restant.exists()
