"""The plan-zaak rules (DIGEST d.3, d.4, d.9) and the check that applies them.

The rules run on the resulting zaak, after creeerZaak and after every update (d.4, BR-11): one
small function per rule, each with a stable code that is also the start of the StUF058 details,
so a sender can look it up in docs/errors.md. Codes are the d.9 numbers; a letter marks a rule of
the d.3/d.4 field tables (or a d.2 condition) that d.9 folds into that number. BR-04 (exactly one
initiator) and the other rules every zaak obeys stay in :mod:`rzs.domain.regels`.

A rule returns a :class:`~rzs.domain.plannen.Bevinding` or None. Blocking findings become one
:class:`~rzs.fouten.Bedrijfsregel`; the others (BR-10 always, BR-07a unless configured strict) are
returned for the caller to log (g.23, g.24). Details never contain a BSN or a name, because they
end up in the sender's logs and ours: relations are named by position, zaken by identificatie.

The rules need the zaken a plan points at; the caller passes a lookup (the store's ``get``), so
the domain stays free of the store.
"""

from __future__ import annotations

from rzs.domain.betrokkenen import Medewerker, NatuurlijkPersoon, Rol, Vestiging
from rzs.domain.plannen import (
    CLIENT,
    Bevinding,
    Moment,
    Plan,
    Planzaak,
    Regel,
    ZaakOpzoeken,
    bsns,
    clienten,
    initiator_van,
    ouders_van,
    plan_van,
)
from rzs.domain.zaak import Zaak, ZaakRelatieSoort
from rzs.domain.zaaktype import PlanSoort
from rzs.fouten import Bedrijfsregel


def controleer(
    zaak: Zaak,
    *,
    oud: Zaak | None,
    opzoeken: ZaakOpzoeken,
    strikte_levensdomeinplan: bool = False,
) -> list[Bevinding]:
    """Apply the plan rules to ``zaak`` (``oud``: its state before an update, None at creation).

    Raises Bedrijfsregel (StUF058) naming every blocking rule broken; returns the warnings.
    """
    onthouden: dict[str, Zaak | None] = {}

    def opzoeken_eenmaal(identificatie: str) -> Zaak | None:
        if identificatie not in onthouden:
            onthouden[identificatie] = opzoeken(identificatie)
        return onthouden[identificatie]

    ouders = ouders_van(zaak, opzoeken_eenmaal)
    plan = plan_van(zaak, ouders)
    if plan is None and oud is not None:
        plan = plan_van(oud, ouders_van(oud, opzoeken_eenmaal))
    if plan is None:
        return []
    planzaak = Planzaak(
        zaak=zaak,
        plan=plan,
        moment=Moment.CREATIE if oud is None else Moment.WIJZIGING,
        oud=oud,
        ouders=ouders,
        strikte_levensdomeinplan=strikte_levensdomeinplan,
    )
    bevindingen = [b for regel in REGELS[plan] if (b := regel(planzaak)) is not None]
    fouten = [str(b) for b in bevindingen if b.blokkerend]
    if fouten:
        raise Bedrijfsregel("; ".join(fouten))
    return bevindingen


# --- BR-04: the initiator --------------------------------------------------------------------


def initiator_regisseur(p: Planzaak) -> Bevinding | None:
    """BR-04a: the initiator of a gezinsplan/levensdomeinplan is the regisseur, a medewerker with
    achternaam, and at creation also identificatie (d.3); updates need only achternaam (d.4, g.14)."""
    partij = initiator_van(p.zaak)
    if partij is None:
        return None
    if not isinstance(partij, Medewerker):
        return Bevinding("BR-04a", f"de initiator van een {p.plan} is de regisseur: een medewerker")
    ontbrekend = [
        veld
        for veld, waarde, nodig in (
            ("identificatie", partij.identificatie, p.moment is Moment.CREATIE),
            ("achternaam", partij.achternaam, True),
        )
        if nodig and not waarde
    ]
    if ontbrekend:
        return Bevinding(
            "BR-04a", f"de initiator (medewerker) van een {p.plan} mist {' en '.join(ontbrekend)}"
        )
    return None


def initiator_deelplan(p: Planzaak) -> Bevinding | None:
    """BR-04b: a deelplan's initiator is a professional (medewerker with achternaam) or a cliënt
    (natuurlijk persoon with BSN), d.3 DPL column."""
    partij = initiator_van(p.zaak)
    if partij is None or (isinstance(partij, NatuurlijkPersoon) and partij.bsn):
        return None
    if isinstance(partij, Medewerker):
        return None if partij.achternaam else Bevinding("BR-04b", "de initiator (medewerker) mist achternaam")
    return Bevinding("BR-04b", "de initiator van een deelplan is een medewerker of een natuurlijk persoon")


# --- BR-05: the cliënten ---------------------------------------------------------------------


def client_vereist(p: Planzaak) -> Bevinding | None:
    """BR-05: at least one cliënt (d.3 ``heeftBetrekkingOp`` 1..N; d.4 "≥1 cliënt relation")."""
    if clienten(p.zaak):
        return None
    return Bevinding(
        "BR-05",
        f"een {p.plan} heeft minstens één cliënt: heeftBetrekkingOp met omschrijving "
        f"'{CLIENT}' en een natuurlijkPersoon",
    )


def clientrelaties(p: Planzaak) -> Bevinding | None:
    """BR-05a: every ``heeftBetrekkingOp`` of a plan-zaak is a cliënt relation: omschrijving
    ``Client`` (required at creation, g.15) and a natuurlijk persoon with BSN (d.1, d.3)."""
    for positie, zaakobject in enumerate(p.zaak.zaakobjecten, 1):
        persoon = zaakobject.gerelateerde
        toegestaan = {CLIENT} if p.moment is Moment.CREATIE else {CLIENT, None}
        if not isinstance(persoon, NatuurlijkPersoon) or not persoon.bsn:
            return Bevinding(
                "BR-05a", f"heeftBetrekkingOp {positie} van een {p.plan} is geen natuurlijk persoon met BSN"
            )
        if zaakobject.omschrijving not in toegestaan:
            return Bevinding(
                "BR-05a",
                f"heeftBetrekkingOp {positie} van een {p.plan} heeft niet de omschrijving '{CLIENT}'",
            )
    return None


def client_geslachtsnaam(p: Planzaak) -> Bevinding | None:
    """BR-05b: cliënten have a geslachtsnaam at creation (d.3), and a gezinsplan keeps requiring it
    in updates (d.4 GZP column; optional there for levensdomeinplan and deelplan)."""
    if p.moment is Moment.WIJZIGING and p.plan is not Plan.GEZINSPLAN:
        return None
    for positie, zaakobject in enumerate(p.zaak.zaakobjecten, 1):
        persoon = zaakobject.gerelateerde
        if isinstance(persoon, NatuurlijkPersoon) and not persoon.geslachtsnaam:
            return Bevinding(
                "BR-05b", f"de cliënt van heeftBetrekkingOp {positie} van een {p.plan} mist de geslachtsnaam"
            )
    return None


# --- BR-06 / BR-07: links between plan-zaken -------------------------------------------------


def gezinsplan_zonder_ouder(p: Planzaak) -> Bevinding | None:
    """BR-06b: a gezinsplan is the top of its hierarchy and has no heeftBetrekkingOpAndere (d.3)."""
    if not p.ouders:
        return None
    return Bevinding("BR-06b", "een gezinsplan heeft geen heeftBetrekkingOpAndere naar een andere zaak")


def levensdomeinplan_bij_gezinsplan(p: Planzaak) -> Bevinding | None:
    """BR-06: a levensdomeinplan has exactly one heeftBetrekkingOpAndere, to an existing gezinsplan
    (d.2, d.3 LDP 1..1), and keeps it after updates (d.4)."""
    if len(p.ouders) == 1 and len(p.ouders_met(PlanSoort.GEZINSPLAN)) == 1:
        return None
    return Bevinding(
        "BR-06",
        "een levensdomeinplan heeft precies één heeftBetrekkingOpAndere, naar een bestaand gezinsplan "
        f"(nu {len(p.ouders)}, waarvan {len(p.ouders_met(PlanSoort.GEZINSPLAN))} naar een gezinsplan)",
    )


def levensdomeinplan_clienten(p: Planzaak) -> Bevinding | None:
    """BR-06a: the cliënten of a levensdomeinplan are cliënten of its gezinsplan (d.2: "the subset
    of gezinsplan cliënten supported in that domain"; they are registered on both zaken)."""
    gezinsplannen = p.ouders_met(PlanSoort.GEZINSPLAN)
    if len(gezinsplannen) != 1:
        return None  # BR-06
    gezinsplan = gezinsplannen[0]
    vreemd = bsns(clienten(p.zaak)) - bsns(clienten(gezinsplan))
    if not vreemd:
        return None
    return Bevinding(
        "BR-06a",
        f"{len(vreemd)} cliënt(en) van het levensdomeinplan zijn geen cliënt van gezinsplan "
        f"{gezinsplan.identificatie}",
    )


def deelplan_koppelingen(p: Planzaak) -> Bevinding | None:
    """BR-07: a deelplan has 1..2 heeftBetrekkingOpAndere: exactly one to an existing gezinsplan and
    at most one to an existing levensdomeinplan, nothing else (d.2, d.3 DPL); it stays linked (d.4)."""
    gezinsplannen = len(p.ouders_met(PlanSoort.GEZINSPLAN))
    levensdomeinplannen = len(p.ouders_met(PlanSoort.LEVENSDOMEINPLAN))
    if gezinsplannen == 1 and levensdomeinplannen <= 1 and len(p.ouders) == 1 + levensdomeinplannen:
        return None
    return Bevinding(
        "BR-07",
        "een deelplan heeft één heeftBetrekkingOpAndere naar een gezinsplan en hoogstens één naar een "
        f"levensdomeinplan (nu {len(p.ouders)}: {gezinsplannen} gezinsplan, "
        f"{levensdomeinplannen} levensdomeinplan)",
    )


def deelplan_levensdomeinplan_van_gezinsplan(p: Planzaak) -> Bevinding | None:
    """BR-07a: a deelplan's levensdomeinplan belongs to the deelplan's gezinsplan. Implied by the model
    but not stated (d.9 "recommended check", g.24): a warning unless configured strict."""
    gezinsplannen = p.ouders_met(PlanSoort.GEZINSPLAN)
    levensdomeinplannen = p.ouders_met(PlanSoort.LEVENSDOMEINPLAN)
    if len(gezinsplannen) != 1 or len(levensdomeinplannen) != 1:
        return None
    gezinsplan, levensdomeinplan = gezinsplannen[0], levensdomeinplannen[0]
    if any(
        r.soort is ZaakRelatieSoort.BETREKKING_OP_ANDERE and r.identificatie == gezinsplan.identificatie
        for r in levensdomeinplan.relaties
    ):
        return None
    return Bevinding(
        "BR-07a",
        f"levensdomeinplan {levensdomeinplan.identificatie} hoort niet bij gezinsplan "
        f"{gezinsplan.identificatie} van dit deelplan",
        blokkerend=p.strikte_levensdomeinplan,
    )


def deelplan_gemeenschappelijke_client(p: Planzaak) -> Bevinding | None:
    """BR-08: at least one cliënt of the deelplan is a cliënt of its gezinsplan (d.2, §6.6
    "(een van) de cliënt(en)"); the others need not be."""
    gezinsplannen = p.ouders_met(PlanSoort.GEZINSPLAN)
    eigen = bsns(clienten(p.zaak))
    if len(gezinsplannen) != 1 or not eigen:
        return None  # BR-07, BR-05
    if eigen & bsns(clienten(gezinsplannen[0])):
        return None
    return Bevinding(
        "BR-08",
        f"geen enkele cliënt van het deelplan is cliënt van gezinsplan {gezinsplannen[0].identificatie}",
    )


# --- BR-09 / BR-10: uitvoerenden and belanghebbenden ------------------------------------------


def uitvoerende_vestigingsnummer(p: Planzaak) -> Bevinding | None:
    """BR-09: an uitvoerende vestiging of a deelplan has a vestigingsNummer (d.3 DPL v). In updates
    the d.4 tables require it of every plan-zaak, so a vestiging an update adds or changes needs one."""
    if p.plan is Plan.DEELPLAN:
        te_controleren = p.zaak.betrokkenen_met_rol(Rol.UITVOERENDE)
    elif p.oud is not None:
        te_controleren = [
            b for b in p.zaak.betrokkenen_met_rol(Rol.UITVOERENDE) if b not in p.oud.betrokkenen
        ]
    else:
        return None
    if any(
        isinstance(b.gerelateerde, Vestiging) and not b.gerelateerde.vestigingsnummer for b in te_controleren
    ):
        return Bevinding(
            "BR-09", f"een uitvoerende vestiging van een {p.plan} moet een vestigingsNummer hebben"
        )
    return None


def client_als_initiator(p: Planzaak) -> Bevinding | None:
    """BR-09a: when a cliënt initiates a deelplan, that person is also a cliënt of it (d.9)."""
    partij = initiator_van(p.zaak)
    if not isinstance(partij, NatuurlijkPersoon) or partij.bsn in bsns(clienten(p.zaak)):
        return None
    return Bevinding(
        "BR-09a",
        f"de initiator (natuurlijk persoon) van een deelplan is ook cliënt (heeftBetrekkingOp '{CLIENT}')",
    )


def uitvoerende_soort(p: Planzaak) -> Bevinding | None:
    """BR-09b: uitvoerenden of a plan-zaak are medewerkers or vestigingen (d.1, d.3)."""
    for positie, betrokkene in enumerate(p.zaak.betrokkenen_met_rol(Rol.UITVOERENDE), 1):
        if not isinstance(betrokkene.gerelateerde, Medewerker | Vestiging):
            return Bevinding(
                "BR-09b", f"uitvoerende {positie} van een {p.plan} is geen medewerker of vestiging"
            )
    return None


def belanghebbende_is_persoon(p: Planzaak) -> Bevinding | None:
    """BR-10a: belanghebbenden of a plan-zaak are natuurlijke personen (d.1, d.3)."""
    for positie, betrokkene in enumerate(p.zaak.betrokkenen_met_rol(Rol.BELANGHEBBENDE), 1):
        if not isinstance(betrokkene.gerelateerde, NatuurlijkPersoon):
            return Bevinding(
                "BR-10a", f"belanghebbende {positie} van een {p.plan} is geen natuurlijk persoon"
            )
    return None


def belanghebbende_geen_client(p: Planzaak) -> Bevinding | None:
    """BR-10: a belanghebbende is not also a cliënt of the same zaak. Only table text ("die niet
    zelf client zijn"), so a warning, never a rejection (g.23)."""
    client_bsns = bsns(clienten(p.zaak))
    dubbel = [
        b
        for b in p.zaak.betrokkenen_met_rol(Rol.BELANGHEBBENDE)
        if isinstance(b.gerelateerde, NatuurlijkPersoon) and b.gerelateerde.bsn in client_bsns
    ]
    if not dubbel:
        return None
    return Bevinding(
        "BR-10", f"{len(dubbel)} belanghebbende(n) van dit {p.plan} zijn ook cliënt", blokkerend=False
    )


_PERSONEN: tuple[Regel, ...] = (
    clientrelaties,
    client_vereist,
    client_geslachtsnaam,
    uitvoerende_soort,
    uitvoerende_vestigingsnummer,
    belanghebbende_is_persoon,
    belanghebbende_geen_client,
)

#: The rules per kind of plan, in the order their findings are reported.
REGELS: dict[Plan, tuple[Regel, ...]] = {
    Plan.GEZINSPLAN: (initiator_regisseur, *_PERSONEN, gezinsplan_zonder_ouder),
    Plan.LEVENSDOMEINPLAN: (
        initiator_regisseur,
        *_PERSONEN,
        levensdomeinplan_bij_gezinsplan,
        levensdomeinplan_clienten,
    ),
    Plan.DEELPLAN: (
        initiator_deelplan,
        *_PERSONEN,
        client_als_initiator,
        deelplan_koppelingen,
        deelplan_levensdomeinplan_van_gezinsplan,
        deelplan_gemeenschappelijke_client,
    ),
}
