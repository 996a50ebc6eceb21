"""The run context: data carried between steps and scenarios (SCENARIOS 2 and 4).

Scenario data reads it with ``"@naam"`` (a value) or ``"@naam[i]"`` (the i-th value of a list,
e.g. ``@zaakIds[0]`` for the first identificatie issued in ZS-01) and fills it through ``bewaar``
and ``bewaar_antwoord``. Reading a name nobody filled raises :class:`ContextOntbreekt`, whose
message says which step should have filled it: a later step then fails with that reason instead
of sending a message with an invalid identificatie.

It also hands out what every message needs: a referentienummer unique per run and zender, and a
tijdstipBericht that strictly increases (DIGEST c.2).
"""

from __future__ import annotations

import itertools
import re
import uuid
from datetime import UTC, datetime

_VERWIJZING = re.compile(r"^@([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d+)\])?$")


class ContextOntbreekt(LookupError):
    """A step needs a value an earlier step did not deliver."""


class Context:
    def __init__(self, prefix: str = "RZSC") -> None:
        self.waarden: dict[str, str | list[str]] = {}
        self.herkomst: dict[str, str] = {}
        self._prefix = f"{prefix}-{uuid.uuid4().hex[:8]}"
        self._teller = itertools.count(1)
        self._laatste_tijdstip = ""

    def zet(self, naam: str, waarde: str, herkomst: str) -> None:
        self.waarden[naam] = waarde
        self.herkomst[naam] = herkomst

    def voeg_toe(self, naam: str, waarde: str, herkomst: str) -> None:
        huidig = self.waarden.get(naam)
        lijst = huidig if isinstance(huidig, list) else []
        lijst.append(waarde)
        self.waarden[naam] = lijst
        self.herkomst[naam] = herkomst

    def lijst(self, naam: str) -> list[str]:
        huidig = self.waarden.get(naam)
        return list(huidig) if isinstance(huidig, list) else []

    def los_op(self, waarde: str) -> str:
        """``"@naam"`` / ``"@naam[i]"`` -> the context value; any other string unchanged."""
        match = _VERWIJZING.match(waarde)
        if match is None:
            return waarde
        naam, index = match.group(1), match.group(2)
        if naam not in self.waarden:
            raise ContextOntbreekt(f"ctx.{naam} is niet gevuld (geen eerdere stap leverde het)")
        huidig = self.waarden[naam]
        if index is None:
            if isinstance(huidig, list):
                raise ContextOntbreekt(f"ctx.{naam} is een lijst; gebruik @{naam}[i]")
            return huidig
        lijst = huidig if isinstance(huidig, list) else [huidig]
        if int(index) >= len(lijst):
            raise ContextOntbreekt(
                f"ctx.{naam}[{index}] bestaat niet: {self.herkomst.get(naam, '?')} leverde er {len(lijst)}"
            )
        return lijst[int(index)]

    def referentienummer(self) -> str:
        """Unique within the run (Refnummer, at most 40 characters)."""
        return f"{self._prefix}-{next(self._teller):06d}"

    def tijdstip(self) -> str:
        """Now as ``JJJJMMDDuummssmmm``, strictly greater than the previous one."""
        nu = datetime.now(UTC).strftime("%Y%m%d%H%M%S%f")[:17]
        if nu <= self._laatste_tijdstip:
            nu = str(int(self._laatste_tijdstip) + 1)
        self._laatste_tijdstip = nu
        return nu
