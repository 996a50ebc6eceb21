"""``rzs abonnementen list|add|remove``: the subscriptions of Abonnementenbeheer (DIGEST d.7)."""

from __future__ import annotations

import argparse
import sys

from rzs.domain.notificatie import ALLE, Abonnement, Gebeurtenis
from rzs.domain.voorziening import Gebeurtenis as VoorzieningGebeurtenis
from rzs.store import Store

GEBEURTENISSEN = [ALLE, *(g.value for g in Gebeurtenis)]
VOORZIENING_GEBEURTENISSEN = [g.value for g in VoorzieningGebeurtenis]


def uitvoeren(store: Store, args: argparse.Namespace) -> int:
    if args.opdracht == "add":
        if args.gebeurtenis not in GEBEURTENISSEN:
            print(
                f"onbekende gebeurtenis {args.gebeurtenis!r}; kies uit: {', '.join(GEBEURTENISSEN)}",
                file=sys.stderr,
            )
            return 2
        if args.voorziening_gebeurtenis not in {None, *VOORZIENING_GEBEURTENISSEN}:
            print(
                f"onbekende voorzieningGebeurtenis {args.voorziening_gebeurtenis!r}; kies uit: "
                f"{', '.join(VOORZIENING_GEBEURTENISSEN)}",
                file=sys.stderr,
            )
            return 2
        abonnement = Abonnement(
            zaaktype=args.zaaktype,
            gebeurtenis=args.gebeurtenis,
            bestemming=args.naar,
            ontvanger_applicatie=args.ontvanger,
            ontvanger_organisatie=args.organisatie,
            voorziening_gebeurtenis=args.voorziening_gebeurtenis,
        )
        with store.unit_of_work() as repos:
            nieuw = repos.abonnementen.add(abonnement)
        print("abonnement toegevoegd" if nieuw else "abonnement bestond al")
        return 0
    if args.opdracht == "remove":
        with store.unit_of_work() as repos:
            weg = repos.abonnementen.remove(args.id)
        print(f"abonnement {args.id} verwijderd" if weg else f"geen abonnement {args.id}")
        return 0 if weg else 1
    with store.unit_of_work() as repos:
        for a in repos.abonnementen.alle():
            ontvanger = "/".join(v for v in (a.ontvanger_organisatie, a.ontvanger_applicatie) if v)
            status = "" if a.actief else " (inactief)"
            filter_ = (
                f" (voorzieningGebeurtenis {a.voorziening_gebeurtenis})" if a.voorziening_gebeurtenis else ""
            )
            print(f"{a.id}\t{a.zaaktype}\t{a.gebeurtenis}\t{ontvanger}\t{a.bestemming}{status}{filter_}")
    return 0


def parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    p = sub.add_parser("abonnementen", help="list, add or remove notification subscriptions")
    acties = p.add_subparsers(dest="opdracht", required=True)
    lijst = acties.add_parser("list", help="id, zaaktype, gebeurtenis, ontvanger, bestemming")
    add = acties.add_parser("add", help="notify ONTVANGER at URL about a zaaktype x gebeurtenis")
    add.add_argument("--zaaktype", default=ALLE, help="zaaktype code, or * for all (default)")
    add.add_argument("--gebeurtenis", default=ALLE, help=f"one of: {', '.join(GEBEURTENISSEN)}")
    add.add_argument(
        "--naar", required=True, metavar="URL", help="the subscriber's RZS OntvangAsynchroon endpoint"
    )
    add.add_argument(
        "--ontvanger", required=True, metavar="APPLICATIE", help="stuurgegevens ontvanger/applicatie"
    )
    add.add_argument("--organisatie", help="stuurgegevens ontvanger/organisatie")
    add.add_argument(
        "--voorziening-gebeurtenis",
        metavar="GEBEURTENIS",
        help="only notifications with this voorzieningGebeurtenis (issue 9), one of: "
        + ", ".join(VOORZIENING_GEBEURTENISSEN),
    )
    remove = acties.add_parser("remove", help="remove a subscription by id")
    remove.add_argument("id", type=int)
    for actie in (lijst, add, remove):
        actie.add_argument("--database", help="SQLAlchemy URL (default: SQLite file in ./data)")
    return p
