"""The content half of the duplicate-message key (DIGEST c.4): the same message gives the same key.

Same message means: the same infoset, however its sender wrote the prefixes or the layout, and
whichever parser path read it (whole, or streamed for large messages) on whichever lxml release we
allow. lxml 6.2's push parser dropped the sender's prefixes; a key over prefixed bytes would then
have turned a repeat into a StUF016 (issue 8).
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from rzs import safexml
from rzs.services.uitvoering import inhoud_hash, zelfde_inhoud
from support import messages
from support.dubbelsleutel import andere_prefixen, sleutel
from support.dubbelsleutel import body as _body

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = Path(__file__).resolve().parent / "support" / "dubbelsleutel.py"

#: The lowest lxml we allow, the release that worked, and the one that broke the prefixes.
LXML_VERSIES = ["5.2.2", "6.0.2", "6.2.0"]


def _bericht() -> bytes:
    return messages.envelope(messages.message("zaken/creeerZaak_gezinsplan_uitgebreid"))


def test_heel_en_gestroomd_geven_dezelfde_sleutel() -> None:
    data = _bericht()
    assert sleutel(data, gestroomd=False) == sleutel(data, gestroomd=True)


def test_prefixen_en_opmaak_tellen_niet() -> None:
    body = _body(safexml.parse(_bericht()))
    anders = andere_prefixen(body)
    assert etree.tostring(anders) != etree.tostring(body)
    assert inhoud_hash(anders) == inhoud_hash(body)
    opgemaakt = safexml.parse(etree.tostring(body, pretty_print=True))
    assert inhoud_hash(opgemaakt) == inhoud_hash(body)


@pytest.mark.parametrize(
    ("een", "ander"),
    [
        ('<a xmlns="urn:x"><b>1</b></a>', '<a xmlns="urn:x"><b>2</b></a>'),
        ('<a xmlns="urn:x"><b>1</b></a>', '<a xmlns="urn:y"><b>1</b></a>'),
        ('<a xmlns="urn:x"><b k="1"/></a>', '<a xmlns="urn:x"><b k="2"/></a>'),
        ('<a xmlns="urn:x"><b> </b></a>', '<a xmlns="urn:x"><b/></a>'),
        ('<a xmlns="urn:x"><b/><c/></a>', '<a xmlns="urn:x"><c/><b/></a>'),
        (
            '<a xmlns:p="urn:x" xmlns:i="http://www.w3.org/2001/XMLSchema-instance" i:type="p:T"/>',
            '<a xmlns:p="urn:y" xmlns:i="http://www.w3.org/2001/XMLSchema-instance" i:type="p:T"/>',
        ),
    ],
)
def test_andere_inhoud_andere_sleutel(een: str, ander: str) -> None:
    assert inhoud_hash(safexml.parse(een.encode())) != inhoud_hash(safexml.parse(ander.encode()))


def test_xsi_type_telt_met_zijn_namespace_niet_zijn_prefix() -> None:
    een = b'<a xmlns:p="urn:x" xmlns:i="http://www.w3.org/2001/XMLSchema-instance" i:type="p:T"/>'
    ander = b'<a xmlns:q="urn:x" xmlns:j="http://www.w3.org/2001/XMLSchema-instance" j:type="q:T"/>'
    assert inhoud_hash(safexml.parse(een)) == inhoud_hash(safexml.parse(ander))


def test_sleutel_van_voor_de_upgrade_blijft_gelden() -> None:
    """A repeat of a message recorded before this key existed is still recognised as a repeat."""
    body = _body(safexml.parse(_bericht()))
    oud = hashlib.sha256(safexml.canonical(body)).hexdigest()
    assert zelfde_inhoud(oud, body)
    assert zelfde_inhoud(inhoud_hash(body), body)
    body.find(".//{*}omschrijving").text = "iets anders"  # type: ignore[union-attr]
    assert not zelfde_inhoud(oud, body)


def _lxml(versie: str) -> Path:
    """lxml ``versie`` in a directory of its own (installed from the registry once, then kept)."""
    doel = Path(sys.prefix) / "lxml-versies" / versie
    if not (doel / "lxml").is_dir():
        stap = subprocess.run(
            [sys.executable, "-m", "pip", "install", "-q", "--only-binary=:all:", "--target", str(doel)]
            + [f"lxml=={versie}"],
            capture_output=True,
            text=True,
        )
        if stap.returncode != 0:
            if os.environ.get("CI"):
                pytest.fail(f"lxml {versie} niet te installeren: {stap.stderr[-500:]}")
            pytest.skip(f"lxml {versie} niet te installeren (geen registry?)")
    return doel


@pytest.mark.parametrize("versie", LXML_VERSIES)
def test_zelfde_sleutel_op_elke_toegestane_lxml(versie: str, tmp_path: Path) -> None:
    bestand = tmp_path / "creeerZaak.xml"
    bestand.write_bytes(_bericht())
    verwacht = sleutel(bestand.read_bytes(), gestroomd=True)
    pad = os.pathsep.join([str(_lxml(versie)), str(ROOT / "src"), str(ROOT / "tests")])
    uit = subprocess.run(
        [sys.executable, str(SCRIPT), str(bestand)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": pad},
        check=True,
    )
    gemeten = json.loads(uit.stdout)
    assert gemeten["lxml"].startswith(versie)
    assert gemeten["heel"] == gemeten["gestroomd"] == verwacht
