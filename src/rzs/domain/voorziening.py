"""A voorziening on a Wmo or Jeugd deelplan-zaak: what was asked, decided, assigned and delivered.

RZS 1.0 carries no product data (spec 1.7.4); issue 9 adds it in ``StUF:aanvullendeElementen``
with our own namespace (docs/voorzieningen.md). The fields follow the iWmo/iJw 3.2
``ToegewezenProduct`` (WMO301/JW301) plus what 3.2 leaves out and a regie needs: domein,
leveringsvorm (ZIN/PGB), beschikking, status and the 315 signal (RESEARCH.md (a)).

Change semantics are iWmo's own (RESEARCH.md 0.3): a voorziening is changed by sending it again
with the same ``nummer`` (a new version; every version is kept); intrekken is a shorter einddatum
plus a redenWijziging; verwijderen is einddatum = ingangsdatum with redenWijziging 13 (CS335).
Dates are StUF strings (``JJJJMMDD``), as in :mod:`rzs.domain.zaak`: they compare as strings.
The rules live in :mod:`rzs.domain.voorzieningregels`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

#: redenWijziging "Verwijderd" (WMO002/JZ002 13): only with einddatum = ingangsdatum (CS335).
REDEN_VERWIJDERD = "13"
#: frequentie "Per week" (WMO757 2): einddatum required (CD076).
FREQUENTIE_PER_WEEK = "2"


class Domein(StrEnum):
    WMO = "WMO"
    JEUGD = "JEUGD"


class Leveringsvorm(StrEnum):
    """Zorg in natura or persoonsgebonden budget; not in iWmo 3.2 (a 301 implies ZIN, OP043)."""

    ZIN = "ZIN"
    PGB = "PGB"


class VoorzieningStatus(StrEnum):
    AANGEVRAAGD = "aangevraagd"
    TOEGEKEND = "toegekend"
    AFGEWEZEN = "afgewezen"
    TOEGEWEZEN = "toegewezen"
    GELEVERD = "geleverd"
    BEEINDIGD = "beeindigd"
    INGETROKKEN = "ingetrokken"


#: The states from which a voorziening can still be ingetrokken (issue 9).
OPEN = frozenset(
    {
        VoorzieningStatus.AANGEVRAAGD,
        VoorzieningStatus.TOEGEKEND,
        VoorzieningStatus.TOEGEWEZEN,
        VoorzieningStatus.GELEVERD,
    }
)

#: Legal next states: aangevraagd -> toegekend|afgewezen -> toegewezen -> geleverd -> beeindigd,
#: ingetrokken from any open state. Staying in a state is a correction (same nummer, new version).
OVERGANGEN: dict[VoorzieningStatus, frozenset[VoorzieningStatus]] = {
    VoorzieningStatus.AANGEVRAAGD: frozenset({VoorzieningStatus.TOEGEKEND, VoorzieningStatus.AFGEWEZEN}),
    VoorzieningStatus.TOEGEKEND: frozenset({VoorzieningStatus.TOEGEWEZEN}),
    VoorzieningStatus.AFGEWEZEN: frozenset(),
    VoorzieningStatus.TOEGEWEZEN: frozenset({VoorzieningStatus.GELEVERD}),
    VoorzieningStatus.GELEVERD: frozenset({VoorzieningStatus.BEEINDIGD}),
    VoorzieningStatus.BEEINDIGD: frozenset(),
    VoorzieningStatus.INGETROKKEN: frozenset(),
}


def overgang_toegestaan(van: VoorzieningStatus | None, naar: VoorzieningStatus) -> bool:
    """Whether a new version may have status ``naar`` after one with ``van`` (None: first version,
    which may have any status: a backoffice can register a voorziening after the fact)."""
    if van is None or van is naar:
        return True
    if naar is VoorzieningStatus.INGETROKKEN:
        return van in OPEN
    return naar in OVERGANGEN[van]


@dataclass(frozen=True, slots=True)
class Product:
    #: WMO020 / JZ020.
    categorie: str
    #: WMO021 / JZ21 or the gemeente's own code; None = aspecifiek (RESEARCH.md (a)).
    code: str | None = None


@dataclass(frozen=True, slots=True)
class Omvang:
    volume: int
    #: WJ756.
    eenheid: str
    #: WMO757.
    frequentie: str


@dataclass(frozen=True, slots=True)
class Aanbieder:
    agb_code: str | None = None
    naam: str | None = None


@dataclass(frozen=True, slots=True)
class Beschikking:
    nummer: int
    afgiftedatum: str
    #: ``identificatie`` of the besluit (BSL) on the zaak that is this beschikking.
    besluit_identificatie: str | None = None


@dataclass(frozen=True, slots=True)
class Toewijzing:
    """When the toewijzing (iWmo 301) was made: the newest datum + tijd wins (OP033x1)."""

    datum: str
    #: ``uummss``.
    tijd: str


@dataclass(frozen=True, slots=True)
class VerzoekOmToewijzing:
    """The iWmo/iJw 315 arrived: its BerichtIdentificatie and when (StUF tijdstip)."""

    bericht_identificatie: str
    ontvangen: str


@dataclass(frozen=True, slots=True)
class Voorziening:
    #: Our key within the zaak; the iWmo ToewijzingNummer once there is one.
    nummer: int
    domein: Domein
    product: Product
    leveringsvorm: Leveringsvorm
    ingangsdatum: str
    status: VoorzieningStatus
    omvang: Omvang | None = None
    #: Eurocent.
    budget: int | None = None
    einddatum: str | None = None
    aanbieder: Aanbieder | None = None
    beschikking: Beschikking | None = None
    #: WMO002 / JZ002.
    reden_wijziging: str | None = None
    toewijzing: Toewijzing | None = None
    verzoek_om_toewijzing: VerzoekOmToewijzing | None = None
    commentaar: str | None = None
    #: Elements sent empty with a reason (``xsi:nil`` + ``StUF:noValue``), as (pad, reden) in
    #: schema order, e.g. ``("einddatum", "waardeOnbekend")``: no value for the rules, but kept so
    #: the voorziening is written back as it came (DIGEST c.6).
    geen_waarde: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Voorzieningen:
    """The content of one ``voorzieningen`` container: the version it was written in and where it
    said its schema is (``StUF:schemaLocation``), and the voorzieningen in message order."""

    versie: str
    schema_location: str
    voorzieningen: tuple[Voorziening, ...]


class Wijziging(StrEnum):
    """What a new version does to a voorziening (iWmo change semantics, RESEARCH.md 0.3)."""

    NIEUW = "nieuw"
    GEWIJZIGD = "gewijzigd"
    INGETROKKEN = "ingetrokken"
    VERWIJDERD = "verwijderd"


def is_verwijderd(voorziening: Voorziening) -> bool:
    """Deleted the iWmo way: einddatum = ingangsdatum and redenWijziging 13 (CS335)."""
    return (
        voorziening.einddatum == voorziening.ingangsdatum and voorziening.reden_wijziging == REDEN_VERWIJDERD
    )


def is_korter(nieuw: Voorziening, oud: Voorziening) -> bool:
    """The new version ends earlier than the old one (an open einddatum is the latest of all)."""
    if nieuw.einddatum is None:
        return False
    return oud.einddatum is None or nieuw.einddatum < oud.einddatum


def soort_wijziging(oud: Voorziening | None, nieuw: Voorziening) -> Wijziging:
    """Classify a new version: first, verwijderd, ingetrokken (shorter + reden) or another change."""
    if oud is None:
        return Wijziging.NIEUW
    if is_verwijderd(nieuw):
        return Wijziging.VERWIJDERD
    if is_korter(nieuw, oud) and nieuw.reden_wijziging is not None:
        return Wijziging.INGETROKKEN
    return Wijziging.GEWIJZIGD


def intrekken(
    voorziening: Voorziening, *, einddatum: str, reden_wijziging: str, toewijzing: Toewijzing | None = None
) -> Voorziening:
    """The next version that withdraws ``voorziening``: a shorter einddatum and a reden (iWmo).

    Whether the result is allowed (shorter, not before ingangsdatum, a known reden) is for the
    rules (VZ-03, VZ-07, VZ-10), which the caller applies to every new version anyway.
    """
    return replace(
        voorziening,
        einddatum=einddatum,
        reden_wijziging=reden_wijziging,
        status=VoorzieningStatus.INGETROKKEN,
        toewijzing=toewijzing or voorziening.toewijzing,
        geen_waarde=_zonder(voorziening.geen_waarde, "einddatum", "redenWijziging"),
    )


def verwijderen(voorziening: Voorziening, *, toewijzing: Toewijzing | None = None) -> Voorziening:
    """The next version that deletes ``voorziening``: einddatum = ingangsdatum, reden 13 (CS335)."""
    return intrekken(
        voorziening,
        einddatum=voorziening.ingangsdatum,
        reden_wijziging=REDEN_VERWIJDERD,
        toewijzing=toewijzing,
    )


def nieuwste(versies: list[Voorziening]) -> Voorziening | None:
    """The version that counts among several of one nummer: the newest toewijzing datum + tijd
    (OP033x1); versions without a toewijzing count as oldest; of equals, the later in the list."""
    if not versies:
        return None
    return max(
        reversed(versies),
        key=lambda v: (v.toewijzing.datum, v.toewijzing.tijd) if v.toewijzing else ("", ""),
    )


def _zonder(geen_waarde: tuple[tuple[str, str], ...], *paden: str) -> tuple[tuple[str, str], ...]:
    return tuple((pad, reden) for pad, reden in geen_waarde if pad not in paden)


class Gebeurtenis(StrEnum):
    """The ``voorzieningGebeurtenis`` of an "Update zaak" notification (issue 9 "Events"): the
    feedback from backoffice to regie. The values are the wire strings."""

    AANGEVRAAGD = "Voorziening aangevraagd"
    BESCHIKKING_AFGEGEVEN = "Beschikking afgegeven"
    TOEWIJZING_VERSTUURD = "Toewijzing verstuurd"
    VERZOEK_OM_TOEWIJZING_ONTVANGEN = "Verzoek om toewijzing ontvangen"
    LEVERING_GESTART = "Levering gestart"
    LEVERING_BEEINDIGD = "Levering beeindigd"
    INGETROKKEN = "Voorziening ingetrokken"


def gebeurtenissen(oud: Voorziening | None, nieuw: Voorziening) -> tuple[Gebeurtenis, ...]:
    """What a new version tells a subscriber, in lifecycle order (none for a mere correction)."""
    status_wordt = None if oud is not None and oud.status is nieuw.status else nieuw.status
    beschikking_oud = oud.beschikking if oud else None
    toewijzing_oud = oud.toewijzing if oud else None
    verzoek_oud = oud.verzoek_om_toewijzing if oud else None
    kandidaten = (
        (Gebeurtenis.AANGEVRAAGD, status_wordt is VoorzieningStatus.AANGEVRAAGD),
        (Gebeurtenis.VERZOEK_OM_TOEWIJZING_ONTVANGEN, nieuw.verzoek_om_toewijzing not in (None, verzoek_oud)),
        (Gebeurtenis.BESCHIKKING_AFGEGEVEN, nieuw.beschikking not in (None, beschikking_oud)),
        (Gebeurtenis.TOEWIJZING_VERSTUURD, nieuw.toewijzing not in (None, toewijzing_oud)),
        (Gebeurtenis.LEVERING_GESTART, status_wordt is VoorzieningStatus.GELEVERD),
        (Gebeurtenis.LEVERING_BEEINDIGD, status_wordt is VoorzieningStatus.BEEINDIGD),
        (Gebeurtenis.INGETROKKEN, status_wordt is VoorzieningStatus.INGETROKKEN),
    )
    return tuple(gebeurtenis for gebeurtenis, geldt in kandidaten if geldt)
