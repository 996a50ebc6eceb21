"""Large document content for the tests and the benchmark: made on disk, sent and read as streams.

A 50 MB document is 67 MB of base64. It is generated into a file, written into a request file
chunk by chunk (``bericht_met_inhoud``), posted from that file (requests sends an open file with
its Content-Length, without reading it into memory), and the reply is parsed while it arrives
(``lees_antwoord``): the content of every ``inhoud`` is hashed, not kept. The decoder here is
written independently of the server's, so a reply is checked against base64 itself.
"""

from __future__ import annotations

import binascii
import hashlib
import random
from dataclasses import dataclass, field
from pathlib import Path

import requests
from lxml import etree

from rzs import ns, safexml
from support import messages

#: Put into the template where the content goes, then replaced by the content's base64.
MARKER = "SU5IT1VETUFSS0VS"
_STUK = 3 * 256 * 1024


@dataclass(frozen=True)
class Bestand:
    pad: Path
    sha256: str
    grootte: int


def maak_document(pad: Path, grootte: int, *, zaad: int = 0) -> Bestand:
    """``grootte`` pseudo-random bytes (incompressible, reproducible) in a file, and their sha256."""
    bron = random.Random(zaad)
    digest = hashlib.sha256()
    with pad.open("wb") as uit:
        rest = grootte
        while rest:
            stuk = bron.randbytes(min(1 << 20, rest))
            digest.update(stuk)
            uit.write(stuk)
            rest -= len(stuk)
    return Bestand(pad, digest.hexdigest(), grootte)


def bericht_met_inhoud(
    pad: Path, document: Bestand, template: str, *, soap: str = "1.1", **values: object
) -> Path:
    """A complete SOAP request file: the template in an envelope, the document as inline base64."""
    body = messages.envelope(messages.message(template, inhoud=MARKER, **values), soap)
    voor, gevonden, na = body.partition(MARKER.encode())
    assert gevonden, f"template {template} has no ${{inhoud}}"
    with pad.open("wb") as uit, document.pad.open("rb") as bron:
        uit.write(voor)
        while stuk := bron.read(_STUK):
            uit.write(binascii.b2a_base64(stuk, newline=False))
        uit.write(na)
    return pad


def post_bestand(base_url: str, pad: str, bestand: Path, soapaction: str) -> requests.Response:
    """POST a request file as it is; the reply is not read yet (``stream=True``)."""
    with bestand.open("rb") as data:
        return requests.post(
            base_url + pad,
            data=data,
            headers={"Content-Type": "text/xml; charset=utf-8", "SOAPAction": f'"{soapaction}"'},
            stream=True,
            timeout=120,
        )


class _HashSink:
    """Decodes base64 as it arrives and keeps only its sha256 and length."""

    def __init__(self, gelezen: list[tuple[str, int]]) -> None:
        self._gelezen = gelezen
        self._digest = hashlib.sha256()
        self._grootte = 0
        self._rest = ""

    def write(self, text: str) -> None:
        tekens = self._rest + "".join(text.split())
        heel = len(tekens) - len(tekens) % 4
        self._rest = tekens[heel:]
        data = binascii.a2b_base64(tekens[:heel], strict_mode=True)
        self._digest.update(data)
        self._grootte += len(data)

    def close(self) -> str:
        assert not self._rest, "base64 of the content does not end on a 4-character boundary"
        self._gelezen.append((self._digest.hexdigest(), self._grootte))
        return self._digest.hexdigest()


@dataclass
class GelezenAntwoord:
    status: int
    #: The SOAP body's child, with the sha256 of each content in place of the content.
    body: etree._Element
    #: (sha256, size) of each ``inhoud`` in document order.
    inhoud: list[tuple[str, int]] = field(default_factory=list)


def lees_antwoord(response: requests.Response) -> GelezenAntwoord:
    """Parse a (possibly huge) reply while it streams in; content is hashed, never kept."""
    gelezen: list[tuple[str, int]] = []
    root = safexml.parse_stream(
        response.iter_content(64 * 1024),
        divert={ns.zkn("inhoud")},
        open_sink=lambda tag: _HashSink(gelezen),
    )
    soap_body = next(c for c in root if etree.QName(c).localname == "Body")
    body = next(c for c in soap_body if isinstance(c.tag, str))
    return GelezenAntwoord(response.status_code, body, gelezen)
