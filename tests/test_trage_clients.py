"""Slow clients cannot starve ``rzs serve`` (issue 11, item 2; docs/decisions/0004-slow-clients.md).

Real ``rzs serve --workers 1`` processes and raw sockets that send a request a byte at a time.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

from rzs import ns
from support import messages
from support.proces import rzs_serve
from support.soap import unieke_referentie

PAD = "/zkn/VrijeBerichten"


@contextmanager
def _trage_client(basis: str, *, headers_af: bool = True) -> Iterator[socket.socket]:
    """A connection that announces a 100 kB body and sends one byte of it (or half its headers)."""
    host, poort = basis.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(poort)), timeout=30)
    try:
        kop = f"POST {PAD} HTTP/1.1\r\nHost: {host}\r\nContent-Type: text/xml\r\n"
        if headers_af:
            sock.sendall(f"{kop}Content-Length: 100000\r\n\r\n<".encode())
        else:
            sock.sendall(kop.encode())
        yield sock
    finally:
        sock.close()


def _verbonden(sock: socket.socket) -> bool:
    """Still open and nothing sent back: the server is still waiting for the rest of the request."""
    timeout = sock.gettimeout()
    sock.setblocking(False)  # with a timeout set, recv would wait for data despite MSG_DONTWAIT
    try:
        sock.recv(1, socket.MSG_PEEK)
    except BlockingIOError:
        return True
    except OSError:
        return False
    finally:
        sock.settimeout(timeout)
    return False  # closed (b""), or an answer: either way the server stopped waiting


def _druppel_tot_verbroken(sock: socket.socket, byte: bytes = b" ") -> bool:
    """Send a byte every 0.1 s (a trickle keeps every recv short) until the server closes the
    connection; False if it was still open after 600 bytes, far past every deadline in these tests."""
    for _ in range(600):
        try:
            sock.sendall(byte)
        except OSError:
            return True
        if not _verbonden(sock):
            return True
        time.sleep(0.1)
    return False


def _normaal_verzoek(basis: str) -> requests.Response:
    body = messages.message(
        "identificaties/genereerZaakIdentificatie_Di02", referentienummer=unieke_referentie()
    )
    return requests.post(
        basis + PAD,
        data=messages.envelope(body),
        timeout=60,
        headers={
            "SOAPAction": ns.ZKN_ACTION + "genereerZaakIdentificatie_Di02",
            "Content-Type": "text/xml",
        },
    )


def test_twee_trage_clients_houden_een_normaal_verzoek_niet_op(tmp_path: Path) -> None:
    """With one worker, two clients in the middle of a body do not delay a third: it is answered
    while both are still connected (a sync worker served it only after one of them was done)."""
    database = f"sqlite:///{tmp_path / 'traag.sqlite3'}"
    with (
        rzs_serve(database, tmp_path, "--workers", "1") as (_proc, basis, _uitvoer),
        _trage_client(basis) as eerste,
        _trage_client(basis) as tweede,
    ):
        time.sleep(0.5)  # both have had time to be taken by a worker thread
        response = _normaal_verzoek(basis)
        assert response.status_code == 200, response.text[:500]
        assert _verbonden(eerste) and _verbonden(tweede)


def test_trage_body_en_trage_headers_worden_afgebroken(tmp_path: Path) -> None:
    """A body (or header block) trickled a byte at a time is cut off at its deadline, not at a
    per-recv timeout that every new byte resets; the server keeps answering others."""
    database = f"sqlite:///{tmp_path / 'afbreken.sqlite3'}"
    env = {"RZS_BODY_TIMEOUT": "2", "RZS_HEADER_TIMEOUT": "2"}
    with rzs_serve(database, tmp_path, "--workers", "1", env=env) as (_proc, basis, _uitvoer):
        with _trage_client(basis) as body_traag:
            assert _druppel_tot_verbroken(body_traag)
        with _trage_client(basis, headers_af=False) as headers_traag:
            assert _druppel_tot_verbroken(headers_traag, b"X")
        assert _normaal_verzoek(basis).status_code == 200
