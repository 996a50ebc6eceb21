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
