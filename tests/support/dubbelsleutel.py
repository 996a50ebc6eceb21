"""The duplicate-message content key of one SOAP request, read whole and streamed.

Imported by ``tests/test_dubbelsleutel.py`` and also run by it as a script under other lxml
releases (``PYTHONPATH`` puts that lxml first): prints the lxml version and both keys as JSON.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from lxml import etree

from rzs import ns
from rzs.services.uitvoering import inhoud_hash
from rzs.wire.inhoud import Ontvangst, lees_xml


def body(envelope: etree._Element) -> etree._Element:
    """The message inside a SOAP 1.1 envelope."""
    soap_body = envelope.find(f"{{{ns.SOAP11}}}Body")
    assert soap_body is not None
    return soap_body[0]


def sleutel(data: bytes, *, gestroomd: bool) -> str:
    """The key of a request parsed as the server does: whole, or streamed in 4 KiB chunks."""
    with tempfile.TemporaryDirectory() as spool:
        ontvangst = Ontvangst(Path(spool), 1 << 30)
        stukken = [data[i : i + 4096] for i in range(0, len(data), 4096)]
        in_een_keer = 0 if gestroomd else len(data) + 1
        envelope = lees_xml(stukken, ontvangst, max_bytes=1 << 24, in_een_keer=in_een_keer)
        ontvangst.sluit()
        return inhoud_hash(body(envelope))


def andere_prefixen(element: etree._Element) -> etree._Element:
    """A copy with every namespace under a made-up prefix (what lxml 6.2's push parser did)."""
    prefixen = {uri: f"ns{i}" for i, uri in enumerate(sorted(set(_uris(element))))}
    kopie = etree.Element(element.tag, nsmap={p: uri for uri, p in prefixen.items()})

    def vul(bron: etree._Element, doel: etree._Element) -> None:
        doel.attrib.update(bron.attrib)
        doel.text = bron.text
        for kind in bron:
            if isinstance(kind.tag, str):
                nieuw = etree.SubElement(doel, kind.tag)
                vul(kind, nieuw)
                nieuw.tail = kind.tail

    vul(element, kopie)
    return kopie


def _uris(element: etree._Element) -> list[str]:
    return [uri for el in element.iter() for uri in el.nsmap.values()]


if __name__ == "__main__":
    data = Path(sys.argv[1]).read_bytes()
    versie = ".".join(str(deel) for deel in etree.LXML_VERSION[:3])
    print(
        json.dumps(
            {
                "lxml": versie,
                "heel": sleutel(data, gestroomd=False),
                "gestroomd": sleutel(data, gestroomd=True),
            }
        )
    )
