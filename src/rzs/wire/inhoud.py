"""Document content on the wire: decoded into files on the way in, streamed on the way out (DIGEST f.3).

Why: a 100 MB document is a 133 MB base64 text node. Parsed into a tree, encoded into a reply,
it would sit in memory several times over. Instead:

* **In.** :func:`lees_xml` runs the streaming parser (``safexml.parse_stream``; small requests:
  ``safexml.parse``) and diverts the
  text of every ``ZKN:inhoud`` into a :class:`Base64Sink`, which decodes it chunk by chunk into a
  temporary file (in memory up to :data:`IN_GEHEUGEN` bytes, then on disk in the spool directory)
  while computing its sha256 and enforcing the maximum document size. The element keeps the hex
  sha256 as its text (a valid base64Binary), the request carries the file as a
  :class:`~rzs.stuf.bericht.Bijlage` under that key. MTOM parts end up the same way (``mtom.py``).
* **Out.** A handler writes the sha256 of stored content as the text of an ``inhoud`` element;
  :func:`inline_antwoord` serialises the envelope with a marker there and yields the text around
  it with the content read from the :class:`Inhoudsbron` and base64-encoded piece by piece. The
  length is known in advance, so the reply still has a Content-Length.
"""

from __future__ import annotations

import binascii
import hashlib
import itertools
import tempfile
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol, cast

from lxml import etree

from rzs import ns, safexml
from rzs.fouten import OngeldigBericht
from rzs.stuf.bericht import Bijlage
from rzs.wire.envelope import SoapVersie

#: Decoded content up to this size stays in memory; larger content is spooled to disk.
IN_GEHEUGEN = 1 << 20
#: Requests up to this size are parsed whole (see :func:`lees_xml`); larger ones are streamed.
IN_EEN_KEER = 4 << 20
#: Pieces read from the content store: a multiple of 3, so their base64 concatenates unpadded.
STUK = 3 * 64 * 1024
#: The element whose text is document content (``StUF:BinaireInhoud``).
INHOUD = ns.zkn("inhoud")


class Inhoudsbron(Protocol):
    """Stored content by sha256, read in pieces (the store's blob store)."""

    def size(self, sha256: str) -> int: ...

    def chunks(self, sha256: str) -> Iterator[bytes]: ...


class Ontvangst:
    """The document content of one request: its temporary files, all closed when the request ends."""

    def __init__(self, spool_dir: Path, max_document_bytes: int) -> None:
        self.spool_dir = spool_dir
        self.max_document_bytes = max_document_bytes
        self.bijlagen: dict[str, Bijlage] = {}
        self._bestanden: list[BinaryIO] = []

    def nieuw_bestand(self) -> BinaryIO:
        self.spool_dir.mkdir(parents=True, exist_ok=True)
        bestand = cast(
            BinaryIO,
            tempfile.SpooledTemporaryFile(max_size=IN_GEHEUGEN, dir=str(self.spool_dir)),  # noqa: SIM115 - closed in sluit()
        )
        self._bestanden.append(bestand)
        return bestand

    def open_sink(self, tag: str) -> Base64Sink:
        return Base64Sink(self)

    def registreer(
        self, bestand: BinaryIO, sha256: str, grootte: int, content_type: str | None = None
    ) -> str:
        """Keep ``bestand`` as the content with this sha256; returns the text its element keeps."""
        if sha256 not in self.bijlagen:
            self.bijlagen[sha256] = Bijlage(sha256, grootte, bestand, content_type)
        return sha256

    def te_groot(self) -> OngeldigBericht:
        return OngeldigBericht(
            f"Document (inhoud) is groter dan het maximum van {self.max_document_bytes} bytes"
        )

    def sluit(self) -> None:
        for bestand in self._bestanden:
            bestand.close()
        self._bestanden.clear()


class Base64Sink:
    """Decodes the base64 text of one ``inhoud`` as it arrives (xs:base64Binary: whitespace is
    insignificant, padding only at the end), into a file of the :class:`Ontvangst`."""

    def __init__(self, ontvangst: Ontvangst) -> None:
        self._ontvangst = ontvangst
        self._bestand = ontvangst.nieuw_bestand()
        self._hash = hashlib.sha256()
        self._grootte = 0
        self._rest = ""
        self._afgesloten = False

    def write(self, text: str) -> None:
        tekens = self._rest + "".join(text.split())
        heel = len(tekens) - len(tekens) % 4
        self._rest = tekens[heel:]
        if heel:
            self._decodeer(tekens[:heel])

    def _decodeer(self, tekens: str) -> None:
        if self._afgesloten:
            raise OngeldigBericht("inhoud bevat base64-tekens na de afsluitende '='")
        try:
            data = binascii.a2b_base64(tekens, strict_mode=True)
        except ValueError:
            raise OngeldigBericht("inhoud is geen geldige base64 (xs:base64Binary)") from None
        self._afgesloten = tekens.endswith("=")
        self._grootte += len(data)
        if self._grootte > self._ontvangst.max_document_bytes:
            raise self._ontvangst.te_groot()
        self._hash.update(data)
        self._bestand.write(data)

    def close(self) -> str:
        if self._rest:
            raise OngeldigBericht("inhoud is geen geldige base64: de lengte is geen veelvoud van 4")
        return self._ontvangst.registreer(self._bestand, self._hash.hexdigest(), self._grootte)


def lees_xml(
    chunks: Iterable[bytes], ontvangst: Ontvangst, *, max_bytes: int, in_een_keer: int = IN_EEN_KEER
) -> etree._Element:
    """A plain (non-MTOM) SOAP request, with its document content diverted into ``ontvangst``.

    A request that ends within ``in_een_keer`` bytes (nearly all of them) is parsed whole by
    ``safexml.parse``: libxml2 then builds the tree itself, faster, and with the line numbers a
    schema error reports to the sender; its ``inhoud`` text is decoded afterwards by the same
    sink. A larger one is streamed. Either way the tree and the bijlagen come out the same.
    """
    begin: list[bytes] = []
    gelezen = 0
    rest = iter(zonder_voorloop(chunks))
    for chunk in rest:
        begin.append(chunk)
        gelezen += len(chunk)
        if gelezen > in_een_keer:
            return safexml.parse_stream(
                itertools.chain(begin, rest),
                max_bytes=max_bytes,
                divert={INHOUD},
                open_sink=ontvangst.open_sink,
            )
    root = safexml.parse(b"".join(begin), max_bytes=max(in_een_keer, 1))
    omgeleid = 0
    for element in root.iter(INHOUD):
        tekst = element.text or ""
        if len(element) == 0 and tekst.strip():
            sink = ontvangst.open_sink(INHOUD)
            sink.write(tekst)
            element.text = sink.close()
            omgeleid += len(tekst)
    if gelezen - omgeleid > max_bytes:
        raise safexml.OngeldigeXml(f"Bericht is groter dan het maximum van {max_bytes} bytes")
    return root


#: Bytes a transport may put before the XML declaration: whitespace and the UTF-8 byte order mark.
_VOORLOOP_WITRUIMTE = b" \t\r\n"
_BOM = b"\xef\xbb\xbf"


def zonder_voorloop(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """The chunks without the whitespace and UTF-8 BOMs that precede the document.

    Why: XML 1.0 allows nothing before ``<?xml``, and libxml2 refuses a declaration after a blank
    line, but captures of real traffic show exactly that (REAL-SENDERS.md: whitespace, a blank
    line or a BOM before the declaration): a transport artefact, not content, so it is dropped
    here, at the wire boundary, for plain and MTOM requests alike and in both validation modes.
    Only what precedes the first other byte is dropped; the rest passes untouched, chunk by chunk.
    """
    rest = iter(chunks)
    begin = b""
    for chunk in rest:
        begin += chunk
        while True:
            kaal = begin.lstrip(_VOORLOOP_WITRUIMTE)
            if not kaal.startswith(_BOM):
                break
            begin = kaal[len(_BOM) :]
        begin = kaal
        if begin and not _BOM.startswith(begin):  # a BOM cut in two by a chunk boundary waits
            yield begin
            yield from rest
            return
    if begin:
        yield begin


@dataclass(frozen=True, slots=True)
class Stroom:
    """A reply body produced while it is sent: its parts, and their total length in advance
    (None: not known, the reply goes out chunked, ``uitvoer.py``)."""

    lengte: int | None
    delen: Iterable[bytes]

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.delen)


def met_inhoud(antwoord: etree._Element) -> list[tuple[etree._Element, str]]:
    """The ``inhoud`` elements of a reply that stand for stored content, with their sha256."""
    return [
        (element, (element.text or "").strip())
        for element in antwoord.iter(INHOUD)
        if (element.text or "").strip()
    ]


def base64_lengte(grootte: int) -> int:
    return 4 * ((grootte + 2) // 3)


def base64_stroom(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """Base64 of the concatenated chunks, produced piece by piece (no line breaks)."""
    rest = b""
    for chunk in chunks:
        data = rest + chunk if rest else chunk
        heel = len(data) - len(data) % 3
        rest = data[heel:]
        if heel:
            yield binascii.b2a_base64(data[:heel], newline=False)
    if rest:
        yield binascii.b2a_base64(rest, newline=False)


def inline_antwoord(
    versie: SoapVersie,
    antwoord: etree._Element,
    elementen: list[tuple[etree._Element, str]],
    bron: Inhoudsbron,
) -> Stroom:
    """The reply envelope with each content element's text replaced by its content in base64."""
    markers: list[bytes] = []
    for element, _ in elementen:
        marker = f"rzs-inhoud-{uuid.uuid4().hex}"
        element.text = marker
        markers.append(marker.encode("ascii"))
    envelope = versie.envelope(antwoord)
    segmenten: list[bytes] = []
    for merkteken in markers:
        voor, gevonden, envelope = envelope.partition(merkteken)
        assert gevonden, "marker missing from the serialised reply"
        segmenten.append(voor)
    segmenten.append(envelope)
    shas = [sha for _, sha in elementen]
    lengte = sum(map(len, segmenten)) + sum(base64_lengte(bron.size(sha)) for sha in shas)

    def delen() -> Iterator[bytes]:
        for segment, sha in zip(segmenten, shas, strict=False):
            yield segment
            yield from base64_stroom(bron.chunks(sha))
        yield segmenten[-1]

    return Stroom(lengte, delen())
