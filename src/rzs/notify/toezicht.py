"""The delivery worker of ``rzs serve``, kept alive: started again whenever it dies.

Why: the single-machine default runs delivery as a child ``rzs worker`` beside gunicorn. When that
child died (killed, out of memory, a crash) the HTTP workers kept queueing notifications in the
outbox that nobody sent (issue 11, item 7). :class:`Toezicht` watches the child from a thread in
the gunicorn master, started once the first workers are forked (gunicorn's ``when_ready``), and
starts a new one with backoff: 1 s, doubling to a minute, back to 1 s after a minute of running.
The child itself retries its start-up while the database is unreachable (``worker.draai_proces``).

gunicorn's master reaps every child that exits, ours included (its SIGCHLD handler waits for any
pid), so the exit status is not always ours to read: any exit while not stopping counts as a death.
"""

from __future__ import annotations

import logging
import subprocess
import threading
import time
from collections.abc import Mapping, Sequence

log = logging.getLogger(__name__)

#: Restart backoff: the first wait, the longest, and how long a run must last to reset it.
EERSTE_WACHTTIJD = 1.0
LANGSTE_WACHTTIJD = 60.0
GEZOND_NA = 60.0
#: How often the thread looks whether the child still runs.
KIJK_INTERVAL = 0.5


class Toezicht:
    """Runs ``opdracht`` as a child process and restarts it until :meth:`stop`."""

    def __init__(self, opdracht: Sequence[str], env: Mapping[str, str]) -> None:
        self._opdracht = list(opdracht)
        self._env = dict(env)
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._proces: subprocess.Popen[bytes] | None = None
        self._thread = threading.Thread(target=self._bewaak, name="rzs-bezorging-toezicht", daemon=True)

    @property
    def pid(self) -> int | None:
        """The process id of the running child (tests and logs)."""
        with self._lock:
            return self._proces.pid if self._proces is not None else None

    def start(self) -> None:
        self._start_kind()
        self._thread.start()

    def stop(self, timeout: float = 60.0) -> None:
        """Stop watching, then stop the child (SIGTERM: it finishes the delivery in progress)."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)
        with self._lock:
            proces, self._proces = self._proces, None
        if proces is not None and proces.poll() is None:
            proces.terminate()
            try:
                proces.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                proces.kill()

    def _start_kind(self) -> None:
        with self._lock:
            self._proces = subprocess.Popen(self._opdracht, env=self._env)
            log.info("bezorging gestart (pid %d)", self._proces.pid)

    def _bewaak(self) -> None:
        wachttijd = EERSTE_WACHTTIJD
        gestart = time.monotonic()
        while not self._stop.wait(KIJK_INTERVAL):
            with self._lock:
                proces = self._proces
            if proces is None or proces.poll() is None:
                continue
            if time.monotonic() - gestart >= GEZOND_NA:
                wachttijd = EERSTE_WACHTTIJD
            log.warning(
                "bezorging (pid %d) is gestopt met code %s; opnieuw gestart over %.0f s",
                proces.pid,
                proces.returncode,
                wachttijd,
            )
            if self._stop.wait(wachttijd):
                return
            self._start_kind()
            gestart = time.monotonic()
            wachttijd = min(LANGSTE_WACHTTIJD, wachttijd * 2)
