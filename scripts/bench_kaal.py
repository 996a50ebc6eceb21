"""The bare-app baseline of scripts/bench: what every message costs before any business logic.

    .venv/bin/python scripts/bench_kaal.py --port 18100 [--workers 2] [--threads 8]

Why: the machine is shared and noisy, so an absolute rate means little; a ratio to the cheapest
possible server measured in the same run does (issue 14: "each prints its ratio to the bare app").
This app does only what the real server must do for every message, with the real server's pieces:
read the body, parse it with the hardened parser (``rzs.safexml``), take the SOAP body
(``wire/envelope``), read the stuurgegevens, validate it against the same compiled schema
(``stuf/validatie.Schema``: one compiled copy per thread, as in the server), and answer a Bv03 built
by ``stuf/berichten`` (also for vragen: the baseline prices the common path, not the reply). It is
served by gunicorn with the settings ``rzs serve`` uses (``wire.threadworker.basisconfiguratie``):
the same worker class with its read deadlines, workers, threads, access log and timeout, from the same
``rzs.config`` settings (``RZS_WORKERS``/``RZS_THREADS`` or the flags below).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from typing import Any

from rzs import config, safexml
from rzs.stuf import berichten
from rzs.stuf import stuurgegevens as sg
from rzs.stuf.validatie import Schema
from rzs.wire import envelope
from rzs.wire.threadworker import basisconfiguratie, beperk_malloc_arenas

StartResponse = Any


class KaleApp:
    """WSGI: POST -> parse, validate, Bv03 (500 with the findings when invalid); GET -> 200."""

    def __init__(self, settings: config.Settings) -> None:
        self.schema = Schema(settings.xsd_dir)
        self.afzender = berichten.Afzender.uit_instellingen(settings)
        # The server streams document content aside (wire/inhoud); this app parses it in memory,
        # so it admits the same total size the server reads (wire/dispatch.max_request_bytes).
        self.max_bytes = settings.max_bericht_bytes + 3 * settings.max_document_bytes + (1 << 20)

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") != "POST":
            start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "3")])
            return [b"ok\n"]
        lengte = int(environ.get("CONTENT_LENGTH") or 0)
        data = environ["wsgi.input"].read(lengte)
        try:
            versie, body = envelope.lees(safexml.parse(data, max_bytes=self.max_bytes))
        except (safexml.OngeldigeXml, envelope.GeenSoapEnvelope) as exc:
            return _antwoord(start_response, "500 Internal Server Error", "text/plain", str(exc).encode())
        stuurgegevens = sg.lees(body)
        fouten = self.schema.fouten(body)
        if fouten:
            return _antwoord(
                start_response, "500 Internal Server Error", "text/plain", "\n".join(fouten).encode()
            )
        antwoord = versie.envelope(berichten.bv03(stuurgegevens, self.afzender))
        return _antwoord(start_response, "200 OK", versie.content_type, antwoord)


def _antwoord(start_response: StartResponse, status: str, content_type: str, data: bytes) -> list[bytes]:
    start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(data)))])
    return [data]


def serve(settings: config.Settings) -> None:
    """gunicorn with the configuration of ``rzs serve`` (``threadworker.basisconfiguratie`` and
    its malloc arenas), minus TLS and metrics."""
    from gunicorn.app.base import BaseApplication

    beperk_malloc_arenas()

    class _Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            basisconfiguratie(self.cfg, settings)
            self.cfg.set("loglevel", "warning")

        def load(self) -> Any:
            return KaleApp(settings)

    _Server().run()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int)
    parser.add_argument("--threads", type=int)
    args = parser.parse_args()
    settings = config.from_environment().with_overrides(
        host="127.0.0.1", port=args.port, workers=args.workers, threads=args.threads
    )
    serve(settings)


if __name__ == "__main__":
    main()
