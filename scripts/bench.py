"""Benchmarks of issue 14: per-operation rate, latency and worker memory of ``rzs serve``, each next
to a bare app (parse + validate + Bv03) measured in the same run. See docs/performance.md.

    scripts/bench --mode open --rate 1000 --duration 10 --scenario creeerZaak
    scripts/bench --mode closed --requests 2000 --clients 8          # as fast as it answers
    scripts/bench --database postgresql --prefill 100000 --json /tmp/bench.json
    scripts/bench --url http://127.0.0.1:8080                        # a running server (loopback)

Why a bare app: the machine is shared and noisy, so only ratios measured side by side mean
something. Why open loop: latency counted from the scheduled send time shows the queueing a
closed loop hides. Every loop is bounded in count and time; only loopback addresses are targeted.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import bench_doelen as doelen  # noqa: E402
import bench_klant as klant  # noqa: E402
import bench_scenarios as sc  # noqa: E402
import bench_uitvoer as uitvoer  # noqa: E402
from bench_vulling import kopieer_zaak  # noqa: E402

from rzs import config, ns  # noqa: E402

# The old interface of this module, still used by bench_documenten.py.
genereer, post, start_server = doelen.genereer, doelen.post, doelen.start_server


def _niveaus(tekst: str) -> list[int]:
    """``--prefill``: one count, or increasing counts separated by commas (at most 9 levels)."""
    niveaus = [int(x) for x in tekst.split(",") if x.strip()]
    if not niveaus or niveaus != sorted(set(niveaus)) or niveaus[0] < 0 or len(niveaus) > 9:
        raise argparse.ArgumentTypeError("one count, or up to 9 increasing counts: 0,100000")
    return niveaus


def _argumenten() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running server (loopback only); default: start one")
    parser.add_argument("--mode", choices=("closed", "open"), default="closed")
    parser.add_argument(
        "--scenario", action="append", help=f"one or more of {', '.join(sc.SCENARIOS)} (default all)"
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers of both started apps")
    parser.add_argument("--threads", type=int, help="threads per worker (default: rzs serve's)")
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument(
        "--database-url",
        help="postgresql: an existing database (e.g. a durable cluster) instead of a private one",
    )
    parser.add_argument(
        "--prefill",
        type=_niveaus,
        default=[0],
        help="zaken stored before measuring (SQL copies); several, e.g. 0,100000: measured in turn",
    )
    parser.add_argument("--seed", type=int, help="drives the identificaties (default: from the clock)")
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument("--requests", type=int, default=2000, help="closed loop: requests per scenario")
    parser.add_argument("--clients", type=int, default=8, help="closed loop: concurrent connections")
    parser.add_argument("--rate", type=float, default=500.0, help="open loop: offered requests/s")
    parser.add_argument("--duration", type=float, default=10.0, help="open loop: measured seconds")
    parser.add_argument("--warmup", type=float, default=2.0, help="open loop: unmeasured seconds first")
    parser.add_argument("--document-rate", type=float, default=20.0, help="open loop: voegZaakdocumentToe/s")
    parser.add_argument("--connections", type=int, default=256, help="open loop: most connections at once")
    parser.add_argument("--max-seconds", type=float, default=60.0, help="deadline of one measurement")
    parser.add_argument(
        "--target", choices=("both", "bare", "server"), default="both", help="bare: the client's own ceiling"
    )
    args = parser.parse_args()
    gekozen = [n for s in args.scenario or list(sc.SCENARIOS) for n in s.split(",") if n]
    onbekend = [n for n in gekozen if n not in sc.SCENARIOS]
    if onbekend:
        parser.error(f"unknown scenario {', '.join(onbekend)}; choose from {', '.join(sc.SCENARIOS)}")
    args.scenario = gekozen
    if args.url:
        doelen.loopback(args.url)
        if args.prefill != [0] or args.database != "sqlite":
            parser.error("--prefill and --database need a server this script starts (no --url)")
    if args.database_url and args.database != "postgresql":
        parser.error("--database-url goes with --database postgresql")
    if args.seed is None:
        args.seed = time.time_ns() // 1000 % 1_000_000_000
    return args


@dataclass(frozen=True)
class Omvang:
    """How many requests a scenario sends, how many of them are warm-up, at what rate (open)."""

    aantal: int
    warmup: int
    rate: float | None


def _omvang(args: argparse.Namespace, scenario: str) -> Omvang:
    if args.mode == "open":
        rate = args.document_rate if scenario == "voegZaakdocumentToe" else args.rate
        warmup = int(rate * args.warmup)
        return Omvang(warmup + max(1, int(rate * args.duration)), warmup, rate)
    aantal = min(args.requests, 200) if scenario == "voegZaakdocumentToe" else args.requests
    return Omvang(aantal, 0, None)


def meet(
    doel: doelen.Doel, verzoeken: list[klant.Verzoek], omvang: Omvang, args: argparse.Namespace
) -> dict[str, Any]:
    """One scenario against one target, with the workers' RSS sampled meanwhile."""
    deadline = args.max_seconds + (omvang.aantal / omvang.rate if omvang.rate else 0.0)
    with doelen.RssMeter(doel.proc.pid if doel.proc else None) as geheugen:
        if omvang.rate is not None:
            uitslag = klant.open_loop(
                doelen.adres(doel.url),
                verzoeken,
                omvang.rate,
                omvang.warmup,
                verbindingen=(_draden(args), args.connections),
                deadline=deadline,
            )
        else:
            uitslag = klant.closed_loop(doelen.adres(doel.url), verzoeken, args.clients, deadline)
    verzonden = omvang.aantal - uitslag.niet_verzonden
    return uitvoer.samenvatting(
        uitslag, verzonden - omvang.warmup, omvang.rate, geheugen.max, geheugen.cpu, verzonden
    )


def _draden(args: argparse.Namespace) -> int:
    """Request threads of one started app: workers x threads (rzs serve's default threads)."""
    return int(args.workers * (args.threads or config.from_environment().threads))


def _pool(args: argparse.Namespace) -> int:
    return max(
        (sc.SCENARIOS[n].pool(_omvang(args, n).aantal) for n in args.scenario),
        default=0,
    )


def vul(server: doelen.Doel, args: argparse.Namespace, pool: int, niveau: int) -> dict[str, float]:
    """The zaken that exist before measuring prefill level ``niveau`` (an index into
    ``args.prefill``): copies of one created zaak (SQL) up to that level's count, and a fresh pool;
    against an external server the pool is created through HTTP instead (slower, bounded)."""
    offset = niveau * sc.NIVEAU
    if server.database_url is None:
        return _pool_http(server, args, pool, offset)
    bron = sc.ident(args.seed, sc.BRON, 1)
    if niveau == 0:
        actie = ns.ZKN_ACTION + "creeerZaak_Lk01"
        status, data = doelen.post(
            server.url, "/zkn/OntvangAsynchroon", sc.creeer_bericht(args.seed, sc.BRON, 1), actie
        )
        if status != 200:
            raise SystemExit(f"creeerZaak of the source zaak failed: {data[-500:]!r}")
    tijden: dict[str, float] = {}
    van, tot = (args.prefill[niveau - 1] if niveau else 0), args.prefill[niveau]
    if tot > van:
        prefix = sc.prefix(args.seed, sc.PREFILL)
        tijden[f"prefill@{tot}"] = kopieer_zaak(server.database_url, bron, prefix, tot - van, van + 1)
    if pool:
        prefix = sc.prefix(args.seed, sc.POOL)
        tijden[f"pool@{tot}"] = kopieer_zaak(server.database_url, bron, prefix, pool, offset + 1)
    if niveau == 0 and (pool or tot):
        kopie = sc.ident(args.seed, sc.POOL, 1) if pool else sc.ident(args.seed, sc.PREFILL, 1)
        _controleer_kopie(server.url, args.seed, bron, kopie)
    return tijden


def _pool_http(server: doelen.Doel, args: argparse.Namespace, pool: int, offset: int) -> dict[str, float]:
    actie = ns.ZKN_ACTION + "creeerZaak_Lk01"
    creeer = [
        klant.verzoek(
            "127.0.0.1",
            "/zkn/OntvangAsynchroon",
            actie,
            sc.creeer_bericht(args.seed, sc.POOL, offset + i + 1),
        )
        for i in range(pool)
    ]
    begin = time.perf_counter()
    uitslag = klant.closed_loop(doelen.adres(server.url), creeer, args.clients, args.max_seconds * 5)
    if uitslag.fouten:
        raise SystemExit(f"creating the pool failed: {uitslag.voorbeelden}")
    return {"pool_http": time.perf_counter() - begin}


def _controleer_kopie(url: str, seed: int, bron: str, kopie: str) -> None:
    """A copy must read back exactly as the zaak the server created (geefZaakdetails, identificatie
    aside): otherwise the SQL copy missed a table and the measurements would lie."""
    b = sc.Bench(seed, "127.0.0.1", [bron, kopie])
    antwoorden = []
    for i, identificatie in enumerate(b.zaken):
        actie = ns.ZKN_ACTION + "geefZaakdetails_Lv01"
        bericht = sc.SCENARIOS["geefZaakdetails"].maak(b, i)
        assert isinstance(bericht, bytes)
        status, data = doelen.post(url, "/zkn/BeantwoordVraag", bericht, actie)
        if status != 200 or b"<ZKN:antwoord" not in data:
            raise SystemExit(f"geefZaakdetails of {identificatie} failed: {data[-500:]!r}")
        antwoorden.append(data[data.index(b"<ZKN:antwoord") :].replace(identificatie.encode(), b"ID"))
    if antwoorden[0] != antwoorden[1]:
        raise SystemExit(
            "a SQL copy reads back differently from its source zaak: bench_vulling misses a table"
        )


def _opwarmen(args: argparse.Namespace, b: sc.Bench, targets: tuple[doelen.Doel | None, ...]) -> None:
    """Unmeasured requests first (bench_scenarios.opwarmen), over as many connections as threads."""
    draden = _draden(args)
    verzoeken = sc.opwarmen(b, sc.ident(args.seed, sc.BRON, 1), 20 * draden)
    for doel in targets:
        if doel is not None:
            klant.closed_loop(doelen.adres(doel.url), verzoeken, draden, args.max_seconds)


def main() -> None:
    args = _argumenten()
    with contextlib.ExitStack() as stapel:
        database_url = args.database_url
        if args.database == "postgresql" and not database_url:
            pgdir = Path(stapel.enter_context(tempfile.TemporaryDirectory(prefix="rzs-bench-pg-")))
            pgdir.chmod(0o755)
            database_url = stapel.enter_context(doelen.postgres(pgdir / "pg"))
        server = None
        if args.url:
            server = doelen.Doel("server", args.url)
        elif args.target != "bare":
            server = doelen.start_rzs(args.workers, args.threads, database_url)
            stapel.callback(server.stop)
        kaal = None
        if args.target != "server":
            kaal = doelen.start_kaal(args.workers, args.threads)
            stapel.callback(kaal.stop)
        pool = _pool(args)
        resultaten: dict[str, dict[str, Any]] = {}
        meta: dict[str, Any] = {}
        for niveau, aantal in enumerate(args.prefill):
            vulling = vul(server, args, pool, niveau) if server is not None else {}
            b = sc.Bench(args.seed, "127.0.0.1", [], offset=niveau * sc.NIVEAU)
            b.zaken = [sc.ident(args.seed, sc.POOL, b.offset + i + 1) for i in range(pool)]
            if niveau == 0:
                meta = uitvoer.metadata(args, pool, vulling)
                uitvoer.kop(meta)
                _opwarmen(args, b, (kaal, server))
            else:
                meta["fill_seconds"].update({k: round(v, 1) for k, v in vulling.items()})
            # The bare app does not store: measured once, at the first level.
            gemeten = (kaal, server) if niveau == 0 else (server,)
            label = "server" if niveau == 0 else f"server@{aantal}"
            for naam in args.scenario:
                omvang = _omvang(args, naam)
                verzoeken = sc.verzoeken(sc.SCENARIOS[naam], b, omvang.aantal)
                per_doel = {
                    (label if d is server else d.naam): meet(d, verzoeken, omvang, args)
                    for d in gemeten
                    if d is not None
                }
                resultaten.setdefault(naam, {}).update(per_doel)
                uitvoer.regels(naam, resultaten[naam], list(per_doel))
                del verzoeken
        if args.json:
            args.json.write_text(json.dumps({"meta": meta, "scenarios": resultaten}, indent=2) + "\n")
            print(f"JSON: {args.json}")


if __name__ == "__main__":
    main()
