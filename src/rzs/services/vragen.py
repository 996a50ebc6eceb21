"""geefZaakstatus, geefZaakdetails and geefLijstZaakdocumenten: one zakLv01 engine driven by
``gelijk`` and ``scope``
(DIGEST b.3 "functionally the same StUF vraag", c.8, f.4).

No match is not an error: the La01 then has stuurgegevens and parameters only.
"""

from __future__ import annotations

from lxml import etree

from rzs import ns
from rzs.domain.betrokkenen import Rol
from rzs.fouten import StufFout
from rzs.services import voorzieningen, voorzieningen_xml, zaak_antwoord
from rzs.services.context import Context
from rzs.services.zaak_lezen import tekst
from rzs.store import ZaakSelectie
from rzs.stuf import berichten
from rzs.stuf.bericht import Verzoek

_ONDERSTEUNDE_SORTERING = {"0", "1"}
#: gelijk elements we select on; anything else is reported in a StUF0001 melding and ignored.
_SELECTIE_PADEN = {
    "identificatie",
    "heeft/indicatieLaatsteStatus",
    "isVan/gerelateerde/code",
}

#: Paths that select on a person's BSN (integraal klantbeeld, issue 4). The official zakLv01 form
#: selects on the OBJ supertype of the zaakobject (identificatie + typering NPS) or the BTR
#: supertype of a role; the scope form (natuurlijkPersoon/inp.bsn) is accepted as well because
#: senders use it. Any of them matches the person as cliënt or in any role: the question RZS asks
#: is "which zaken is this citizen part of".
_BSN_PADEN = {
    "heeftBetrekkingOp/gerelateerde/identificatie",
    "heeftBetrekkingOp/gerelateerde/natuurlijkPersoon/inp.bsn",
    *(f"{rol.value}/gerelateerde/identificatie" for rol in Rol),
    *(f"{rol.value}/gerelateerde/natuurlijkPersoon/inp.bsn" for rol in Rol),
}
_TYPERING = "heeftBetrekkingOp/gerelateerde/typering"


def geef_zaakdetails(verzoek: Verzoek, ctx: Context) -> etree._Element:
    return _beantwoord(verzoek, ctx, alleen_laatste_status=False)


def geef_zaakstatus(verzoek: Verzoek, ctx: Context) -> etree._Element:
    return _beantwoord(verzoek, ctx, alleen_laatste_status=True)


def geef_lijst_zaakdocumenten(verzoek: Verzoek, ctx: Context) -> etree._Element:
    """The same vraag with ``heeftRelevant`` in its scope (DIGEST f.4): one per document."""
    return _beantwoord(verzoek, ctx, alleen_laatste_status=False)


def geef_lijst_besluiten(verzoek: Verzoek, ctx: Context) -> etree._Element:
    """geefLijstBesluiten_ZakLv01 (ZDS 1.2 4.1.11): the same vraag with ``leidtTot`` in its scope,
    one ``leidtTot`` per besluit the zaak led to."""
    return _beantwoord(verzoek, ctx, alleen_laatste_status=False)


def _beantwoord(verzoek: Verzoek, ctx: Context, *, alleen_laatste_status: bool) -> etree._Element:
    body = verzoek.body
    _controleer_parameters(body)
    scope = body.find(f"{ns.zkn('scope')}/{ns.zkn('object')}")
    if scope is not None and zaak_antwoord.scope_en_inhoud(scope):
        raise StufFout("Een scope-element heeft zowel het attribuut StUF:scope als inhoud", code="StUF097")
    selectie, genegeerd = _selectie(body.find(ns.zkn("gelijk")), ctx.settings.max_antwoord_aantal)
    laatste = alleen_laatste_status or _vraagt_laatste_status(body.find(ns.zkn("gelijk")))
    zaken = ctx.zaken.zoek(selectie) if _heeft_criterium(selectie) else []

    root = berichten.antwoord_root(berichten.antwoord_tag(body.tag, "zakLa01"))
    berichten.schrijf_antwoord_stuurgegevens(
        root, "La01", verzoek.stuurgegevens, ctx.afzender, entiteittype="ZAK"
    )
    parameters = etree.SubElement(root, ns.zkn("parameters"))
    etree.SubElement(parameters, ns.stuf("indicatorVervolgvraag")).text = "false"
    if genegeerd:
        etree.SubElement(root, ns.zkn("melding")).text = f"StUF0001: {', '.join(sorted(genegeerd))}"[:250]
    if zaken:
        antwoord = etree.SubElement(root, ns.zkn("antwoord"))
        opties = zaak_antwoord.Schrijfopties(
            alleen_laatste_status=laatste,
            zaak_opzoeken=ctx.repos.zaken.get,
            documenten_opzoeken=ctx.repos.documenten.voor_zaak,
            besluiten_opzoeken=ctx.repos.besluiten.voor_zaak,
            budget=zaak_antwoord.Antwoordbudget(ctx.settings.max_antwoord_objecten),
            aanvullende_elementen=lambda identificatie: voorzieningen.aanvullende_elementen(
                ctx, identificatie
            ),
        )
        effectieve_scope = zaak_antwoord.scope_object(scope)
        for zaak in zaken:
            zaak_antwoord.schrijf_zaak(antwoord, zaak, effectieve_scope, opties)
        if opties.budget.afgekapt:
            # indicatorVervolgvraag stays false: a vervolgvraag (start) selects zaken, it cannot
            # fetch the related objects that were left out (LIM-02, docs/operations.md).
            melding = etree.Element(ns.zkn("melding"))
            melding.text = "StUF0002: Meer objecten gevraagd dan teruggegeven"
            antwoord.addprevious(melding)
    return root


def _controleer_parameters(body: etree._Element) -> None:
    parameters = body.find(ns.zkn("parameters"))
    if parameters is None:
        return
    sortering = tekst(parameters, "sortering", ns.STUF)
    if sortering is not None and sortering not in _ONDERSTEUNDE_SORTERING:
        raise StufFout(f"Sortering {sortering} wordt niet ondersteund (wel 0 en 1)", code="StUF133")
    if (
        tekst(parameters, "indicatorVervolgvraag", ns.STUF) in {"true", "1"}
        and body.find(ns.zkn("start")) is None
    ):
        raise StufFout("indicatorVervolgvraag is true maar het bericht bevat geen start", code="StUF103")


def _paden(element: etree._Element, prefix: str = "") -> list[tuple[str, etree._Element]]:
    paden: list[tuple[str, etree._Element]] = []
    for child in element:
        if not isinstance(child.tag, str) or child.tag == ns.stuf("aanvullendeElementen"):
            continue  # the voorziening selection is read on its own (voorzieningen_xml.lees_selectie)
        pad = f"{prefix}{ns.local_name(child.tag)}"
        if len(child):
            paden.extend(_paden(child, pad + "/"))
        else:
            paden.append((pad, child))
    return paden


def _selectie(gelijk: etree._Element | None, maximum: int) -> tuple[ZaakSelectie, set[str]]:
    if gelijk is None:
        return ZaakSelectie(maximum=maximum), set()
    waarden: dict[str, str] = {}
    genegeerd: set[str] = set()
    bsn: str | None = None
    paden = dict(_paden(gelijk))
    typering = (paden[_TYPERING].text or "").strip() if _TYPERING in paden else "NPS"
    for pad, element in paden.items():
        waarde = (element.text or "").strip()
        if pad in _SELECTIE_PADEN:
            waarden[pad] = waarde
        elif pad in _BSN_PADEN and (typering == "NPS" or not pad.startswith("heeftBetrekkingOp/")):
            bsn = waarde or bsn
        elif pad != _TYPERING or typering != "NPS":
            genegeerd.add(pad.rsplit("/", 1)[-1])
    return (
        ZaakSelectie(
            identificatie=waarden.get("identificatie") or None,
            bsn=bsn,
            zaaktype_code=waarden.get("isVan/gerelateerde/code") or None,
            voorziening=voorzieningen_xml.lees_selectie(gelijk),
            maximum=maximum,
        ),
        genegeerd,
    )


def _heeft_criterium(selectie: ZaakSelectie) -> bool:
    """A vraag without any supported criterion would return every zaak: we answer none instead.
    A voorziening selection only narrows (docs/voorzieningen.md): it is no criterion on its own, so
    no vraag lists the zaken of every person with, say, one aanbieder."""
    return any((selectie.identificatie, selectie.bsn, selectie.zaaktype_code))


def _vraagt_laatste_status(gelijk: etree._Element | None) -> bool:
    if gelijk is None:
        return False
    element = gelijk.find(f"{ns.zkn('heeft')}/{ns.zkn('indicatieLaatsteStatus')}")
    return element is not None and (element.text or "").strip() == "J"
