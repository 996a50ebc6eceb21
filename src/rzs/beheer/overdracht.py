"""``rzs overdracht list|stuur|bevestig``: handing zaken over and answering handovers (DIGEST d.6).

``stuur`` and ``bevestig`` record the overdracht and queue the message in one transaction; the
delivery worker sends it. ``list`` is where the handover state is visible (a zakLa01 has no
element for it).
"""

from __future__ import annotations

import argparse
import sys

from rzs.config import Settings
from rzs.fouten import StufFout
from rzs.services import overdracht
from rzs.services.context import Context
from rzs.store import Store
from rzs.stuf.berichten import Afzender
from rzs.stuf.stuurgegevens import Systeem


def uitvoeren(store: Store, settings: Settings, args: argparse.Namespace) -> int:
    if args.opdracht == "list":
        with store.unit_of_work() as repos:
            for o in repos.overdrachten.alle(args.zaak):
                partij = o.ontvanger if o.richting.value == "uit" else o.zender
                print(
                    f"{o.richting.value}\t{o.zaak_identificatie}\t{o.referentienummer}\t{o.status.value}\t"
                    f"{Systeem.uit_sleutel(partij).applicatie}\t{o.melding or ''}"
                )
        return 0
    try:
        with store.unit_of_work() as repos:
            ctx = Context(repos, Afzender.uit_instellingen(settings), settings)
            if args.opdracht == "stuur":
                ontvanger = Systeem(args.ontvanger, args.organisatie)
                referentie = overdracht.stuur(
                    ctx, args.zaak, naar=args.naar, ontvanger=ontvanger, meldingen=args.melding
                )
                print(f"overdracht van zaak {args.zaak} verstuurd, referentienummer {referentie}")
            else:
                referentie = overdracht.bevestig(
                    ctx,
                    args.referentie,
                    geaccepteerd=args.geaccepteerd,
                    naar=args.naar,
                    meldingen=args.melding,
                )
                print(f"overdracht {args.referentie} beantwoord, referentienummer {referentie}")
    except StufFout as fout:
        print(f"{fout.code}: {fout.details}", file=sys.stderr)
        return 1
    return 0


def parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    p = sub.add_parser("overdracht", help="list handovers; hand a zaak over; answer a handover")
    acties = p.add_subparsers(dest="opdracht", required=True)
    lijst = acties.add_parser("list", help="richting, zaak, referentienummer, status, partij, melding")
    lijst.add_argument("--zaak", help="only this zaakidentificatie")
    stuur = acties.add_parser("stuur", help="send overdragenZaak_Di01 for ZAAK to a backoffice")
    stuur.add_argument("zaak", metavar="ZAAK", help="identificatie of the zaak to hand over")
    stuur.add_argument("--naar", required=True, metavar="URL", help="the backoffice's RZS endpoint")
    stuur.add_argument("--ontvanger", required=True, metavar="APPLICATIE", help="stuurgegevens ontvanger")
    stuur.add_argument("--organisatie", help="stuurgegevens ontvanger/organisatie")
    bevestig = acties.add_parser("bevestig", help="answer a received overdracht with overdragenZaak_Du01")
    bevestig.add_argument("referentie", metavar="REF", help="referentienummer of the received Di01")
    keuze = bevestig.add_mutually_exclusive_group(required=True)
    keuze.add_argument("--geaccepteerd", dest="geaccepteerd", action="store_true", help="we take the zaak")
    keuze.add_argument("--geweigerd", dest="geaccepteerd", action="store_false", help="we refuse it")
    bevestig.add_argument("--naar", required=True, metavar="URL", help="the regiesysteem's RZS endpoint")
    for actie in (stuur, bevestig):
        actie.add_argument("--melding", action="append", default=[], help="free text (repeatable)")
    for actie in (lijst, stuur, bevestig):
        actie.add_argument("--database", help="SQLAlchemy URL (default: SQLite file in ./data)")
    return p
