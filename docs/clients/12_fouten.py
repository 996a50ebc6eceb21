"""Refusals: a Fo03 (on a kennisgeving) or Fo02 (on a vraag or Di02) arrives as a SOAP fault,
which zeep raises as ``zeep.exceptions.Fault``.

``fault.message`` is the faultstring (the StUF omschrijving), ``fault.code`` the faultcode
(``soap:Client`` when the sender must change the message, ``soap:Server`` otherwise), and
``fault.detail`` the lxml ``<detail>`` element holding the ``StUF:Fo02Bericht`` or
``StUF:Fo03Bericht``: read the StUF code and details from it with lxml, or let zeep parse it
into a typed object with ``client.get_element(...).parse(...)``: ``basis.stuf_fout`` does both.
"""

from __future__ import annotations

import sys
from typing import Any

import zeep
from basis import ASYNCHROON, VRIJ, dienst, stuf_fout, stuurgegevens, verbind


def main(url: str) -> list[dict[str, Any]]:
    client = verbind(url)
    fouten = []
    onbekend = "0000999999999999"
    try:  # updateZaak of a zaak that does not exist: Fo03 StUF064
        zaak = {
            "entiteittype": "ZAK",
            "verwerkingssoort": "W",
            "identificatie": onbekend,
            "omschrijving": "x",
        }
        dienst(client, ASYNCHROON).updateZaak_Lk01(
            stuurgegevens=stuurgegevens("Lk01", entiteittype="ZAK"),
            parameters={"mutatiesoort": "W", "indicatorOvername": "V"},
            object=[zaak, dict(zaak, omschrijving="y")],
        )
    except zeep.exceptions.Fault as fout:
        fouten.append(stuf_fout(client, fout))
    try:  # checking out a document that does not exist: Fo02 StUF064
        dienst(client, VRIJ).geefZaakdocumentbewerken_Di02(
            stuurgegevens=stuurgegevens("Di02", functie="geefZaakdocumentbewerken"),
            edcLv01={
                "entiteittype": "EDC",
                "functie": "selectie",
                "parameters": {"indicatorAfnemerIndicatie": False},
                "gelijk": {"entiteittype": "EDC", "identificatie": onbekend},
            },
        )
    except zeep.exceptions.Fault as fout:
        fouten.append(stuf_fout(client, fout))
    for gegevens in fouten:
        print(gegevens)
    return fouten


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080")
