"""Skeletons of the replies we send: Bv02, Bv03, and the stuurgegevens of La01/Du02 (DIGEST c.3).

All replies mirror the request: our zender is the request's ontvanger (or our own identity when the
request named none), the ontvanger is the request's zender, and ``crossRefnummer`` is the request's
referentienummer. Bv02/Fo02 carry only a berichtcode (schema).
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from rzs import ns
from rzs.config import Settings
from rzs.stuf import stuurgegevens as sg
from rzs.stuf.stuurgegevens import Stuurgegevens, Systeem


@dataclass(frozen=True, slots=True)
class Afzender:
    """Who we are on the wire: every identity we answer to, the primary one first (config.py
    ``identiteiten``). A reply's zender is the ontvanger the request named when that is one of
    ours (issue 10: a gemeente keeps the names its senders are configured with)."""

    identiteiten: tuple[Systeem, ...]

    def __post_init__(self) -> None:
        if not self.identiteiten:
            raise ValueError("Afzender zonder identiteit")

    @classmethod
    def uit_instellingen(cls, settings: Settings) -> Afzender:
        administratie = settings.administratie or None
        return cls(
            tuple(
                Systeem(i.applicatie, i.organisatie or None, administratie)
                for i in settings.effective_identiteiten
            )
        )

    @property
    def systeem(self) -> Systeem:
        """The primary identity: zender of the messages we send ourselves (notifications,
        overdracht) and of replies to requests that name no ontvanger of ours."""
        return self.identiteiten[0]

    def herkent(self, gevraagd: Systeem) -> bool:
        """Whether ``gevraagd`` (a request's ontvanger) is one of us. The applicatie must match;
        organisatie and administratie only when both sides name one (DIGEST c.4)."""
        return any(_zelfde(gevraagd, eigen) for eigen in self.identiteiten)

    @property
    def namen(self) -> str:
        """Our identities for people: start-up line, StUF010 details."""
        return ", ".join(systeem.naam for systeem in self.identiteiten)

    def voor(self, verzoek: Stuurgegevens | None) -> Systeem:
        ontvanger = verzoek.ontvanger if verzoek is not None else None
        if ontvanger is not None and ontvanger.applicatie and self.herkent(ontvanger):
            return ontvanger
        return self.systeem


def _zelfde(gevraagd: Systeem, eigen: Systeem) -> bool:
    if gevraagd.applicatie != eigen.applicatie:
        return False
    return all(
        not a or not b or a == b
        for a, b in (
            (gevraagd.organisatie, eigen.organisatie),
            (gevraagd.administratie, eigen.administratie),
        )
    )


def asynchroon_antwoord(
    berichtcode: str, verzoek: Stuurgegevens | None, afzender: Afzender
) -> etree._Element:
    """``StUF:<code>Bericht`` with the full mirrored stuurgegevens a Bv03 or Fo03 requires: both
    systems, own referentienummer and tijdstipBericht, crossRefnummer (all schema-required)."""
    root = etree.Element(ns.stuf(f"{berichtcode}Bericht"), nsmap={"StUF": ns.STUF})
    sg.schrijf(
        root,
        berichtcode,
        zender=_binnen_schema(afzender.voor(verzoek)),
        ontvanger=_binnen_schema(sg.ontvanger_voor_antwoord(verzoek) or Systeem(applicatie="onbekend")),
        referentienummer=sg.nieuw_referentienummer(),
        tijdstip_bericht=sg.tijdstip(),
        cross_refnummer=_past(verzoek.referentienummer if verzoek else None, 1, 40) or "onbekend",
    )
    return root


def _past(waarde: str | None, minimum: int, maximum: int) -> str | None:
    return waarde if waarde is not None and minimum <= len(waarde) <= maximum else None


def _binnen_schema(systeem: Systeem) -> Systeem:
    """A mirrored system within the StUF0301 length bounds (Organisatie <= 200, Applicatie 3-50,
    Administratie <= 50, Gebruiker <= 100). A Fo03 also answers requests whose stuurgegevens
    failed the schema; mirrored as they came, its own stuurgegevens broke it (found by tests/fuzz).
    A value out of bounds is left out; an applicatie, which is required, becomes ``onbekend``."""
    return Systeem(
        applicatie=_past(systeem.applicatie, 3, 50) or "onbekend",
        organisatie=_past(systeem.organisatie, 0, 200),
        administratie=_past(systeem.administratie, 0, 50),
        gebruiker=_past(systeem.gebruiker, 0, 100),
    )


def bv03(verzoek: Stuurgegevens | None, afzender: Afzender) -> etree._Element:
    """Bv03: the asynchronous message was received and processed (DIGEST c.4)."""
    return asynchroon_antwoord("Bv03", verzoek, afzender)


def bv02() -> etree._Element:
    """Bv02: a synchronous vrij bericht was processed and returns no data."""
    root = etree.Element(ns.stuf("Bv02Bericht"), nsmap={"StUF": ns.STUF})
    sg.schrijf(root, "Bv02")
    return root


def antwoord_root(tag: str, nsmap: dict[str | None, str] | None = None) -> etree._Element:
    """A reply root element with our standard prefixes."""
    return etree.Element(tag, nsmap=nsmap or dict(ns.NSMAP))


def schrijf_antwoord_stuurgegevens(
    root: etree._Element,
    berichtcode: str,
    verzoek: Stuurgegevens | None,
    afzender: Afzender,
    *,
    entiteittype: str | None = None,
    functie: str | None = None,
    namespace: str = ns.ZKN,
) -> etree._Element:
    """Stuurgegevens of a La01/Du02: swapped systems, own reference, crossRefnummer (DIGEST c.3)."""
    return sg.schrijf(
        root,
        berichtcode,
        zender=afzender.voor(verzoek),
        ontvanger=sg.ontvanger_voor_antwoord(verzoek),
        referentienummer=sg.nieuw_referentienummer(),
        tijdstip_bericht=sg.tijdstip(),
        cross_refnummer=verzoek.referentienummer if verzoek else None,
        entiteittype=entiteittype,
        functie=functie,
        namespace=namespace,
    )


_ANTWOORDCODES = (("Lv01", "La01"), ("Di02", "Du02"))


def antwoord_tag(verzoek_tag: object, zkn_naam: str) -> str:
    """The reply root for a request: the ZKN element, or the matching ZDS 1.2 wrapper when the
    request came in a wrapper (``geefZaakdetails_ZakLv01`` -> ``geefZaakdetails_ZakLa01``)."""
    if ns.namespace_of(verzoek_tag) != ns.ZDS:
        return ns.zkn(zkn_naam)
    naam = ns.local_name(verzoek_tag)
    for vraag, antwoord in _ANTWOORDCODES:
        if naam.endswith(vraag):
            return ns.zds(naam[: -len(vraag)] + antwoord)
    return ns.zkn(zkn_naam)
