"""MTOM: multipart/related split while it streams, xop:Include resolved to the same placeholders."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from rzs import ns
from rzs.fouten import OngeldigBericht
from rzs.wire import mtom
from rzs.wire.inhoud import Ontvangst

GRENS = "grens-1234"
ENVELOPE = (
    b'<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>'
    b'<ZKN:x xmlns:ZKN="http://www.egem.nl/StUF/sector/zkn/0310"><ZKN:inhoud>'
    b'<xop:Include xmlns:xop="http://www.w3.org/2004/08/xop/include" href="cid:deel%401"/>'
    b"</ZKN:inhoud></ZKN:x></s:Body></s:Envelope>"
)
DOCUMENT = b"binary \r\n--grens-123 not quite a delimiter\r\n" + bytes(range(256)) * 40
CONTENT_TYPE = f'multipart/related; type="application/xop+xml"; boundary="{GRENS}"; start="<root@t>"'


def _bericht(preambule: bytes = b"", epiloog: bytes = b"") -> bytes:
    return (
        preambule
        + f"--{GRENS}\r\nContent-Type: application/xop+xml\r\nContent-ID: <root@t>\r\n\r\n".encode()
        + ENVELOPE
        + f"\r\n--{GRENS}\r\nContent-Type: application/pdf\r\nContent-ID: <deel@1>\r\n\r\n".encode()
        + DOCUMENT
        + f"\r\n--{GRENS}--\r\n".encode()
        + epiloog
    )


@pytest.mark.parametrize("grootte", [1, 2, 3, 5, 11, 64, 4096])
def test_elke_opdeling_geeft_hetzelfde(tmp_path: Path, grootte: int) -> None:
    data = _bericht(b"preamble\r\n", b"epilogue")
    ontvangst = Ontvangst(tmp_path, 1 << 20)
    envelope = mtom.lees(
        [data[i : i + grootte] for i in range(0, len(data), grootte)],
        CONTENT_TYPE,
        ontvangst,
        max_bytes=10_000,
    )
    inhoud = next(envelope.iter(ns.zkn("inhoud")))
    assert inhoud.text == hashlib.sha256(DOCUMENT).hexdigest()
    bijlage = ontvangst.bijlagen[inhoud.text]
    assert bijlage.open().read() == DOCUMENT and bijlage.content_type == "application/pdf"
    ontvangst.sluit()


def test_zonder_afsluitende_grens(tmp_path: Path) -> None:
    data = _bericht()[: -len(f"--{GRENS}--\r\n")]
    with pytest.raises(OngeldigBericht, match="afsluitende"):
        mtom.lees([data], CONTENT_TYPE, Ontvangst(tmp_path, 1 << 20), max_bytes=10_000)


def test_deel_groter_dan_het_maximum(tmp_path: Path) -> None:
    with pytest.raises(OngeldigBericht, match="groter dan het maximum"):
        mtom.lees([_bericht()], CONTENT_TYPE, Ontvangst(tmp_path, 100), max_bytes=10_000)


def test_root_groter_dan_het_maximum(tmp_path: Path) -> None:
    with pytest.raises(OngeldigBericht, match="groter dan het maximum"):
        mtom.lees([_bericht()], CONTENT_TYPE, Ontvangst(tmp_path, 1 << 20), max_bytes=100)


def test_parameters_met_puntkomma_tussen_aanhalingstekens() -> None:
    waarden = mtom.parameters('multipart/related; boundary="a;b"; action="urn:x;y"; type=application/xop+xml')
    assert waarden == {"boundary": "a;b", "action": "urn:x;y", "type": "application/xop+xml"}
