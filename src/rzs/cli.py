"""``rzs``: the command line. Parses arguments and calls app/store; no logic of its own."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rzs import config, logboek
from rzs.catalogus.bestand import CatalogusFout
from rzs.catalogus.codelijstbestand import CodelijstFout

if TYPE_CHECKING:
    from rzs.notify.toezicht import Toezicht
    from rzs.stuf.autorisatie import Autorisatie


def _serve(args: argparse.Namespace) -> int:
    metriekdir = _metriekdir()  # before prometheus_client is imported (by rzs.app)
    from rzs.app import laad_autorisatie, make_app, prepare_store
    from rzs.stuf.autorisatie import AutorisatieBestandFout

    settings = config.from_environment().with_overrides(
        host=args.host,
        port=args.port,
        database_url=args.database,
        gemeentecode=args.gemeentecode,
        workers=args.workers,
        threads=args.threads,
        applicatie=args.applicatie,
        validatie=args.validatie,
        organisatie=args.organisatie,
        identiteiten=tuple(args.identiteit) if args.identiteit else None,
        bezorging_in_serve=False if args.zonder_bezorging else None,
        tls_cert=args.tls_cert,
        tls_key=args.tls_key,
        client_ca=args.client_ca,
        identiteit_header=args.identiteit_header,
        autorisatie_bestand=args.autorisatie,
        strikt=True if args.strikt else None,
        log_format=args.log_format,
        log_level=args.log_level,
    )
    try:
        fout = settings.beveiligingsfout()
        if fout is not None:
            raise AutorisatieBestandFout(fout)
        beleid = laad_autorisatie(settings)
    except AutorisatieBestandFout as exc:
        print(f"rzs serve: {exc}", file=sys.stderr)
        return 2
    _poort_vrij(settings.host, settings.port)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    store = prepare_store(settings)
    store.dispose()  # workers open their own connections after the fork
    _meld_start(settings, beleid)
    toezicht = _bezorging(settings) if settings.bezorging_in_serve else None
    _run_gunicorn(lambda: make_app(settings, store), settings, toezicht, metriekdir)
    return 0


def _beveiliging(settings: config.Settings, beleid: Autorisatie | None) -> str:
    """The security part of the start-up line: an open server must be visible (issue 11)."""
    certificaten = "clientcertificaat verplicht" if settings.client_ca else "geen clientcertificaat"
    if settings.identiteit_header:
        certificaten += f", identiteit uit header {settings.identiteit_header}"
    if beleid is None:
        return f"{certificaten}; autorisatie OPEN: geen --autorisatie, elke zender mag alles"
    return f"{certificaten}; autorisatie {beleid.bron} ({len(beleid.zenders)} zenders)"


def _metriekdir() -> str:
    """A private, empty ``PROMETHEUS_MULTIPROC_DIR`` for this ``rzs serve``: its HTTP workers and
    delivery child (which inherit it) write their metric files there, ``/metrics`` adds them up
    (``rzs.metriek``), and nothing of an earlier run or another instance mixes in. Removed at exit."""
    import atexit
    import shutil
    import tempfile

    pad = tempfile.mkdtemp(prefix="rzs-metrics-")
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = pad
    master = os.getpid()

    def _weg() -> None:
        if os.getpid() == master:  # forked gunicorn workers inherit this handler
            shutil.rmtree(pad, ignore_errors=True)

    atexit.register(_weg)
    return pad


def _poort_vrij(host: str, port: int) -> None:
    """One clear line instead of gunicorn's retries and traceback when the port is taken."""
    import socket

    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as proef:
        proef.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            proef.bind((host, port))
        except OSError as fout:
            raise config.OngeldigeInstelling(
                f"kan niet luisteren op {host}:{port}: {fout.strerror}"
            ) from None


def _meld_start(settings: config.Settings, beleid: Autorisatie | None) -> None:
    """Quiet start-up: one line per fact an operator checks (issue 13)."""
    import rzs
    from rzs.app import ENDPOINTS

    log = logging.getLogger(__name__)
    database = config.verberg_wachtwoord(settings.effective_database_url)
    basis = f"{'https' if settings.tls_cert else 'http'}://{settings.host}:{settings.port}"
    log.info("stuf-rzs %s", rzs.__version__)
    log.info("identiteiten %s", ", ".join(map(str, settings.effective_identiteiten)))
    log.info("gemeentecode %s", settings.gemeentecode)
    log.info("database %s (%s)", database.split(":", 1)[0], database.rsplit("@", 1)[-1].split("///")[-1])
    log.info("endpoints %s", " ".join(basis + pad for pad in ENDPOINTS))
    log.info("beheer %s/beheer %s/metrics %s/health/ready", basis, basis, basis)
    log.info(
        "workers %d, bezorging %s, validatie %s",
        settings.workers,
        "in serve" if settings.bezorging_in_serve else "door rzs worker",
        settings.validatie,
    )
    log.info("beveiliging %s", _beveiliging(settings, beleid))


def _bezorging(settings: config.Settings) -> Toezicht:
    """The delivery worker of the single-machine default: ``rzs worker`` as a child process beside
    gunicorn, restarted when it dies (``notify/toezicht.py``). It stops when ``rzs serve`` exits
    (SIGTERM from the master's exit handler) or when the master disappears (it watches its parent
    process id)."""
    import atexit
    import os

    from rzs.notify.toezicht import Toezicht

    master = os.getpid()
    env = {
        **os.environ,
        "RZS_BEZORGING_OUDER": str(master),
        "RZS_DATA_DIR": str(settings.data_dir),
        "RZS_LOG_FORMAT": settings.log_format,
        "RZS_LOG_LEVEL": settings.log_level,
    }
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
    logging.getLogger(__name__).info(
        "stuf-rzs %s bezorging, database %s",
        _versie(),
        config.verberg_wachtwoord(settings.effective_database_url),
    )
    worker.draai_proces(settings, lambda: prepare_store(settings).dispose())
    return 0


def _beheer(args: argparse.Namespace) -> int:
    from rzs.app import prepare_store
    from rzs.beheer import abonnementen, outbox, overdracht, protocol, voorzieningen

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
        if args.command == "audit":
            return protocol.uitvoeren(store, args)
        return overdracht.uitvoeren(store, settings, args)
    finally:
        store.dispose()


def _run_gunicorn(
    factory: Any, settings: config.Settings, toezicht: Toezicht | None, metriekdir: str
) -> None:
    from gunicorn.app.base import BaseApplication
    from prometheus_client import multiprocess

    from rzs.wire.threadworker import basisconfiguratie, beperk_malloc_arenas

    beperk_malloc_arenas()

    class _Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            basisconfiguratie(self.cfg, settings)
            _tls(self.cfg, settings)
            # gunicorn's control socket in our private directory: never shared between instances.
            self.cfg.set("control_socket", f"{metriekdir}/gunicorn.ctl")
            self.cfg.set("child_exit", lambda _arbiter, w: multiprocess.mark_process_dead(w.pid))  # type: ignore[no-untyped-call]
            self.cfg.set("loglevel", "debug" if settings.log_level == "debug" else "warning")
            if toezicht is not None:
                # After the first fork: the watching thread never exists in a forked worker.
                self.cfg.set("when_ready", lambda _arbiter: toezicht.start())

        def load(self) -> Any:
            return factory()

    _Server().run()


def _tls(cfg: Any, settings: config.Settings) -> None:
    """HTTPS by gunicorn's own TLS settings; with ``client_ca`` the handshake demands a client
    certificate signed by that bundle (``wire/tls.py`` reads its subject per request)."""
    import ssl

    if settings.tls_cert is None or settings.tls_key is None:
        return
    cfg.set("certfile", str(settings.tls_cert))
    cfg.set("keyfile", str(settings.tls_key))
    if settings.client_ca is not None:
        cfg.set("ca_certs", str(settings.client_ca))
        cfg.set("cert_reqs", ssl.CERT_REQUIRED)


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
            actie.add_argument(
                "argument", metavar=argument, help="zaaktype code" if argument == "CODE" else "TOML file"
            )
        else:
            actie.set_defaults(argument=None)
        actie.set_defaults(func=_zaaktypen)


def _cleanup(args: argparse.Namespace) -> int:
    from rzs.store import Store

    settings = config.from_environment().with_overrides(database_url=args.database)
    store = Store.uit_instellingen(settings)
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


def _beveiliging_parser(serve: argparse.ArgumentParser) -> None:
    """TLS, client certificates and the authorisation policy (docs/operations.md, SECURITY.md)."""
    from pathlib import Path

    serve.add_argument("--tls-cert", type=Path, metavar="FILE", help="serve HTTPS with this PEM certificate")
    serve.add_argument("--tls-key", type=Path, metavar="FILE", help="the PEM private key of --tls-cert")
    serve.add_argument(
        "--client-ca", type=Path, metavar="FILE", help="require client certificates signed by this CA bundle"
    )
    serve.add_argument(
        "--identiteit-header",
        metavar="HEADER",
        help="behind a TLS proxy: the header with the verified client certificate's subject DN "
        "(e.g. X-SSL-Client-S-DN; the proxy must strip it from client requests)",
    )
    serve.add_argument(
        "--autorisatie", type=Path, metavar="FILE", help="authorisation policy (TOML): zender -> operaties"
    )
    serve.add_argument("--strikt", action="store_true", help="refuse to start without --autorisatie")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="rzs", description="StUF Regie- en Zaakservices 1.0 reference server")
    sub = p.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the SOAP server")
    serve.add_argument("--config", type=Path, metavar="FILE", help="TOML configuration file (or RZS_CONFIG)")
    serve.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port to listen on (default 8080)")
    serve.add_argument("--database", help="SQLAlchemy URL (default: SQLite file in ./data)")
    serve.add_argument("--gemeentecode", help="four-digit prefix of issued identificaties (default 0000)")
    serve.add_argument("--workers", type=int, help="worker processes (default 1)")
    serve.add_argument("--threads", type=int, help="threads per worker process (default 8)")
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
    _beveiliging_parser(serve)
    serve.set_defaults(func=_serve)
    worker = sub.add_parser("worker", help="deliver notifications and overdracht messages (the outbox)")
    worker.add_argument("--database", help="SQLAlchemy URL (default: SQLite file in ./data)")
    worker.add_argument("--config", type=Path, metavar="FILE", help="TOML configuration file (or RZS_CONFIG)")
    worker.set_defaults(func=_worker)
    for proces in (serve, worker):
        proces.add_argument(
            "--log-format", choices=config.LOG_FORMATEN, help="text lines or JSON (default text)"
        )
        proces.add_argument(
            "--log-level", choices=config.LOG_NIVEAUS, help="default info; debug adds alembic"
        )
    migrate = sub.add_parser("migrate", help="create or upgrade the database")
    migrate.add_argument("--database", help="SQLAlchemy URL (default: SQLite file in ./data)")
    migrate.set_defaults(func=_migrate)
    cleanup = sub.add_parser("cleanup", help="remove document content no document references any more")
    cleanup.add_argument("--database", help="SQLAlchemy URL (default: SQLite file in ./data)")
    cleanup.set_defaults(func=_cleanup)
    _zaaktypen_parser(sub)
    _config_parser(sub)
    from rzs.beheer import abonnementen, outbox, overdracht, protocol, voorzieningen

    for module in (abonnementen, outbox, overdracht, protocol, voorzieningen):
        module.parser(sub).set_defaults(func=_beheer)
    _overal(p, _versie())
    return p


def _versie() -> str:
    import rzs

    return rzs.__version__


def _config(args: argparse.Namespace) -> int:
    """``rzs config show``: the effective settings as TOML, secrets masked; ``rzs config check``:
    whether a file is a valid configuration (one line either way)."""
    if args.opdracht == "check":
        config.from_environment({}, args.bestand)  # the values together, as a server would use them
        print(f"{args.bestand}: geldig ({len(config.lees_bestand(args.bestand))} instellingen)")
        return 0
    print(config.als_toml(config.from_environment()), end="")
    return 0


def _config_parser(sub: Any) -> None:
    p = sub.add_parser("config", help="show the effective settings or check a configuration file")
    acties = p.add_subparsers(dest="opdracht", required=True)
    show = acties.add_parser("show", help="every effective setting as TOML (flags > env > file > defaults)")
    show.add_argument(
        "--config", type=Path, metavar="FILE", help="TOML configuration file (default $RZS_CONFIG)"
    )
    check = acties.add_parser("check", help="validate a TOML configuration file")
    check.add_argument("bestand", type=Path, metavar="FILE", help="the TOML file to check")
    p.set_defaults(func=_config)


def _overal(p: argparse.ArgumentParser, versie: str) -> None:
    """``--version`` on the command and every subcommand (``rzs serve --version`` too)."""
    p.add_argument("--version", action="version", version=f"stuf-rzs {versie}")
    for actie in p._actions:
        if isinstance(actie, argparse._SubParsersAction):
            for kind in actie.choices.values():
                _overal(kind, versie)


def main(argv: list[str] | None = None) -> int:
    """Every wrong setting, unreachable database or taken port: one line on stderr, exit 1; a
    broken zaaktype catalogue or code list: one line naming the file and the problem, exit 2."""
    p = parser()
    args = p.parse_args(argv)
    if args.command == "audit" and args.actie is None and not args.bsn:
        p.error("rzs audit: --bsn N or verify")
    try:
        if getattr(args, "config", None) is not None:
            # Through the environment, so the delivery child and every from_environment() read it.
            os.environ["RZS_CONFIG"] = str(args.config)
        basis = config.from_environment()
        logboek.configureer(
            getattr(args, "log_level", None) or basis.log_level,
            getattr(args, "log_format", None) or basis.log_format,
        )
        result: int = args.func(args)
    except config.OngeldigeInstelling as fout:
        print(f"rzs: {fout}", file=sys.stderr)
        return 1
    except (CatalogusFout, CodelijstFout) as fout:
        print(f"rzs: {fout}", file=sys.stderr)
        return 2
    except Exception as fout:
        if (reden := _databasefout(fout)) is None:
            raise
        print(f"rzs: database niet bereikbaar: {reden}", file=sys.stderr)
        return 1
    return result


def _databasefout(fout: Exception) -> str | None:
    """The first line of a database connection error (no SQL, no traceback), or None."""
    from sqlalchemy.exc import DBAPIError

    if not isinstance(fout, DBAPIError):
        return None
    return (str(fout.orig).strip().splitlines() or [type(fout.orig).__name__])[0][:300]


if __name__ == "__main__":
    sys.exit(main())
