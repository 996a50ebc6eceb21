"""The zaaktype catalogue file (``zaaktypen.toml``): which zaaktypen and statustypen this server
knows (DIGEST e). Loaded into the store at start-up; later a CLI manages it."""

from __future__ import annotations

import tomllib
from pathlib import Path

from rzs.domain.zaaktype import PlanSoort, Statustype, Zaaktype

STANDAARD = Path(__file__).with_name("zaaktypen.toml")


def laad(pad: Path = STANDAARD) -> list[Zaaktype]:
    data = tomllib.loads(pad.read_text(encoding="utf-8"))
    return [
        Zaaktype(
            code=item["code"],
            omschrijving=item["omschrijving"],
            plansoort=PlanSoort(item.get("plansoort", "overig")),
            ingangsdatum=item.get("ingangsdatum"),
            statustypen=tuple(
                Statustype(volgnummer=s["volgnummer"], omschrijving=s["omschrijving"], code=s.get("code"))
                for s in item.get("statustypen", [])
            ),
        )
        for item in data.get("zaaktype", [])
    ]
