"""``rzs outbox list|retry|retry-dead``: what is waiting, delivered or given up (docs/operations.md)."""

from __future__ import annotations

import argparse

from rzs.store import Store
from rzs.store.outbox import STATUSSEN


def uitvoeren(store: Store, args: argparse.Namespace) -> int:
    if args.opdracht == "retry":
        with store.unit_of_work() as repos:
            aantal = repos.outbox.opnieuw(args.id)
        print(
            f"bericht {args.id} wordt opnieuw bezorgd"
            if aantal
            else f"bericht {args.id} is niet dead of wachtend"
        )
        return 0 if aantal else 1
    if args.opdracht == "retry-dead":
        with store.unit_of_work() as repos:
            aantal = repos.outbox.opnieuw()
        print(f"{aantal} berichten worden opnieuw bezorgd")
        return 0
    with store.unit_of_work() as repos:
        rijen = repos.outbox.alle(status=args.status, zaak_identificatie=args.zaak)
    for r in rijen:
        wanneer = r.volgende_poging_op.isoformat(timespec="seconds") if r.status == "pending" else "-"
        fout = (r.laatste_fout or "").replace("\n", " ")[:100]
        print(
            f"{r.id}\t{r.status}\t{r.soort}\t{r.zaak_identificatie or '-'}\t{r.ontvanger}\t{r.bestemming}\t"
            f"pogingen={r.pogingen}\tvolgende={wanneer}\t{fout}"
        )
    return 0


def parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    p = sub.add_parser("outbox", help="list outgoing messages; retry dead ones")
    acties = p.add_subparsers(dest="opdracht", required=True)
    lijst = acties.add_parser("list", help="one line per message: id, status, soort, zaak, ontvanger, ...")
    lijst.add_argument("--status", choices=STATUSSEN, help="only messages with this status")
    lijst.add_argument("--zaak", help="only messages about this zaakidentificatie")
    retry = acties.add_parser("retry", help="deliver one dead (or waiting) message again, now")
    retry.add_argument("id", type=int, help="the id `rzs outbox list` shows")
    alle = acties.add_parser("retry-dead", help="deliver every dead message again")
    for actie in (lijst, retry, alle):
        actie.add_argument("--database", help="SQLAlchemy URL (default: SQLite file in ./data)")
    return p
