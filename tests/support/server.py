"""A real HTTP server on loopback running our real app, for the service tests.

wsgiref's server with one thread per request: real sockets, real HTTP parsing, real concurrency
(64 parallel callers hit the same database), and it starts in milliseconds. The production server
(gunicorn via ``rzs serve``) is exercised separately in tests/test_cli.py.
"""

from __future__ import annotations

import logging
import socketserver
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from rzs.app import make_app, prepare_store
from rzs.config import Settings
from rzs.store import Store
from rzs.stuf.tolerantie import Reparatieteller
from rzs.wire.wsgi import SoapApp


class _ThreadingServer(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True
    request_queue_size = 128


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        logging.getLogger("tests.http").debug(format, *args)


@dataclass(frozen=True)
class RunningServer:
    base_url: str
    settings: Settings
    store: Store
    #: The repairs of the tolerant validation mode this server has used (docs/tolerant.md).
    reparatieteller: Reparatieteller

    def url(self, path: str) -> str:
        return self.base_url + path


@contextmanager
def serveer(app: Any) -> Iterator[str]:
    """Any WSGI app on a free loopback port, one thread per request; yields its base URL."""
    httpd = make_server("127.0.0.1", 0, app, server_class=_ThreadingServer, handler_class=_QuietHandler)
    thread = threading.Thread(target=httpd.serve_forever, name="rzs-test-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}"
    finally:
        httpd.shutdown()
        httpd.server_close()


W = TypeVar("W")


@contextmanager
def serveer_omhuld(tmp: Path, omhul: Callable[[SoapApp], W]) -> Iterator[tuple[W, str]]:
    """Our app on a fresh SQLite database in ``tmp``, behind ``omhul`` (a WSGI wrapper that
    breaks or changes messages, for the harness's tests); yields the wrapper and its base URL."""
    settings = Settings(database_url=f"sqlite:///{tmp / 'db.sqlite3'}", data_dir=tmp, gemeentecode="0000")
    store = prepare_store(settings)
    omhuld = omhul(make_app(settings, store))
    try:
        with serveer(omhuld) as url:
            yield omhuld, url
    finally:
        store.dispose()


@contextmanager
def run_server(settings: Settings) -> Iterator[RunningServer]:
    store = prepare_store(settings)
    teller = Reparatieteller()
    app = make_app(settings, store, teller)
    try:
        with serveer(app) as base_url:
            yield RunningServer(base_url, settings, store, teller)
    finally:
        store.dispose()
