"""The run as JSON: the same content as the HTML report, for tooling."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rzs.compliance.rapport import kop
from rzs.compliance.rapport.berichten import Masker, mooi
from rzs.compliance.resultaat import Rapport


def als_dict(rapport: Rapport, *, toon_bsn: bool = False) -> dict[str, Any]:
    masker = Masker.voor(rapport, toon_bsn=toon_bsn)
    return {
        "rol": rapport.rol,
        "titel": rapport.titel,
        "start": rapport.start,
        "duur": round(rapport.duur, 3),
        "eindpunten": rapport.eindpunten,
        "opties": rapport.opties,
        "geslaagd": rapport.geslaagd,
        "telling": rapport.telling(),
        "kop": dict(kop.regels(rapport)),
        "scenarios": [
            {
                "id": scenario.id,
                "titel": scenario.titel,
                "optioneel": scenario.optioneel,
                "status": scenario.status,
                "stappen": [
                    {
                        "nr": stap.nr,
                        "richting": stap.richting,
                        "berichttype": stap.berichttype,
                        "actie": stap.actie,
                        "variant": stap.variant,
                        "profiel": stap.profiel,
                        "status": stap.status,
                        "redenen": [masker.tekst(r) for r in stap.redenen],
                        "opmerkingen": [masker.tekst(o) for o in stap.opmerkingen],
                        "duur": round(stap.duur, 4),
                        "http_status": stap.http_status,
                        "content_type": stap.content_type,
                        "soapaction": stap.soapaction,
                        "bericht": masker.tekst(mooi(stap.bericht)),
                    }
                    for stap in scenario.stappen
                ],
            }
            for scenario in rapport.scenarios
        ],
    }


def schrijf(rapport: Rapport, pad: Path, *, toon_bsn: bool = False) -> None:
    pad.write_text(
        json.dumps(als_dict(rapport, toon_bsn=toon_bsn), ensure_ascii=False, indent=2), encoding="utf-8"
    )
