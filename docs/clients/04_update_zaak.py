"""updateZaak_Lk01: change a zaak (Bv03). StUF sends the old and the new state: two objects.

``object=[oud, huidig]``, both with verwerkingssoort W and the zaak's identificatie; the
elements that change appear in both.
"""

from __future__ import annotations

import sys

from basis import ASYNCHROON, creeer_zaak, dienst, stuurgegevens, verbind, vraag
from zeep import xsd


def main(url: str) -> str:
    client = verbind(url)
    identificatie = creeer_zaak(client, omschrijving="Aanvraag jeugdhulp")
    oud = {
        "entiteittype": "ZAK",
        "verwerkingssoort": "W",
        "identificatie": identificatie,
        "omschrijving": "Aanvraag jeugdhulp",
    }
    huidig = {
        "entiteittype": "ZAK",
        "verwerkingssoort": "W",
        "identificatie": identificatie,
        "omschrijving": "Aanvraag jeugdhulp, spoed",
    }
    dienst(client, ASYNCHROON).updateZaak_Lk01(
        stuurgegevens=stuurgegevens("Lk01", entiteittype="ZAK"),
        parameters={"mutatiesoort": "W", "indicatorOvername": "V"},
        object=[oud, huidig],
    )
    la01 = vraag(client, "geefZaakdetails_Lv01", {"identificatie": identificatie}, {"omschrijving": xsd.Nil})
    omschrijving = str(la01.antwoord.object[0].omschrijving._value_1)
    print(identificatie, "heet nu:", omschrijving)
    return omschrijving


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080")
