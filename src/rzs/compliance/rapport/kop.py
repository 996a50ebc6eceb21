"""The audit header every report opens with: verdict, counts, what was tested and how.

A compliance report is evidence (issue 12): a reader must see without the run at hand when it
ran, with which harness version, identities, endpoints, SOAP version and ZDS form, and which
schema sets judged the messages (the official set only when it was available, said either way).
"""

from __future__ import annotations

from rzs.compliance.resultaat import FAIL, NIET_ONDERSTEUND, OVERGESLAGEN, PASS, Rapport

_VOLGORDE = (PASS, FAIL, OVERGESLAGEN, NIET_ONDERSTEUND)


def oordeel(rapport: Rapport) -> str:
    return "GESLAAGD" if rapport.geslaagd else "NIET GESLAAGD"


def telling(rapport: Rapport) -> str:
    """``16 PASS, 0 FAIL, 0 OVERGESLAGEN, 0 NIET ONDERSTEUND`` (every count, also zero)."""
    aantallen = rapport.telling()
    return ", ".join(f"{aantallen[status]} {status}" for status in _VOLGORDE)


def stappen(rapport: Rapport) -> str:
    aantallen = dict.fromkeys(_VOLGORDE, 0)
    for scenario in rapport.scenarios:
        for stap in scenario.stappen:
            aantallen[stap.status] = aantallen.get(stap.status, 0) + 1
    return ", ".join(f"{aantallen[status]} {status}" for status in _VOLGORDE)


def regels(rapport: Rapport) -> list[tuple[str, str]]:
    """Label and value of every header line, in the order the reports show them."""
    rijen = [
        ("Oordeel", oordeel(rapport)),
        ("Scenario's", telling(rapport)),
        ("Stappen", stappen(rapport)),
        ("Datum en tijd (UTC)", rapport.start),
        ("Duur", f"{rapport.duur:.1f} s"),
    ]
    rijen += list(rapport.kop.items())
    rijen += [(f"Eindpunt {naam}", url) for naam, url in sorted(rapport.eindpunten.items())]
    rijen += [(f"Optie --{naam}", waarde) for naam, waarde in sorted(rapport.opties.items())]
    return rijen
