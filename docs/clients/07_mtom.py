"""MTOM: send document content as a binary MIME part instead of base64 in the XML.

zeep *reads* MTOM replies by itself (a ``multipart/related`` reply has its ``xop:Include``
replaced by the part's content before parsing), but it never *sends* MTOM. ``MtomTransport``
does that: after zeep built the envelope, every ``ZKN:inhoud`` moves to a part of its own and
the element gets an ``xop:Include`` pointing at it. Our server answers an MTOM request with an
MTOM reply, so geefZaakdocumentLezen over this transport returns the content as a part again.
"""

from __future__ import annotations

import base64
import sys
import uuid
from typing import Any

import zeep
from basis import (
    ASYNCHROON,
    ZKN,
    creeer_zaak,
    dienst,
    genereer_documentidentificatie,
    lees_zaakdocument,
    stuurgegevens,
    verbind,
    zaakdocument,
)
from lxml import etree

XOP = "http://www.w3.org/2004/08/xop/include"
INHOUD = bytes(range(256)) * 64  # 16 KiB that is not text


class MtomTransport(zeep.Transport):
    """Posts every envelope as XOP/MTOM, with the content of each ``ZKN:inhoud`` as a part."""

    laatste_antwoord_type = ""  # the Content-Type of the last reply (multipart/related: MTOM)

    def post_xml(self, address: str, envelope: etree._Element, headers: dict[str, str]) -> Any:
        grens = f"grens-{uuid.uuid4().hex}"
        delen = []
        for nummer, inhoud in enumerate(envelope.iter(f"{{{ZKN}}}inhoud")):
            if not inhoud.text:
                continue
            cid = f"inhoud-{nummer}@leverancier"
            delen.append((cid, base64.b64decode(inhoud.text)))
            inhoud.text = None
            etree.SubElement(inhoud, f"{{{XOP}}}Include", href=f"cid:{cid}")
        soap_type = headers.get("Content-Type", "text/xml").split(";")[0]
        headers["Content-Type"] = (
            f'multipart/related; type="application/xop+xml"; boundary="{grens}"; '
            f'start="<envelope@leverancier>"; start-info="{soap_type}"'
        )
        lichaam = [
            f'--{grens}\r\nContent-Type: application/xop+xml; charset=UTF-8; type="{soap_type}"\r\n'
            f"Content-Transfer-Encoding: 8bit\r\nContent-ID: <envelope@leverancier>\r\n\r\n".encode(),
            etree.tostring(envelope, xml_declaration=True, encoding="utf-8"),
        ]
        for cid, data in delen:
            lichaam.append(
                f"\r\n--{grens}\r\nContent-Type: application/octet-stream\r\n"
                f"Content-Transfer-Encoding: binary\r\nContent-ID: <{cid}>\r\n\r\n".encode()
            )
            lichaam.append(data)
        lichaam.append(f"\r\n--{grens}--\r\n".encode())
        antwoord = self.post(address, b"".join(lichaam), headers)
        self.laatste_antwoord_type = str(antwoord.headers.get("Content-Type", ""))
        return antwoord


def main(url: str) -> dict[str, Any]:
    transport = MtomTransport()
    client = verbind(url, transport=transport)
    zaak = creeer_zaak(client)
    identificatie = genereer_documentidentificatie(client)
    dienst(client, ASYNCHROON).voegZaakdocumentToe_Lk01(
        stuurgegevens=stuurgegevens("Lk01", entiteittype="EDC"),
        parameters={"mutatiesoort": "T", "indicatorOvername": "V"},
        object=[zaakdocument(identificatie, zaak, INHOUD, titel="Scan van de aanvraag")],
    )
    document = lees_zaakdocument(client, identificatie)
    gevonden = {
        "inhoud": document.inhoud._value_1,
        "antwoord_content_type": transport.laatste_antwoord_type,
    }
    print(identificatie, len(gevonden["inhoud"]), "bytes terug;", gevonden["antwoord_content_type"])
    return gevonden


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080")
