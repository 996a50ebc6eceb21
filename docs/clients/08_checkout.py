"""Check out, check in, cancel: maakZaakdocument_Lk01, geefZaakdocumentbewerken_Di02,
updateZaakdocument_Di02 and cancelCheckout_Di02.

geefZaakdocumentbewerken locks the document and answers a ``checkedOutId``; updateZaakdocument
with that id adds a version and releases the lock; cancelCheckout releases it without one.
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
    zaakdocument,
)


def bewerk(client: Any, identificatie: str) -> str:
    """geefZaakdocumentbewerken_Di02 -> Du02 with the document and its checkedOutId."""
    du02 = dienst(client, VRIJ).geefZaakdocumentbewerken_Di02(
        stuurgegevens=stuurgegevens("Di02", functie="geefZaakdocumentbewerken"),
        edcLv01={
            "entiteittype": "EDC",
            "functie": "selectie",
            "parameters": {"indicatorAfnemerIndicatie": False},
            "gelijk": {"entiteittype": "EDC", "identificatie": identificatie},
        },
    )
    return str(du02.parameters.checkedOutId)


def main(url: str) -> dict[str, Any]:
    client = verbind(url)
    zaak = creeer_zaak(client)
    identificatie = genereer_documentidentificatie(client)
    # maakZaakdocument: the document without content (it is being written).
    dienst(client, ASYNCHROON).maakZaakdocument_Lk01(
        stuurgegevens=stuurgegevens("Lk01", entiteittype="EDC"),
        parameters={"mutatiesoort": "T", "indicatorOvername": "V"},
        object=[zaakdocument(identificatie, zaak, None, titel="Verslag (concept)")],
    )
    checked_out_id = bewerk(client, identificatie)
    dienst(client, VRIJ).updateZaakdocument_Di02(
        stuurgegevens=stuurgegevens("Di02", functie="updateZaakdocument"),
        parameters={"checkedOutId": checked_out_id},
        edcLk02={
            "entiteittype": "EDC",
            "functie": "update",
            "parameters": {"mutatiesoort": "W"},
            "object": [
                {
                    "entiteittype": "EDC",
                    "verwerkingssoort": "W",
                    "identificatie": identificatie,
                    "titel": "Verslag",
                    "inhoud": {
                        "_value_1": b"Verslag van het gesprek.\n",
                        "bestandsnaam": "verslag.txt",
                        "contentType": "text/plain",
                    },
                }
            ],
        },
    )
    # A second checkout, released without a change.
    tweede = bewerk(client, identificatie)
    dienst(client, VRIJ).cancelCheckout_Di02(
        stuurgegevens=stuurgegevens("Di02", functie="cancelCheckout"),
        parameters={"checkedOutId": tweede},
        document={
            "entiteittype": "EDC",
            "verwerkingssoort": "I",
            "functie": "entiteit",
            "identificatie": identificatie,
        },
    )
    document = lees_zaakdocument(client, identificatie)
    gevonden = {
        "titel": str(document.titel._value_1),
        "inhoud": document.inhoud._value_1,
        "checkedOutIds": [checked_out_id, tweede],
    }
    print(identificatie, gevonden)
    return gevonden


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080")
