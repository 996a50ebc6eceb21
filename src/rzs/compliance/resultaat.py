"""What a run found: per scenario, per official step, a verdict with its reasons and the message.

``NIET ONDERSTEUND`` is only given when the scenario data says a step may be unsupported
(``verwacht = "niet ondersteund"``) and the system under test answered so; a step is never
silently skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PASS = "PASS"
FAIL = "FAIL"
NIET_ONDERSTEUND = "NIET ONDERSTEUND"


@dataclass
class StapResultaat:
    nr: int
    richting: str
    berichttype: str
    actie: str
    status: str = FAIL
    redenen: list[str] = field(default_factory=list)
    opmerkingen: list[str] = field(default_factory=list)
    bericht: bytes = b""
    variant: str = ""
    profiel: str = ""
    duur: float = 0.0

    def zet(self, status: str, redenen: list[str] | None = None) -> None:
        self.status = status
        self.redenen = list(redenen or [])


@dataclass
class ScenarioResultaat:
    id: str
    titel: str
    optioneel: bool = False
    toelichting: str = ""
    stappen: list[StapResultaat] = field(default_factory=list)

    @property
    def status(self) -> str:
        statussen = {stap.status for stap in self.stappen}
        if FAIL in statussen:
            return FAIL
        return NIET_ONDERSTEUND if NIET_ONDERSTEUND in statussen else PASS

    @property
    def reden(self) -> str:
        """The first reason of the first failing step: what a summary line shows."""
        for stap in self.stappen:
            if stap.status == FAIL and stap.redenen:
                return f"stap {stap.nr}: {stap.redenen[0]}"
        return ""


@dataclass
class Rapport:
    rol: str
    titel: str
    eindpunten: dict[str, str]
    opties: dict[str, str]
    start: str
    duur: float = 0.0
    scenarios: list[ScenarioResultaat] = field(default_factory=list)

    @property
    def geslaagd(self) -> bool:
        """Every required scenario passed (optional scenarios count in the report, not the verdict)."""
        return all(s.status != FAIL for s in self.scenarios if not s.optioneel)

    def telling(self) -> dict[str, int]:
        telling = {PASS: 0, FAIL: 0, NIET_ONDERSTEUND: 0}
        for scenario in self.scenarios:
            telling[scenario.status] += 1
        return telling
