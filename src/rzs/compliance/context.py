"""The run context: data carried between steps and scenarios (SCENARIOS 2 and 4).

Scenario data reads it with ``"@naam"`` (a value) or ``"@naam[i]"`` (the i-th value of a list,
e.g. ``@zaakIds[0]`` for the first identificatie issued in ZS-01) and fills it through ``bewaar``
and ``bewaar_antwoord``.

One failure must not hide the rest (issue 12): when the step that should deliver a value fails,
the value comes from the tester (``--gegeven zaakId=...``) or, for zaak- and
documentidentificaties, from the harness itself (gemeentecode prefix, unique per run, DIGEST f.1),
and the context remembers which step failed. A value nobody can supply raises
:class:`ContextOntbreekt` with that root cause in words for a vendor ("geen checkedOutId: ZS-07
stap 2 faalde"); the step is then not sent and reported as skipped.

It also hands out what every message needs: a referentienummer unique per run and zender, and a
tijdstipBericht that strictly increases (DIGEST c.2).
"""

from __future__ import annotations

import itertools
import re
import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from lxml import etree

_VERWIJZING = re.compile(r"^@([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d+)\])?$")

#: Lists of identificaties the harness may issue itself when the genereer* step failed, and the
#: letter it puts after the gemeentecode (as the consumer-mode STP does).
ZELF_TE_MAKEN = {"zaakIds": "Z", "docIds": "D"}
#: ``--gegeven`` names a tester may use besides the context names themselves.
ALIASSEN = {"zaakId": "zaakIds", "documentId": "docIds", "docId": "docIds"}

_OMSCHRIJVING = {
    "zaakIds": "zaakidentificatie",
    "docIds": "documentidentificatie",
    "checkedOutId": "checkedOutId (van geefZaakdocumentbewerken)",
}
_PLANNEN = {"GZP": "gezinsplanzaak", "LDP": "levensdomeinplanzaak", "DPL": "deelplanzaak"}
_VARIANTEN = {"N": "normaal", "MIN": "minimaal", "EXT": "uitgebreid"}


def omschrijving(naam: str) -> str:
    """A context name in a vendor's words: ``GZP_N`` -> ``gezinsplanzaak (normaal)``."""
    if naam in _OMSCHRIJVING:
        return _OMSCHRIJVING[naam]
    plan, _, rest = naam.partition("_")
    variant, _, extra = rest.partition("_")
    if plan in _PLANNEN:
        soort = f"{_PLANNEN[plan]} ({_VARIANTEN.get(variant, variant)})"
        return f"{extra} van de {soort}" if extra else soort
    return naam


class ContextOntbreekt(LookupError):
    """A step needs a value an earlier step did not deliver; the message is vendor-facing."""

    def __init__(self, naam: str, reden: str) -> None:
        super().__init__(f"geen {omschrijving(naam)}: {reden}" if naam else reden)
        self.naam = naam


class Identificaties:
    """Fresh identificaties with a gemeentecode prefix (DIGEST f.1), never twice in a run."""

    def __init__(self, gemeentecode: str = "0000") -> None:
        self.gemeentecode = gemeentecode
        self._basis = f"{uuid.uuid4().int % 10**8:08d}"
        self._teller = itertools.count(1)

    def nieuw(self, soort: str) -> str:
        return f"{self.gemeentecode}{soort}{self._basis}{next(self._teller):04d}"


class Context:
    def __init__(
        self,
        prefix: str = "RZSC",
        gegeven: Mapping[str, Sequence[str]] | None = None,
        identificaties: Identificaties | None = None,
    ) -> None:
        self.waarden: dict[str, str | list[str]] = {}
        self.herkomst: dict[str, str] = {}
        #: name -> why it is missing or unreliable ("ZS-01 stap 2 faalde").
        self.mislukt: dict[str, str] = {}
        self.gegeven = {ALIASSEN.get(k, k): list(v) for k, v in (gegeven or {}).items()}
        #: Only a provider run makes identificaties itself; consumer mode must see what the TTA sent.
        self.identificaties = identificaties
        #: Notes on values that stood in for missing ones, for the step that used them.
        self.notities: list[str] = []
        #: Names read since the runner last cleared it: the data a step depends on.
        self.gebruikt: set[str] = set()
        #: The requests of the current scenario as sent (ZDS 1.1 form), per step nr, for the
        #: ``zelfde_als_verzonden`` check (a voorziening read back as it was sent).
        self.verzonden: dict[int, etree._Element] = {}
        self._prefix = f"{prefix}-{uuid.uuid4().hex[:8]}"
        self._teller = itertools.count(1)
        self._laatste_tijdstip = ""

    def zet(self, naam: str, waarde: str, herkomst: str, *, mislukt: str | None = None) -> None:
        """Keep a value; ``mislukt`` says the step it came from failed (the value may be useless)."""
        self.waarden[naam] = waarde
        self.herkomst[naam] = herkomst
        if mislukt:
            self.mislukt[naam] = mislukt
        else:
            self.mislukt.pop(naam, None)

    def voeg_toe(self, naam: str, waarde: str, herkomst: str) -> None:
        huidig = self.waarden.get(naam)
        lijst = huidig if isinstance(huidig, list) else []
        lijst.append(waarde)
        self.waarden[naam] = lijst
        self.herkomst[naam] = herkomst

    def lijst(self, naam: str) -> list[str]:
        huidig = self.waarden.get(naam)
        return list(huidig) if isinstance(huidig, list) else []

    def vervang(self, naam: str, *, lijst: bool, oorzaak: str) -> str | None:
        """The step that delivers ``naam`` failed: take the tester's value or make one.

        Returns what was done (a note for the report), or ``None`` when nothing could stand in;
        then the cause is remembered for the steps that need the value.
        """
        waarde = self._vervanger(naam)
        if waarde is not None and lijst:
            self.voeg_toe(naam, waarde[0], oorzaak)
        elif waarde is not None:
            self.zet(naam, waarde[0], oorzaak)
        self.mislukt[naam] = oorzaak
        if waarde is None:
            return None
        bron = "opgegeven met --gegeven" if waarde[1] else "door de harness gemaakt"
        return f"{omschrijving(naam)} {waarde[0]!r} {bron}, omdat {oorzaak}"

    def _vervanger(self, naam: str) -> tuple[str, bool] | None:
        if self.gegeven.get(naam):
            return self.gegeven[naam].pop(0), True
        if naam in ZELF_TE_MAKEN and self.identificaties is not None:
            return self.identificaties.nieuw(ZELF_TE_MAKEN[naam]), False
        return None

    def _ontbreekt(self, naam: str) -> ContextOntbreekt:
        reden = self.mislukt.get(naam, "geen eerdere stap leverde het")
        optie = next((alias for alias, doel in ALIASSEN.items() if doel == naam), naam)
        return ContextOntbreekt(naam, f"{reden} (lever het met --gegeven {optie}=...)")

    def los_op(self, waarde: str) -> str:
        """``"@naam"`` / ``"@naam[i]"`` -> the context value; any other string unchanged."""
        match = _VERWIJZING.match(waarde)
        if match is None:
            return waarde
        naam, index = match.group(1), match.group(2)
        self.gebruikt.add(naam)
        while naam not in self.waarden or (index is not None and int(index) >= len(self.lijst(naam))):
            # Never filled (its scenario did not run) or too few: the tester's values, then our own.
            vervanger = self._vervanger(naam)
            if vervanger is None:
                raise self._ontbreekt(naam)
            bron = "opgegeven met --gegeven" if vervanger[1] else "door de harness gemaakt"
            reden = self.mislukt.get(naam, "geen eerdere stap in deze run leverde het")
            self.notities.append(f"{omschrijving(naam)} {vervanger[0]!r} {bron}: {reden}")
            if index is None:
                self.zet(naam, vervanger[0], bron)
            else:
                self.voeg_toe(naam, vervanger[0], bron)
        huidig = self.waarden[naam]
        if index is None:
            if isinstance(huidig, list):
                fout = f"{naam} is een lijst; gebruik @{naam}[i] (fout in de scenariodata)"
                raise ContextOntbreekt("", fout)
            return huidig
        return self.lijst(naam)[int(index)]

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
