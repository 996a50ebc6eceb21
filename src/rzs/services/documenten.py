"""Zaakdocumenten: genereerDocumentIdentificatie, voegZaakdocumentToe, maakZaakdocument,
geefZaakdocumentLezen, geefZaakdocumentbewerken, updateZaakdocument, cancelCheckout
(DIGEST b.2 rows 4, 5, 12, 14-17; f.1-f.4) and ZDS 1.2's ontkoppelZaakdocument (§4.3.9).
geefLijstZaakdocumenten is the zakLv01 engine (``vragen.py``), which writes ``heeftRelevant`` from
the same store.

Content arrives as a :class:`~rzs.stuf.bericht.Bijlage` (the ``inhoud`` element carries its
sha256, ``wire/inhoud.py``) and goes into the content store inside the message's unit of work;
answers carry the sha256 of stored content and the wire layer streams it. The order of checks
puts everything that can refuse a message before the content is written, so a refused 100 MB
document costs no disk write.

ZDS 1.2 wrappers: the Lk01/Lv01 wrappers have ZKN children, the Di02 wrappers (``ZDS:parameters``,
``ZDS:edcLk02``, ``ZDS:document``) ZDS children around ZKN content; :func:`kind` finds either.
"""

from __future__ import annotations

import io
import uuid

from lxml import etree

from rzs import ns
from rzs.domain import document as regels_document
from rzs.domain import regels
from rzs.domain.document import Document, Documentgegevens, Inhoud
from rzs.fouten import Bedrijfsregel, ObjectBestaatAl, ObjectNietGevonden, OngeldigBericht, StufFout
from rzs.services import document_antwoord as antwoord
from rzs.services.context import Context
from rzs.services.zaak_antwoord import scope_en_inhoud
from rzs.services.zaak_lezen import tekst
from rzs.stuf import berichten, stuurgegevens
from rzs.stuf.bericht import Verzoek


def voeg_zaakdocument_toe(verzoek: Verzoek, ctx: Context) -> etree._Element:
    """voegZaakdocumentToe_Lk01: a document with content, related to an existing zaak (DIGEST d.5)."""
    return _nieuw_document(verzoek, ctx, inhoud_vereist=True)


def maak_zaakdocument(verzoek: Verzoek, ctx: Context) -> etree._Element:
    """maakZaakdocument_Lk01: the metadata of a document whose content comes later. Content that
    is sent anyway (the STP's own test message has it) is stored rather than refused."""
    return _nieuw_document(verzoek, ctx, inhoud_vereist=False)


def _nieuw_document(verzoek: Verzoek, ctx: Context, *, inhoud_vereist: bool) -> etree._Element:
    body = verzoek.body
    if _mutatiesoort(body) != "T":
        raise Bedrijfsregel("Een nieuw zaakdocument vereist mutatiesoort T")
    objecten = body.findall(ns.zkn("object"))
    if len(objecten) != 1 or objecten[0].get(ns.VERWERKINGSSOORT) != "T":
        raise Bedrijfsregel("Een nieuw zaakdocument vereist precies één object met verwerkingssoort T")
    obj = objecten[0]
    identificatie = tekst(obj, "identificatie") or ""
    regels.controleer_identificatie(
        identificatie, soort="document", strikt=ctx.settings.strikte_identificatie
    )
    zaak = _zaak_identificatie(obj)
    if zaak is None:
        raise Bedrijfsregel("BR-13: een zaakdocument moet met isRelevantVoor aan een zaak gerelateerd zijn")
    if not ctx.zaken.exists(zaak):
        raise ObjectNietGevonden(f"Zaak {zaak} bestaat niet")
    if ctx.repos.documenten.exists(identificatie):
        raise ObjectBestaatAl(f"Document {identificatie} bestaat al")
    gegevens = Documentgegevens(**lees_gegevens(obj))
    regels_document.controleer_gegevens(gegevens)
    inhoud_element = obj.find(ns.zkn("inhoud"))
    if inhoud_element is None and inhoud_vereist:
        raise Bedrijfsregel(
            "BR-13: voegZaakdocumentToe vereist inhoud; een document zonder inhoud is een maakZaakdocument"
        )
    nu = stuurgegevens.tijdstip()
    relatie = obj.find(ns.zkn("isRelevantVoor"))
    document = regels_document.nieuw_document(
        identificatie,
        zaak,
        gegevens,
        _bewaar_inhoud(verzoek, inhoud_element, ctx) if inhoud_element is not None else None,
        registratiedatum=(tekst(relatie, "registratiedatum") if relatie is not None else None) or nu[:8],
        geregistreerd=nu,
    )
    ctx.repos.documenten.add(document)
    return berichten.bv03(verzoek.stuurgegevens, ctx.afzender)


def geef_zaakdocument_lezen(verzoek: Verzoek, ctx: Context) -> etree._Element:
    """geefZaakdocumentLezen_Lv01: the document by identificatie, its current version or the one
    ``gelijk/versie`` names (history, DIGEST f.2). No match is an answer without ``antwoord``."""
    body = verzoek.body
    gelijk = body.find(ns.zkn("gelijk"))
    scope = body.find(f"{ns.zkn('scope')}/{ns.zkn('object')}")
    if scope is not None and scope_en_inhoud(scope):
        raise StufFout("Een scope-element heeft zowel het attribuut StUF:scope als inhoud", code="StUF097")
    identificatie = tekst(gelijk, "identificatie") if gelijk is not None else None
    label = tekst(gelijk, "versie") if gelijk is not None else None
    root = berichten.antwoord_root(berichten.antwoord_tag(body.tag, "edcLa01"))
    berichten.schrijf_antwoord_stuurgegevens(
        root, "La01", verzoek.stuurgegevens, ctx.afzender, entiteittype="EDC"
    )
    parameters = etree.SubElement(root, ns.zkn("parameters"))
    etree.SubElement(parameters, ns.stuf("indicatorVervolgvraag")).text = "false"
    document = ctx.zaken.document(ctx.repos.documenten.get(identificatie) if identificatie else None)
    versie = None
    if document is not None:
        versie = document.versie(label) if label else document.huidige_versie
    if document is not None and versie is not None:
        antwoord.schrijf_document(
            etree.SubElement(root, ns.zkn("antwoord")), document, versie, scope, zaak_omschrijving(ctx)
        )
    return root


def geef_zaakdocument_bewerken(verzoek: Verzoek, ctx: Context) -> etree._Element:
    """geefZaakdocumentbewerken_Di02: check out (lock) and return the complete document with a
    checkedOutId and who holds it (DIGEST f.2)."""
    body = verzoek.body
    lv01 = kind(body, "edcLv01")
    gelijk = lv01.find(ns.zkn("gelijk"))
    identificatie = (tekst(gelijk, "identificatie") if gelijk is not None else None) or ""
    document = _document_for_update(ctx, identificatie)
    zender = verzoek.stuurgegevens.zender if verzoek.stuurgegevens else None
    checkout = regels_document.checkout(
        document,
        checked_out_id=uuid.uuid4().hex,
        door=(zender.gebruiker or zender.applicatie) if zender is not None else "onbekend",
        zender=zender.sleutel if zender is not None else "",
        sinds=stuurgegevens.tijdstip(),
    )
    ctx.repos.documenten.save(document)

    root = berichten.antwoord_root(berichten.antwoord_tag(body.tag, "geefZaakdocumentbewerken_Du02"))
    kind_ns = stuurgegevens.kind_namespace(body)
    berichten.schrijf_antwoord_stuurgegevens(
        root,
        "Du02",
        verzoek.stuurgegevens,
        ctx.afzender,
        functie="geefZaakdocumentbewerken",
        namespace=kind_ns,
    )
    parameters = etree.SubElement(root, ns.qname(kind_ns, "parameters"))
    etree.SubElement(parameters, ns.qname(kind_ns, "checkedOutId")).text = checkout.checked_out_id
    etree.SubElement(parameters, ns.qname(kind_ns, "checkedOutBy")).text = checkout.checked_out_by
    la01 = etree.SubElement(root, ns.qname(kind_ns, "edcLa01"))
    la01.set(ns.ENTITEITTYPE, "EDC")
    la01.set(ns.FUNCTIE, "antwoord")
    etree.SubElement(la01, ns.zkn("parameters"))
    antwoord.schrijf_bewerken(etree.SubElement(la01, ns.zkn("antwoord")), document, document.huidige_versie)
    return root


def update_zaakdocument(verzoek: Verzoek, ctx: Context) -> etree._Element:
    """updateZaakdocument_Di02: a new version (metadata and/or content) under the matching
    checkedOutId, which releases the lock; Bv02. One object is the new state, two are oud and
    huidig (DIGEST f.2, g.10)."""
    body = verzoek.body
    checked_out_id = _checked_out_id(body)
    lk02 = kind(body, "edcLk02")
    if _mutatiesoort(lk02) != "W":
        raise Bedrijfsregel("updateZaakdocument vereist mutatiesoort W")
    objecten = lk02.findall(ns.zkn("object"))
    if not objecten:
        raise OngeldigBericht("updateZaakdocument bevat geen object")
    huidig = objecten[-1]
    identificatie = tekst(huidig, "identificatie") or ""
    if len(objecten) == 2 and tekst(objecten[0], "identificatie") not in {None, identificatie}:
        raise Bedrijfsregel("De identificatie van een document kan niet worden gewijzigd")
    document = _document_for_update(ctx, identificatie)
    regels_document.controleer_checkout(document, checked_out_id, _zender(verzoek), vereist=False)
    zaak = _zaak_identificatie(huidig)
    if zaak is not None and zaak != document.zaak_identificatie:
        raise Bedrijfsregel(f"Document {identificatie} hoort niet bij zaak {zaak}; verplaatsen kan niet")
    inhoud_element = huidig.find(ns.zkn("inhoud"))
    regels_document.nieuwe_versie(
        document,
        lees_gegevens(huidig),
        _bewaar_inhoud(verzoek, inhoud_element, ctx) if inhoud_element is not None else None,
        geregistreerd=stuurgegevens.tijdstip(),
    )
    ctx.repos.documenten.save(document)
    return berichten.bv02()


def cancel_checkout(verzoek: Verzoek, ctx: Context) -> etree._Element:
    """cancelCheckout_Di02: release the lock without a new version; Bv02 (DIGEST f.2)."""
    body = verzoek.body
    checked_out_id = _checked_out_id(body)
    identificatie = tekst(kind(body, "document"), "identificatie") or ""
    document = _document_for_update(ctx, identificatie)
    regels_document.annuleer_checkout(document, checked_out_id, _zender(verzoek))
    ctx.repos.documenten.save(document)
    return berichten.bv02()


def ontkoppel_zaakdocument(verzoek: Verzoek, ctx: Context) -> etree._Element:
    """ontkoppelZaakdocument_Di02 (ZDS 1.2 only, §4.3.9): the document is no longer relevant for
    the zaak; Bv02. The edcLk02 (mutatiesoort W) names the document and, in ``isRelevantVoor``
    with verwerkingssoort V, the zaak: in the oud object of an oud/huidig pair (huidig has an
    empty relation, as StUF deletes a relation) or in a single object."""
    lk02 = kind(verzoek.body, "edcLk02")
    if _mutatiesoort(lk02) != "W":
        raise Bedrijfsregel("ontkoppelZaakdocument vereist mutatiesoort W")
    objecten = lk02.findall(ns.zkn("object"))
    if not objecten:
        raise OngeldigBericht("ontkoppelZaakdocument bevat geen object")
    identificatie = tekst(objecten[0], "identificatie") or ""
    if any(tekst(o, "identificatie") not in {None, identificatie} for o in objecten):
        raise Bedrijfsregel("De identificatie van een document kan niet worden gewijzigd")
    relatie = objecten[0].find(ns.zkn("isRelevantVoor"))
    zaak = _zaak_identificatie(objecten[0])
    if zaak is None or relatie is None or relatie.get(ns.VERWERKINGSSOORT) != "V":
        raise Bedrijfsregel(
            "OZ-01: ontkoppelZaakdocument noemt de zaak in isRelevantVoor met verwerkingssoort V"
        )
    document = _document_for_update(ctx, identificatie)
    if not ctx.zaken.exists(zaak):
        raise ObjectNietGevonden(f"Zaak {zaak} bestaat niet")
    regels_document.ontkoppel(document, zaak)
    ctx.repos.documenten.save(document)
    return berichten.bv02()


# --- reading the message -----------------------------------------------------------------------


def kind(body: etree._Element, naam: str) -> etree._Element:
    """The child ``naam`` of a vrij bericht, in ZKN or (ZDS 1.2 wrapper) ZDS namespace."""
    element = body.find(ns.qname(stuurgegevens.kind_namespace(body), naam))
    if element is None:
        element = body.find(ns.zkn(naam))
    if element is None:
        raise OngeldigBericht(f"Het bericht mist {naam}")
    return element


def lees_gegevens(obj: etree._Element) -> dict[str, str | None]:
    """The document metadata elements present in ``obj``: {field: value, None when emptied}.

    Real senders (corpus: MORPLUS, SoapUI) put ``StUF:noValue="geenWaarde"`` on dates that do
    have a value; the value wins, since ``xsi:nil`` is what makes an element empty.
    """
    gegevens: dict[str, str | None] = {}
    for naam, veld in antwoord.VELDEN:
        element = obj.find(ns.zkn(naam))
        if element is not None:
            tekstwaarde = (element.text or "").strip()
            gegevens[veld] = None if element.get(ns.NIL) in {"true", "1"} else tekstwaarde or None
    return gegevens


def _mutatiesoort(element: etree._Element) -> str | None:
    parameters = element.find(ns.zkn("parameters"))
    return tekst(parameters, "mutatiesoort", ns.STUF) if parameters is not None else None


def _zaak_identificatie(obj: etree._Element) -> str | None:
    relatie = obj.find(ns.zkn("isRelevantVoor"))
    gerelateerde = relatie.find(ns.zkn("gerelateerde")) if relatie is not None else None
    return tekst(gerelateerde, "identificatie") if gerelateerde is not None else None


def _checked_out_id(body: etree._Element) -> str | None:
    kind_ns = stuurgegevens.kind_namespace(body)
    parameters = body.find(ns.qname(kind_ns, "parameters"))
    if parameters is None:
        return None
    return tekst(parameters, "checkedOutId", kind_ns) or tekst(parameters, "checkedOutId")


def _zender(verzoek: Verzoek) -> str:
    zender = verzoek.stuurgegevens.zender if verzoek.stuurgegevens else None
    return zender.sleutel if zender is not None else ""


def _document_for_update(ctx: Context, identificatie: str) -> Document:
    document = ctx.repos.documenten.get_for_update(identificatie) if identificatie else None
    if document is None:
        raise ObjectNietGevonden(f"Document {identificatie} bestaat niet")
    ctx.zaken.document(document)
    return document


def _bewaar_inhoud(verzoek: Verzoek, element: etree._Element, ctx: Context) -> Inhoud:
    """Move the content of an ``inhoud`` element into the content store."""
    sleutel = (element.text or "").strip()
    bijlage = verzoek.bijlagen.get(sleutel) if sleutel else None
    if sleutel and bijlage is None:
        raise OngeldigBericht("De inhoud van het document is niet ontvangen")
    blob = ctx.repos.documenten.bewaar_inhoud(bijlage.open() if bijlage is not None else io.BytesIO())
    return Inhoud(
        sha256=blob.sha256,
        grootte=blob.size,
        bestandsnaam=element.get(ns.stuf("bestandsnaam")) or "",
        content_type=element.get(ns.xmime("contentType")) or (bijlage.content_type if bijlage else None),
    )


def zaak_omschrijving(ctx: Context) -> antwoord.ZaakOmschrijving:
    def omschrijving(identificatie: str) -> str | None:
        zaak = ctx.repos.zaken.get(identificatie)
        return zaak.omschrijving if zaak is not None else None

    return omschrijving
