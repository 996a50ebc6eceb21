"""``rzs audit --bsn N [--van --tot] [--json]`` and ``rzs audit verify`` (docs/operations.md
"Protocollering").

The first answers a citizen's inzageverzoek (AVG art. 15): every access to that person's zaken,
when, by whom, which operation, with what outcome; the other persons of those zaken are left out.
The second walks the hash chain and names the first record that was changed or removed.
Both move the SQLite read journal into the chain first (``store/journaal.py``).
"""

from __future__ import annotations

import argparse
import json
from datetime import date

from rzs.store import Protocolregel, Store


def uitvoeren(store: Store, args: argparse.Namespace) -> int:
    store.protocol_bijwerken()
    if args.actie == "verify":
        return _verify(store)
    with store.unit_of_work() as repos:
        regels = repos.protocol.voor_bsn(args.bsn, args.van, args.tot)
    if args.json:
        print(json.dumps(_als_json(args, regels), ensure_ascii=False, indent=2))
        return 0
    periode = f" van {args.van or 'het begin'} tot en met {args.tot or 'nu'}"
    print(f"Inzage in de zaken van BSN {args.bsn}{periode}: {len(regels)} keer toegang")
    for r in regels:
        zender = "/".join(v or "-" for v in (r.zender_organisatie, r.zender_applicatie))
        print(
            f"{r.tijdstip}\tzaak {r.zaak_identificatie}\t{r.operatie}\tdoor {zender}"
            f" (gebruiker {r.gebruiker or '-'})\tuitkomst {r.uitkomst}"
        )
    return 0


def _verify(store: Store) -> int:
    with store.unit_of_work() as repos:
        aantal, breuk = repos.protocol.controleer()
    if breuk is None:
        print(f"protocol in orde: {aantal} records, de keten is ongebroken")
        return 0
    print(f"protocol GEBROKEN bij record {breuk.volgnummer}: {breuk.reden} ({aantal} records in orde)")
    return 1


def _als_json(args: argparse.Namespace, regels: list[Protocolregel]) -> dict[str, object]:
    return {
        "bsn": args.bsn,
        "van": args.van.isoformat() if args.van else None,
        "tot": args.tot.isoformat() if args.tot else None,
        "toegang": [
            {
                "tijdstip": r.tijdstip,
                "zender": {"organisatie": r.zender_organisatie, "applicatie": r.zender_applicatie},
                "gebruiker": r.gebruiker,
                "operatie": r.operatie,
                "zaak": r.zaak_identificatie,
                "uitkomst": r.uitkomst,
            }
            for r in regels
        ],
    }


def _datum(tekst: str) -> date:
    try:
        return date.fromisoformat(tekst)
    except ValueError as fout:
        raise argparse.ArgumentTypeError(f"{tekst!r} is geen datum JJJJ-MM-DD") from fout


def parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "audit",
        help="who had access to a person's zaken (--bsn); `audit verify` checks the protocol chain",
    )
    p.add_argument("actie", nargs="?", choices=["verify"], help="check the hash chain (exit 1 if broken)")
    p.add_argument("--bsn", help="the person of the inzageverzoek")
    p.add_argument("--van", type=_datum, metavar="JJJJ-MM-DD", help="from this day on")
    p.add_argument("--tot", type=_datum, metavar="JJJJ-MM-DD", help="up to and including this day")
    p.add_argument("--json", action="store_true", help="as JSON instead of text")
    p.add_argument("--database", help="SQLAlchemy URL (default: SQLite file in ./data)")
    return p
