"""Writing besluiten into answers: a zaak's ``leidtTot`` (zakLa01) and the ``object`` of a bslLa01
(geefBesluitDetails, ZDS 1.2 4.1.10), driven by the scope as every answer (DIGEST c.8).

Besluittype attributes we do not hold (reactietermijn, publicatie*) are ``nietOndersteund``.
"""

from __future__ import annotations

from lxml import etree

from rzs import ns
from rzs.domain.besluit import BESLUIT_ELEMENTEN, Besluit
from rzs.services.document_antwoord import ZaakOmschrijving, gevraagd, schrijf_waarde, schrijf_zaakrelatie
from rzs.stuf.novalue import NoValue

_ATTRIBUUT = {element: attribuut for attribuut, element in BESLUIT_ELEMENTEN.items()}
_NIET_ONDERSTEUND = (
    "bst.reactietermijn",
    "bst.publicatieIndicatie",
    "bst.publicatieTekst",
    "bst.publicatieTermijn",
)
#: BSL-gerelateerdeAntwoord (inside leidtTot) and BSL-antwoord (bslLa01 object), zkn0310 order.
_GERELATEERDE_VOLGORDE = ("identificatie", "bst.omschrijving", *BESLUIT_ELEMENTEN.values())
_VOLGORDE = (
    "identificatie",
    "bst.omschrijving",
    "bst.omschrijvingGeneriek",
    "bst.categorie",
    *_NIET_ONDERSTEUND,
    *BESLUIT_ELEMENTEN.values(),
)


def _waarde(besluit: Besluit, naam: str) -> str | None:
    if naam == "identificatie":
        return besluit.identificatie
    if naam == "bst.omschrijving":
        return besluit.besluittype.omschrijving
    if naam == "bst.omschrijvingGeneriek":
        return besluit.besluittype.omschrijving_generiek
    if naam == "bst.categorie":
        return besluit.besluittype.categorie
    waarde: str | None = getattr(besluit, _ATTRIBUUT[naam])
    return waarde


def _schrijf_velden(parent: etree._Element, besluit: Besluit, namen: list[str]) -> None:
    """The named fields; the identificatie always (it is what identifies the besluit)."""
    for naam in namen if "identificatie" in namen else ["identificatie", *namen]:
        if naam in _NIET_ONDERSTEUND:
            schrijf_waarde(parent, naam, None, NoValue.NIET_ONDERSTEUND)
        else:
            schrijf_waarde(parent, naam, _waarde(besluit, naam))


def schrijf_leidt_tot(obj: etree._Element, besluit: Besluit, scope: etree._Element) -> None:
    """One ``leidtTot`` (ZAKBSL) of a zakLa01, its gerelateerde as the scope asks."""
    relatie = etree.SubElement(obj, ns.zkn("leidtTot"))
    relatie.set(ns.ENTITEITTYPE, "ZAKBSL")
    gerelateerde = etree.SubElement(relatie, ns.zkn("gerelateerde"))
    gerelateerde.set(ns.ENTITEITTYPE, "BSL")
    namen = gevraagd(scope.find(ns.zkn("gerelateerde")), _GERELATEERDE_VOLGORDE, _GERELATEERDE_VOLGORDE)
    _schrijf_velden(gerelateerde, besluit, namen)


def schrijf_besluit(
    parent: etree._Element,
    besluit: Besluit,
    scope: etree._Element | None,
    zaak_omschrijving: ZaakOmschrijving,
) -> None:
    """``object`` of a bslLa01: the fields and, when asked, ``isUitkomstVan`` (its zaak)."""
    obj = etree.SubElement(parent, ns.zkn("object"))
    obj.set(ns.ENTITEITTYPE, "BSL")
    _schrijf_velden(obj, besluit, gevraagd(scope, _VOLGORDE, _VOLGORDE))
    zaak_scope = scope.find(ns.zkn("isUitkomstVan")) if scope is not None and len(scope) else None
    alles = scope is None or len(scope) == 0 and scope.get(ns.SCOPE) != "kerngegevens"
    if besluit.zaak is not None and (alles or zaak_scope is not None):
        schrijf_zaakrelatie(obj, "isUitkomstVan", "BSLZAK", besluit.zaak, zaak_scope, zaak_omschrijving)
