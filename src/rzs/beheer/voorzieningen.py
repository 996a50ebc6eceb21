"""``rzs voorzieningen historie --zaak Z --nummer N``: every version of one voorziening (issue 9).

A toewijzing changes by new versions (same nummer, iWmo's change semantics), so "what happened to
it" is the list of versions: who sent each one, when, in which message, and which values changed
compared with the version before (the pads of docs/voorzieningen.md, e.g. ``omvang.volume``).
"""

from __future__ import annotations

import argparse

from rzs.domain.voorziening import Voorziening
from rzs.services.voorzieningen import als_voorziening
from rzs.services.voorzieningen_xml import PADEN, plat
from rzs.store import Store


def uitvoeren(store: Store, args: argparse.Namespace) -> int:
    with store.unit_of_work(alleen_lezen=True) as repos:
        versies = repos.voorzieningen.historie(args.zaak, args.nummer)
    if not versies:
        print(f"zaak {args.zaak} heeft geen voorziening {args.nummer}")
        return 1
    vorige: Voorziening | None = None
    for versie in versies:
        voorziening = als_voorziening(versie)[1]
        herkomst = versie.herkomst
        velden = ", ".join(gewijzigd(vorige, voorziening)) or "-"
        print(
            f"versie {versie.versie}\t{versie.geregistreerd_op.isoformat(timespec='seconds')}\t"
            f"zender {herkomst.zender or '-'}\tbericht {herkomst.referentienummer or '-'}\t"
            f"status {voorziening.status.value}\tgewijzigd: {velden}"
        )
        vorige = voorziening
    return 0


def gewijzigd(oud: Voorziening | None, nieuw: Voorziening) -> list[str]:
    """The pads whose value differs between two versions (all given ones for the first)."""
    voor = dict(plat(oud)) if oud is not None else {}
    na = dict(plat(nieuw))
    if oud is None:
        return [pad for pad in PADEN if pad in na]
    return [pad for pad in PADEN if voor.get(pad) != na.get(pad)]


def parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    p = sub.add_parser("voorzieningen", help="show the versions of a voorziening on a zaak")
    acties = p.add_subparsers(dest="opdracht", required=True)
    historie = acties.add_parser("historie", help="every version: when, zender, bericht, changed fields")
    historie.add_argument("--zaak", required=True, help="identificatie of the zaak")
    historie.add_argument("--nummer", required=True, type=int, help="nummer of the voorziening")
    historie.add_argument("--database", help="SQLAlchemy URL (default: SQLite file in ./data)")
    return p
