"""StUF idempotency: an answer is remembered per (zender, referentienummer), once."""

from __future__ import annotations

import pytest

from rzs.store import BerichtAlVastgelegd, OntvangenBericht, Store

from .gelijktijdig import start_wachtende

ZENDER = "0363|ZSH|"
ANTWOORD = b"<Bv03>\x00\xff bytes as sent</Bv03>"
EERSTE = OntvangenBericht(ZENDER, "ref-1", "sha256:abc", ANTWOORD)


def test_vastleggen_en_terugvinden(store: Store) -> None:
    with store.unit_of_work() as repos:
        assert repos.berichten.find(ZENDER, "ref-1") is None
        repos.berichten.record(ZENDER, "ref-1", "sha256:abc", ANTWOORD)

    with store.unit_of_work() as repos:
        assert repos.berichten.find(ZENDER, "ref-1") == EERSTE
        assert repos.berichten.find("andere zender", "ref-1") is None


def test_zelfde_sleutel_twee_keer_vastleggen(store: Store) -> None:
    with store.unit_of_work() as repos:
        repos.berichten.record(ZENDER, "ref-1", "sha256:abc", ANTWOORD)

    with pytest.raises(BerichtAlVastgelegd) as fout, store.unit_of_work() as repos:
        repos.identificaties.reserveer("zaak", "0363")
        repos.berichten.record(ZENDER, "ref-1", "sha256:def", b"ander antwoord")
    assert (fout.value.zender, fout.value.referentienummer) == (ZENDER, "ref-1")

    with store.unit_of_work() as repos:
        assert repos.berichten.find(ZENDER, "ref-1") == EERSTE
        assert not repos.identificaties.is_uitgegeven("zaak", "0363000000000001")


def test_transactie_blijft_bruikbaar_na_weigering(store: Store) -> None:
    """The refused insert runs in a savepoint: the caller may still decide to go on."""
    with store.unit_of_work() as repos:
        repos.berichten.record(ZENDER, "ref-1", "sha256:abc", ANTWOORD)

    with store.unit_of_work() as repos:
        with pytest.raises(BerichtAlVastgelegd):
            repos.berichten.record(ZENDER, "ref-1", "sha256:abc", ANTWOORD)
        repos.berichten.record(ZENDER, "ref-2", "sha256:def", b"tweede")

    with store.unit_of_work() as repos:
        assert repos.berichten.find(ZENDER, "ref-1") == EERSTE
        assert repos.berichten.find(ZENDER, "ref-2") is not None


def test_gelijktijdig_vastleggen_van_dezelfde_sleutel(store: Store) -> None:
    """Two copies of one message in flight: the one that commits second is refused."""
    with store.unit_of_work() as repos:
        repos.berichten.record(ZENDER, "ref-1", "sha256:abc", ANTWOORD)
        tweede = start_wachtende(
            store, lambda r: r.berichten.record(ZENDER, "ref-1", "sha256:abc", b"tweede")
        )

    assert [type(fout) for fout in tweede.afwachten()] == [BerichtAlVastgelegd]
    with store.unit_of_work() as repos:
        assert repos.berichten.find(ZENDER, "ref-1") == EERSTE
