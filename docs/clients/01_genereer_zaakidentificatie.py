"""genereerZaakIdentificatie_Di02: ask the zaaksysteem for a new zaak identificatie (Du02)."""

from __future__ import annotations

import sys

from basis import VRIJ, dienst, stuurgegevens, verbind


def main(url: str) -> str:
    client = verbind(url)
    du02 = dienst(client, VRIJ).genereerZaakIdentificatie_Di02(
        stuurgegevens=stuurgegevens("Di02", functie="genereerZaakidentificatie")
    )
    # <ZKN:identificatie StUF:exact="true">0000...</ZKN:identificatie>: text plus attributes,
    # so zeep puts the text in ``_value_1``.
    identificatie = str(du02.zaak.identificatie._value_1)
    print("nieuwe zaakidentificatie:", identificatie, "(antwoord op", du02.stuurgegevens.crossRefnummer + ")")
    return identificatie


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080")
