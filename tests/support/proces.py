"""``rzs`` commands as users run them: the installed console script, in a process of its own."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import requests

#: The ``rzs`` console script of the virtualenv running the tests.
RZS = Path(sys.executable).with_name("rzs")


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def rzs_serve(
    url: str,
    tmp_path: Path,
    *extra: str,
    env: dict[str, str] | None = None,
    https: dict[str, Any] | None = None,
) -> Iterator[tuple[subprocess.Popen[bytes], str, list[str]]]:
    """``rzs serve`` on a free port with fast delivery, once it answers. Yields the process, its
    base address and a list that holds the process's whole output after the block. ``https``:
    the server runs with ``--tls-cert``; these ``requests`` options (``verify``, ``cert``) reach it."""
    poort = vrije_poort()
    omgeving = {
        **os.environ,
        "RZS_DATA_DIR": str(tmp_path),
        "RZS_BEZORGING_POLL_INTERVAL": "0.05",
        **(env or {}),
    }
    proc = subprocess.Popen(
        [str(RZS), "serve", "--port", str(poort), "--database", url, *extra],
        env=omgeving,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    adres = f"{'https' if https is not None else 'http'}://127.0.0.1:{poort}"
    uitvoer: list[str] = []
    try:
        wacht_tot_bereikbaar(proc, adres, opties=https)
        yield proc, adres, uitvoer
    finally:
        proc.terminate()
        uitvoer.append(proc.communicate(timeout=60)[0].decode(errors="replace"))


def wacht_tot_bereikbaar(
    proc: subprocess.Popen[bytes], adres: str, timeout: float = 60, opties: dict[str, Any] | None = None
) -> bool:
    """Poll until the server at ``adres`` answers; False when it exited or the time ran out.
    ``opties``: extra arguments for requests (``verify``/``cert`` for https)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            requests.get(adres + "/zkn/VrijeBerichten?wsdl", timeout=1, **(opties or {}))
            return True
        except requests.ConnectionError:
            time.sleep(0.1)
    return False


def stuur(
    basis: str, template: str, actie: str, pad: str = "/zkn/OntvangAsynchroon", **waarden: object
) -> requests.Response:
    """POST one template message (``tests/messages``) to a running ``rzs serve``, as a sender does."""
    from rzs import ns
    from support import messages
    from support.soap import unieke_referentie

    body = messages.message(template, **{"referentienummer": unieke_referentie(), **waarden})
    return requests.post(
        basis + pad,
        data=messages.envelope(body),
        headers={"SOAPAction": ns.ZKN_ACTION + actie, "Content-Type": "text/xml"},
        timeout=60,
    )
