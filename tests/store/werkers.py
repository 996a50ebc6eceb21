"""What the concurrency tests run in their spawned processes; imported there by module name.

Every call makes its own Store, as a gunicorn worker or a second server would. The barrier
holds all callers until every one of them is connected, so they race on the database and not
on interpreter start-up.
"""

from __future__ import annotations

from multiprocessing.synchronize import Barrier

from rzs.store import Store

_barrier: Barrier | None = None


def start(barrier: Barrier) -> None:
    """Pool initializer: remember the shared barrier (and pay the imports before the race)."""
    global _barrier
    _barrier = barrier


def _wait() -> None:
    assert _barrier is not None
    _barrier.wait(timeout=120)


def reserveer(url: str) -> str:
    store = Store(url)
    try:
        store.engine.connect().close()
        _wait()
        with store.unit_of_work() as repos:
            return repos.identificaties.reserveer("zaak", "0363")
    finally:
        store.dispose()


def migreer(url: str) -> bool:
    store = Store(url)
    try:
        _wait()
        store.migrate()
        return True
    finally:
        store.dispose()


def protocolleer(url: str) -> int:
    """Read the zaak of ``factories.volledige_zaak`` as one message would: half of the callers in
    a read-only unit of work (SQLite: the journal), half in a writing one (the chain itself)."""
    import os

    from rzs.store import Toegang

    store = Store(url)
    try:
        store.engine.connect().close()
        _wait()
        alleen_lezen = os.getpid() % 2 == 0
        toegang = Toegang("geefZaakdetails_Lv01", "0000", "REGIE", f"proces{os.getpid()}")
        with store.unit_of_work(alleen_lezen=alleen_lezen, toegang=toegang) as repos:
            assert repos.zaken.get("0363000000000001") is not None
        return os.getpid()
    finally:
        store.dispose()
