"""actualiseerZaakstatus_Lk01 with ONE object, then geefZaakstatus_Lv01 reads the status back.

The ZDS form has two objects (oud without, huidig with the new ``heeft``); the form most
regiesystemen send has a single object with verwerkingssoort W that adds one ``heeft`` (T). We
accept both; this is the single-object one. The statustype is named by volgnummer and/or
omschrijving of the zaak's zaaktype (here JGD's 2, "Onderzoek uitgevoerd").
"""

from __future__ import annotations

import sys
from typing import Any

from basis import ASYNCHROON, creeer_zaak, dienst, stuurgegevens, vandaag, verbind, vraag
from zeep import xsd


def main(url: str) -> dict[str, Any]:
    client = verbind(url)
    identificatie = creeer_zaak(client)
    status = {
        "entiteittype": "ZAKSTT",
        "verwerkingssoort": "T",
        "gerelateerde": {
            "entiteittype": "STT",
            "verwerkingssoort": "I",
            "zkt.code": "JGD",
            "volgnummer": "2",
            "omschrijving": "Onderzoek uitgevoerd",
        },
        "toelichting": "Gesprek met het gezin gevoerd",
        "datumStatusGezet": vandaag() + "120000",
    }
    dienst(client, ASYNCHROON).actualiseerZaakstatus_Lk01(
        stuurgegevens=stuurgegevens("Lk01", entiteittype="ZAK"),
        parameters={"mutatiesoort": "W", "indicatorOvername": "V"},
        object=[
            {
                "entiteittype": "ZAK",
                "verwerkingssoort": "W",
                "identificatie": identificatie,
                "heeft": [status],
            }
        ],
    )
    # geefZaakstatus: the zakLv01 asking for the last status (gelijk/heeft/indicatieLaatsteStatus J).
    la01 = vraag(
        client,
        "geefZaakstatus_Lv01",
        {"identificatie": identificatie, "heeft": {"entiteittype": "ZAKSTT", "indicatieLaatsteStatus": "J"}},
        {
            "identificatie": xsd.Nil,
            "heeft": {
                "entiteittype": "ZAKSTT",
                "datumStatusGezet": xsd.Nil,
                "indicatieLaatsteStatus": xsd.Nil,
                "gerelateerde": {"entiteittype": "STT", "volgnummer": xsd.Nil, "omschrijving": xsd.Nil},
            },
        },
    )
    laatste = la01.antwoord.object[0].heeft[0]
    gevonden = {
        "volgnummer": str(laatste.gerelateerde.volgnummer._value_1),
        "omschrijving": str(laatste.gerelateerde.omschrijving._value_1),
        "indicatieLaatsteStatus": str(laatste.indicatieLaatsteStatus._value_1),
    }
    print(identificatie, "status:", gevonden)
    return gevonden


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080")
