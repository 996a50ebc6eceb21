"""ontkoppelZaakdocument_Di02 (ZDS 1.2 only): take a document out of its zaak (Bv02).

The body is the ZDS 1.2 wrapper ``ZDS:ontkoppelZaakdocument_Di02``; zeep knows that from the WSDL.
The (oud) object names the zaak in ``isRelevantVoor`` with verwerkingssoort V. The document
leaves the zaak's list but stays readable by its identificatie.
"""

from __future__ import annotations

import sys
from typing import Any

from basis import (
    ASYNCHROON,
    VRIJ,
    creeer_zaak,
    dienst,
    genereer_documentidentificatie,
    lees_zaakdocument,
    stuurgegevens,
    verbind,
    vraag,
    zaakdocument,
)
from zeep import xsd


def documenten_van(client: Any, zaak: str) -> list[str]:
    la01 = vraag(
        client,
        "geefLijstZaakdocumenten_Lv01",
        {"identificatie": zaak},
        {
            "heeftRelevant": {
                "entiteittype": "ZAKEDC",
                "gerelateerde": {"entiteittype": "EDC", "identificatie": xsd.Nil},
            }
        },
    )
    objecten = la01.antwoord.object if la01.antwoord else []
    return [str(r.gerelateerde.identificatie._value_1) for o in objecten for r in o.heeftRelevant]


def main(url: str) -> dict[str, Any]:
    client = verbind(url)
    zaak = creeer_zaak(client)
    identificatie = genereer_documentidentificatie(client)
    dienst(client, ASYNCHROON).voegZaakdocumentToe_Lk01(
        stuurgegevens=stuurgegevens("Lk01", entiteittype="EDC"),
        parameters={"mutatiesoort": "T", "indicatorOvername": "V"},
        object=[zaakdocument(identificatie, zaak, b"Verkeerd gekoppeld.\n", titel="Brief")],
    )
    voor = documenten_van(client, zaak)
    dienst(client, VRIJ).ontkoppelZaakdocument_Di02(
        stuurgegevens=stuurgegevens("Di02", functie="ontkoppelZaakdocument"),
        parameters={},
        edcLk02={
            "entiteittype": "EDC",
            "functie": "update",
            "parameters": {"mutatiesoort": "W"},
            "object": [
                {
                    "entiteittype": "EDC",
                    "verwerkingssoort": "W",
                    "identificatie": identificatie,
                    "isRelevantVoor": {
                        "entiteittype": "EDCZAK",
                        "verwerkingssoort": "V",
                        "gerelateerde": {
                            "entiteittype": "ZAK",
                            "verwerkingssoort": "I",
                            "identificatie": zaak,
                        },
                    },
                }
            ],
        },
    )
    gevonden = {
        "voor": voor,
        "na": documenten_van(client, zaak),
        "nog_leesbaar": lees_zaakdocument(client, identificatie).inhoud._value_1,
    }
    print(identificatie, gevonden)
    return gevonden


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080")
