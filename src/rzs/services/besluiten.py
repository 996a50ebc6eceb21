"""The ZDS 1.2 besluit operations (ZDS 1.2 4.1.7-4.1.11): voegBesluitToe_Di01, updateBesluit_BslLk01
and geefBesluitDetails_BslLv01. genereerBesluitIdentificatie is with the other identificaties
(``identificaties.py``), geefLijstBesluiten with the other zaak-vragen (``vragen.py``).

In the sociaal domein the besluit is the beschikking on the zaak. A besluit change counts for
subscribers as ``Update zaak`` of its zaak (``routes.OPERATIES``).
"""

from __future__ import annotations

from lxml import etree

from rzs import ns
from rzs.domain import besluit as besluitregels
from rzs.domain.besluit import Besluit
from rzs.domain.zaaktype import Besluittype
from rzs.fouten import Bedrijfsregel, ObjectNietGevonden, OngeldigBericht, StufFout
from rzs.services import besluit_antwoord, zaak_antwoord
from rzs.services.context import Context
from rzs.services.documenten import kind, zaak_omschrijving
from rzs.services.zaak_besluiten import besluittype, lees_waarden, nieuw_besluit
from rzs.services.zaak_lezen import mutatiesoort, tekst
from rzs.stuf import berichten
from rzs.stuf.bericht import Verzoek


def voeg_besluit_toe(verzoek: Verzoek, ctx: Context) -> etree._Element:
    """voegBesluitToe_Di01: a new besluit (verwerkingssoort T) for an existing zaak (4.1.7)."""
    obj = kind(verzoek.body, "object")
    element, zaak_element = _kind(obj, "besluit"), _kind(obj, "zaak")
    if element.get(ns.VERWERKINGSSOORT) != "T":
        raise OngeldigBericht("voegBesluitToe vereist een besluit met verwerkingssoort T")
    zaak_identificatie = tekst(zaak_element, "identificatie") or ""
    zaak = ctx.zaken.get_for_update(zaak_identificatie)
    if zaak is None:
        raise ObjectNietGevonden(f"Zaak {zaak_identificatie} bestaat niet")
    besluit = nieuw_besluit(element, zaak.identificatie, zaak.zaaktype, ctx, ingangsdatum_vereist=True)
    ctx.repos.besluiten.add(besluit)
    return berichten.bv03(verzoek.stuurgegevens, ctx.afzender)


def update_besluit(verzoek: Verzoek, ctx: Context) -> etree._Element:
    """updateBesluit_BslLk01: W kennisgeving (oud and huidig, or huidig only) of a besluit (4.1.8).

    Elements present in huidig change; the identificatie never does (as BR-11 for zaken).
    """
    if mutatiesoort(verzoek.body) not in {"W", "C", "F"}:
        raise Bedrijfsregel("updateBesluit vereist mutatiesoort W")
    objecten = verzoek.body.findall(ns.zkn("object"))
    if not 1 <= len(objecten) <= 2:
        raise OngeldigBericht("Een W-kennisgeving bevat één (huidig) of twee (oud en huidig) objecten")
    huidig = objecten[-1]
    identificatie = tekst(huidig, "identificatie") or ""
    if len(objecten) == 2 and tekst(objecten[0], "identificatie") not in {None, identificatie}:
        raise Bedrijfsregel("BSL-01: de identificatie van een besluit kan niet worden gewijzigd")
    besluit = ctx.repos.besluiten.get_for_update(identificatie)
    if besluit is None:
        raise ObjectNietGevonden(f"Besluit {identificatie} bestaat niet")
    if huidig.find(ns.zkn("bst.omschrijving")) is not None:
        besluit.besluittype = _besluittype(besluit, tekst(huidig, "bst.omschrijving"), ctx)
    for attribuut, waarde in lees_waarden(huidig).items():
        setattr(besluit, attribuut, waarde)
    besluitregels.controleer(besluit)
    ctx.repos.besluiten.save(besluit)
    return berichten.bv03(verzoek.stuurgegevens, ctx.afzender)


def geef_besluitdetails(verzoek: Verzoek, ctx: Context) -> etree._Element:
    """geefBesluitDetails_BslLv01: the besluit ``gelijk/identificatie`` names, as the scope asks
    (4.1.10); no match is an answer without ``antwoord`` (as for zaken)."""
    body = verzoek.body
    scope = body.find(f"{ns.zkn('scope')}/{ns.zkn('object')}")
    if scope is not None and zaak_antwoord.scope_en_inhoud(scope):
        raise StufFout("Een scope-element heeft zowel het attribuut StUF:scope als inhoud", code="StUF097")
    gelijk = body.find(ns.zkn("gelijk"))
    identificatie = tekst(gelijk, "identificatie") if gelijk is not None else None
    besluit = ctx.repos.besluiten.get(identificatie) if identificatie else None

    root = berichten.antwoord_root(berichten.antwoord_tag(body.tag, "bslLa01"))
    berichten.schrijf_antwoord_stuurgegevens(
        root, "La01", verzoek.stuurgegevens, ctx.afzender, entiteittype="BSL"
    )
    parameters = etree.SubElement(root, ns.zkn("parameters"))
    etree.SubElement(parameters, ns.stuf("indicatorVervolgvraag")).text = "false"
    if besluit is not None:
        antwoord = etree.SubElement(root, ns.zkn("antwoord"))
        besluit_antwoord.schrijf_besluit(antwoord, besluit, scope, zaak_omschrijving(ctx))
    return root


def _kind(obj: etree._Element, naam: str) -> etree._Element:
    """``besluit`` or ``zaak`` inside the Di01's ``object`` (ZDS children, ZKN accepted too)."""
    element = obj.find(ns.zds(naam))
    if element is None:
        element = obj.find(ns.zkn(naam))
    if element is None:
        raise OngeldigBericht(f"voegBesluitToe mist object/{naam}")
    return element


def _besluittype(besluit: Besluit, omschrijving: str | None, ctx: Context) -> Besluittype:
    """BSL-05 for a changed besluittype: one of its zaak's zaaktype; for a besluit without zaak
    (unlinked) one of any zaaktype in the catalogue."""
    zaak = ctx.zaken.get(besluit.zaak) if besluit.zaak else None
    if zaak is not None:
        return besluittype(omschrijving, zaak.zaaktype)
    for zaaktype in ctx.repos.zaaktypen.all():
        if (gevonden := zaaktype.zoek_besluittype(omschrijving)) is not None:
            return gevonden
    raise Bedrijfsregel(f"BSL-05: besluittype {omschrijving} is niet bekend in de catalogus")
