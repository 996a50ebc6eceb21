"""Plan-zaak rules: gezinsplan, levensdomeinplan and deelplan (DIGEST d.1-d.4, d.9, g.13-g.16, g.23, g.24).

What kind of plan a zaak is follows from its zaaktype's plansoort (never from a code a gemeente may
rename): a gezinsplan or levensdomeinplan by itself, a deelplan when a zaak of any other zaaktype
points at a plan-zaak through ``heeftBetrekkingOpAndere`` (d.1, d.2). A zaak that was a deelplan
stays one: unlinking it leaves a deelplan without its gezinsplan, which BR-07 refuses (d.4).

This module is the plan model (what kind of plan a zaak is, its cliënten, a finding); the rules
themselves and the check that applies them are in :mod:`rzs.domain.planregels`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from rzs.domain.betrokkenen import Gerelateerde, NatuurlijkPersoon, Rol
from rzs.domain.zaak import Zaak, ZaakRelatieSoort
from rzs.domain.zaaktype import PlanSoort

#: Looks a zaak up by identificatie; None when there is no such zaak.
ZaakOpzoeken = Callable[[str], Zaak | None]

#: ``heeftBetrekkingOp/omschrijving`` of a cliënt: a fixed value (d.3).
CLIENT = "Client"


class Plan(StrEnum):
    GEZINSPLAN = "gezinsplan"
    LEVENSDOMEINPLAN = "levensdomeinplan"
    DEELPLAN = "deelplan"


class Moment(StrEnum):
    """Which field table applies: creeerZaak (d.3) or the zaak after an update (d.4)."""

    CREATIE = "creatie"
    WIJZIGING = "wijziging"


@dataclass(frozen=True, slots=True)
class Bevinding:
    code: str
    melding: str
    #: False for a warning: logged, the message is still processed.
    blokkerend: bool = True

    def __str__(self) -> str:
        return f"{self.code}: {self.melding}"


@dataclass(frozen=True, slots=True)
class Planzaak:
    """A plan-zaak under check, with the zaken it points at already looked up."""

    zaak: Zaak
    plan: Plan
    moment: Moment
    #: The zaak before the update (None at creation).
    oud: Zaak | None
    #: The ``heeftBetrekkingOpAndere`` targets in order: (identificatie, stored zaak or None).
    ouders: tuple[tuple[str, Zaak | None], ...]
    strikte_levensdomeinplan: bool

    def ouders_met(self, plansoort: PlanSoort) -> list[Zaak]:
        return [z for _, z in self.ouders if z is not None and z.zaaktype.plansoort is plansoort]


Regel = Callable[[Planzaak], Bevinding | None]


def plan_van(zaak: Zaak, ouders: tuple[tuple[str, Zaak | None], ...]) -> Plan | None:
    """The kind of plan-zaak (d.1), or None for an ordinary zaak (no plan rules, MP-CZ-GEN)."""
    if zaak.zaaktype.plansoort is PlanSoort.GEZINSPLAN:
        return Plan.GEZINSPLAN
    if zaak.zaaktype.plansoort is PlanSoort.LEVENSDOMEINPLAN:
        return Plan.LEVENSDOMEINPLAN
    if any(ouder is not None and ouder.zaaktype.is_plan for _, ouder in ouders):
        return Plan.DEELPLAN
    return None


def clienten(zaak: Zaak) -> list[NatuurlijkPersoon]:
    """The cliënten: ``heeftBetrekkingOp`` natuurlijke personen with omschrijving ``Client``.

    A missing omschrijving counts as ``Client`` (g.15: it is optional in the LDP update table);
    at creation BR-05a requires it, so only updates can store one without.
    """
    return [
        z.gerelateerde
        for z in zaak.zaakobjecten
        if isinstance(z.gerelateerde, NatuurlijkPersoon) and z.omschrijving in {CLIENT, None}
    ]


def ouders_van(zaak: Zaak, opzoeken: ZaakOpzoeken) -> tuple[tuple[str, Zaak | None], ...]:
    return tuple(
        (r.identificatie, opzoeken(r.identificatie))
        for r in zaak.relaties
        if r.soort is ZaakRelatieSoort.BETREKKING_OP_ANDERE
    )


def bsns(personen: list[NatuurlijkPersoon]) -> set[str]:
    return {p.bsn for p in personen}


def initiator_van(zaak: Zaak) -> Gerelateerde | None:
    initiatoren = zaak.betrokkenen_met_rol(Rol.INITIATOR)
    # Not exactly one: BR-04 in regels.controleer_zaak has already refused the zaak.
    return initiatoren[0].gerelateerde if len(initiatoren) == 1 else None
