"""Gerelateerden (the party or object of a betrokkene, zaakobject or status) as JSON and back.

The tables keep ``soort`` and ``sleutel`` as columns for lookups; everything else of the
dataclass goes into one JSON document, so a new optional field in the domain needs no
migration. The round trip is lossless: ``load(g.soort, dump(g)) == g`` for every kind.

Absent fields (None) are left out of the document. An :class:`OverigObject` is recognised by
its ``velden`` key rather than by its soort, so one of a soort we also interpret (say a zaakobject
of soort NPS sent as raw fields) still comes back as the OverigObject it was.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from rzs.domain.betrokkenen import (
    Adres,
    BuitenlandsAdres,
    Gerelateerde,
    Medewerker,
    NatuurlijkPersoon,
    NietNatuurlijkPersoon,
    OrganisatorischeEenheid,
    OverigObject,
    Vestiging,
)

#: StUF entiteittype -> the dataclass RZS interprets it as (DIGEST c.7.3). Others are OverigObject.
GERELATEERDE_SOORTEN: dict[
    str,
    type[NatuurlijkPersoon | Medewerker | Vestiging | OrganisatorischeEenheid | NietNatuurlijkPersoon],
] = {
    "NPS": NatuurlijkPersoon,
    "MDW": Medewerker,
    "VES": Vestiging,
    "OEH": OrganisatorischeEenheid,
    "NNP": NietNatuurlijkPersoon,
}

#: The ZKN gerelateerde element name of each interpreted soort (an OverigObject carries its own).
ELEMENTEN: dict[str, str] = {
    "NPS": "natuurlijkPersoon",
    "MDW": "medewerker",
    "VES": "vestiging",
    "OEH": "organisatorischeEenheid",
    "NNP": "nietNatuurlijkPersoon",
}

#: Fields holding a nested address dataclass, by field name.
_ADRESSEN: dict[str, type[Adres | BuitenlandsAdres]] = {
    "verblijfsadres": Adres,
    "verblijf_buitenland": BuitenlandsAdres,
}


def element(gerelateerde: Gerelateerde) -> str:
    if isinstance(gerelateerde, OverigObject):
        return gerelateerde.element
    return ELEMENTEN[gerelateerde.soort]


def dump(gerelateerde: Gerelateerde) -> dict[str, Any]:
    if isinstance(gerelateerde, OverigObject):
        return {
            "soort": gerelateerde.soort,
            "element": gerelateerde.element,
            "sleutel": gerelateerde.sleutel,
            "velden": [[pad, waarde] for pad, waarde in gerelateerde.velden],
        }
    return _without_none(gerelateerde)


def load(soort: str, gegevens: dict[str, Any]) -> Gerelateerde:
    cls = GERELATEERDE_SOORTEN.get(soort)
    if cls is None or "velden" in gegevens:
        return OverigObject(
            soort=gegevens["soort"],
            element=gegevens["element"],
            sleutel=gegevens["sleutel"],
            velden=tuple((pad, waarde) for pad, waarde in gegevens["velden"]),
        )
    kwargs: dict[str, Any] = {
        naam: _ADRESSEN[naam](**waarde) if naam in _ADRESSEN else waarde for naam, waarde in gegevens.items()
    }
    return cls(**kwargs)


def _without_none(obj: Any) -> dict[str, Any]:
    document: dict[str, Any] = {}
    for f in fields(obj):
        waarde = getattr(obj, f.name)
        if waarde is None:
            continue
        document[f.name] = _without_none(waarde) if isinstance(waarde, Adres | BuitenlandsAdres) else waarde
    return document
