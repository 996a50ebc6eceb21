"""Documents inline (base64): genereerDocumentIdentificatie_Di02, voegZaakdocumentToe_Lk01,
geefLijstZaakdocumenten_Lv01 and geefZaakdocumentLezen_Lv01.

zeep encodes ``bytes`` given for an ``xs:base64Binary`` as base64 and decodes it on the way back:
you handle bytes only. For large documents use MTOM (07_mtom.py).
"""

from __future__ import annotations

import sys
from typing import Any

from basis import (
    ASYNCHROON,
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

INHOUD = b"Aanvraag jeugdhulp, met bijlagen.\n"


def main(url: str) -> dict[str, Any]:
    client = verbind(url)
    zaak = creeer_zaak(client)
    identificatie = genereer_documentidentificatie(client)
    dienst(client, ASYNCHROON).voegZaakdocumentToe_Lk01(
        stuurgegevens=stuurgegevens("Lk01", entiteittype="EDC"),
        parameters={"mutatiesoort": "T", "indicatorOvername": "V"},
        object=[zaakdocument(identificatie, zaak, INHOUD, titel="Aanvraag")],
    )
    # geefLijstZaakdocumenten: a zakLv01 with heeftRelevant in the scope.
    lijst = vraag(
        client,
        "geefLijstZaakdocumenten_Lv01",
        {"identificatie": zaak},
        {
            "identificatie": xsd.Nil,
            "heeftRelevant": {
                "entiteittype": "ZAKEDC",
                "gerelateerde": {"entiteittype": "EDC", "identificatie": xsd.Nil, "titel": xsd.Nil},
            },
        },
    )
    documenten = [str(r.gerelateerde.identificatie._value_1) for r in lijst.antwoord.object[0].heeftRelevant]
    document = lees_zaakdocument(client, identificatie)
    gevonden = {
        "documenten": documenten,
        "titel": str(document.titel._value_1),
        "inhoud": document.inhoud._value_1,
    }
    print(zaak, gevonden)
    return gevonden


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080")
