"""A second unit of work in another thread, for tests of what waits for what."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from rzs.store import Repositories, Store


@dataclass
class Wachtende:
    draad: threading.Thread
    fouten: list[BaseException] = field(default_factory=list)

    def afwachten(self) -> list[BaseException]:
        """Wait until the second unit of work is done; what it raised, if anything."""
        self.draad.join(timeout=30)
        assert not self.draad.is_alive(), "the second unit of work never finished"
        return self.fouten


def start_wachtende(store: Store, werk: Callable[[Repositories], object]) -> Wachtende:
    """Run ``werk`` in a unit of work of its own, and check that it waits for the caller's one."""
    wachtende = Wachtende(threading.Thread(target=lambda: _run(store, werk, wachtende), daemon=True))
    wachtende.draad.start()
    wachtende.draad.join(timeout=0.5)
    assert wachtende.draad.is_alive(), "the second unit of work must wait for the first transaction"
    return wachtende


def _run(store: Store, werk: Callable[[Repositories], object], wachtende: Wachtende) -> None:
    try:
        with store.unit_of_work() as repos:
            werk(repos)
    except BaseException as fout:  # noqa: BLE001 - handed to the test in the main thread
        wachtende.fouten.append(fout)
