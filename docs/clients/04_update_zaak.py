"""updateZaak_Lk01: change a zaak (Bv03). StUF sends the old and the new state: two objects.

``object=[oud, huidig]``, both with verwerkingssoort W and the zaak's identificatie; the
elements that change appear in both. To *empty* a value, huidig carries it as ``xsi:nil`` with
``StUF:noValue="geenWaarde"``: in zeep ``{"_value_1": xsd.Nil, "noValue": "geenWaarde"}``
(a bare ``xsd.Nil`` writes no noValue).
"""

from __future__ import annotations

import sys
from typing import Any

from basis import ASYNCHROON, creeer_zaak, dienst, stuurgegevens, verbind, vraag
from zeep import xsd

LEEG = {"_value_1": xsd.Nil, "noValue": "geenWaarde"}


def main(url: str) -> dict[str, Any]:
    client = verbind(url)
    identificatie = creeer_zaak(client, omschrijving="Aanvraag jeugdhulp")
    oud = {
        "entiteittype": "ZAK",
        "verwerkingssoort": "W",
        "identificatie": identificatie,
        "omschrijving": "Aanvraag jeugdhulp",
        "toelichting": "Aangevraagd via het portaal",
    }
    huidig = {
        "entiteittype": "ZAK",
        "verwerkingssoort": "W",
        "identificatie": identificatie,
        "omschrijving": "Aanvraag jeugdhulp, spoed",
        "toelichting": LEEG,
    }
    dienst(client, ASYNCHROON).updateZaak_Lk01(
        stuurgegevens=stuurgegevens("Lk01", entiteittype="ZAK"),
        parameters={"mutatiesoort": "W", "indicatorOvername": "V"},
        object=[oud, huidig],
    )
    la01 = vraag(
        client,
        "geefZaakdetails_Lv01",
        {"identificatie": identificatie},
        {"omschrijving": xsd.Nil, "toelichting": xsd.Nil},
    )
    zaak = la01.antwoord.object[0]
    # An empty value comes back the same way: nil, with its noValue.
    gevonden = {
        "identificatie": identificatie,
        "omschrijving": str(zaak.omschrijving._value_1),
        "toelichting": zaak.toelichting.noValue,
    }
    print(identificatie, gevonden)
    return gevonden


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080")
