"""The streaming entry point of the hardened parser: same tree, same refusals, text diverted."""

from __future__ import annotations

import base64

import pytest
from lxml import etree

from rzs import safexml
from support import messages

_DIVERT = "{urn:test}inhoud"


class _Sink:
    def __init__(self, verzameld: list[str]) -> None:
        self._verzameld = verzameld
        self._delen: list[str] = []

    def write(self, text: str) -> None:
        self._delen.append(text)

    def close(self) -> str:
        self._verzameld.append("".join(self._delen))
        return "VERVANGEN"


def _stukken(data: bytes, grootte: int) -> list[bytes]:
    return [data[i : i + grootte] for i in range(0, len(data), grootte)]


@pytest.mark.parametrize("grootte", [1, 7, 4096, 1 << 20])
def test_zelfde_boom_als_parse_bij_elke_opdeling(grootte: int) -> None:
    data = messages.envelope(messages.message("zaken/creeerZaak_gezinsplan_uitgebreid"))
    gestroomd = safexml.parse_stream(_stukken(data, grootte))
    assert safexml.canonical(gestroomd) == safexml.canonical(safexml.parse(data))
    assert gestroomd.nsmap == safexml.parse(data).nsmap


@pytest.mark.parametrize(
    ("naam", "melding"),
    [
        ("stuf/xxe", "DTD"),
        ("stuf/billion_laughs", "DTD"),
        ("stuf/malformed", "well-formed"),
        ("stuf/diep", "dieper genest"),
    ],
)
def test_vijandige_invoer(naam: str, melding: str) -> None:
    with pytest.raises(safexml.OngeldigeXml, match=melding):
        safexml.parse_stream(_stukken(messages.raw(naam), 100))


@pytest.mark.parametrize("codec", ["utf-8", "utf-16"])
def test_externe_parameter_entity_verraadt_geen_bestand(codec: str) -> None:
    """Same refusal whether the named file exists or not, in both parser paths (issue 11, item 5)."""
    meldingen = set()
    for naam in ("stuf/xxe_parameter_bestaat", "stuf/xxe_parameter_ontbreekt"):
        tekst = messages.raw(naam).decode("utf-8").replace('encoding="UTF-8"', f'encoding="{codec}"')
        data = tekst.encode(codec)
        for lees in (safexml.parse, lambda d: safexml.parse_stream(_stukken(d, 7))):
            with pytest.raises(safexml.OngeldigeXml) as fout:
                lees(data)
            meldingen.add(str(fout.value))
    assert meldingen == {"Een DTD is niet toegestaan in een SOAP-bericht"}


@pytest.mark.parametrize("data", [b"", b"<a>", b"<a>&onbekend;</a>", b"<a/><b/>"])
def test_geen_well_formed_xml(data: bytes) -> None:
    with pytest.raises(safexml.OngeldigeXml):
        safexml.parse_stream([data])


def test_ongeldige_namespace_uri_is_ongeldige_xml_in_beide_paden() -> None:
    """Found by tests/fuzz: the streaming parser's tree builder refused such a URI with a bare
    ValueError, which the dispatcher answered as an internal StUF058 (requests over 4 MiB)."""
    data = b'<a xmlns:s="\xc5\xa8ttp://x"><s:b/></a>'
    for lees in (safexml.parse, lambda d: safexml.parse_stream(_stukken(d, 7))):
        with pytest.raises(safexml.OngeldigeXml, match="URI"):
            lees(data)


def test_ampersand_in_attribuut_gestroomd_als_geheel() -> None:
    """Found by tests/fuzz: streamed, ``&amp;`` in an attribute value arrived as ``&#38;``."""
    data = messages.envelope(messages.message("zaken/creeerZaak_gezinsplan_minimaal", omschrijving="a&b"))
    root = safexml.parse(data)
    for element in root.iter():
        if isinstance(element.tag, str):
            element.set("{urn:test}a", "x&y &#38; <z>")
    data = etree.tostring(root)
    gestroomd = safexml.parse_stream(_stukken(data, 7))
    assert safexml.infoset_sha256(gestroomd) == safexml.infoset_sha256(safexml.parse(data))
    assert gestroomd.get("{urn:test}a") == "x&y &#38; <z>"


def test_tekst_gaat_naar_de_sink_en_telt_niet_mee_voor_het_maximum() -> None:
    inhoud = base64.b64encode(bytes(range(256)) * 100).decode()
    data = (
        f'<a xmlns="urn:test"><!-- weg --><b>x</b><inhoud>{inhoud}</inhoud><inhoud/><inhoud>\n</inhoud></a>'
    )
    verzameld: list[str] = []
    root = safexml.parse_stream(
        _stukken(data.encode(), 13),
        max_bytes=len(data) - len(inhoud),
        divert={_DIVERT},
        open_sink=lambda tag: _Sink(verzameld),
    )
    assert verzameld == [inhoud]
    assert etree.tostring(root) == (
        b'<a xmlns="urn:test"><b>x</b><inhoud>VERVANGEN</inhoud><inhoud/><inhoud>\n</inhoud></a>'
    )
    with pytest.raises(safexml.OngeldigeXml, match="groter dan het maximum"):
        safexml.parse_stream(
            [data.encode()],
            max_bytes=len(data) - len(inhoud) - 1,
            divert={_DIVERT},
            open_sink=lambda tag: _Sink([]),
        )


def test_element_inhoud_in_plaats_van_tekst_wordt_gewoon_gebouwd() -> None:
    data = b'<a xmlns="urn:test"><inhoud> <x:Include xmlns:x="urn:xop" href="cid:1"/> </inhoud></a>'
    root = safexml.parse_stream([data], divert={_DIVERT}, open_sink=lambda tag: _Sink([]))
    assert root[0][0].get("href") == "cid:1"
    with pytest.raises(safexml.OngeldigeXml, match="zowel tekst als elementen"):
        safexml.parse_stream(
            [b'<a xmlns="urn:test"><inhoud>QUJD<b/></inhoud></a>'],
            divert={_DIVERT},
            open_sink=lambda tag: _Sink([]),
        )


def test_fout_van_de_sink_komt_ongewijzigd_door() -> None:
    class Kapot(_Sink):
        def write(self, text: str) -> None:
            raise KeyError("kapot")

    with pytest.raises(KeyError, match="kapot"):
        safexml.parse_stream(
            [b'<a xmlns="urn:test"><inhoud>QUJD</inhoud></a>'],
            divert={_DIVERT},
            open_sink=lambda tag: Kapot([]),
        )


#: Keys as the first implementation of ``infoset_sha256`` (stop 7, lxml 5.2-6.2) computed them for
#: these templates with their defaults. Stored duplicate-message keys use this function: a faster
#: rewrite must give the very same bytes, or a repeat after an upgrade turns into StUF016.
VASTE_SLEUTELS = {
    "zaken/creeerZaak_gezinsplan_uitgebreid": (
        "bab4cb9dab2d6f4cb1c46e576105e9fa6dd8be3284da65a3051a83a28bfc1ca3"
    ),
    "voorzieningen/creeerZaak_wmo_pgb": "efee64276e31605290f58822b672fd071f3cb9b70a269fa6d02e3a1a225da397",
}


@pytest.mark.parametrize("naam", sorted(VASTE_SLEUTELS))
def test_infoset_sleutel_blijft_dezelfde(naam: str) -> None:
    envelop = safexml.parse(messages.envelope(messages.message(naam)))
    assert safexml.infoset_sha256(envelop) == VASTE_SLEUTELS[naam]
