"""A real HTTP server on loopback running our real app, for the service tests.

wsgiref's server with one thread per request: real sockets, real HTTP parsing, real concurrency
(64 parallel callers hit the same database), and it starts in milliseconds. The production server
(gunicorn via ``rzs serve``) is exercised separately in tests/test_cli.py.
"""

from __future__ import annotations

import logging
import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from rzs.app import make_app, prepare_store
from rzs.config import Settings
from rzs.store import Store
from rzs.stuf.tolerantie import Reparatieteller


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
