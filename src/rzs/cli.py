"""``rzs``: the command line. Parses arguments and calls app/store; no logic of its own."""

from __future__ import annotations

import argparse
import logging
import sys
from typing import TYPE_CHECKING, Any

from rzs import config, logboek
from rzs.catalogus.bestand import CatalogusFout
from rzs.catalogus.codelijstbestand import CodelijstFout

if TYPE_CHECKING:
    from rzs.notify.toezicht import Toezicht


def _serve(args: argparse.Namespace) -> int:
    from rzs.app import make_app, prepare_store

    settings = config.from_environment().with_overrides(
        host=args.host,
        port=args.port,
        database_url=args.database,
        gemeentecode=args.gemeentecode,
        workers=args.workers,
        applicatie=args.applicatie,
        validatie=args.validatie,
        organisatie=args.organisatie,
        identiteiten=tuple(args.identiteit) if args.identiteit else None,
        bezorging_in_serve=False if args.zonder_bezorging else None,
    )
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    store = prepare_store(settings)
    store.dispose()  # workers open their own connections after the fork
    logging.getLogger(__name__).info(
        "stuf-rzs op http://%s:%s (database %s, validatie %s) als %s",
        settings.host,
        settings.port,
        settings.effective_database_url.split("@")[-1],
        settings.validatie,
        ", ".join(map(str, settings.effective_identiteiten)),
    )
    toezicht = _bezorging(settings) if settings.bezorging_in_serve else None
    _run_gunicorn(lambda: make_app(settings, store), settings, toezicht)
    return 0


def _bezorging(settings: config.Settings) -> Toezicht:
    """The delivery worker of the single-machine default: ``rzs worker`` as a child process beside
    gunicorn, restarted when it dies (``notify/toezicht.py``). It stops when ``rzs serve`` exits
    (SIGTERM from the master's exit handler) or when the master disappears (it watches its parent
    process id)."""
    import atexit
    import os

    from rzs.notify.toezicht import Toezicht

    master = os.getpid()
    env = {**os.environ, "RZS_BEZORGING_OUDER": str(master), "RZS_DATA_DIR": str(settings.data_dir)}
    toezicht = Toezicht(
        [sys.executable, "-m", "rzs", "worker", "--database", settings.effective_database_url], env
    )

    def _stop() -> None:
        if os.getpid() == master:  # gunicorn workers inherit this handler; only the master stops it
            toezicht.stop()

    atexit.register(_stop)
    return toezicht


def _worker(args: argparse.Namespace) -> int:
    from rzs.app import prepare_store
    from rzs.notify import worker

    settings = config.from_environment().with_overrides(database_url=args.database)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    worker.draai_proces(settings, lambda: prepare_store(settings).dispose())
    return 0


def _beheer(args: argparse.Namespace) -> int:
    from rzs.app import prepare_store
    from rzs.beheer import abonnementen, outbox, overdracht, voorzieningen

    settings = config.from_environment().with_overrides(database_url=args.database)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    store = prepare_store(settings)
    try:
        if args.command == "abonnementen":
            return abonnementen.uitvoeren(store, args)
        if args.command == "outbox":
            return outbox.uitvoeren(store, args)
        if args.command == "voorzieningen":
            return voorzieningen.uitvoeren(store, args)
        return overdracht.uitvoeren(store, settings, args)
    finally:
        store.dispose()


def _run_gunicorn(factory: Any, settings: config.Settings, toezicht: Toezicht | None) -> None:
    from gunicorn.app.base import BaseApplication

    class _Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            self.cfg.set("bind", f"{settings.host}:{settings.port}")
            self.cfg.set("workers", settings.workers)
            self.cfg.set("worker_class", "sync")
            self.cfg.set("accesslog", "-")
            self.cfg.set("timeout", 120)
            if toezicht is not None:
                # After the first fork: the watching thread never exists in a forked worker.
                self.cfg.set("when_ready", lambda _arbiter: toezicht.start())

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


def _identiteit(tekst: str) -> config.Identiteit:
    try:
        return config.parse_identiteit(tekst)
    except ValueError as fout:
        raise argparse.ArgumentTypeError(str(fout)) from fout


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
    serve.add_argument("--organisatie", help="our StUF organisatie (default: none, any matches)")
    serve.add_argument(
        "--identiteit",
        action="append",
        type=_identiteit,
        metavar="ORGANISATIE/APPLICATIE",
        help="an identity we answer to (repeatable; the first is our primary one); "
        "replaces --organisatie/--applicatie",
    )
    serve.add_argument(
        "--validatie",
        choices=config.VALIDATIEMODI,
        help="schema validation: streng refuses every deviation, tolerant repairs the documented "
        "ones of real senders first (default streng; docs/tolerant.md)",
    )
    serve.add_argument(
        "--zonder-bezorging", action="store_true", help="deliver no notifications here (run `rzs worker`)"
    )
    serve.set_defaults(func=_serve)
    worker = sub.add_parser("worker", help="deliver notifications and overdracht messages (the outbox)")
    worker.add_argument("--database", help="SQLAlchemy URL (default: SQLite file in ./data)")
    worker.set_defaults(func=_worker)
    migrate = sub.add_parser("migrate", help="create or upgrade the database")
    migrate.add_argument("--database")
    migrate.set_defaults(func=_migrate)
    cleanup = sub.add_parser("cleanup", help="remove document content no document references any more")
    cleanup.add_argument("--database")
    cleanup.set_defaults(func=_cleanup)
    _zaaktypen_parser(sub)
    from rzs.beheer import abonnementen, outbox, overdracht, voorzieningen

    for module in (abonnementen, outbox, overdracht, voorzieningen):
        module.parser(sub).set_defaults(func=_beheer)
    return p


def main(argv: list[str] | None = None) -> int:
    logboek.configureer(logging.INFO)
    args = parser().parse_args(argv)
    try:
        result: int = args.func(args)
    except (CatalogusFout, CodelijstFout) as fout:
        # A broken zaaktype catalogue or code list stops the start-up with one line naming the
        # file and the problem, not a traceback (docs/operations.md).
        print(f"rzs: {fout}", file=sys.stderr)
        return 2
    return result


if __name__ == "__main__":
    sys.exit(main())
