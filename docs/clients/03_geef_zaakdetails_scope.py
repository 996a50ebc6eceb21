"""geefZaakdetails_Lv01 with a scope: ask for exactly the elements you want (La01).

A scope names each wanted element with ``xsi:nil="true"``: in zeep that is ``xsd.Nil``. Two zeep
forms are needed for StUF's choices:

* a choice that may repeat (``gerelateerde`` of a betrokkene, ``inp.bsn | anp.identificatie`` in
  a natuurlijk persoon) has no name of its own: zeep calls it ``_value_1`` and wants a list of
  one-key dicts, ``[{"natuurlijkPersoon": ...}]``;
* the object *inside* such a list is not typed for you: build it with its type's factory
  (``bg["NPS-VS"](...)``), or zeep fails while rendering (``'_StaticIdentity' object is not
  iterable``).
"""

from __future__ import annotations

import sys
from typing import Any

from basis import BG, creeer_zaak, verbind, vraag
from zeep import xsd


def main(url: str) -> dict[str, Any]:
    client = verbind(url)
    identificatie = creeer_zaak(client)
    bg = client.type_factory(BG)

    persoon = bg["NPS-VS"](entiteittype="NPS", _value_1=[{"inp.bsn": xsd.Nil}], geslachtsnaam=xsd.Nil)
    scope = {
        "identificatie": xsd.Nil,
        "omschrijving": xsd.Nil,
        "heeftAlsInitiator": {
            "entiteittype": "ZAKBTRINI",
            "gerelateerde": {"_value_1": [{"natuurlijkPersoon": persoon}]},
        },
    }
    # basis.vraag: geefZaakdetails_Lv01(stuurgegevens, parameters, gelijk, scope={"object": ...})
    la01 = vraag(client, "geefZaakdetails_Lv01", {"identificatie": identificatie}, scope)
    zaak = la01.antwoord.object[0]
    # The answer's types (ZAK-AW) have no repeating choices: plain attribute names there.
    initiator = zaak.heeftAlsInitiator[0].gerelateerde.natuurlijkPersoon
    gevonden = {
        "identificatie": zaak.identificatie._value_1,
        "omschrijving": zaak.omschrijving._value_1,
        "bsn": initiator["inp.bsn"]._value_1,
        "geslachtsnaam": initiator.geslachtsnaam._value_1,
        "startdatum": zaak.startdatum,  # not in the scope: not in the answer
    }
    print(gevonden)
    return gevonden


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080")
