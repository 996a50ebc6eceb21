"""Upload and download of one large document (voegZaakdocumentToe, geefZaakdocumentLezen): MB/s and
the server's peak memory growth, against a started server.

    .venv/bin/python scripts/bench_documenten.py                  # starts `rzs serve`, 100 MB
    .venv/bin/python scripts/bench_documenten.py --mb 250 --workers 2
    .venv/bin/python scripts/bench_documenten.py --url http://127.0.0.1:8080   # no memory figures

The document is generated on disk (incompressible bytes), sent from a request file (inline base64,
what every real sender does) and read back as a stream whose content is hashed on the fly, so the
client never holds it either. Memory: the peak RSS (VmHWM) of the gunicorn workers, reset before
each phase through /proc/<pid>/clear_refs; where that is not allowed, RSS sampled every 5 ms. The
target (issue 3): growth under 3x the document size, no time-outs. Only loopback addresses.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "scripts"))

from bench_doelen import genereer, post, start_server, workers  # noqa: E402

from rzs import ns  # noqa: E402
from support import inhoud, messages  # noqa: E402

MB = 1024 * 1024


def _status(pid: int, veld: str) -> int:
    """A kB field of /proc/<pid>/status (VmRSS, VmHWM) in bytes."""
    for regel in Path(f"/proc/{pid}/status").read_text().splitlines():
        if regel.startswith(veld + ":"):
            return int(regel.split()[1]) * 1024
    raise KeyError(veld)


class Geheugen:
    """Peak RSS growth of a set of processes over one phase."""

    def __init__(self, pids: list[int]) -> None:
        self.pids = pids
        self._basis: dict[int, int] = {}
        self._piek: dict[int, int] = {}
        self._stop = threading.Event()
        self._sampler: threading.Thread | None = None
        self.methode = "VmHWM"

    def start(self) -> None:
        self._basis = {pid: _status(pid, "VmRSS") for pid in self.pids}
        self._piek = dict(self._basis)
        try:
            for pid in self.pids:
                Path(f"/proc/{pid}/clear_refs").write_text("5")  # reset VmHWM to the current RSS
        except OSError:
            self.methode = "sampled VmRSS"
            self._stop.clear()
            self._sampler = threading.Thread(target=self._sample, daemon=True)
            self._sampler.start()

    def _sample(self) -> None:
        while not self._stop.is_set():
            for pid in self.pids:
                self._piek[pid] = max(self._piek[pid], _status(pid, "VmRSS"))
            time.sleep(0.005)

    def stop(self) -> int:
        """The largest growth of any one process (each request runs in one worker)."""
        if self._sampler is not None:
            self._stop.set()
            self._sampler.join()
        else:
            self._piek = {pid: _status(pid, "VmHWM") for pid in self.pids}
        return max(self._piek[pid] - self._basis[pid] for pid in self.pids)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running server (loopback only); default: start one")
    parser.add_argument("--mb", type=int, default=100, help="document size in MiB (default 100)")
    parser.add_argument("--workers", type=int, default=1, help="gunicorn workers of the started server")
    args = parser.parse_args()
    grootte = args.mb * MB
    proc = None
    if args.url:
        host = urllib.parse.urlsplit(args.url).hostname or ""
        if not (host.startswith("127.") or host in {"localhost", "::1"}):
            raise SystemExit("bench only targets loopback addresses")
        url = args.url
    else:
        env = {"RZS_MAX_DOCUMENT_BYTES": str(grootte + MB)}
        proc, url, _tmp = start_server(args.workers, env)
    try:
        with tempfile.TemporaryDirectory(prefix="rzs-bench-doc-") as tmp:
            meet(url, grootte, Path(tmp), workers(proc.pid) if proc is not None else [])
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=30)


def meet(url: str, grootte: int, tmp: Path, pids: list[int]) -> None:
    zaak = genereer(url)
    status, data = post(
        url,
        "/zkn/OntvangAsynchroon",
        messages.envelope(
            messages.message(
                "zaken/creeerZaak_gezinsplan_minimaal", zaak_identificatie=zaak, referentienummer=f"BZ-{zaak}"
            )
        ),
        ns.ZKN_ACTION + "creeerZaak_Lk01",
    )
    assert status == 200, data[:500]
    status, data = post(
        url,
        "/zkn/VrijeBerichten",
        messages.envelope(
            messages.message("documenten/genereerDocumentIdentificatie_Di02", referentienummer=f"BG-{zaak}")
        ),
        ns.ZKN_ACTION + "genereerDocumentIdentificatie_Di02",
    )
    assert status == 200, data[:500]
    start = data.index(b"<ZKN:identificatie>") + len(b"<ZKN:identificatie>")
    identificatie = data[start : data.index(b"<", start)].decode()

    document = inhoud.maak_document(tmp / "document.bin", grootte, zaad=1)
    verzoek = inhoud.bericht_met_inhoud(
        tmp / "verzoek.xml",
        document,
        "documenten/voegZaakdocumentToe",
        zaak_identificatie=zaak,
        document_identificatie=identificatie,
        referentienummer=f"BD-{identificatie}",
    )
    vraag = tmp / "vraag.xml"
    vraag.write_bytes(
        messages.envelope(
            messages.message("documenten/geefZaakdocumentLezen_alles", document_identificatie=identificatie)
        )
    )
    geheugen = Geheugen(pids)
    base64_mb = verzoek.stat().st_size / MB
    print(f"server {url}, document {grootte / MB:.0f} MiB ({base64_mb:.0f} MiB as base64 request)")

    if pids:
        geheugen.start()
    begin = time.perf_counter()
    response = inhoud.post_bestand(
        url, "/zkn/OntvangAsynchroon", verzoek, ns.ZKN_ACTION + "voegZaakdocumentToe_Lk01"
    )
    response.content  # noqa: B018 - read the (small) Bv03
    duur = time.perf_counter() - begin
    assert response.status_code == 200, response.content[:500]
    groei = geheugen.stop() if pids else None
    rapport("upload", grootte, duur, groei, geheugen.methode)

    if pids:
        geheugen.start()
    begin = time.perf_counter()
    response = inhoud.post_bestand(
        url, "/zkn/BeantwoordVraag", vraag, ns.ZKN_ACTION + "geefZaakdocumentLezen_Lv01"
    )
    gelezen = inhoud.lees_antwoord(response)
    duur = time.perf_counter() - begin
    assert gelezen.status == 200
    assert gelezen.inhoud == [(document.sha256, document.grootte)], "content differs from what was sent"
    groei = geheugen.stop() if pids else None
    rapport("download", grootte, duur, groei, geheugen.methode)
    print("content read back byte-identical (sha256)")


def rapport(fase: str, grootte: int, duur: float, groei: int | None, methode: str) -> None:
    geheugen = (
        f"peak RSS growth {groei / MB:7.1f} MiB ({groei / grootte:.2f}x document, {methode})"
        if groei is not None
        else "peak RSS n/a (external server)"
    )
    print(f"{fase:9s} {duur:6.2f} s  {grootte / MB / duur:7.1f} MiB/s  {geheugen}")


if __name__ == "__main__":
    main()
