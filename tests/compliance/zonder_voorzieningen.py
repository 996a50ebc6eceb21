"""A server that drops the voorziening: our real app behind a WSGI gate that strips
``StUF:aanvullendeElementen`` from every request before the app sees it, as a system built on the
official RZS 1.0 schemas (which have no such element) would. The voorzieningen role and the
reference client must notice it when they read the voorziening back.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from lxml import etree

from rzs import ns, safexml
from support.server import serveer_omhuld


class ZonderVoorzieningen:
    """WSGI middleware: every request loses its ``StUF:aanvullendeElementen``."""

    def __init__(self, app: Any) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ["REQUEST_METHOD"] == "POST":
            data = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
            envelope = safexml.parse(data)
            for element in list(envelope.iter(ns.stuf("aanvullendeElementen"))):
                element.getparent().remove(element)  # type: ignore[union-attr]
            data = etree.tostring(envelope, xml_declaration=True, encoding="UTF-8")
            environ["wsgi.input"], environ["CONTENT_LENGTH"] = io.BytesIO(data), str(len(data))
        return self.app(environ, start_response)  # type: ignore[no-any-return]


@contextmanager
def server_zonder_voorzieningen(tmp: Path) -> Iterator[str]:
    """Our app on a fresh SQLite database behind :class:`ZonderVoorzieningen`; yields its base URL."""
    with serveer_omhuld(tmp, ZonderVoorzieningen) as (_, url):
        yield url
