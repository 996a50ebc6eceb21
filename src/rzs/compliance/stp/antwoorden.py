"""What the STP answers a consumer TTA: Bv03/Bv02, Du02, La01, and Fo02/Fo03 when a message is wrong.

Built with lxml from the request (swapped zender/ontvanger, crossRefnummer = the request's
referentienummer, DIGEST c.3) and from :class:`~rzs.compliance.stp.staat.Staat` (the data the TTA
created earlier), never from strings. Element order follows the schemas; every answer is
validated by the session before it leaves, so a harness defect shows up as one.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from lxml import etree

from rzs import ns
from rzs.compliance.stp.staat import PREFIXEN, Document, Staat, Zaak, tekst

#: Our StUF identity as the STP: organisatie, applicatie.
Systeem = tuple[str, str]


@dataclass(frozen=True, slots=True)
class Fout:
    """A StUF foutbericht the STP answers with (Fo02 for synchronous, Fo03 for asynchronous)."""

    code: str
    plek: str
    omschrijving: str
    details: str = ""


def fout_voor(redenen: list[str]) -> Fout:
    """The foutcode the STP answers with: the first applicable in StUF table order (DIGEST c.10)."""
    tekst = " ".join(redenen)
    if "(StUF010)" in tekst:
        return Fout(
            "StUF010",
            "client",
            "Combinatie van ontvangende organisatie, applicatie en administratie onbekend",
            redenen[0],
        )
    if "schema (" in tekst:
        return Fout("StUF055", "client", "Berichtbody is niet conform schema in sectormodel", redenen[0])
    if "crossRefnummer" in tekst:
        return Fout("StUF043", "client", "Crossreferentienummer niet bekend", redenen[0])
    return Fout("StUF058", "server", "Proces voor afhandelen bericht geeft fout", redenen[0])


def _el(ouder: etree._Element, tag: str, tekst_: str | None = None, **attrib: str) -> etree._Element:
    element = etree.SubElement(ouder, tag, attrib=attrib)
    if tekst_ is not None:
        element.text = tekst_
    return element


def _sg_van(verzoek: etree._Element) -> etree._Element | None:
    return next(
        (k for k in verzoek if isinstance(k.tag, str) and ns.local_name(k.tag) == "stuurgegevens"), None
    )


def stuurgegevens(
    ouder: etree._Element, verzoek: etree._Element, berichtcode: str, stp: Systeem, ref: str, tijdstip: str
) -> etree._Element:
    """Answer stuurgegevens under ``ouder`` (its own namespace for the element, StUF for the children)."""
    sg = _el(ouder, ns.qname(ns.namespace_of(ouder.tag), "stuurgegevens"))
    if ns.namespace_of(ouder.tag) == ns.STUF:
        sg.tag = ns.stuf("stuurgegevens")
    _el(sg, ns.stuf("berichtcode"), berichtcode)
    if berichtcode in ("Bv02", "Fo02"):
        return sg
    zender = _el(sg, ns.stuf("zender"))
    _el(zender, ns.stuf("organisatie"), stp[0])
    _el(zender, ns.stuf("applicatie"), stp[1])
    sg_in = _sg_van(verzoek)
    tta = None if sg_in is None else sg_in.find("StUF:zender", PREFIXEN)
    ontvanger = copy.deepcopy(tta) if tta is not None else etree.Element(ns.stuf("ontvanger"))
    ontvanger.tag = ns.stuf("ontvanger")
    if not len(ontvanger):
        _el(ontvanger, ns.stuf("applicatie"), "ONBEKEND")
    sg.append(ontvanger)
    _el(sg, ns.stuf("referentienummer"), ref)
    _el(sg, ns.stuf("tijdstipBericht"), tijdstip)
    cross = tekst(sg_in, "StUF:referentienummer")
    if cross or berichtcode in ("Bv03", "Fo03"):
        _el(sg, ns.stuf("crossRefnummer"), cross or "ONBEKEND")
    for veld in ("functie", "entiteittype"):
        waarde = tekst(sg_in, f"StUF:{veld}")
        if waarde and berichtcode not in ("Bv03", "Fo03"):
            _el(sg, ns.stuf(veld), waarde)
    return sg


def bevestiging(
    verzoek: etree._Element, berichtcode: str, stp: Systeem, ref: str, tijdstip: str
) -> etree._Element:
    """StUF:Bv03Bericht (asynchronous) or StUF:Bv02Bericht (updateZaakdocument, cancelCheckout)."""
    bericht = etree.Element(ns.stuf(f"{berichtcode}Bericht"), nsmap={"StUF": ns.STUF})
    stuurgegevens(bericht, verzoek, berichtcode, stp, ref, tijdstip)
    return bericht


def foutbericht(
    verzoek: etree._Element, synchroon: bool, fout: Fout, stp: Systeem, ref: str, tijdstip: str
) -> etree._Element:
    code = "Fo02" if synchroon else "Fo03"
    bericht = etree.Element(ns.stuf(f"{code}Bericht"), nsmap={"StUF": ns.STUF})
    stuurgegevens(bericht, verzoek, code, stp, ref, tijdstip)
    body = _el(bericht, ns.stuf("body"))
    _el(body, ns.stuf("code"), fout.code)
    _el(body, ns.stuf("plek"), fout.plek)
    _el(body, ns.stuf("omschrijving"), fout.omschrijving)
    if fout.details:
        _el(body, ns.stuf("details"), fout.details[:1000])
    return bericht


def _bericht(
    verzoek: etree._Element, naam: str, code: str, stp: Systeem, ref: str, tijdstip: str
) -> etree._Element:
    bericht = etree.Element(ns.zkn(naam), nsmap={"ZKN": ns.ZKN, "StUF": ns.STUF, "BG": ns.BG, "xsi": ns.XSI})
    stuurgegevens(bericht, verzoek, code, stp, ref, tijdstip)
    return bericht


def identificatie_du02(
    verzoek: etree._Element, soort: str, identificatie: str, stp: Systeem, ref: str, tijdstip: str
) -> etree._Element:
    """genereerZaakIdentificatie_Du02 (``soort`` zaak) or genereerDocumentIdentificatie_Du02 (document)."""
    naam = "genereerZaakIdentificatie_Du02" if soort == "zaak" else "genereerDocumentIdentificatie_Du02"
    bericht = _bericht(verzoek, naam, "Du02", stp, ref, tijdstip)
    entiteit = "ZAK" if soort == "zaak" else "EDC"
    obj = _el(bericht, ns.zkn(soort), **{ns.ENTITEITTYPE: entiteit, ns.FUNCTIE: "entiteit"})
    _el(obj, ns.zkn("identificatie"), identificatie)
    return bericht


#: In a BG answer a key (BSN, vestigingsnummer) is followed by the metagegeven ``authentiek``.
_SLEUTELS = {ns.bg("inp.bsn"), ns.bg("vestigingsNummer")}


def _zonder_verwerkingssoort(element: etree._Element) -> etree._Element:
    """A kennisgeving element as antwoord: no verwerkingssoort, ``BG:authentiek`` after each key."""
    kopie = copy.deepcopy(element)
    for e in list(kopie.iter()):
        if not isinstance(e.tag, str):
            continue
        e.attrib.pop(ns.VERWERKINGSSOORT, None)
        volgende = e.getnext()
        if e.tag in _SLEUTELS and (volgende is None or volgende.tag != ns.bg("authentiek")):
            authentiek = etree.Element(ns.bg("authentiek"), {ns.stuf("metagegeven"): "true"})
            authentiek.text = "N"
            e.addnext(authentiek)
    return kopie


_DOCUMENT = (
    "identificatie",
    "creatiedatum",
    "titel",
    "formaat",
    "taal",
    "vertrouwelijkAanduiding",
    "auteur",
    "inhoud",
)


def _document_object(
    ouder: etree._Element, document: Document, tag: str, *, link: bool = False
) -> etree._Element:
    obj = _el(ouder, tag, **{ns.ENTITEITTYPE: "EDC"})
    for naam in _DOCUMENT:
        if naam == "inhoud" and link:  # required in the geefZaakdocumentbewerken answer (EDC-gzdb)
            _el(obj, ns.zkn("link"), f"https://stp.invalid/documenten/{document.identificatie}")
        gevonden = document.object.find(f"ZKN:{naam}", PREFIXEN)
        if gevonden is not None:
            obj.append(_zonder_verwerkingssoort(gevonden))
    relatie = _el(obj, ns.zkn("isRelevantVoor"), **{ns.ENTITEITTYPE: "EDCZAK"})
    zaak = _el(relatie, ns.zkn("gerelateerde"), **{ns.ENTITEITTYPE: "ZAK"})
    _el(zaak, ns.zkn("identificatie"), document.zaak)
    return obj


def zaakdocument_bewerken_du02(
    verzoek: etree._Element, document: Document, stp: Systeem, ref: str, tijdstip: str
) -> etree._Element:
    """The document with its content and the checkedOutId the TTA must use in updateZaakdocument."""
    bericht = _bericht(verzoek, "geefZaakdocumentbewerken_Du02", "Du02", stp, ref, tijdstip)
    parameters = _el(bericht, ns.zkn("parameters"))
    _el(parameters, ns.zkn("checkedOutId"), document.checked_out_id or "")
    la01 = _el(bericht, ns.zkn("edcLa01"), **{ns.ENTITEITTYPE: "EDC", ns.FUNCTIE: "antwoord"})
    _el(la01, ns.zkn("parameters"))
    _document_object(_el(la01, ns.zkn("antwoord")), document, ns.zkn("object"), link=True)
    return bericht


def document_la01(
    verzoek: etree._Element, document: Document | None, stp: Systeem, ref: str, tijdstip: str
) -> etree._Element:
    """edcLa01 for geefZaakdocumentLezen: the document as the TTA added (and updated) it."""
    bericht = _bericht(verzoek, "edcLa01", "La01", stp, ref, tijdstip)
    _el(_el(bericht, ns.zkn("parameters")), ns.stuf("indicatorVervolgvraag"), "false")
    if document is not None:
        _document_object(_el(bericht, ns.zkn("antwoord")), document, ns.zkn("object"))
    return bericht


def zaak_la01(
    verzoek: etree._Element, zaak: Zaak | None, staat: Staat, stp: Systeem, ref: str, tijdstip: str
) -> etree._Element:
    """zakLa01 for geefZaakstatus, geefZaakdetails and geefLijstZaakdocumenten: what the scope asks."""
    bericht = _bericht(verzoek, "zakLa01", "La01", stp, ref, tijdstip)
    _el(_el(bericht, ns.zkn("parameters")), ns.stuf("indicatorVervolgvraag"), "false")
    if zaak is None:
        return bericht
    scope = verzoek.find("ZKN:scope/ZKN:object", PREFIXEN)
    gevraagd = [ns.local_name(k.tag) for k in scope if isinstance(k.tag, str)] if scope is not None else []
    obj = _el(_el(bericht, ns.zkn("antwoord")), ns.zkn("object"), **{ns.ENTITEITTYPE: "ZAK"})
    _el(obj, ns.zkn("identificatie"), zaak.identificatie)
    for kind in zaak.object:
        naam = ns.local_name(kind.tag) if isinstance(kind.tag, str) else ""
        if naam in gevraagd and naam not in ("identificatie", "heeft", "heeftRelevant"):
            obj.append(_zonder_verwerkingssoort(kind))
    if "heeftRelevant" in gevraagd:
        for document in staat.documenten.values():
            if document.zaak == zaak.identificatie:
                relatie = _el(obj, ns.zkn("heeftRelevant"), **{ns.ENTITEITTYPE: "ZAKEDC"})
                gerelateerde = _el(relatie, ns.zkn("gerelateerde"), **{ns.ENTITEITTYPE: "EDC"})
                for veld in ("identificatie", "creatiedatum", "titel", "formaat", "taal"):
                    if tekst(document.object, f"ZKN:{veld}"):
                        _el(gerelateerde, ns.zkn(veld), tekst(document.object, f"ZKN:{veld}"))
    if "heeft" in gevraagd:
        for nr, status in enumerate(zaak.statussen, 1):
            _status(obj, status, laatste=nr == len(zaak.statussen))
    return bericht


def _status(obj: etree._Element, status: etree._Element, *, laatste: bool) -> None:
    heeft = _el(obj, ns.zkn("heeft"), **{ns.ENTITEITTYPE: "ZAKSTT"})
    stt = _el(heeft, ns.zkn("gerelateerde"), **{ns.ENTITEITTYPE: "STT"})
    for veld in ("volgnummer", "omschrijving"):
        _el(stt, ns.zkn(veld), tekst(status, f"ZKN:gerelateerde/ZKN:{veld}"))
    if tekst(status, "ZKN:toelichting"):
        _el(heeft, ns.zkn("toelichting"), tekst(status, "ZKN:toelichting"))
    _el(heeft, ns.zkn("datumStatusGezet"), tekst(status, "ZKN:datumStatusGezet"))
    _el(heeft, ns.zkn("indicatieLaatsteStatus"), "J" if laatste else "N")
