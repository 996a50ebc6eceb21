"""Strict or tolerant schema validation of a request body (``rzs serve --validatie``, issue 10).

``streng`` (the default): a body that is not conform our schemas gets StUF055, as always.
``tolerant``: only when strict validation has failed, the repairs of ``stuf/reparaties.py`` are
applied to a copy of the body, which is validated again; if it is valid now, the copy is
processed, every repair used is logged and counted per sender; otherwise the sender gets the
StUF055 of the *original* body. Strict validation runs first in both modes, so a valid message
costs the same and every strict verdict "valid" stays the same.
"""

from __future__ import annotations

import copy
import logging
import threading
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from lxml import etree

from rzs import metriek
from rzs.stuf import reparaties
from rzs.stuf.stuurgegevens import Systeem
from rzs.stuf.validatie import Schema, ongeldig

log = logging.getLogger(__name__)

#: Repair rounds at most: libxml2 may report a later finding only once an earlier one is gone.
_MAX_RONDES = 3


class Validatiemodus(StrEnum):
    STRENG = "streng"
    TOLERANT = "tolerant"


@dataclass(frozen=True, slots=True)
class Reparatiegebruik:
    """One key of the repair counter: which repair, for which sender (no person data)."""

    reparatie: str
    organisatie: str
    applicatie: str


class Reparatieteller:
    """How often each repair was used, per sender, since this process started.

    Process-local and thread-safe (one lock; the server handles requests in threads). Every count
    is exported as ``rzs_tolerante_reparaties`` too (``rzs.metriek``), which adds up the counts of
    all gunicorn workers for ``/metrics`` and ``/beheer``.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._tellingen: Counter[Reparatiegebruik] = Counter()

    def tel(self, gebruik: Reparatiegebruik) -> None:
        with self._lock:
            self._tellingen[gebruik] += 1
        metriek.REPARATIES.labels(gebruik.reparatie, gebruik.organisatie, gebruik.applicatie).inc()

    def stand(self) -> dict[Reparatiegebruik, int]:
        """A snapshot of the counts."""
        with self._lock:
            return dict(self._tellingen)


@dataclass(frozen=True, slots=True)
class Gevalideerd:
    """The body to process (the repaired copy, or the body itself) and the repairs it needed."""

    body: etree._Element
    reparaties: tuple[str, ...] = ()


class Validatie:
    def __init__(self, schema: Schema, modus: Validatiemodus, teller: Reparatieteller | None = None) -> None:
        self.schema = schema
        self.modus = modus
        self.teller = teller if teller is not None else Reparatieteller()

    def controleer(self, body: etree._Element, *, zender: Systeem | None, operatie: str) -> Gevalideerd:
        """The body to process, or StufFout StUF055 with the strict verdict's findings."""
        fouten = self.schema.bevindingen(body)
        if not fouten:
            return Gevalideerd(body)
        if self.modus is Validatiemodus.STRENG:
            raise ongeldig(fouten)
        kopie = copy.deepcopy(body)
        gebruikt: list[str] = []
        bevindingen = fouten
        for _ in range(_MAX_RONDES):
            toegepast = reparaties.repareer(kopie, bevindingen)
            if not toegepast:
                break
            gebruikt.extend(naam for naam in toegepast if naam not in gebruikt)
            bevindingen = self.schema.bevindingen(kopie)
            if not bevindingen:
                self._registreer(gebruikt, zender, operatie)
                return Gevalideerd(kopie, tuple(gebruikt))
        raise ongeldig(fouten)

    def _registreer(self, namen: list[str], zender: Systeem | None, operatie: str) -> None:
        organisatie = (zender.organisatie if zender else None) or "-"
        applicatie = zender.applicatie if zender else "-"
        for naam in namen:
            self.teller.tel(Reparatiegebruik(naam, organisatie, applicatie))
            log.info("reparatie naam=%s zender=%s/%s operatie=%s", naam, organisatie, applicatie, operatie)
