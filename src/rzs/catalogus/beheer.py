"""``rzs zaaktypen list|show|import|export``: the catalogue in the database, managed from a shell.

The database is what the server checks zaken against; files are how it gets there. ``import``
upserts (adds and updates, never deletes: zaken point at their zaaktype), ``export`` writes the
TOML that ``import`` and ``RZS_ZAAKTYPEN`` read, so "export, edit, import" is the round trip.
Every command first migrates and loads the configured file, exactly as the server does at start,
so it shows what the server would use.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from rzs.catalogus.bestand import CatalogusFout, laad, schrijf
from rzs.store import Store

OPDRACHTEN = ("list", "show", "import", "export")


def uitvoeren(open_store: Callable[[], Store], opdracht: str, argument: str | None = None) -> int:
    """Run one command; the exit status is 0, 1 (unknown zaaktype) or 2 (unusable catalogue file)."""
    try:
        zaaktypen = laad(Path(argument)) if opdracht == "import" and argument else None
        store = open_store()
    except CatalogusFout as fout:
        print(f"rzs zaaktypen: {fout}", file=sys.stderr)
        return 2
    try:
        with store.unit_of_work() as repos:
            if zaaktypen is not None:
                for zaaktype in zaaktypen:
                    repos.zaaktypen.upsert(zaaktype)
                codes = ", ".join(z.code for z in zaaktypen)
                print(f"{len(zaaktypen)} zaaktypen ingelezen: {codes}")
            elif opdracht == "list":
                for zaaktype in repos.zaaktypen.all():
                    print(f"{zaaktype.code:<10}  {zaaktype.plansoort.value:<16}  {zaaktype.omschrijving}")
            elif opdracht == "show":
                gevonden = repos.zaaktypen.get(argument, None) if argument else None
                if gevonden is None:
                    print(f"rzs zaaktypen: zaaktype {argument!r} bestaat niet", file=sys.stderr)
                    return 1
                print(schrijf([gevonden]), end="")
            elif opdracht == "export":
                print(schrijf(repos.zaaktypen.all()), end="")
            else:
                raise ValueError(f"Onbekende opdracht {opdracht!r}; kies uit {', '.join(OPDRACHTEN)}")
    finally:
        store.dispose()
    return 0
