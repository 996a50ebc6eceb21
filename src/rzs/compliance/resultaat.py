"""What a run found: per scenario, per official step, a verdict with its reasons and the message.

``NIET ONDERSTEUND`` is only given when the scenario data says a step may be unsupported
(``verwacht = "niet ondersteund"``) and the system under test answered so. ``OVERGESLAGEN`` is a
step the harness never sent because it lacked data an earlier step should have delivered; its
reason names that step ("geen checkedOutId: ZS-07 stap 2 faalde"), and JUnit reports it as
``skipped``: nothing about the system was learned from it, so it is neither a pass nor a failure.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PASS = "PASS"
FAIL = "FAIL"
NIET_ONDERSTEUND = "NIET ONDERSTEUND"
OVERGESLAGEN = "OVERGESLAGEN"


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
    #: The HTTP exchange as it was (audit record): status, Content-Type and SOAPAction.
    http_status: int = 0
    content_type: str = ""
    soapaction: str = ""

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
        for status in (FAIL, OVERGESLAGEN, NIET_ONDERSTEUND):
            if status in statussen:
                return status
        return PASS

    @property
    def reden(self) -> str:
        """The first reason of the first failing (or else skipped) step: what a summary line shows."""
        for status in (FAIL, OVERGESLAGEN):
            for stap in self.stappen:
                if stap.status == status and stap.redenen:
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
    #: Audit header (label -> value): harness version, identities, SOAP version, ZDS form, schema sets.
    kop: dict[str, str] = field(default_factory=dict)

    @property
    def geslaagd(self) -> bool:
        """Every required scenario passed (optional scenarios count in the report, not the verdict).

        A skipped scenario was not tested, so it is not passed either."""
        return all(s.status in (PASS, NIET_ONDERSTEUND) for s in self.scenarios if not s.optioneel)

    def telling(self) -> dict[str, int]:
        telling = {PASS: 0, FAIL: 0, OVERGESLAGEN: 0, NIET_ONDERSTEUND: 0}
        for scenario in self.scenarios:
            telling[scenario.status] += 1
        return telling
