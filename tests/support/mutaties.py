"""Hostile variations of real messages, for the fuzz tests in tests/fuzz (issue 11, "Fuzzing in CI").

Seeds are what senders really send: every template of tests/messages (filled with its defaults and
a drawn referentienummer and zaak/document identificatie, so some mutants are accepted and change
the database), the hostile ``.raw`` envelopes, and the messages of ../shared/corpus with their
placeholders filled by name. Hypothesis wraps a seed in a SOAP 1.1 or 1.2 envelope (or none),
mutates the tree (delete, duplicate, reorder elements; add, change, drop attributes; odd text:
control characters, very long, non-BMP; swap namespaces; mustUnderstand headers), serialises it in
one of several encodings, mutates the bytes (flips, truncation, inserted and deleted bytes) and
picks the path, SOAPAction and Content-Type. Shrinking turns a failure into a small case.

The generation is derandomised (:func:`fuzz_settings`): CI runs the same cases every time;
``RZS_FUZZ_VOORBEELDEN=5000`` runs more of them locally.
"""

from __future__ import annotations

import copy
import os
import re
import string
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from lxml import etree

from rzs import ns, safexml
from rzs.services.routes import ACTIES
from support import messages

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"

#: Paths the server answers SOAP on (rzs.app.ENDPOINTS and "/").
PADEN = (
    "/zkn/OntvangAsynchroon",
    "/zkn/BeantwoordVraag",
    "/zkn/VrijeBerichten",
    "/rzs/OntvangAsynchroon",
    "/",
)

#: Template placeholders that identify things: drawn from a small pool so that mutants of
#: creeerZaak, updateZaak and voegZaakdocumentToe meet each other's zaken and documenten.
_IDENTIFICATIES = ("zaak_identificatie", "document_identificatie")

_NAMESPACES = (ns.ZKN, ns.ZDS, ns.STUF, ns.RZS, ns.BG, ns.SOAP11, ns.SOAP12, ns.XSI, "", "urn:fuzz")
_ATTRIBUTEN = (
    ns.NOVALUE,
    ns.NIL,
    ns.VERWERKINGSSOORT,
    ns.ENTITEITTYPE,
    ns.FUNCTIE,
    ns.SCOPE,
    ns.xsi("type"),
    f"{{{ns.SOAP11}}}mustUnderstand",
    f"{{{ns.SOAP12}}}mustUnderstand",
    "{urn:fuzz}a",
    "id",
)
_WAARDEN = (
    "geenWaarde",
    "waardeOnbekend",
    "true",
    "1",
    "0",
    "T",
    "W",
    "V",
    "E",
    "I",
    "R",
    "S",
    "ZAK",
    "x:y",
    "",
)
_BYTES = (
    b"\x00",
    b"\x01\x08\x0b",
    b"\x1b[31m",
    b"\xff",
    b"\xc3",
    b"\xed\xa0\x80",  # an encoded surrogate
    b"\xf4\x90\x80\x80",  # beyond U+10FFFF
    b"<",
    b"&",
    b"]]>",
    b"<!DOCTYPE x>",
    b'<!DOCTYPE x [<!ENTITY e "e">]>',
    b"<!--",
    b"<?pi x?>",
    b"&#0;",
    b"&#xD800;",
    b"&e;",
    b"\r\n",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
)
_ENCODINGS = ("UTF-8", "UTF-8", "UTF-16", "ISO-8859-1", "ASCII")


@dataclass(frozen=True)
class Verzoek:
    """One fuzzed request: what is POSTed, with which headers, and how it was made."""

    pad: str
    data: bytes
    soapaction: str | None
    content_type: str | None
    herkomst: str

    def headers(self) -> dict[str, str]:
        kop = {} if self.content_type is None else {"Content-Type": self.content_type}
        return kop if self.soapaction is None else {**kop, "SOAPAction": self.soapaction}


def fuzz_settings(standaard: int) -> settings:
    """Bounded and reproducible in CI (a fixed derandomised sequence, no example database);
    ``RZS_FUZZ_VOORBEELDEN`` overrides the number of examples for a longer local run."""
    aantal = int(os.environ.get("RZS_FUZZ_VOORBEELDEN") or standaard)
    return settings(
        max_examples=aantal,
        deadline=None,
        derandomize=True,
        database=None,
        print_blob=False,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )


# --- seeds -------------------------------------------------------------------------------------

_TEMPLATES = messages.all_templates()
_RAW = sorted(p.name.removesuffix(".xml.raw") for p in (messages.MESSAGES_DIR / "stuf").glob("*.xml.raw"))
_CORPUS = sorted(CORPUS.rglob("*.xml")) if CORPUS.is_dir() else []
#: Why the corpus tests skip when it is absent (third-party data, never copied into the repo).
ZONDER_CORPUS = "../shared/corpus is absent: the mutations of its real messages are not run"
#: The seeds of our own: templates (valid, so their mutants reach the handlers) and .raw files.
_BERICHTEN = [("template", naam) for naam in _TEMPLATES] + [("raw", naam) for naam in _RAW]
_CORPUS_PLACEHOLDER = re.compile(rb"\$\{\s*(\w+)\s*\}|#\{\s*(\w+)\s*\}|\{\{\s*(\w+)\s*\}\}")


def _corpuswaarde(naam: str, referentie: str, identificatie: str) -> str:
    """A plausible value for a corpus placeholder, by its name (the STP and Django names)."""
    klein = naam.lower()
    regels: list[tuple[Callable[[str], bool], str]] = [
        (lambda n: "referentie" in n, referentie),
        (lambda n: "ontvanger" in n and "applicatie" in n, "RZS"),
        (lambda n: "zender" in n and "applicatie" in n, "REGIE"),
        (lambda n: "organisatie" in n or "gemeentecode" in n, "0000"),
        (lambda n: "tijdstip" in n or "gezet" in n, "20240115101500000"),
        (lambda n: "datum" in n, "20240115"),
        (lambda n: "identificatie" in n, identificatie),
        (lambda n: "zaaktype_code" in n, "GZP"),
    ]
    return next((waarde for past, waarde in regels if past(klein)), "1")


@st.composite
def _zaad(draw: st.DrawFn, corpus: bool) -> tuple[str, bytes, bool]:
    """(name, bytes, is a complete envelope) of one seed, with drawn identifying values."""
    referentie = f"FUZZ-{draw(st.integers(0, 10**9))}"
    identificatie = f"00000000000001{draw(st.integers(0, 15)):02d}"
    soort, naam = (
        ("corpus", str(draw(st.sampled_from(_CORPUS)))) if corpus else draw(st.sampled_from(_BERICHTEN))
    )
    if soort == "template":
        waarden = {p: identificatie for p in _IDENTIFICATIES}
        return naam, messages.message(naam, referentienummer=referentie, **waarden), False
    if soort == "raw":
        return naam, messages.raw(f"stuf/{naam}"), True
    data = _CORPUS_PLACEHOLDER.sub(
        lambda m: _corpuswaarde(
            next(g for g in m.groups() if g).decode(), referentie, identificatie
        ).encode(),
        Path(naam).read_bytes(),
    )
    return Path(naam).name, data, b"Envelope" in data[:400]


# --- tree mutations ------------------------------------------------------------------------------

_XML_ONGELDIG = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_GEWOON = st.characters(blacklist_categories=("Cs", "Cc"))
_RAAR = st.one_of(
    st.text(_GEWOON, max_size=30),
    st.text(
        st.characters(min_codepoint=0x10000, max_codepoint=0x10FFFF, blacklist_categories=("Cs",)), max_size=8
    ),
    st.sampled_from(
        [
            "",
            " ",
            " 123456782 ",
            "-1",
            "99999999999999999999999",
            "20241340",
            "NaN",
            "${x}",
            "]]>",
            "&amp;",
            "<a>",
        ]
    ),
    st.builds(
        lambda teken, aantal: teken * aantal,
        st.sampled_from(["x", "9", "\u20ac", "\U0001f600", " ", "<&>"]),
        st.integers(1_000, 200_000),
    ),
)


def _elementen(root: etree._Element) -> list[etree._Element]:
    return [el for el in root.iter() if isinstance(el.tag, str)]


def _kies(draw: st.DrawFn, root: etree._Element, *, wortel: bool = True) -> etree._Element | None:
    kandidaten = _elementen(root)[0 if wortel else 1 :]
    return kandidaten[draw(st.integers(0, len(kandidaten) - 1))] if kandidaten else None


def _tekst(draw: st.DrawFn) -> str:
    # lxml refuses characters XML 1.0 cannot carry; those come in through the byte mutations.
    return _XML_ONGELDIG.sub("?", draw(_RAAR))


def _verwijder(draw: st.DrawFn, root: etree._Element) -> str:
    el = _kies(draw, root, wortel=False)
    if el is None or (ouder := el.getparent()) is None:
        return "-"
    ouder.remove(el)
    return f"verwijder {ns.local_name(el.tag)}"


def _verdubbel(draw: st.DrawFn, root: etree._Element) -> str:
    el = _kies(draw, root, wortel=False)
    if el is None:
        return "-"
    for _ in range(draw(st.integers(1, 3))):
        el.addnext(copy.deepcopy(el))
    return f"verdubbel {ns.local_name(el.tag)}"


def _herschik(draw: st.DrawFn, root: etree._Element) -> str:
    el = _kies(draw, root)
    kinderen = list(el) if el is not None else []
    if el is None or len(kinderen) < 2:
        return "-"
    for kind in draw(st.permutations(kinderen)):
        el.append(kind)  # moves it to the end: the new order
    return f"herschik {ns.local_name(el.tag)}"


def _attribuut(draw: st.DrawFn, root: etree._Element) -> str:
    el = _kies(draw, root)
    if el is None:
        return "-"
    if el.attrib and draw(st.booleans()):
        naam = draw(st.sampled_from(sorted(el.attrib)))
        del el.attrib[naam]
        return f"zonder @{ns.local_name(naam)}"
    naam = draw(st.sampled_from(_ATTRIBUTEN))
    el.set(naam, draw(st.sampled_from(_WAARDEN)) if draw(st.booleans()) else _tekst(draw))
    return f"@{ns.local_name(naam)} op {ns.local_name(el.tag)}"


def _tekst_vervangen(draw: st.DrawFn, root: etree._Element) -> str:
    el = _kies(draw, root)
    if el is None:
        return "-"
    el.text = _tekst(draw)
    return f"tekst van {ns.local_name(el.tag)} ({len(el.text)} tekens)"


def _namespace(draw: st.DrawFn, root: etree._Element) -> str:
    el = _kies(draw, root)
    if el is None:
        return "-"
    oud, nieuw = ns.namespace_of(el.tag), draw(st.sampled_from(_NAMESPACES))
    doelen = [x for x in _elementen(root) if ns.namespace_of(x.tag) == oud] if draw(st.booleans()) else [el]
    for doel in doelen:
        doel.tag = ns.qname(nieuw, ns.local_name(doel.tag)) if nieuw else ns.local_name(doel.tag)
    return f"namespace {oud or '-'} -> {nieuw or '-'} ({len(doelen)}x)"


def _kopblok(draw: st.DrawFn, root: etree._Element) -> str:
    """A SOAP header block, maybe mustUnderstand, in the envelope's own namespace or the other."""
    soapns = draw(st.sampled_from([ns.namespace_of(root.tag), ns.SOAP11, ns.SOAP12]))
    kop = etree.Element(ns.qname(soapns, "Header"))
    blok = etree.SubElement(kop, draw(st.sampled_from(["{urn:fuzz}Blok", ns.stuf("stuurgegevens")])))
    blok.set(ns.qname(soapns, "mustUnderstand"), draw(st.sampled_from(["1", "0", "true", "false", "x"])))
    blok.text = _tekst(draw)
    root.insert(draw(st.integers(0, len(root))), kop)
    return f"header mustUnderstand={blok.get(ns.qname(soapns, 'mustUnderstand'))}"


def _nieuw_element(draw: st.DrawFn, root: etree._Element) -> str:
    el = _kies(draw, root)
    if el is None:
        return "-"
    naam = ns.qname(
        draw(st.sampled_from(_NAMESPACES[:5])), draw(st.sampled_from(["extra", "zaak", "inhoud"]))
    )
    nieuw = etree.Element(naam)
    nieuw.text = _tekst(draw)
    el.insert(draw(st.integers(0, len(el))), nieuw)
    return f"nieuw {ns.local_name(naam)} in {ns.local_name(el.tag)}"


_BOOMMUTATIES = (
    _verwijder,
    _verdubbel,
    _herschik,
    _attribuut,
    _tekst_vervangen,
    _namespace,
    _kopblok,
    _nieuw_element,
)


# --- byte mutations ------------------------------------------------------------------------------


def _bytemutatie(draw: st.DrawFn, data: bytes) -> tuple[bytes, str]:
    plek = draw(st.integers(0, max(len(data) - 1, 0)))
    soort = draw(st.sampled_from(["flip", "kap", "invoeg", "knip", "voor"]))
    if soort == "flip" and data:
        return data[:plek] + bytes([data[plek] ^ draw(st.integers(1, 255))]) + data[
            plek + 1 :
        ], f"flip@{plek}"
    if soort == "kap":
        return data[:plek], f"kap@{plek}"
    if soort == "knip":
        return data[:plek] + data[plek + draw(st.integers(1, 64)) :], f"knip@{plek}"
    invoeging = draw(st.one_of(st.sampled_from(_BYTES), st.binary(min_size=1, max_size=16)))
    if soort == "voor":
        return invoeging + data, f"voor {invoeging!r}"
    return data[:plek] + invoeging + data[plek:], f"invoeg {invoeging!r}@{plek}"


# --- headers -------------------------------------------------------------------------------------

_ACTIES = sorted({actie for actie, _ in ACTIES})
_HEADERTEKST = st.text(string.printable.strip("\t\n\r\x0b\x0c"), max_size=60)
_MTOM = 'multipart/related; type="application/xop+xml"'


def _soapaction_van(data: bytes) -> str:
    """The WSDL SOAPAction of the body (a best guess on the unmutated message)."""
    try:
        root = safexml.parse(data)
    except safexml.OngeldigeXml:
        return ""
    body = next((el for el in root.iter(f"{{{ns.SOAP11}}}Body", f"{{{ns.SOAP12}}}Body")), None)
    eerste = body[0] if body is not None and len(body) else root
    return next((actie for actie, tag in ACTIES if tag == eerste.tag), "")


def _headers(draw: st.DrawFn, actie: str, versie: str) -> tuple[str | None, str | None]:
    soapaction = draw(
        st.one_of(
            st.just(f'"{actie}"'),
            st.sampled_from([None, "", '""', actie, f"'{actie}'", f'  "{actie}"  ']),
            st.sampled_from(_ACTIES).map(lambda a: f'"{a}"'),
            _HEADERTEKST,
        )
    )
    juist = "application/soap+xml; charset=utf-8" if versie == "1.2" else "text/xml; charset=utf-8"
    content_type = draw(
        st.one_of(
            st.just(juist),
            st.sampled_from(
                [
                    None,
                    "",
                    "text/xml",
                    "text/plain",
                    "application/xml",
                    "text/html; charset=utf-8",
                    f'application/soap+xml; charset=utf-8; action="{actie}"',
                    "application/soap+xml; action=",
                    "text/xml; charset=iso-8859-1",
                    "text/xml; charset=utf-16",
                    "text/xml; charset=bogus",
                    f'{_MTOM}; boundary=fuzz; start="<root>"',
                    _MTOM,
                ]
            ),
            _HEADERTEKST,
        )
    )
    return soapaction, content_type


# --- the request ---------------------------------------------------------------------------------


@st.composite
def verzoeken(draw: st.DrawFn, *, corpus: bool = False) -> Verzoek:
    """A request built from a seed (ours, or with ``corpus`` one of ../shared/corpus, which must
    be present): envelope, tree mutations, encoding, byte mutations, headers."""
    naam, data, is_envelope = draw(_zaad(corpus))
    stappen = [naam]
    versie = "1.1"
    if not is_envelope:
        versie = draw(st.sampled_from(["1.1", "1.1", "1.2", "kaal"]))
        data = data if versie == "kaal" else messages.envelope(data, versie)
        stappen.append(f"soap {versie}")
    actie = _soapaction_van(data)
    # Weighted towards few mutations: a message must survive the parser and the schema check
    # often enough for the handlers, the domain rules and the store to be fuzzed too.
    if (aantal := draw(st.sampled_from([0, 0, 1, 1, 2, 3]))) and (root := _probeer(data)) is not None:
        stappen += [draw(st.sampled_from(_BOOMMUTATIES))(draw, root) for _ in range(aantal)]
        encoding = draw(st.sampled_from(_ENCODINGS))
        data = etree.tostring(root, xml_declaration=True, encoding=encoding)
        stappen.append(encoding)
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2]))):
        data, stap = _bytemutatie(draw, data)
        stappen.append(stap)
    soapaction, content_type = _headers(draw, actie, versie)
    return Verzoek(draw(st.sampled_from(PADEN)), data, soapaction, content_type, " | ".join(stappen))


def _probeer(data: bytes) -> etree._Element | None:
    try:
        return safexml.parse(data)
    except safexml.OngeldigeXml:
        return None  # a hostile seed: byte mutations only
