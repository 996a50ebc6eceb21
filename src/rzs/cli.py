"""``rzs``: the command line. Parses arguments and calls app/store; no logic of its own."""

from __future__ import annotations

import argparse
import logging
import sys
from typing import Any

from rzs import config


def _serve(args: argparse.Namespace) -> int:
    from rzs.app import make_app, prepare_store

    settings = config.from_environment().with_overrides(
        host=args.host,
        port=args.port,
        database_url=args.database,
        gemeentecode=args.gemeentecode,
        workers=args.workers,
        applicatie=args.applicatie,
    )
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    store = prepare_store(settings)
    store.dispose()  # workers open their own connections after the fork
    logging.getLogger(__name__).info(
        "stuf-rzs op http://%s:%s (database %s)",
        settings.host,
        settings.port,
        settings.effective_database_url.split("@")[-1],
    )
    _run_gunicorn(lambda: make_app(settings, store), settings)
    return 0


def _run_gunicorn(factory: Any, settings: config.Settings) -> None:
    from gunicorn.app.base import BaseApplication

    class _Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            self.cfg.set("bind", f"{settings.host}:{settings.port}")
            self.cfg.set("workers", settings.workers)
            self.cfg.set("worker_class", "sync")
            self.cfg.set("accesslog", "-")
            self.cfg.set("timeout", 120)

        def load(self) -> Any:
            return factory()

    _Server().run()


def _migrate(args: argparse.Namespace) -> int:
    from rzs.app import prepare_store

    settings = config.from_environment().with_overrides(database_url=args.database)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    prepare_store(settings).dispose()
    print("database is bijgewerkt")
    return 0


def _zaaktypen(args: argparse.Namespace) -> int:
    from rzs.app import prepare_store
    from rzs.catalogus import beheer

    settings = config.from_environment().with_overrides(database_url=args.database)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return beheer.uitvoeren(lambda: prepare_store(settings), args.opdracht, args.argument)


def _zaaktypen_parser(sub: Any) -> None:
    zaaktypen = sub.add_parser("zaaktypen", help="list, show, import or export the zaaktype catalogue")
    acties = zaaktypen.add_subparsers(dest="opdracht", required=True)
    for naam, hulp, argument in (
        ("list", "one line per zaaktype: code, plansoort, omschrijving", None),
        ("show", "one zaaktype as TOML", "CODE"),
        ("import", "add or update the zaaktypen of a TOML file (never deletes)", "FILE"),
        ("export", "the whole catalogue as TOML on stdout (the format import reads)", None),
    ):
        actie = acties.add_parser(naam, help=hulp)
        actie.add_argument("--database", help="SQLAlchemy URL (default: SQLite file in ./data)")
        if argument:
            actie.add_argument("argument", metavar=argument)
        else:
            actie.set_defaults(argument=None)
        actie.set_defaults(func=_zaaktypen)


def _cleanup(args: argparse.Namespace) -> int:
    from rzs.store import Store

    settings = config.from_environment().with_overrides(database_url=args.database)
    store = Store(settings.effective_database_url, settings.effective_inhoud_dir)
    try:
        store.migrate()
        print(f"{store.delete_orphan_content()} ongebruikte inhoudsbestanden verwijderd")
    finally:
        store.dispose()
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="rzs", description="StUF Regie- en Zaakservices 1.0 reference server")
    sub = p.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the SOAP server")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--database", help="SQLAlchemy URL (default: SQLite file in ./data)")
    serve.add_argument("--gemeentecode", help="four-digit prefix of issued identificaties (default 0000)")
    serve.add_argument("--workers", type=int, help="worker processes (default 1)")
    serve.add_argument("--applicatie", help="our StUF applicatie name (default RZS)")
    serve.set_defaults(func=_serve)
    migrate = sub.add_parser("migrate", help="create or upgrade the database")
    migrate.add_argument("--database")
    migrate.set_defaults(func=_migrate)
    cleanup = sub.add_parser("cleanup", help="remove document content no document references any more")
    cleanup.add_argument("--database")
    cleanup.set_defaults(func=_cleanup)
    _zaaktypen_parser(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    args = parser().parse_args(argv)
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
