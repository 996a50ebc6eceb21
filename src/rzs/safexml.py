"""THE hardened XML parser, for everything we read from outside: requests, replies, templates.

Why not lxml's defaults: they expand internal entities and accept DTDs. A SOAP message must not
carry a DTD at all (WS-I BP R1008), so we refuse any, and never resolve entities or touch the
network (TECH-NOTES section 4). libxml2 without ``huge_tree`` also bounds nesting depth (256) and
text node size; we add a byte limit before parsing. Every lxml failure leaves this module as one
:class:`OngeldigeXml`, so callers have a single error to translate (StUF055).
"""

from __future__ import annotations

import codecs
import hashlib
import threading
from collections.abc import Callable, Collection, Iterable
from typing import Final, Protocol, TypedDict, cast

from lxml import etree

from rzs import ns

#: Default maximum size of one XML document; configurable through Settings.max_bericht_bytes.
DEFAULT_MAX_BYTES: Final = 20 * 1024 * 1024

_local = threading.local()


class OngeldigeXml(ValueError):
    """The bytes are not acceptable XML (syntax, DTD, entities, too large, too deep)."""


class _Parseropties(TypedDict):
    resolve_entities: bool
    no_network: bool
    load_dtd: bool
    dtd_validation: bool
    huge_tree: bool
    remove_pis: bool
    remove_comments: bool
    collect_ids: bool


#: The parser settings for untrusted XML, for the tree parser and the streaming one alike.
_HARDENED: Final[_Parseropties] = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
    "remove_pis": True,
    "remove_comments": True,
    "collect_ids": False,
}


def _parser() -> etree.XMLParser:
    # One parser per thread: lxml parsers are not thread-safe.
    parser: etree.XMLParser | None = getattr(_local, "parser", None)
    if parser is None:
        parser = etree.XMLParser(**_HARDENED)
        _local.parser = parser
    return parser


_DTD_GEWEIGERD: Final = "Een DTD is niet toegestaan in een SOAP-bericht"


#: Byte order marks of the encodings that are not ASCII-compatible (XML 1.0 appendix F).
_BREDE_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _weiger_dtd_in_proloog(data: bytes) -> None:
    """Refuse a DOCTYPE before libxml2 reads it: the one answer, whatever the DTD refers to.

    Why before: ``load_dtd=False`` and ``no_network=True`` do not stop libxml2 from opening a
    *local* file named by an external parameter entity in the internal subset (``<!ENTITY % p
    SYSTEM "file:///etc/passwd"> %p;``) before the tree exists; its parse error then told whether
    the file exists (issue 11). A DOCTYPE can only stand in the prolog, before the root element.
    """
    for bom, codec in _BREDE_BOMS:
        if data.startswith(bom):
            data = data.decode(codec, errors="replace").encode("utf-8")
            break
    i = 3 if data.startswith(codecs.BOM_UTF8) else 0
    while True:
        while i < len(data) and data[i : i + 1].isspace():
            i += 1
        if data.startswith(b"<!DOCTYPE", i):
            raise OngeldigeXml(_DTD_GEWEIGERD)
        einde = b"?>" if data.startswith(b"<?", i) else b"-->" if data.startswith(b"<!--", i) else None
        if einde is None:
            return
        volgende = data.find(einde, i)
        if volgende < 0:
            return
        i = volgende + len(einde)


def parse(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> etree._Element:
    """Parse untrusted bytes into an element, or raise :class:`OngeldigeXml`."""
    if len(data) > max_bytes:
        raise OngeldigeXml(f"Bericht is groter dan het maximum van {max_bytes} bytes")
    _weiger_dtd_in_proloog(data)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise OngeldigeXml(f"Geen well-formed XML: {exc}") from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise OngeldigeXml(_DTD_GEWEIGERD)
    if _has_entity_reference(root):
        raise OngeldigeXml("Entity-verwijzingen zijn niet toegestaan")
    return root


#: Nesting limit of the streaming parser. libxml2 bounds depth (256) only when it builds the tree
#: itself; with a parser target it does not, so :func:`parse_stream` counts on its own.
MAX_DEPTH: Final = 256

#: Slack while streaming: libxml2 may hold back the tail of a chunk until the next one arrives.
_FEED_SLACK: Final = 64 * 1024


class Sink(Protocol):
    """Where the text of a diverted element goes instead of into the tree (see :func:`parse_stream`)."""

    def write(self, text: str) -> None: ...

    def close(self) -> str:
        """End of the element: returns the text the element keeps in the tree."""
        ...


def parse_stream(
    chunks: Iterable[bytes],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    divert: Collection[str] = (),
    open_sink: Callable[[str], Sink] | None = None,
) -> etree._Element:
    """Parse untrusted bytes that arrive in chunks, with the hardening of :func:`parse`.

    Why a second entry point: a document of 100 MB arrives as one base64 text node of 133 MB, which
    :func:`parse` would hold (several times) in memory and libxml2 refuses without ``huge_tree``.
    Here libxml2's push parser feeds a tree builder; the text of an element whose Clark tag is in
    ``divert`` goes, chunk by chunk, to a :class:`Sink` from ``open_sink(tag)`` (opened at its first
    text) and the element keeps only what the sink's ``close`` returns. ``max_bytes`` bounds the
    rest of the message: the bytes fed minus the diverted text. No DTD, no entities, no network,
    at most :data:`MAX_DEPTH` levels; every failure is one :class:`OngeldigeXml` (a sink may raise
    its own error, which passes through unchanged).
    """
    target = _StreamTarget(frozenset(divert), open_sink)
    # cast: the stubs do not know the start_ns() callback of a parser target.
    parser = etree.XMLParser(target=cast("etree.ParserTarget[etree._Element | None]", target), **_HARDENED)
    gelezen = 0
    try:
        for chunk in chunks:
            gelezen += len(chunk)
            parser.feed(chunk)
            target.raise_stored()
            if gelezen - target.diverted > max_bytes + _FEED_SLACK:
                raise OngeldigeXml(f"Bericht is groter dan het maximum van {max_bytes} bytes")
        root = parser.close()
    except etree.XMLSyntaxError as exc:
        target.raise_stored()
        raise OngeldigeXml(f"Geen well-formed XML: {exc}") from None
    target.raise_stored()
    if gelezen - target.diverted > max_bytes:
        raise OngeldigeXml(f"Bericht is groter dan het maximum van {max_bytes} bytes")
    if not isinstance(root, etree._Element):
        raise OngeldigeXml("Geen well-formed XML: het bericht is leeg")
    return root


class _Peiling:
    """Target that keeps the attribute ``a`` of the root element (see :data:`_AMP_ONGEDECODEERD`)."""

    waarde = ""

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self.waarde = attrib.get("a", "")

    def close(self) -> None:
        return None


def _amp_ongedecodeerd() -> bool:
    peiling = _Peiling()
    parser = etree.XMLParser(target=cast("etree.ParserTarget[None]", peiling), **_HARDENED)
    parser.feed(b'<x a="&amp;"/>')
    parser.close()
    return peiling.waarde == "&#38;"


#: Whether libxml2, with entities not replaced, hands a parser target ``&#38;`` for an escaped
#: ``&`` in an attribute value (it leaves that step to its own tree builder). Found by tests/fuzz:
#: a streamed ``a="x&amp;y"`` arrived as ``x&#38;y``. Probed once, so a libxml2 that decodes
#: itself is not decoded twice.
_AMP_ONGEDECODEERD: Final = _amp_ongedecodeerd()


class _StreamTarget:
    """lxml parser target: a TreeBuilder, minus DTDs, too deep nesting and diverted text.

    lxml swallows an exception raised in a target callback and reports a vaguer one later, so
    the first one is stored and raised again by :func:`parse_stream`.

    Namespace declarations arrive through ``start_ns`` before their element's ``start``: the one
    way lxml reports them on every version we allow. (The ``nsmap`` argument of a three-argument
    ``start`` is empty from lxml 6.2 on; the tree then lost the sender's prefixes.)
    """

    def __init__(self, divert: frozenset[str], open_sink: Callable[[str], Sink] | None) -> None:
        self._builder = etree.TreeBuilder()
        self._divert = divert
        self._open_sink = open_sink
        self._depth = 0
        self._diverting: str | None = None
        self._sink: Sink | None = None
        self._stored: BaseException | None = None
        self._declaraties: dict[str | None, str] = {}
        #: Characters of diverted text seen so far (ASCII base64: characters are bytes).
        self.diverted = 0

    def raise_stored(self) -> None:
        if self._stored is not None:
            raise self._stored

    def _store(self, error: BaseException) -> None:
        if self._stored is None:
            self._stored = error
        raise error

    def doctype(self, name: object, pubid: object, system: object) -> None:
        self._store(OngeldigeXml(_DTD_GEWEIGERD))

    def start_ns(self, prefix: str, uri: str) -> None:
        # lxml hands the default namespace to a target as prefix '', a TreeBuilder wants None.
        self._declaraties[prefix or None] = uri

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self._depth += 1
        if self._depth > MAX_DEPTH:
            self._store(OngeldigeXml(f"Het bericht is dieper genest dan {MAX_DEPTH} niveaus"))
        if self._diverting is not None:
            if self._sink is not None:
                self._store(OngeldigeXml(f"Element {self._diverting} bevat zowel tekst als elementen"))
            # Element content (an MTOM xop:Include) instead of text: nothing to divert.
            self._diverting = None
        declaraties, self._declaraties = self._declaraties, {}
        if _AMP_ONGEDECODEERD:
            attrib = {naam: waarde.replace("&#38;", "&") for naam, waarde in attrib.items()}
        try:
            self._builder.start(tag, attrib, declaraties)  # type: ignore[call-arg]
        except ValueError as fout:
            # An invalid namespace URI: libxml2 leaves it to the tree builder, whose bare
            # ValueError became an internal StUF058 (found by tests/fuzz); parse refuses it too.
            self._store(OngeldigeXml(f"Geen well-formed XML: {fout}"))
        if tag in self._divert and self._open_sink is not None:
            self._diverting = tag

    def data(self, text: str) -> None:
        if self._diverting is None or (self._sink is None and text.isspace()):
            self._builder.data(text)
            return
        try:
            if self._sink is None:
                self._sink = self._open_sink(self._diverting)  # type: ignore[misc]
            self.diverted += len(text)
            self._sink.write(text)
        except BaseException as error:
            self._store(error)

    def end(self, tag: str) -> None:
        self._depth -= 1
        if self._diverting is not None:
            sink, self._sink, self._diverting = self._sink, None, None
            if sink is not None:
                try:
                    self._builder.data(sink.close())
                except BaseException as error:
                    self._store(error)
        self._builder.end(tag)

    def close(self) -> etree._Element | None:
        # An incomplete document: let lxml report libxml2's own error instead of the builder's.
        if self._depth or self._stored is not None:
            return None
        return self._builder.close()


def parse_file(path: str) -> etree._Element:
    """Parse one of our own files (schemas, templates) with the same hardened settings."""
    with open(path, "rb") as handle:
        return parse(handle.read(), max_bytes=1 << 30)


def _has_entity_reference(root: etree._Element) -> bool:
    # Without a DTD libxml2 cannot define entities, but an undefined reference can still survive
    # recovery paths; refuse rather than pass an _Entity node to the validator.
    return any(isinstance(node, etree._Entity) for node in root.iter(etree.Entity))


def canonical(element: etree._Element) -> bytes:
    """Exclusive C14N of an element: how tests and the harness compare XML."""
    return etree.tostring(element, method="c14n", exclusive=True)


#: Attributes whose value is a QName: its prefix is resolved, so the value no longer depends on it.
_QNAME_ATTRIBUTEN: Final = frozenset({ns.xsi("type")})


def infoset_sha256(element: etree._Element) -> str:
    """Hex sha256 of what an element *says*, independent of how it was written or parsed.

    Why not a hash of :func:`canonical`: exclusive C14N keeps the sender's namespace prefixes, and
    which prefixes a tree carries depends on the parser path and on the lxml release (6.2's push
    parser dropped them). StUF's duplicate-message rule compares *content*, so the key is taken
    over the infoset instead: element and attribute names as namespace URI + local name, attributes
    sorted, QName values (``xsi:type``) resolved, text exactly, except whitespace between elements
    (element-only content), which is layout. Comments, processing instructions and namespace
    declarations do not count.
    """
    delen: list[bytes] = []
    _infoset(element, delen)
    return hashlib.sha256(b"".join(delen)).hexdigest()


def _token(delen: list[bytes], soort: bytes, waarde: str) -> None:
    """One token: its kind, its length (8 bytes big-endian) and its UTF-8 bytes."""
    data = waarde.encode("utf-8")
    delen.append(soort + len(data).to_bytes(8, "big") + data)


def _infoset(el: etree._Element, delen: list[bytes]) -> None:
    """The tokens of one element, appended to ``delen`` (one join and one hash at the end are
    a third of the cost of hashing token by token: this runs for every message that changes
    something, issue 14)."""
    _token(delen, b"<", el.tag if type(el.tag) is str else ns.clark(el.tag))
    if el.attrib:
        for naam, waarde in sorted((ns.clark(k), v) for k, v in el.attrib.items()):
            _token(delen, b"@", naam)
            _token(delen, b"=", _qname_waarde(el, waarde) if naam in _QNAME_ATTRIBUTEN else waarde)
    kinderen = [kind for kind in el if type(kind.tag) is str]
    tekst = el.text
    if tekst and (not kinderen or not tekst.isspace()):
        _token(delen, b"#", tekst)
    for kind in kinderen:
        _infoset(kind, delen)
        staart = kind.tail
        if staart and not staart.isspace():
            _token(delen, b"#", staart)
    delen.append(_EINDE)


#: The end token of an element (kind ">", empty value), made once.
_EINDE: Final = b">" + (0).to_bytes(8, "big")


def _qname_waarde(element: etree._Element, waarde: str) -> str:
    prefix, _, local = waarde.strip().rpartition(":")
    uri = element.nsmap.get(prefix or None)
    return f"{{{uri}}}{local}" if uri is not None else waarde
