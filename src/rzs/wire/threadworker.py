"""gunicorn's ``gthread`` worker with deadlines for reading a request (issue 11, item 2).

A sync worker reads the request itself, so one client trickling its body at 1 byte/s held the
whole worker until gunicorn's 120 s timeout. ``gthread`` hands each connection to a bounded
thread pool, and waits for the first bytes in its event loop, so an idle connection holds no
thread. Once bytes arrive, a thread reads the request with blocking reads; this class bounds
that time (docs/decisions/0004-slow-clients.md):

* **headers**: a connection that has not sent its complete request line and headers
  ``header_timeout`` seconds after a thread took it is closed;
* **body**: a body that has not arrived completely ``body_timeout`` seconds after the headers
  ended is cut off, and the connection closed.

A deadline is enforced by one watchdog thread per worker process that shuts the socket down
(``shutdown(SHUT_RDWR)``): the blocked ``recv`` in the request thread returns at once, gunicorn
and our WSGI layer see a short request, and the thread is free again. A per-``recv`` socket
timeout would not do: a client sending a byte a second never lets one ``recv`` wait long.
Processing a message and writing the answer have no deadline here (``Settings`` docs).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import heapq
import os
import socket
import sys
import threading
import time
from typing import Any

from gunicorn.workers.gthread import ThreadWorker

from rzs.config import Settings


class _Wachter:
    """Deadlines by connection; one daemon thread closes the sockets whose deadline passed."""

    def __init__(self) -> None:
        self._voorwaarde = threading.Condition()
        self._deadlines: dict[int, tuple[float, socket.socket]] = {}
        self._heap: list[tuple[float, int]] = []
        self._draad: threading.Thread | None = None

    def zet(self, sleutel: int, sock: socket.socket, seconden: float) -> None:
        deadline = time.monotonic() + seconden
        with self._voorwaarde:
            if self._draad is None:
                self._draad = threading.Thread(target=self._bewaak, name="rzs-leestijd", daemon=True)
                self._draad.start()
            self._deadlines[sleutel] = (deadline, sock)
            heapq.heappush(self._heap, (deadline, sleutel))
            self._voorwaarde.notify()

    def wis(self, sleutel: int) -> None:
        with self._voorwaarde:
            self._deadlines.pop(sleutel, None)

    def _bewaak(self) -> None:
        with self._voorwaarde:
            while True:
                nu = time.monotonic()
                while self._heap and self._heap[0][0] <= nu:
                    deadline, sleutel = heapq.heappop(self._heap)
                    actueel = self._deadlines.get(sleutel)
                    if actueel is not None and actueel[0] == deadline:
                        del self._deadlines[sleutel]
                        _verbreek(actueel[1])
                wachttijd = self._heap[0][0] - nu if self._heap else None
                self._voorwaarde.wait(wachttijd)


def _verbreek(sock: socket.socket) -> None:
    """Shut the connection down under a thread blocked reading it. The plain socket's shutdown,
    also for TLS: ``SSLSocket.shutdown`` would tear down its SSL object under the reader."""
    with contextlib.suppress(OSError):  # already closed by the client or gunicorn: nothing to cut
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


class _Body:
    """The request body (``wsgi.input``): clears the deadline as soon as all of it is read."""

    def __init__(self, body: Any, klaar: Any) -> None:
        self._body = body
        self._klaar = klaar

    def _na(self, data: Any) -> Any:
        reader = self._body.reader
        if (
            getattr(reader, "length", None) == 0
            or getattr(reader, "finished", False)
            or (hasattr(reader, "parser") and reader.parser is None)
        ):
            self._klaar()
        return data

    def read(self, size: int | None = None) -> bytes:
        return self._na(self._body.read(size))  # type: ignore[no-any-return]

    def readline(self, size: int | None = None) -> bytes:
        return self._na(self._body.readline(size))  # type: ignore[no-any-return]

    def readlines(self, size: int | None = None) -> list[bytes]:
        return self._na(self._body.readlines(size))  # type: ignore[no-any-return]

    def __iter__(self) -> _Body:
        return self

    def __next__(self) -> bytes:
        regel = self.readline()
        if not regel:
            raise StopIteration
        return regel

    def __getattr__(self, naam: str) -> Any:
        return getattr(self._body, naam)  # gunicorn's own use: ``failed``, ``reader``


class BegrensdeThreadWorker(ThreadWorker):  # type: ignore[misc]
    """gthread with header and body read deadlines; :func:`worker_class` sets the two values."""

    header_timeout = 30.0
    body_timeout = 120.0

    def init_process(self) -> None:
        self._wachter = _Wachter()
        super().init_process()

    def handle(self, conn: Any) -> Any:
        self._wachter.zet(id(conn), conn.sock, self.header_timeout)
        try:
            return super().handle(conn)
        finally:
            self._wachter.wis(id(conn))

    def handle_request(self, req: Any, conn: Any) -> Any:
        sleutel = id(conn)
        self._wachter.wis(sleutel)
        if req.body is not None and getattr(req.body.reader, "length", None) != 0:
            self._wachter.zet(sleutel, conn.sock, self.body_timeout)
            req.body = _Body(req.body, lambda: self._wachter.wis(sleutel))
        return super().handle_request(req, conn)


def worker_class(header_timeout: float, body_timeout: float) -> type[BegrensdeThreadWorker]:
    """The worker class for gunicorn's ``worker_class`` setting, with these deadlines."""
    return type(
        "BegrensdeThreadWorker",
        (BegrensdeThreadWorker,),
        {"header_timeout": header_timeout, "body_timeout": body_timeout},
    )


#: glibc's mallopt parameter M_ARENA_MAX (malloc.h).
_M_ARENA_MAX = -8


def beperk_malloc_arenas(aantal: int = 2) -> None:
    """At most ``aantal`` malloc arenas in this process and the workers it forks, unless the
    operator set ``MALLOC_ARENA_MAX`` himself.

    glibc gives every thread that allocates concurrently an arena of its own (up to 8 per core), and
    memory freed in one is not reused by another: with 8 gthread threads handling 1 MiB documents a
    worker grew to 157 MB; with two arenas it stayed at 143 MB and answered faster (issue 14, the
    150 MB target; docs/performance.md). Set here, in the master before it forks, because glibc
    reads the environment variable only when a process starts. Not glibc (musl): nothing to do.
    """
    if os.environ.get("MALLOC_ARENA_MAX") or not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.mallopt(_M_ARENA_MAX, aantal)
    except (OSError, AttributeError):
        return


def basisconfiguratie(cfg: Any, settings: Settings) -> None:
    """The gunicorn settings every server of ours runs with (``rzs serve``, and the bare app
    ``scripts/bench`` measures it against, so the two differ only in what they do per message)."""
    cfg.set("bind", f"{settings.host}:{settings.port}")
    cfg.set("workers", settings.workers)
    # Threads with read deadlines: a slow client holds one thread for a bounded time, never a
    # whole worker (docs/decisions/0004-slow-clients.md).
    cfg.set("worker_class", worker_class(settings.header_timeout, settings.body_timeout))
    cfg.set("threads", settings.threads)
    cfg.set("accesslog", "-")
    cfg.set("timeout", 120)
