"""Document content on the wire: base64 decoded into files while parsing, streamed back out."""

from __future__ import annotations

import base64
import hashlib
import os
import random
from pathlib import Path

import pytest
from lxml import etree

from rzs import ns, safexml
from rzs.fouten import OngeldigBericht
from rzs.wire.envelope import SOAP11
from rzs.wire.inhoud import Base64Sink, Ontvangst, base64_stroom, inline_antwoord, lees_xml, met_inhoud


def _ontvangst(tmp_path: Path, maximum: int = 1 << 30) -> Ontvangst:
    return Ontvangst(tmp_path, maximum)


@pytest.mark.parametrize("zaad", range(5))
def test_base64_in_willekeurige_stukken_met_witruimte(tmp_path: Path, zaad: int) -> None:
    kans = random.Random(zaad)
    data = os.urandom(kans.randrange(0, 5000))
    tekst = base64.encodebytes(data).decode()  # with line breaks every 76 characters
    ontvangst = _ontvangst(tmp_path)
    sink = Base64Sink(ontvangst)
    i = 0
    while i < len(tekst):
        stap = kans.randrange(1, 300)
        sink.write(tekst[i : i + stap])
        i += stap
    sleutel = sink.close()
    assert sleutel == hashlib.sha256(data).hexdigest()
    bijlage = ontvangst.bijlagen[sleutel]
    assert bijlage.grootte == len(data) and bijlage.open().read() == data
    ontvangst.sluit()


@pytest.mark.parametrize("tekst", ["QUJD!", "QUJ", "QQ==QUJD", "QQ==", "Q===", "é"])
def test_ongeldige_base64(tmp_path: Path, tekst: str) -> None:
    sink = Base64Sink(_ontvangst(tmp_path))
    if tekst == "QQ==":  # valid on its own; more after the padding is not
        sink.write(tekst)
        with pytest.raises(OngeldigBericht):
            sink.write("QUJD")
        return
    with pytest.raises(OngeldigBericht):
        sink.write(tekst)
        sink.close()


def test_maximum_documentgrootte(tmp_path: Path) -> None:
    sink = Base64Sink(_ontvangst(tmp_path, maximum=3))
    sink.write("QUJD")
    with pytest.raises(OngeldigBericht, match="groter dan het maximum van 3 bytes"):
        sink.write("QUJD")


def test_grote_inhoud_gaat_naar_schijf(tmp_path: Path) -> None:
    ontvangst = _ontvangst(tmp_path / "spool")
    sink = Base64Sink(ontvangst)
    sink.write(base64.b64encode(b"x" * (3 << 20)).decode())
    bijlage = ontvangst.bijlagen[sink.close()]
    assert getattr(bijlage.bestand, "_rolled", True)  # SpooledTemporaryFile: on disk past 1 MiB
    ontvangst.sluit()
    assert bijlage.bestand.closed


class _Bron:
    def __init__(self, inhoud: dict[str, bytes]) -> None:
        self.inhoud = inhoud

    def size(self, sha256: str) -> int:
        return len(self.inhoud[sha256])

    def chunks(self, sha256: str):  # type: ignore[no-untyped-def]
        data = self.inhoud[sha256]
        return iter([data[i : i + 1000] for i in range(0, len(data), 1000)])


def test_base64_stroom_zonder_tussentijdse_opvulling() -> None:
    data = os.urandom(10_001)
    stukken = [data[i : i + 1000] for i in range(0, len(data), 1000)]
    assert b"".join(base64_stroom(stukken)) == base64.b64encode(data)


def test_inline_antwoord_heeft_de_juiste_lengte_en_inhoud() -> None:
    data = {hashlib.sha256(d).hexdigest(): d for d in (os.urandom(2500), os.urandom(7))}
    antwoord = etree.Element(ns.zkn("antwoord"), nsmap={"ZKN": ns.ZKN})
    for sha in data:
        etree.SubElement(antwoord, ns.zkn("inhoud")).text = sha
    etree.SubElement(antwoord, ns.zkn("inhoud"))  # empty: no content to stream
    elementen = met_inhoud(antwoord)
    assert [sha for _, sha in elementen] == list(data)
    stroom = inline_antwoord(SOAP11, antwoord, elementen, _Bron(data))
    body = b"".join(stroom)
    assert len(body) == stroom.lengte
    teruggelezen = etree.fromstring(body)
    assert [base64.b64decode(e.text or "") for e in teruggelezen.iter(ns.zkn("inhoud"))] == [
        *data.values(),
        b"",
    ]


@pytest.mark.parametrize("in_een_keer", [0, 1 << 20])
def test_heel_en_gestroomd_lezen_geven_hetzelfde(tmp_path: Path, in_een_keer: int) -> None:
    """Small requests are parsed whole (line numbers for schema errors), large ones streamed."""
    data = os.urandom(5000)
    bericht = (
        b'<a xmlns="http://www.egem.nl/StUF/sector/zkn/0310"><inhoud>'
        + base64.encodebytes(data)
        + b"</inhoud><inhoud/><b>x</b></a>"
    )
    ontvangst = _ontvangst(tmp_path)
    root = lees_xml(
        [bericht[i : i + 100] for i in range(0, len(bericht), 100)],
        ontvangst,
        max_bytes=100,
        in_een_keer=in_een_keer,
    )
    sha = hashlib.sha256(data).hexdigest()
    assert safexml.canonical(root).replace(b"\n", b"") == (
        f'<a xmlns="http://www.egem.nl/StUF/sector/zkn/0310"><inhoud>{sha}</inhoud><inhoud></inhoud><b>x</b></a>'.encode()
    )
    assert ontvangst.bijlagen[sha].open().read() == data
    with pytest.raises(safexml.OngeldigeXml, match="groter dan het maximum"):
        lees_xml([bericht], _ontvangst(tmp_path), max_bytes=50, in_een_keer=in_een_keer)
    ontvangst.sluit()


@pytest.mark.parametrize("in_een_keer", [0, 1 << 20])
@pytest.mark.parametrize(
    "voorloop", [b"\xef\xbb\xbf", b"\r\n \t\n", b"\n\xef\xbb\xbf\n", b"\xef\xbb\xbf\xef\xbb\xbf"]
)
@pytest.mark.parametrize("stuk", [1, 2, 7, 1000])
def test_witruimte_en_bom_voor_de_declaratie(
    tmp_path: Path, in_een_keer: int, voorloop: bytes, stuk: int
) -> None:
    """A transport artefact (REAL-SENDERS.md), dropped whatever the chunks look like; a BOM cut in
    two by a chunk boundary included."""
    bericht = voorloop + b'<?xml version="1.0" encoding="UTF-8"?>\n<a> <b>x</b></a>'
    delen = [bericht[i : i + stuk] for i in range(0, len(bericht), stuk)]
    root = lees_xml(delen, _ontvangst(tmp_path), max_bytes=1000, in_een_keer=in_een_keer)
    assert safexml.canonical(root) == b"<a> <b>x</b></a>"


@pytest.mark.parametrize("in_een_keer", [0, 1 << 20])
def test_andere_tekens_voor_de_declaratie_blijven_fout(tmp_path: Path, in_een_keer: int) -> None:
    with pytest.raises(safexml.OngeldigeXml):
        lees_xml(
            [b'\xef\xbb\xbf.<?xml version="1.0"?><a/>'],
            _ontvangst(tmp_path),
            max_bytes=1000,
            in_een_keer=in_een_keer,
        )
