"""Besluiten (beschikkingen), ZDS 1.2: genereerBesluitIdentificatie_Di02, voegBesluitToe_Di01,
updateBesluit_Lk01, geefBesluitDetails_Lv01 and geefLijstBesluiten_Lv01.

The besluittype is named by its omschrijving in the zaak's zaaktype (JGD: "Beschikking
jeugdhulp"). updateBesluit sends oud and huidig, like updateZaak.
"""

from __future__ import annotations

import sys
from typing import Any

from basis import ASYNCHROON, VRAGEN, VRIJ, creeer_zaak, dienst, stuurgegevens, vandaag, verbind, vraag
from zeep import xsd


def main(url: str) -> dict[str, Any]:
    client = verbind(url)
    zaak = creeer_zaak(client)
    du02 = dienst(client, VRIJ).genereerBesluitIdentificatie_Di02(
        stuurgegevens=stuurgegevens("Di02", functie="genereerBesluitidentificatie")
    )
    besluit = str(du02.besluit.identificatie._value_1)
    dienst(client, ASYNCHROON).voegBesluitToe_Di01(
        stuurgegevens=stuurgegevens("Di01", functie="voegBesluitToe"),
        object={
            "besluit": {
                "entiteittype": "BSL",
                "verwerkingssoort": "T",
                "identificatie": besluit,
                "bst.omschrijving": "Beschikking jeugdhulp",
                "datumBeslissing": vandaag(),
                "toelichting": "Jeugdhulp toegekend",
                "ingangsdatumWerking": vandaag(),
            },
            "zaak": {"entiteittype": "ZAK", "verwerkingssoort": "I", "identificatie": zaak},
        },
    )
    dienst(client, ASYNCHROON).updateBesluit_Lk01(
        stuurgegevens=stuurgegevens("Lk01", entiteittype="BSL"),
        parameters={"mutatiesoort": "W", "indicatorOvername": "V"},
        object=[
            {
                "entiteittype": "BSL",
                "verwerkingssoort": "W",
                "identificatie": besluit,
                "toelichting": "Jeugdhulp toegekend",
            },
            {
                "entiteittype": "BSL",
                "verwerkingssoort": "W",
                "identificatie": besluit,
                "toelichting": "Jeugdhulp toegekend voor een jaar",
                "einddatumWerking": "20301231",
            },
        ],
    )
    details = (
        dienst(client, VRAGEN)
        .geefBesluitDetails_Lv01(
            stuurgegevens=stuurgegevens("Lv01", entiteittype="BSL"),
            parameters={"sortering": 0, "indicatorVervolgvraag": False},
            gelijk={"entiteittype": "BSL", "identificatie": besluit},
            scope={
                "object": {
                    "entiteittype": "BSL",
                    "toelichting": xsd.Nil,
                    "einddatumWerking": xsd.Nil,
                    "isUitkomstVan": {
                        "entiteittype": "BSLZAK",
                        "gerelateerde": {"entiteittype": "ZAK", "identificatie": xsd.Nil},
                    },
                }
            },
        )
        .antwoord.object[0]
    )
    lijst = vraag(
        client,
        "geefLijstBesluiten_Lv01",
        {"identificatie": zaak},
        {
            "leidtTot": {
                "entiteittype": "ZAKBSL",
                "gerelateerde": {"entiteittype": "BSL", "identificatie": xsd.Nil},
            }
        },
    )
    gevonden = {
        "besluit": besluit,
        "toelichting": str(details.toelichting._value_1),
        "einddatumWerking": str(details.einddatumWerking._value_1),
        "zaak": str(details.isUitkomstVan.gerelateerde.identificatie._value_1),
        "besluiten_van_zaak": [
            str(r.gerelateerde.identificatie._value_1) for r in lijst.antwoord.object[0].leidtTot
        ],
    }
    print(zaak, gevonden)
    return gevonden


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080")
