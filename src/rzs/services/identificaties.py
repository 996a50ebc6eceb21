"""genereerZaakIdentificatie (Di02/Du02, DIGEST f.1).

An issued identificatie is reserved forever, also when no zaak is ever created with it, and is
unique under concurrency (the store's counter row and unique constraint see to that).
"""

from __future__ import annotations

from lxml import etree

from rzs import ns
from rzs.services.context import Context
from rzs.stuf import berichten, stuurgegevens
from rzs.stuf.bericht import Verzoek


def genereer_zaakidentificatie(verzoek: Verzoek, ctx: Context) -> etree._Element:
    identificatie = ctx.repos.identificaties.reserveer(
        "zaak", ctx.settings.gemeentecode, bestaat=ctx.repos.zaken.exists
    )
    root = berichten.antwoord_root(berichten.antwoord_tag(verzoek.body.tag, "genereerZaakIdentificatie_Du02"))
    kind_ns = stuurgegevens.kind_namespace(verzoek.body)
    berichten.schrijf_antwoord_stuurgegevens(
        root,
        "Du02",
        verzoek.stuurgegevens,
        ctx.afzender,
        functie="genereerZaakidentificatie",
        namespace=kind_ns,
    )
    zaak = etree.SubElement(root, ns.qname(kind_ns, "zaak"))
    zaak.set(ns.ENTITEITTYPE, "ZAK")
    zaak.set(ns.FUNCTIE, "entiteit")
    etree.SubElement(zaak, ns.zkn("identificatie")).text = identificatie
    return root
