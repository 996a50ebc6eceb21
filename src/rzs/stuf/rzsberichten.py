"""The four RZS vrije berichten (DIGEST d.6-d.8): building the ones we send, reading the ones we get.

Builders take plain values and return the message element (``RZS:...``) with stuurgegevens in
schema order; the outbox stores it and the worker wraps it in a SOAP envelope. ``RZS:object``
has ZKN children (DIGEST b.2 notes). Readers return the same plain values, so the services never
walk these trees themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from rzs import ns
from rzs.stuf import stuurgegevens as sg
from rzs.stuf.novalue import NoValue, waarde, zet_nil
from rzs.stuf.stuurgegevens import Systeem

#: StUF:Melding is at most 250 characters.
MELDING_MAX = 250
#: The extra-element that names the application whose message caused a trigger (DIGEST d.8, g.3):
#: we write ``zendendeApplicatie`` and read any case/space variant.
ZENDENDE_APPLICATIE = "zendendeApplicatie"
_ZENDENDE_APPLICATIE = re.compile(r"^zendende ?applicatie$", re.IGNORECASE)
GEBEURTENIS = "gebeurtenis"
VOORZIENING_GEBEURTENIS = "voorzieningGebeurtenis"

#: The soapAction we send each RZS message with: the exact WSDL strings (DIGEST b.2 rows 18-21, g.7).
SOAPACTIONS: dict[str, str] = {
    ns.rzs("notificeerOverZaak_Di01"): ns.RZS_ACTION + "notificeerOverZaak",
    ns.rzs("initieerNotificeerOverZaak_Di01"): ns.RZS_ACTION + "initieerNotificeerOverZaak",
    ns.rzs("overdragenZaak_Di01"): ns.RZS_ACTION + "overdragenZaak",
    ns.rzs("overdragenZaak_Du01"): ns.RZS_ACTION + "bevestigOverdragenZaak",
}


@dataclass(frozen=True, slots=True)
class ZaakStatus:
    """The status a notification carries (``heeft``, DIGEST d.7, g.5)."""

    code: str
    omschrijving: str
    volgnummer: int | None = None
    datum_status_gezet: str | None = None
    zaaktype_code: str | None = None
    zaaktype_omschrijving: str | None = None
    ingangsdatum: str | None = None


@dataclass(frozen=True, slots=True)
class Notificatie:
    """What a notificeerOverZaak (and an initieerNotificeerOverZaak) says: nothing more (d.7)."""

    zaak_identificatie: str
    gebeurtenis: str | None
    zaaktype_omschrijving: str | None
    zaaktype_code: str | None = None
    status: ZaakStatus | None = None
    #: Only in a trigger: who caused the event (echo suppression).
    zendende_applicatie: str | None = None
    #: What happened to a voorziening (issue 9 "Events"), an extraElement beside ``gebeurtenis``.
    voorziening_gebeurtenis: str | None = None


def _root(naam: str) -> etree._Element:
    return etree.Element(ns.rzs(naam), nsmap={"RZS": ns.RZS, "ZKN": ns.ZKN, "StUF": ns.STUF, "xsi": ns.XSI})


def _stuurgegevens(
    root: etree._Element,
    berichtcode: str,
    functie: str,
    zender: Systeem,
    ontvanger: Systeem,
    referentienummer: str,
    cross_refnummer: str | None = None,
) -> None:
    sg.schrijf(
        root,
        berichtcode,
        zender=zender,
        ontvanger=ontvanger,
        referentienummer=referentienummer,
        tijdstip_bericht=sg.tijdstip(),
        cross_refnummer=cross_refnummer,
        functie=functie,
    )


def _meldingen(root: etree._Element, meldingen: list[str]) -> None:
    for melding in meldingen:
        if melding:
            etree.SubElement(root, ns.rzs("melding")).text = melding[:MELDING_MAX]


def _object(root: etree._Element, identificatie: str) -> etree._Element:
    obj = etree.SubElement(root, ns.rzs("object"))
    obj.set(ns.ENTITEITTYPE, "ZAK")
    obj.set(ns.FUNCTIE, "entiteit")
    etree.SubElement(obj, ns.zkn("identificatie")).text = identificatie
    return obj


def _tekst(parent: etree._Element, tag: str, tekst: str | None, *, nil: bool = True) -> None:
    element = etree.SubElement(parent, tag)
    if tekst:
        element.text = tekst
    elif nil:
        zet_nil(element, NoValue.GEEN_WAARDE)


def _is_van(obj: etree._Element, code: str | None, omschrijving: str | None, *, notificatie: bool) -> None:
    is_van = etree.SubElement(obj, ns.zkn("isVan"))
    is_van.set(ns.ENTITEITTYPE, "ZAKZKT")
    gerelateerde = etree.SubElement(is_van, ns.zkn("gerelateerde"))
    gerelateerde.set(ns.ENTITEITTYPE, "ZKT")
    if notificatie or omschrijving:
        _tekst(gerelateerde, ns.zkn("omschrijving"), omschrijving)
    if code:
        etree.SubElement(gerelateerde, ns.zkn("code")).text = code


def notificeer_over_zaak_di01(
    notificatie: Notificatie, *, zender: Systeem, ontvanger: Systeem, referentienummer: str
) -> etree._Element:
    """notificeerOverZaak_Di01 per DIGEST d.7 / h.9: identificatie, gebeurtenis, zaaktype and,
    when known, the status; never a ``zendendeApplicatie`` (AB-02)."""
    root = _root("notificeerOverZaak_Di01")
    _stuurgegevens(root, "Di01", "notificeerOverZaak", zender, ontvanger, referentienummer)
    obj = _object(root, notificatie.zaak_identificatie)
    extra = etree.SubElement(obj, ns.stuf("extraElementen"))
    element = etree.SubElement(extra, ns.stuf("extraElement"), naam=GEBEURTENIS)
    element.text = notificatie.gebeurtenis or ""
    if notificatie.voorziening_gebeurtenis is not None:
        voorziening = etree.SubElement(extra, ns.stuf("extraElement"), naam=VOORZIENING_GEBEURTENIS)
        voorziening.text = notificatie.voorziening_gebeurtenis
    _is_van(obj, notificatie.zaaktype_code, notificatie.zaaktype_omschrijving, notificatie=True)
    status = notificatie.status
    if status is not None:
        heeft = etree.SubElement(obj, ns.zkn("heeft"))
        heeft.set(ns.ENTITEITTYPE, "ZAKSTT")
        stt = etree.SubElement(heeft, ns.zkn("gerelateerde"))
        stt.set(ns.ENTITEITTYPE, "STT")
        for naam, tekst in (
            ("zkt.code", status.zaaktype_code),
            ("zkt.omschrijving", status.zaaktype_omschrijving),
        ):
            if tekst:
                etree.SubElement(stt, ns.zkn(naam)).text = tekst
        if status.volgnummer is not None:
            etree.SubElement(stt, ns.zkn("volgnummer")).text = str(status.volgnummer)
        _tekst(stt, ns.zkn("code"), status.code)
        _tekst(stt, ns.zkn("omschrijving"), status.omschrijving)
        _tekst(stt, ns.zkn("ingangsdatumObject"), status.ingangsdatum)
        if status.datum_status_gezet:
            etree.SubElement(heeft, ns.zkn("datumStatusGezet")).text = status.datum_status_gezet
    return root


def overdragen_zaak_di01(
    zaak_identificatie: str,
    zaaktype_code: str,
    zaaktype_omschrijving: str,
    *,
    zender: Systeem,
    ontvanger: Systeem,
    referentienummer: str,
    meldingen: list[str],
) -> etree._Element:
    """overdragenZaak_Di01 per DIGEST d.6 / h.10: the zaak and its zaaktype (code and omschrijving)."""
    root = _root("overdragenZaak_Di01")
    _stuurgegevens(root, "Di01", "overdragenZaak", zender, ontvanger, referentienummer)
    _meldingen(root, meldingen)
    obj = _object(root, zaak_identificatie)
    _is_van(obj, zaaktype_code, zaaktype_omschrijving, notificatie=False)
    return root


def overdragen_zaak_du01(
    zaak_identificatie: str,
    antwoord: str,
    *,
    cross_refnummer: str,
    zender: Systeem,
    ontvanger: Systeem,
    referentienummer: str,
    meldingen: list[str],
) -> etree._Element:
    """overdragenZaak_Du01 per DIGEST d.6 / h.11: ``antwoord`` is ``Overdracht geaccepteerd`` or
    ``Overdracht geweigerd``; crossRefnummer is the Di01's referentienummer."""
    root = _root("overdragenZaak_Du01")
    _stuurgegevens(root, "Du01", "overdragenZaak", zender, ontvanger, referentienummer, cross_refnummer)
    _meldingen(root, meldingen)
    obj = _object(root, zaak_identificatie)
    etree.SubElement(obj, ns.zkn("antwoord")).text = antwoord
    return root


# --- reading --------------------------------------------------------------------------------


def _kind(parent: etree._Element | None, naam: str) -> etree._Element | None:
    return parent.find(ns.zkn(naam)) if parent is not None else None


def object_van(bericht: etree._Element) -> etree._Element | None:
    return bericht.find(ns.rzs("object"))


def meldingen(bericht: etree._Element) -> list[str]:
    return [m.text.strip() for m in bericht.findall(ns.rzs("melding")) if m.text and m.text.strip()]


def lees_notificatie(bericht: etree._Element) -> Notificatie:
    """A notificeerOverZaak_Di01 or initieerNotificeerOverZaak_Di01 (schema-valid) as values."""
    obj = object_van(bericht)
    gebeurtenis = zendende = None
    for extra in (
        obj.iterfind(f"{ns.stuf('extraElementen')}/{ns.stuf('extraElement')}") if obj is not None else ()
    ):
        naam = (extra.get("naam") or "").strip()
        if naam == GEBEURTENIS:
            gebeurtenis = waarde(extra)
        elif _ZENDENDE_APPLICATIE.match(naam):
            zendende = waarde(extra)
    zkt = _kind(_kind(obj, "isVan"), "gerelateerde")
    heeft = _kind(obj, "heeft")
    stt = _kind(heeft, "gerelateerde")
    status = None
    if stt is not None:
        volgnummer = waarde(_kind(stt, "volgnummer"))
        status = ZaakStatus(
            code=waarde(_kind(stt, "code")) or volgnummer or "",
            omschrijving=waarde(_kind(stt, "omschrijving")) or "",
            volgnummer=int(volgnummer) if volgnummer and volgnummer.isdigit() else None,
            datum_status_gezet=waarde(_kind(heeft, "datumStatusGezet")),
            zaaktype_code=waarde(_kind(stt, "zkt.code")),
            zaaktype_omschrijving=waarde(_kind(stt, "zkt.omschrijving")),
            ingangsdatum=waarde(_kind(stt, "ingangsdatumObject")),
        )
    return Notificatie(
        zaak_identificatie=waarde(_kind(obj, "identificatie")) or "",
        gebeurtenis=gebeurtenis,
        zaaktype_omschrijving=waarde(_kind(zkt, "omschrijving")),
        zaaktype_code=waarde(_kind(zkt, "code")),
        status=status,
        zendende_applicatie=zendende,
    )


def lees_overdracht(bericht: etree._Element) -> tuple[str, str | None]:
    """Zaakidentificatie and (Du01 only) ``antwoord`` of an overdragenZaak message."""
    obj = object_van(bericht)
    return waarde(_kind(obj, "identificatie")) or "", waarde(_kind(obj, "antwoord"))
