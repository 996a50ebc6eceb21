"""Live progress in the terminal: one line per official step, then a summary per scenario."""

from __future__ import annotations

from rzs.compliance.rapport import kop
from rzs.compliance.rapport.berichten import Masker
from rzs.compliance.resultaat import PASS, Rapport, ScenarioResultaat, StapResultaat


def regel(scenario: ScenarioResultaat, stap: StapResultaat, masker: Masker | None = None) -> str:
    reden = "; ".join(stap.redenen) if stap.status != PASS else ""
    if masker is not None:
        reden = masker.tekst(reden)
    tekst = f"{scenario.id:<6} stap {stap.nr:>2} {stap.richting} {stap.berichttype:<34} {stap.status}"
    return f"{tekst}  {reden}" if reden else tekst


def samenvatting(rapport: Rapport) -> str:
    testset = f" ({rapport.kop['Testset']})" if "Testset" in rapport.kop else ""
    regels = [f"\nRol {rapport.titel}{testset}: {len(rapport.scenarios)} scenario's in {rapport.duur:.1f} s"]
    for scenario in rapport.scenarios:
        label = f"{scenario.id} {scenario.titel}" + (" (optioneel)" if scenario.optioneel else "")
        regels.append(
            f"  {scenario.status:<16} {label}" + (f"\n{'':19}{scenario.reden}" if scenario.reden else "")
        )
    regels.append(f"Oordeel: {kop.oordeel(rapport)} ({kop.telling(rapport)})")
    return "\n".join(regels)


def kopregels(rapport: Rapport) -> str:
    """The audit header (ZDS form, SOAP version, schema sets, ...) as lines before the summary."""
    return "\n".join(f"{naam}: {waarde}" for naam, waarde in list(rapport.kop.items()))
