"""Writers on one SQLite file queue on a file lock, blocking, instead of polling (issue 14).

SQLite lets one transaction write at a time. A writer that finds the lock taken does not wait
for it to be released: ``busy_timeout`` sleeps and retries, 1 ms growing to 100 ms, so under load
a writer sleeps long after the lock came free and the p99 runs into seconds. Here every writing
unit of work of our processes first takes an exclusive ``flock`` on ``<database>-schrijfslot``:
the kernel wakes the next waiter the moment the holder lets go. Threads of one process queue on a
mutex first (a flock belongs to the open file, not to the thread). ``BEGIN IMMEDIATE`` and
``busy_timeout`` stay: other programs on the file (sqlite3 shell, backups) do not take this lock.
"""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class Schrijfslot:
    def __init__(self, pad: Path) -> None:
        self.pad = pad
        self._mutex = threading.RLock()
        self._fd = -1
        self._fd_pid = 0
        self._diepte = 0

    @contextmanager
    def vast(self) -> Iterator[None]:
        """Hold the lock for the block; re-entrant within a thread."""
        with self._mutex:
            if self._diepte == 0:
                fcntl.flock(self._bestand(), fcntl.LOCK_EX)
            self._diepte += 1
            try:
                yield
            finally:
                self._diepte -= 1
                if self._diepte == 0:
                    fcntl.flock(self._fd, fcntl.LOCK_UN)

    def _bestand(self) -> int:
        """The lock file, opened once per process (a descriptor inherited through fork would
        share its lock with the parent)."""
        if self._fd_pid != os.getpid():
            self.pad.parent.mkdir(parents=True, exist_ok=True)
            self._fd = os.open(self.pad, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            self._fd_pid = os.getpid()
        return self._fd
