"""genereerZaakIdentificatie: every number handed out once, under any concurrency (DIGEST f.1)."""

from __future__ import annotations

import pytest
from sqlalchemy import insert

from rzs.store import Store
from rzs.store.models import UitgegevenIdentificatieRow

from . import werkers
from .conftest import AANTAL_PROCESSEN, Processen


def test_opeenvolgende_nummers_per_soort_en_prefix(store: Store) -> None:
    with store.unit_of_work() as repos:
        reeks = [repos.identificaties.reserveer("zaak", "0363") for _ in range(3)]
        andere_gemeente = repos.identificaties.reserveer("zaak", "0518")
        document = repos.identificaties.reserveer("document", "0363")

    assert reeks == ["0363000000000001", "0363000000000002", "0363000000000003"]
    assert andere_gemeente == "0518000000000001"
    assert document == "0363000000000001"
    with store.unit_of_work() as repos:
        assert repos.identificaties.is_uitgegeven("zaak", "0363000000000003")
        assert repos.identificaties.is_uitgegeven("document", "0363000000000001")
        assert not repos.identificaties.is_uitgegeven("document", "0363000000000002")
        assert not repos.identificaties.is_uitgegeven("zaak", "0363000000000004")


def test_bestaande_en_al_uitgegeven_nummers_worden_overgeslagen(store: Store) -> None:
    with store.engine.begin() as connection:
        connection.execute(
            insert(UitgegevenIdentificatieRow).values(soort="zaak", identificatie="0363000000000001")
        )

    with store.unit_of_work() as repos:
        eerste = repos.identificaties.reserveer("zaak", "0363", bestaat=lambda i: i == "0363000000000002")
        tweede = repos.identificaties.reserveer("zaak", "0363")

    assert (eerste, tweede) == ("0363000000000003", "0363000000000004")
    with store.unit_of_work() as repos:
        # Skipped because something exists under it: not ours to hand out, so not marked.
        assert not repos.identificaties.is_uitgegeven("zaak", "0363000000000002")


def test_reservering_is_vastgelegd_met_de_unit_of_work(store: Store) -> None:
    with pytest.raises(RuntimeError), store.unit_of_work() as repos:
        repos.identificaties.reserveer("zaak", "0363")
        raise RuntimeError("the message failed after all")

    with store.unit_of_work() as repos:
        assert not repos.identificaties.is_uitgegeven("zaak", "0363000000000001")
        assert repos.identificaties.reserveer("zaak", "0363") == "0363000000000001"


def test_64_processen_krijgen_64_verschillende_identificaties(store: Store, processen: Processen) -> None:
    identificaties = processen.run(werkers.reserveer, store.url)

    assert len(set(identificaties)) == AANTAL_PROCESSEN
    assert sorted(identificaties) == [f"0363{n:012d}" for n in range(1, AANTAL_PROCESSEN + 1)]
    with store.unit_of_work() as repos:
        assert all(repos.identificaties.is_uitgegeven("zaak", str(i)) for i in identificaties)
