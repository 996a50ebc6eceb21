"""A large reply streamed while it is serialised: no full copy of the answer in memory (issue 14).

A geefZaakdetails of a zaak with hundreds of betrokkenen, or a zaak-vraag answered with a hundred
zaken, is a tree of tens of thousands of elements. Serialised in one piece it exists twice at the
peak: as the tree and as one bytes object of megabytes. Here the envelope is written with lxml's
incremental writer (``etree.xmlfile``): the elements down to an object's relations are opened
and closed one by one, every relation is written whole and then removed from the tree, and the
bytes leave in pieces of about :data:`STUK` bytes. The length is not known in advance, so the
reply goes out without Content-Length (HTTP/1.1 chunked transfer encoding).

Small replies, the usual case, are still serialised in one piece (one write, a Content-Length):
streaming starts above :data:`GROTE_ANTWOORDEN` elements.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterator
from typing import TYPE_CHECKING

from lxml import etree

from rzs import ns

if TYPE_CHECKING:  # the writer class is not importable at run time, only in the stubs
    from lxml.etree._serializer import _IncrementalFileWriter

#: From this many elements on a reply is streamed (about 100 KB of StUF).
GROTE_ANTWOORDEN = 2_000

#: How many bytes are collected before a piece goes out (fewer, larger writes).
STUK = 64 * 1024

#: Levels below the SOAP Body that are opened one by one: zakLa01 > antwoord > object; deeper
#: elements (an object's relations) are written whole, one at a time.
_DIEPTE = 3


def groot(antwoord: etree._Element) -> bool:
    """Whether the reply has so many elements that it is streamed (counting stops there)."""
    return next(itertools.islice(antwoord.iter(), GROTE_ANTWOORDEN, None), None) is not None


def envelope_stroom(namespace: str, antwoord: etree._Element) -> Iterator[bytes]:
    """The SOAP envelope (of ``namespace``) around ``antwoord``, in pieces; the tree is emptied
    as it is written."""
    buffer = io.BytesIO()
    with etree.xmlfile(buffer, encoding="UTF-8") as schrijver:
        schrijver.write_declaration()
        with (
            schrijver.element(ns.qname(namespace, "Envelope"), nsmap={"soap": namespace}),
            schrijver.element(ns.qname(namespace, "Body")),
        ):
            yield from _schrijf(schrijver, buffer, antwoord, 0)
        schrijver.flush()
    yield buffer.getvalue()


def _schrijf(
    schrijver: _IncrementalFileWriter, buffer: io.BytesIO, element: etree._Element, diepte: int
) -> Iterator[bytes]:
    """One element: opened and its children written one by one above :data:`_DIEPTE`, whole below
    (lxml then repeats the namespace declarations in scope on it: a few % more bytes)."""
    if diepte == _DIEPTE or len(element) == 0:
        schrijver.write(element)
    else:
        ouder = element.getparent()
        geerfd = ouder.nsmap if ouder is not None and diepte else {}
        nieuw = {p: uri for p, uri in element.nsmap.items() if geerfd.get(p) != uri}
        with schrijver.element(element.tag, attrib=dict(element.attrib), nsmap=nieuw):
            if element.text:
                schrijver.write(element.text)
            for kind in list(element):
                yield from _schrijf(schrijver, buffer, kind, diepte + 1)
                staart = kind.tail
                element.remove(kind)  # written: let it go (and its tail with it)
                if staart:
                    schrijver.write(staart)
    if buffer.tell() >= STUK:
        schrijver.flush()
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
