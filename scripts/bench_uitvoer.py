"""What scripts/bench reports: the numbers per scenario and target, the ratio server/bare, the run's
metadata, as a table on stdout and as JSON (``--json``).

Why the metadata: a number without its machine state, commit, seed, database and prefill cannot be
compared with the next run (docs/performance.md).
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import subprocess
from importlib import metadata as pakketten
from pathlib import Path
from typing import Any

from bench_klant import Uitslag

ROOT = Path(__file__).resolve().parents[1]
MB = 1024 * 1024
#: Issue 14: a worker's RSS stays under this through the benchmark.
RSS_DOEL_MB = 150


def _percentiel(gesorteerd: list[float], q: float) -> float | None:
    if not gesorteerd:
        return None
    return round(gesorteerd[min(len(gesorteerd) - 1, int(len(gesorteerd) * q))] * 1000, 2)


def samenvatting(
    uitslag: Uitslag, gemeten: int, rate: float | None, rss: int, cpu: float | None, verzonden: int
) -> dict[str, Any]:
    """One scenario against one target: rates, latencies (ms), errors, client lag, worker RSS (MB),
    the target's CPU per request (ms; all requests of the run, warm-up included)."""
    latenties = sorted(uitslag.latenties)
    return {
        "requests": gemeten,
        "offered_rate": rate,
        "achieved_rate": round(uitslag.gehaald, 1),
        "p50_ms": _percentiel(latenties, 0.50),
        "p90_ms": _percentiel(latenties, 0.90),
        "p99_ms": _percentiel(latenties, 0.99),
        "max_ms": round(latenties[-1] * 1000, 2) if latenties else None,
        "errors": uitslag.fouten,
        "error_examples": uitslag.voorbeelden,
        "client_max_lag_ms": round(uitslag.max_lag * 1000, 2) if rate else None,
        "client_pool_exhausted": uitslag.zonder_verbinding if rate else None,
        "connections": uitslag.verbindingen,
        "client_cpu_us_per_request": round(uitslag.cpu_per_verzoek * 1e6),
        "max_worker_rss_mb": round(rss / MB, 1) if rss else None,
        "cpu_ms_per_request": round(cpu / verzonden * 1000, 3) if cpu is not None and verzonden else None,
        # The machine is shared: its load right after the measurement says how much to trust it.
        "load_average_1m": round(os.getloadavg()[0], 2),
    }


def verhouding(uitslag: dict[str, Any], label: str) -> None:
    """Store the ratio of a server row's achieved rate to the bare app's (``rate_ratio``, or
    ``rate_ratio@N`` for the row ``server@N`` of a prefill level)."""
    kaal, server = uitslag.get("bare"), uitslag.get(label)
    if kaal and server and kaal["achieved_rate"]:
        sleutel = "rate_ratio" + label.removeprefix("server")
        uitslag[sleutel] = round(server["achieved_rate"] / kaal["achieved_rate"], 3)


def _git() -> str:
    try:
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short=12", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        vuil = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--", "src"], capture_output=True, text=True
        )
        return commit + ("+dirty-src" if vuil.stdout.strip() else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _versie(pakket: str) -> str:
    try:
        return pakketten.version(pakket)
    except pakketten.PackageNotFoundError:
        return "-"


def metadata(args: argparse.Namespace, pool: int, vulling: dict[str, float]) -> dict[str, Any]:
    return {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "git_commit": _git(),
        "seed": args.seed,
        "mode": args.mode,
        "database": args.database if not args.url else f"external {args.url}",
        "workers": args.workers,
        "threads": args.threads,
        "prefill": args.prefill[0] if len(args.prefill) == 1 else args.prefill,
        "pool": pool,
        "fill_seconds": {k: round(v, 1) for k, v in vulling.items()},
        "rate": args.rate if args.mode == "open" else None,
        "document_rate": args.document_rate if args.mode == "open" else None,
        "duration": args.duration if args.mode == "open" else None,
        "warmup": args.warmup if args.mode == "open" else None,
        "requests": args.requests if args.mode == "closed" else None,
        "clients": args.clients if args.mode == "closed" else None,
        "cpus": os.cpu_count(),
        "load_average_start": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "lxml": _versie("lxml"),
        "sqlalchemy": _versie("SQLAlchemy"),
        "gunicorn": _versie("gunicorn"),
    }


def kop(meta: dict[str, Any]) -> None:
    last = f"rate {meta['rate']}/s" if meta["mode"] == "open" else f"{meta['clients']} clients"
    print(
        f"bench {meta['date']} commit {meta['git_commit']} seed {meta['seed']} {meta['mode']} loop, {last}, "
        f"{meta['database']}, {meta['workers']} workers, prefill {meta['prefill']}, pool {meta['pool']}, "
        f"load {meta['load_average_start'][0]}"
    )
    print(
        f"{'scenario':20s} {'target':13s} {'offered':>8s} {'achieved':>9s} {'p50':>8s} {'p90':>8s} "
        f"{'p99':>8s} {'max':>8s} {'errors':>6s} {'lag':>7s} {'RSS MB':>7s} {'CPU ms':>7s}"
    )


def _ms(waarde: float | None) -> str:
    return "-" if waarde is None else f"{waarde:.1f}"


def _boven_rss(mb: float | None) -> str:
    """A mark when a worker went over issue 14's memory target."""
    return f"  RSS > {RSS_DOEL_MB} MB" if mb is not None and mb > RSS_DOEL_MB else ""


def _cpu(waarde: float | None) -> str:
    return "-" if waarde is None else f"{waarde:.2f}"


def regels(scenario: str, uitslag: dict[str, Any], labels: list[str]) -> None:
    """The table rows of one scenario's targets ``labels``, then a ratio line per server row."""
    for label in labels:
        r = uitslag[label]
        print(
            f"{scenario:20s} {label:13s} {_ms(r['offered_rate']):>8s} {r['achieved_rate']:9.1f} "
            f"{_ms(r['p50_ms']):>8s} {_ms(r['p90_ms']):>8s} {_ms(r['p99_ms']):>8s} {_ms(r['max_ms']):>8s} "
            f"{r['errors']:6d} {_ms(r['client_max_lag_ms']):>7s} {_ms(r['max_worker_rss_mb']):>7s} "
            f"{_cpu(r['cpu_ms_per_request']):>7s}{_boven_rss(r['max_worker_rss_mb'])}"
        )
        for voorbeeld in r["error_examples"]:
            print(f"{'':34s}error: {voorbeeld[:200]}")
    kaal = uitslag.get("bare")
    for label in labels:
        if label == "bare":
            continue
        verhouding(uitslag, label)
        sleutel = "rate_ratio" + label.removeprefix("server")
        if kaal is None or sleutel not in uitslag:
            continue
        server = uitslag[label]
        print(
            f"{'':34s}{label}/bare rate {uitslag[sleutel]:.3f}x, "
            f"p99 {_ms(server['p99_ms'])} ms vs {_ms(kaal['p99_ms'])} ms, "
            f"CPU/request {_cpu(server['cpu_ms_per_request'])} ms vs {_cpu(kaal['cpu_ms_per_request'])} ms"
        )
