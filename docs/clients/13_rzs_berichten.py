"""The RZS vrije berichten (Bv03): notificeerOverZaak, initieerNotificeerOverZaak, overdragenZaak
and bevestigOverdragenZaak, on the port ``rzs_OntvangAsynchroon``.

The gebeurtenis travels as a ``StUF:extraElement``: text plus a ``naam`` attribute, so
``{"_value_1": "Update zaak", "naam": "gebeurtenis"}``. bevestigOverdragenZaak (Du01) answers an
overdragenZaak *we* sent: its crossRefnummer names that Di01. One that answers nothing we sent is
refused (Fo03 StUF043), as here.
"""

from __future__ import annotations

import sys
from typing import Any

import zeep
from basis import RZS, creeer_zaak, dienst, stuf_fout, stuurgegevens, verbind


def zaak_object(identificatie: str, *extra: dict[str, str]) -> dict[str, Any]:
    """The zaak of a notificatie (with extraElementen) or an opdracht (without)."""
    zaak: dict[str, Any] = {
        "entiteittype": "ZAK",
        "functie": "entiteit",
        "identificatie": identificatie,
        "isVan": {
            "entiteittype": "ZAKZKT",
            "gerelateerde": {"entiteittype": "ZKT", "omschrijving": "Jeugdhulp", "code": "JGD"},
        },
    }
    if extra:
        zaak["extraElementen"] = {"extraElement": list(extra)}
    return zaak


def main(url: str) -> dict[str, Any]:
    client = verbind(url)
    rzs = dienst(client, RZS)
    zaak = creeer_zaak(client)
    gebeurtenis = {"_value_1": "Update zaak", "naam": "gebeurtenis"}
    antwoorden: dict[str, Any] = {}
    antwoorden["notificeerOverZaak"] = rzs.notificeerOverZaak(
        stuurgegevens=stuurgegevens("Di01", functie="notificeerOverZaak"),
        object=zaak_object(zaak, gebeurtenis),
    ).berichtcode
    antwoorden["initieerNotificeerOverZaak"] = rzs.initieerNotificeerOverZaak(
        stuurgegevens=stuurgegevens("Di01", functie="notificeerOverZaak"),
        object=zaak_object(zaak, gebeurtenis, {"_value_1": "LEVERANCIER", "naam": "zendendeApplicatie"}),
    ).berichtcode
    antwoorden["overdragenZaak"] = rzs.overdragenZaak(
        stuurgegevens=stuurgegevens("Di01", functie="overdragenZaak"),
        melding=["Graag overnemen: verhuisd naar uw gemeente"],
        object=zaak_object(zaak),
    ).berichtcode
    try:
        rzs.bevestigOverdragenZaak(
            stuurgegevens=stuurgegevens("Du01", functie="overdragenZaak", crossRefnummer="NIET-VERSTUURD-1"),
            object={
                "entiteittype": "ZAK",
                "functie": "entiteit",
                "identificatie": zaak,
                "antwoord": "Overdracht geaccepteerd",
            },
        )
    except zeep.exceptions.Fault as fout:
        antwoorden["bevestigOverdragenZaak"] = stuf_fout(client, fout)["code"]
    print(zaak, antwoorden)
    return antwoorden


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080")
