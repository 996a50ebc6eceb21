"""The targets scripts/bench measures: a started ``rzs serve``, the bare app, a private PostgreSQL,
and the memory of their gunicorn workers.

Why here and not in bench.py: bench_documenten.py starts the same server, and one place decides how
a benchmark server is started (temp data dir, port, readiness, stop) and what "a worker" is.
Only loopback addresses are ever targeted (``loopback``).
"""

from __future__ import annotations

import contextlib
import http.client
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from rzs import ns  # noqa: E402
from support import messages  # noqa: E402

_START_SECONDS = 60.0


def loopback(url: str) -> str:
    """The url itself, or SystemExit when it is not a loopback address (a benchmark floods)."""
    host = urllib.parse.urlsplit(url).hostname or ""
    if not (host.startswith("127.") or host in {"localhost", "::1"}):
        raise SystemExit("bench only targets loopback addresses")
    return url


def adres(url: str) -> tuple[str, int]:
    parts = urllib.parse.urlsplit(url)
    return parts.hostname or "127.0.0.1", parts.port or 80


@dataclass
class Doel:
    """One target: its URL, its gunicorn master (None: an external server) and its database."""

    naam: str
    url: str
    proc: subprocess.Popen[bytes] | None = None
    database_url: str | None = None
    tmp: tempfile.TemporaryDirectory[str] | None = field(default=None, repr=False)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        if self.tmp is not None:
            self.tmp.cleanup()


def _vrije_poort() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wacht(doel: Doel, pad: str) -> Doel:
    """Return once ``pad`` answers (bounded); SystemExit when the process died or took too long."""
    host, port = adres(doel.url)
    deadline = time.monotonic() + _START_SECONDS
    while time.monotonic() < deadline:
        if doel.proc is not None and doel.proc.poll() is not None:
            doel.stop()
            raise SystemExit(f"{doel.naam} stopped during start-up (exit {doel.proc.returncode})")
        with contextlib.suppress(OSError, http.client.HTTPException):
            conn = http.client.HTTPConnection(host, port, timeout=2)
            conn.request("GET", pad)
            if conn.getresponse().status == 200:
                conn.close()
                return doel
        time.sleep(0.2)
    doel.stop()
    raise SystemExit(f"{doel.naam} did not start within {_START_SECONDS:.0f} s")


def start_rzs(
    workers: int,
    threads: int | None = None,
    database_url: str | None = None,
    env: dict[str, str] | None = None,
) -> Doel:
    """``rzs serve`` on a free loopback port, data in a temp dir (SQLite there unless a URL is given)."""
    tmp = tempfile.TemporaryDirectory(prefix="rzs-bench-")
    port = _vrije_poort()
    omgeving = {**os.environ, "RZS_DATA_DIR": tmp.name, **(env or {})}
    if database_url:
        omgeving["RZS_DATABASE_URL"] = database_url
    argv = [str(ROOT / ".venv" / "bin" / "rzs"), "serve", "--port", str(port), "--workers", str(workers)]
    if threads:
        argv += ["--threads", str(threads)]
    proc = subprocess.Popen(argv, env=omgeving, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    effectief = database_url or f"sqlite:///{Path(tmp.name) / 'rzs.sqlite3'}"
    return _wacht(Doel("server", url, proc, effectief, tmp), "/health/ready")


def start_kaal(workers: int, threads: int | None = None) -> Doel:
    """The bare app (scripts/bench_kaal.py) with the same gunicorn settings."""
    port = _vrije_poort()
    argv = [
        sys.executable,
        str(ROOT / "scripts" / "bench_kaal.py"),
        "--port",
        str(port),
        "--workers",
        str(workers),
    ]
    if threads:
        argv += ["--threads", str(threads)]
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return _wacht(Doel("bare", f"http://127.0.0.1:{port}", proc), "/")


def start_server(
    workers: int, extra_env: dict[str, str] | None = None
) -> tuple[subprocess.Popen[bytes], str, tempfile.TemporaryDirectory[str]]:
    """The old interface (bench_documenten.py): the process, its URL and its temp dir."""
    doel = start_rzs(workers, env=extra_env)
    assert doel.proc is not None and doel.tmp is not None
    return doel.proc, doel.url, doel.tmp


@contextlib.contextmanager
def postgres(pgdir: Path) -> Iterator[str]:
    """A private PostgreSQL cluster (scripts/postgres) for the run; its URL. Durable (fsync and
    synchronous commit on, ``RZS_PG_DURABEL=1``): the targets are for a durable commit."""
    script = str(ROOT / "scripts" / "postgres")
    gestart = subprocess.run(
        [script, "start", str(pgdir)],
        check=False,
        capture_output=True,
        text=True,
        env={**os.environ, "RZS_PG_DURABEL": "1"},
    )
    if gestart.returncode != 0:
        raise SystemExit("scripts/postgres did not start:\n" + gestart.stderr[-2000:])
    url = gestart.stdout.strip()
    try:
        yield url
    finally:
        subprocess.run([script, "stop", str(pgdir)], check=False, capture_output=True)


def _kinderen(master: int) -> list[int]:
    try:
        return [
            int(p)
            for taak in Path(f"/proc/{master}/task").iterdir()
            for p in (taak / "children").read_text().split()
        ]
    except OSError:
        return []


def cpu_seconden(master: int) -> float:
    """User + system CPU of a master and its children (HTTP workers and the delivery process) so
    far. CPU per request varies far less with the machine's load than a rate does."""
    totaal = 0
    for pid in [master, *_kinderen(master)]:
        with contextlib.suppress(OSError, IndexError, ValueError):
            velden = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            totaal += int(velden[11]) + int(velden[12])  # utime, stime (fields 14 and 15)
    return totaal / os.sysconf("SC_CLK_TCK")


def workers(master: int) -> list[int]:
    """The gunicorn workers of a master: its children running the master's own command line (the
    delivery process ``rzs worker`` beside them is a child too, but not an HTTP worker)."""
    try:
        eigen = Path(f"/proc/{master}/cmdline").read_bytes()
    except OSError:
        return []
    kinderen = _kinderen(master)
    gevonden = []
    for pid in kinderen:
        with contextlib.suppress(OSError):
            if Path(f"/proc/{pid}/cmdline").read_bytes() == eigen:
                gevonden.append(pid)
    return gevonden


def rss(pid: int) -> int:
    """VmRSS of a process in bytes (0 when it is gone)."""
    with contextlib.suppress(OSError):
        for regel in Path(f"/proc/{pid}/status").read_text().splitlines():
            if regel.startswith("VmRSS:"):
                return int(regel.split()[1]) * 1024
    return 0


class RssMeter:
    """The largest VmRSS of any worker of a master while running: sampled every 50 ms in a thread of
    the client (a few /proc reads; its CPU counts in the client's figure), the workers looked up
    again every second (gunicorn may replace one)."""

    def __init__(self, master: int | None) -> None:
        self.master = master
        self.max = 0
        #: CPU seconds of the master and all its children while running (None: not measured).
        self.cpu: float | None = None
        self._stop = threading.Event()
        self._draad = threading.Thread(target=self._meet, daemon=True)

    def __enter__(self) -> RssMeter:
        if self.master is not None:
            self.cpu = cpu_seconden(self.master)
            self._draad.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        if self._draad.is_alive():
            self._draad.join(timeout=5)
        if self.master is not None and self.cpu is not None:
            self.cpu = cpu_seconden(self.master) - self.cpu

    def _meet(self) -> None:
        assert self.master is not None
        pids: list[int] = []
        for ronde in range(10**9):
            if self._stop.is_set():
                return
            if ronde % 20 == 0:
                pids = workers(self.master)
            for pid in pids:
                self.max = max(self.max, rss(pid))
            self._stop.wait(0.05)


def post(url: str, path: str, data: bytes, action: str) -> tuple[int, bytes]:
    """One POST for set-up steps (not measured): status and body."""
    host, port = adres(url)
    conn = http.client.HTTPConnection(host, port, timeout=60)
    try:
        conn.request(
            "POST",
            path,
            body=data,
            headers={"Content-Type": "text/xml; charset=utf-8", "SOAPAction": f'"{action}"'},
        )
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def genereer(url: str) -> str:
    """A zaakidentificatie issued by the server (genereerZaakIdentificatie)."""
    bericht = messages.message(
        "identificaties/genereerZaakIdentificatie_Di02", referentienummer=f"B-{time.time_ns()}"
    )
    status, data = post(
        url,
        "/zkn/VrijeBerichten",
        messages.envelope(bericht),
        ns.ZKN_ACTION + "genereerZaakIdentificatie_Di02",
    )
    assert status == 200, data[:300]
    start = data.index(b"<ZKN:identificatie>") + len(b"<ZKN:identificatie>")
    return data[start : data.index(b"<", start)].decode()
