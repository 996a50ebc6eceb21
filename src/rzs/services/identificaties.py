"""genereerZaakIdentificatie, genereerDocumentIdentificatie (Di02/Du02, DIGEST f.1) and
genereerBesluitIdentificatie (ZDS 1.2 4.1.9).

An issued identificatie is reserved forever, also when no zaak is ever created with it, and is
unique under concurrency (the store's counter row and unique constraint see to that).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from rzs import ns
from rzs.services.context import Context
from rzs.stuf import berichten, stuurgegevens
from rzs.stuf.bericht import Verzoek


def genereer_zaakidentificatie(verzoek: Verzoek, ctx: Context) -> etree._Element:
    return _genereer(verzoek, ctx, soort="zaak", bestaat=ctx.repos.zaken.exists)


def genereer_documentidentificatie(verzoek: Verzoek, ctx: Context) -> etree._Element:
    """The same counter and guards as zaakidentificaties, in a sequence of its own (DIGEST f.1)."""
    return _genereer(verzoek, ctx, soort="document", bestaat=ctx.repos.documenten.exists)


def genereer_besluitidentificatie(verzoek: Verzoek, ctx: Context) -> etree._Element:
    """ZDS 1.2 4.1.9: reserved once, unique within the gemeente, answered at once; same counter."""
    return _genereer(verzoek, ctx, soort="besluit", bestaat=ctx.repos.besluiten.exists)


@dataclass(frozen=True, slots=True)
class _Vorm:
    du02: str
    functie: str
    element: str
    entiteittype: str


_VORMEN = {
    "zaak": _Vorm("genereerZaakIdentificatie_Du02", "genereerZaakidentificatie", "zaak", "ZAK"),
    "document": _Vorm(
        "genereerDocumentIdentificatie_Du02", "genereerDocumentidentificatie", "document", "EDC"
    ),
    "besluit": _Vorm("genereerBesluitIdentificatie_Du02", "genereerBesluitidentificatie", "besluit", "BSL"),
}


def _genereer(
    verzoek: Verzoek, ctx: Context, *, soort: str, bestaat: Callable[[str], bool]
) -> etree._Element:
    vorm = _VORMEN[soort]
    identificatie = ctx.repos.identificaties.reserveer(soort, ctx.settings.gemeentecode, bestaat=bestaat)
    root = berichten.antwoord_root(berichten.antwoord_tag(verzoek.body.tag, vorm.du02))
    kind_ns = stuurgegevens.kind_namespace(verzoek.body)
    berichten.schrijf_antwoord_stuurgegevens(
        root, "Du02", verzoek.stuurgegevens, ctx.afzender, functie=vorm.functie, namespace=kind_ns
    )
    element = etree.SubElement(root, ns.qname(kind_ns, vorm.element))
    element.set(ns.ENTITEITTYPE, vorm.entiteittype)
    element.set(ns.FUNCTIE, "entiteit")
    etree.SubElement(element, ns.zkn("identificatie")).text = identificatie
    return root
