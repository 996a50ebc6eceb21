"""creeerZaak_Lk01: create a zaak (Bv03); the zaak is then read back with geefZaakdetails.

The message itself is ``basis.creeer_zaak``: a zaak dict with a related zaaktype (``isVan``) and
an initiator whose ``gerelateerde`` is the choice ``natuurlijkPersoon``.
"""

from __future__ import annotations

import sys

from basis import creeer_zaak, verbind


def main(url: str) -> str:
    client = verbind(url)
    identificatie = creeer_zaak(client, omschrijving="Aanvraag jeugdhulp via zeep")
    print("zaak aangemaakt:", identificatie)
    return identificatie


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080")
