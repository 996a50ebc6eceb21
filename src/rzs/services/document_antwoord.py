"""Writing zaakdocumenten into answers (DIGEST f.2, f.4): the ``object`` of an edcLa01
(geefZaakdocumentLezen), the complete document of geefZaakdocumentbewerken_Du02, and
``heeftRelevant`` in a zakLa01 (geefLijstZaakdocumenten).

As in ``zaak_antwoord.py`` the scope of the vraag says what to write; elements are written in
schema order, so the answer is valid whatever order the scope had. Without a scope, or with
``StUF:scope="alles"``, everything we keep is written. Empty values are ``xsi:nil`` with
``StUF:noValue="geenWaarde"``, elements we do not keep ``nietOndersteund``.

Content is never written here: an ``inhoud`` element gets the sha256 of the stored content as its
text, and the wire layer streams the content in its place (``wire/inhoud.py``), so the answer
tree stays small whatever the size of the document.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from lxml import etree

from rzs import ns
from rzs.domain.document import Document, Documentversie
from rzs.stuf.novalue import NoValue, zet_nil

#: EDC attribute elements and the Documentgegevens field each holds: the one table for reading
#: kennisgevingen (``documenten.py``) and writing answers.
VELDEN: tuple[tuple[str, str], ...] = (
    ("dct.omschrijving", "documenttype"),
    ("creatiedatum", "creatiedatum"),
    ("ontvangstdatum", "ontvangstdatum"),
    ("titel", "titel"),
    ("beschrijving", "beschrijving"),
    ("formaat", "formaat"),
    ("taal", "taal"),
    ("versie", "versie"),
    ("status", "status"),
    ("verzenddatum", "verzenddatum"),
    ("vertrouwelijkAanduiding", "vertrouwelijk_aanduiding"),
    ("auteur", "auteur"),
    ("link", "link"),
)
VELD: dict[str, str] = dict(VELDEN)
#: Catalogue data of the documenttype that we do not keep per document.
_NIET_ONDERSTEUND = {"dct.omschrijvingGeneriek", "dct.categorie"}

#: Elements of an EDC answer object (EDC-AW, EDC-gzdb) in schema order.
EDC_VOLGORDE: tuple[str, ...] = (
    "identificatie",
    "dct.omschrijving",
    "dct.omschrijvingGeneriek",
    "dct.categorie",
    *(naam for naam, _ in VELDEN[1:]),
    "inhoud",
    "isRelevantVoor",
)
#: What "alles" means for a document: everything we keep.
_EDC_ALLES = tuple(n for n in EDC_VOLGORDE if n not in _NIET_ONDERSTEUND)
#: The gerelateerde of ``heeftRelevant`` (EDC-gerel-AW): no content, no relation back to the zaak.
_GERELATEERDE_VOLGORDE = tuple(
    n for n in EDC_VOLGORDE if n not in {"dct.categorie", "inhoud", "isRelevantVoor"}
)
_GERELATEERDE_ALLES = tuple(n for n in _GERELATEERDE_VOLGORDE if n not in _NIET_ONDERSTEUND)
#: ``heeftRelevant`` (ZAKEDC-AW) in schema order.
_ZAKEDC_VOLGORDE = (
    "gerelateerde",
    "titel",
    "beschrijving",
    "registratiedatum",
    "stt.volgnummer",
    "stt.omschrijving",
    "sta.datumStatusGezet",
)
#: Required in the answer of geefZaakdocumentbewerken (EDC-gzdb): never nil, so written even empty.
_GZDB_VERPLICHT = {"creatiedatum", "titel", "formaat", "taal", "vertrouwelijkAanduiding", "auteur", "link"}

ZaakOmschrijving = Callable[[str], str | None]


def gevraagd(scope: etree._Element | None, volgorde: Iterable[str], alles: Iterable[str]) -> list[str]:
    """The element names a scope asks for, in schema order; ``alles`` without (or with an
    ``alles``) scope, only the kerngegeven for ``StUF:scope="kerngegevens"``."""
    if scope is None or (len(scope) == 0 and scope.get(ns.SCOPE) != "kerngegevens"):
        namen = set(alles)
    elif scope.get(ns.SCOPE) == "kerngegevens":
        namen = {"identificatie"}
    else:
        namen = {
            ns.local_name(c.tag) for c in scope if isinstance(c.tag, str) and ns.namespace_of(c.tag) == ns.ZKN
        }
    return [naam for naam in volgorde if naam in namen]


def schrijf_document(
    parent: etree._Element,
    document: Document,
    versie: Documentversie,
    scope: etree._Element | None,
    zaak_omschrijving: ZaakOmschrijving,
) -> etree._Element:
    """``object`` of an edcLa01: what the scope asks for, and always the identificatie."""
    obj = etree.SubElement(parent, ns.zkn("object"))
    obj.set(ns.ENTITEITTYPE, "EDC")
    namen = gevraagd(scope, EDC_VOLGORDE, _EDC_ALLES)
    if "identificatie" not in namen:
        namen.insert(0, "identificatie")
    relatie_scope = scope.find(ns.zkn("isRelevantVoor")) if scope is not None else None
    for naam in namen:
        if naam == "isRelevantVoor":
            _schrijf_is_relevant_voor(obj, document, relatie_scope, zaak_omschrijving)
        else:
            _schrijf_veld(obj, naam, document, versie, verplicht=False)
    return obj


def schrijf_bewerken(parent: etree._Element, document: Document, versie: Documentversie) -> etree._Element:
    """The document of geefZaakdocumentbewerken_Du02 (EDC-gzdb): complete, content included,
    whatever the scope: the editor needs all of it and the schema requires most of it."""
    obj = etree.SubElement(parent, ns.zkn("object"))
    obj.set(ns.ENTITEITTYPE, "EDC")
    for naam in _EDC_ALLES:
        if naam == "isRelevantVoor":
            _schrijf_is_relevant_voor(obj, document, None, lambda _: None)
        else:
            _schrijf_veld(obj, naam, document, versie, verplicht=True)
    return obj


def schrijf_heeft_relevant(obj: etree._Element, document: Document, scope: etree._Element) -> None:
    """One ``heeftRelevant`` (ZAKEDC) of a zakLa01: the current version's metadata and the
    registratiedatum, which ZDS requires in every answer (DIGEST f.4)."""
    relatie = etree.SubElement(obj, ns.zkn("heeftRelevant"))
    relatie.set(ns.ENTITEITTYPE, "ZAKEDC")
    gerelateerde_scope = scope.find(ns.zkn("gerelateerde"))
    relatievelden = gevraagd(scope, _ZAKEDC_VOLGORDE, ("gerelateerde", "registratiedatum"))
    for naam in [n for n in _ZAKEDC_VOLGORDE if n in {*relatievelden, "gerelateerde", "registratiedatum"}]:
        if naam == "gerelateerde":
            gerelateerde = etree.SubElement(relatie, ns.zkn("gerelateerde"))
            gerelateerde.set(ns.ENTITEITTYPE, "EDC")
            namen = gevraagd(gerelateerde_scope, _GERELATEERDE_VOLGORDE, _GERELATEERDE_ALLES)
            for veld in namen if "identificatie" in namen else ["identificatie", *namen]:
                _schrijf_veld(gerelateerde, veld, document, document.huidige_versie, verplicht=False)
        elif naam == "registratiedatum":
            schrijf_waarde(relatie, naam, document.registratiedatum)
        else:
            schrijf_waarde(relatie, naam, None, NoValue.NIET_ONDERSTEUND)


def _schrijf_veld(
    obj: etree._Element, naam: str, document: Document, versie: Documentversie, *, verplicht: bool
) -> None:
    if naam == "identificatie":
        schrijf_waarde(obj, naam, document.identificatie)
    elif naam in VELD:
        waarde = getattr(versie.gegevens, VELD[naam])
        if verplicht and naam in _GZDB_VERPLICHT:
            etree.SubElement(obj, ns.zkn(naam)).text = waarde or ""
        else:
            schrijf_waarde(obj, naam, waarde)
    elif naam in _NIET_ONDERSTEUND:
        if not verplicht:
            schrijf_waarde(obj, naam, None, NoValue.NIET_ONDERSTEUND)
    elif naam == "inhoud":
        _schrijf_inhoud(obj, document, versie, verplicht=verplicht)


def schrijf_waarde(
    parent: etree._Element, naam: str, waarde: str | None, reden: NoValue = NoValue.GEEN_WAARDE
) -> None:
    element = etree.SubElement(parent, ns.zkn(naam))
    if waarde:
        element.text = waarde
    else:
        zet_nil(element, reden)


def _schrijf_inhoud(
    obj: etree._Element, document: Document, versie: Documentversie, *, verplicht: bool
) -> None:
    """``inhoud`` with bestandsnaam and content type; its text is the sha256 of the content, which
    the wire layer replaces by the content itself. A document without content has no ``inhoud``
    (it is not nillable), except where the schema requires one: then it is empty."""
    inhoud = versie.inhoud
    if inhoud is None and not verplicht:
        return
    element = etree.SubElement(obj, ns.zkn("inhoud"))
    element.set(ns.stuf("bestandsnaam"), inhoud.bestandsnaam if inhoud else document.identificatie)
    if inhoud is not None and inhoud.content_type:
        element.set(ns.xmime("contentType"), inhoud.content_type)
    if inhoud is not None and inhoud.grootte:
        element.text = inhoud.sha256


def schrijf_zaakrelatie(
    obj: etree._Element,
    naam: str,
    entiteittype: str,
    zaak_identificatie: str,
    scope: etree._Element | None,
    zaak_omschrijving: ZaakOmschrijving,
) -> etree._Element:
    """A relation to the zaak of a document (EDCZAK isRelevantVoor) or besluit (BSLZAK
    isUitkomstVan): always its identificatie, its omschrijving when the scope's gerelateerde asks."""
    relatie = etree.SubElement(obj, ns.zkn(naam))
    relatie.set(ns.ENTITEITTYPE, entiteittype)
    gerelateerde = etree.SubElement(relatie, ns.zkn("gerelateerde"))
    gerelateerde.set(ns.ENTITEITTYPE, "ZAK")
    schrijf_waarde(gerelateerde, "identificatie", zaak_identificatie)
    gerelateerde_scope = scope.find(ns.zkn("gerelateerde")) if scope is not None else None
    if gerelateerde_scope is not None and gerelateerde_scope.find(ns.zkn("omschrijving")) is not None:
        schrijf_waarde(gerelateerde, "omschrijving", zaak_omschrijving(zaak_identificatie))
    return relatie


def _schrijf_is_relevant_voor(
    obj: etree._Element, document: Document, scope: etree._Element | None, zaak_omschrijving: ZaakOmschrijving
) -> None:
    if document.zaak_identificatie is None:
        return  # unlinked by ontkoppelZaakdocument: relevant for no zaak (isRelevantVoor minOccurs 0)
    relatie = schrijf_zaakrelatie(
        obj, "isRelevantVoor", "EDCZAK", document.zaak_identificatie, scope, zaak_omschrijving
    )
    if scope is None or len(scope) == 0 or scope.find(ns.zkn("registratiedatum")) is not None:
        schrijf_waarde(relatie, "registratiedatum", document.registratiedatum)
