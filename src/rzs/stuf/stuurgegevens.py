"""Reading the stuurgegevens of a request and writing those of our replies (DIGEST c.2, c.3)."""

from __future__ import annotations

import itertools
import os
import time
import uuid
from dataclasses import dataclass
from datetime import datetime

from lxml import etree

from rzs import ns


@dataclass(frozen=True, slots=True)
class Systeem:
    """``StUF:zender`` / ``StUF:ontvanger``: organisatie + applicatie + administratie identify a
    system, ``gebruiker`` a user within it (used for checkout and, later, authorisation)."""

    applicatie: str
    organisatie: str | None = None
    administratie: str | None = None
    gebruiker: str | None = None

    @property
    def naam(self) -> str:
        """``organisatie/applicatie[/administratie]``, for logs and foutbericht details."""
        return "/".join(v for v in (self.organisatie, self.applicatie, self.administratie) if v)

    @property
    def sleutel(self) -> str:
        """The referentienummer namespace of this sender (StUF: unique per zender incl. gebruiker)."""
        return "|".join(
            v or "" for v in (self.organisatie, self.applicatie, self.administratie, self.gebruiker)
        )

    @classmethod
    def uit_sleutel(cls, sleutel: str) -> Systeem:
        """The inverse of :attr:`sleutel` (stored zenders, e.g. of an overdracht we must answer)."""
        organisatie, applicatie, administratie, gebruiker = (sleutel.split("|") + ["", "", "", ""])[:4]
        return cls(applicatie, organisatie or None, administratie or None, gebruiker or None)


@dataclass(frozen=True, slots=True)
class Stuurgegevens:
    berichtcode: str
    zender: Systeem | None = None
    ontvanger: Systeem | None = None
    referentienummer: str | None = None
    tijdstip_bericht: str | None = None
    cross_refnummer: str | None = None
    entiteittype: str | None = None
    functie: str | None = None


_STUURGEGEVENS_NAMEN = {"stuurgegevens"}


def vind(bericht: etree._Element) -> etree._Element | None:
    """The ``stuurgegevens`` child of a message root, whatever the message namespace (ZKN/RZS)."""
    for child in bericht:
        if isinstance(child.tag, str) and ns.local_name(child.tag) in _STUURGEGEVENS_NAMEN:
            return child
    return None


def _tekst(parent: etree._Element, local: str) -> str | None:
    element = parent.find(ns.stuf(local))
    if element is None or element.text is None:
        return None
    return element.text.strip() or None


def _systeem(element: etree._Element | None) -> Systeem | None:
    if element is None:
        return None
    return Systeem(
        applicatie=_tekst(element, "applicatie") or "",
        organisatie=_tekst(element, "organisatie"),
        administratie=_tekst(element, "administratie"),
        gebruiker=_tekst(element, "gebruiker"),
    )


def lees(bericht: etree._Element) -> Stuurgegevens | None:
    """Parse the stuurgegevens of a message; None when the message has none (not a StUF message)."""
    element = vind(bericht)
    if element is None:
        return None
    return Stuurgegevens(
        berichtcode=_tekst(element, "berichtcode") or "",
        zender=_systeem(element.find(ns.stuf("zender"))),
        ontvanger=_systeem(element.find(ns.stuf("ontvanger"))),
        referentienummer=_tekst(element, "referentienummer"),
        tijdstip_bericht=_tekst(element, "tijdstipBericht"),
        cross_refnummer=_tekst(element, "crossRefnummer"),
        entiteittype=_tekst(element, "entiteittype"),
        functie=_tekst(element, "functie"),
    )


_teller = itertools.count()


def nieuw_referentienummer() -> str:
    """Our own referentienummer: unique across processes and restarts, at most 40 characters."""
    return f"RZS-{uuid.uuid4().hex[:20]}-{os.getpid() % 100000}-{next(_teller) % 1000000}"


def tijdstip(moment: float | None = None) -> str:
    """``StUF:Tijdstip`` JJJJMMDDuummssmmm (17 digits) in local time, as StUF prescribes."""
    dt = datetime.fromtimestamp(time.time() if moment is None else moment)
    return dt.strftime("%Y%m%d%H%M%S") + f"{dt.microsecond // 1000:03d}"


def _schrijf_systeem(parent: etree._Element, local: str, systeem: Systeem) -> None:
    element = etree.SubElement(parent, ns.stuf(local))
    for naam, waarde in (
        ("organisatie", systeem.organisatie),
        ("applicatie", systeem.applicatie),
        ("administratie", systeem.administratie),
        ("gebruiker", systeem.gebruiker),
    ):
        if waarde:
            etree.SubElement(element, ns.stuf(naam)).text = waarde


def schrijf(
    parent: etree._Element,
    berichtcode: str,
    *,
    zender: Systeem | None = None,
    ontvanger: Systeem | None = None,
    referentienummer: str | None = None,
    tijdstip_bericht: str | None = None,
    cross_refnummer: str | None = None,
    entiteittype: str | None = None,
    functie: str | None = None,
    namespace: str | None = None,
) -> etree._Element:
    """Append a stuurgegevens element (children in schema order) to ``parent``.

    The element lives in the message's namespace (``ZKN:stuurgegevens`` in ZKN messages,
    ``StUF:stuurgegevens`` in Bv/Fo berichten), taken from ``parent`` unless ``namespace`` says
    otherwise (ZDS 1.2 wrappers: see :func:`kind_namespace`).
    """
    tag = ns.qname(namespace or ns.namespace_of(parent.tag), "stuurgegevens")
    element = etree.SubElement(parent, tag)
    etree.SubElement(element, ns.stuf("berichtcode")).text = berichtcode
    if zender is not None:
        _schrijf_systeem(element, "zender", zender)
    if ontvanger is not None:
        _schrijf_systeem(element, "ontvanger", ontvanger)
    for naam, waarde in (
        ("referentienummer", referentienummer),
        ("tijdstipBericht", tijdstip_bericht),
        ("crossRefnummer", cross_refnummer),
        ("entiteittype", entiteittype),
        ("functie", functie),
    ):
        if waarde:
            etree.SubElement(element, ns.stuf(naam)).text = waarde
    return element


def ontvanger_voor_antwoord(verzoek: Stuurgegevens | None) -> Systeem | None:
    """The zender of the request, which becomes the ontvanger of our reply (DIGEST c.3)."""
    if verzoek is None or verzoek.zender is None or not verzoek.zender.applicatie:
        return None
    return verzoek.zender


def kind_namespace(bericht: etree._Element) -> str:
    """Namespace of a message's direct children, as the sender used it.

    ZDS 1.2 wraps kennisgevingen and vragen around ZKN children (``ZKN:stuurgegevens``), but its
    vrije berichten (Di02/Du02) have ZDS children (``ZDS:stuurgegevens``, ``ZDS:zaak``); a reply
    mirrors the request.
    """
    element = vind(bericht)
    return ns.namespace_of(element.tag) if element is not None else ns.ZKN
