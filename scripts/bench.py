"""Throughput and latency of creeerZaak and geefZaakdetails against a running server.

    .venv/bin/python scripts/bench.py                      # starts `rzs serve` on a temp SQLite
    .venv/bin/python scripts/bench.py --url http://127.0.0.1:8080 --requests 2000 --clients 8

Messages are the test templates (tests/messages), filled through the one template helper. Each
client thread keeps one HTTP connection open. Request loops are bounded in count and in time, and
only loopback addresses are accepted. Prints requests/s, p50, p99 and errors per operation.
"""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from rzs import ns  # noqa: E402
from support import messages  # noqa: E402

_local = threading.local()


def _connection(url: str) -> http.client.HTTPConnection:
    conn: http.client.HTTPConnection | None = getattr(_local, "conn", None)
    if conn is None:
        parts = urllib.parse.urlsplit(url)
        conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port or 80, timeout=30)
        _local.conn = conn
    return conn


def post(url: str, path: str, data: bytes, action: str) -> tuple[int, bytes]:
    """POST a complete envelope (rendered before the clock starts, so the client stays light)."""
    conn = _connection(url)
    headers = {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": f'"{action}"'}
    try:
        conn.request("POST", path, body=data, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()
    except (http.client.HTTPException, OSError):
        conn.close()
        _local.conn = None
        raise


def genereer(url: str) -> str:
    status, data = post(
        url,
        "/zkn/VrijeBerichten",
        messages.envelope(
            messages.message(
                "identificaties/genereerZaakIdentificatie_Di02", referentienummer=f"B-{time.time_ns()}"
            )
        ),
        ns.ZKN_ACTION + "genereerZaakIdentificatie_Di02",
    )
    assert status == 200, data[:300]
    start = data.index(b"<ZKN:identificatie>") + len(b"<ZKN:identificatie>")
    return data[start : data.index(b"<", start)].decode()


def meet(naam: str, aantal: int, clients: int, max_seconden: float, stap: Callable[[int], int]) -> None:
    tijden: list[float] = []
    fouten = 0
    deadline = time.monotonic() + max_seconden
    lock = threading.Lock()

    def een(i: int) -> None:
        nonlocal fouten
        if time.monotonic() > deadline:
            return
        begin = time.perf_counter()
        status = stap(i)
        duur = time.perf_counter() - begin
        with lock:
            tijden.append(duur)
            fouten += status != 200

    begin = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(een, range(aantal)))
    totaal = time.perf_counter() - begin
    tijden.sort()
    p99 = tijden[min(len(tijden) - 1, int(len(tijden) * 0.99))]
    print(
        f"{naam:18s} {len(tijden):6d} requests  {len(tijden) / totaal:8.1f} req/s  "
        f"p50 {statistics.median(tijden) * 1000:6.1f} ms  p99 {p99 * 1000:6.1f} ms  errors {fouten}"
    )


def start_server(
    workers: int, extra_env: dict[str, str] | None = None
) -> tuple[subprocess.Popen[bytes], str, tempfile.TemporaryDirectory[str]]:
    tmp = tempfile.TemporaryDirectory(prefix="rzs-bench-")
    port = 18000 + os.getpid() % 1000
    env = {**os.environ, "RZS_DATA_DIR": tmp.name, **(extra_env or {})}
    proc = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "rzs"), "serve", "--port", str(port), "--workers", str(workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", "/zkn/VrijeBerichten")
            conn.getresponse().read()
            return proc, url, tmp
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running server (loopback only); default: start one")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers of the started server")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--max-seconds", type=float, default=60.0)
    args = parser.parse_args()
    proc = None
    if args.url:
        host = urllib.parse.urlsplit(args.url).hostname or ""
        if not (host.startswith("127.") or host in {"localhost", "::1"}):
            raise SystemExit("bench only targets loopback addresses")
        url = args.url
    else:
        proc, url, _tmp = start_server(args.workers)
    try:
        ids = [genereer(url) for _ in range(args.requests)]
        creeer = [
            messages.envelope(
                messages.message(
                    "zaken/creeerZaak_gezinsplan_uitgebreid", zaak_identificatie=i, referentienummer=f"BC-{i}"
                )
            )
            for i in ids
        ]
        vraag = [
            messages.envelope(
                messages.message(
                    "vragen/geefZaakdetails_alles", zaak_identificatie=i, referentienummer=f"BV-{i}"
                )
            )
            for i in ids
        ]
        print(f"server {url}, {args.clients} clients, {args.requests} requests per operation")
        meet(
            "creeerZaak",
            args.requests,
            args.clients,
            args.max_seconds,
            lambda i: post(url, "/zkn/OntvangAsynchroon", creeer[i], ns.ZKN_ACTION + "creeerZaak_Lk01")[0],
        )
        meet(
            "geefZaakdetails",
            args.requests,
            args.clients,
            args.max_seconds,
            lambda i: post(url, "/zkn/BeantwoordVraag", vraag[i], ns.ZKN_ACTION + "geefZaakdetails_Lv01")[0],
        )
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=30)


if __name__ == "__main__":
    main()
