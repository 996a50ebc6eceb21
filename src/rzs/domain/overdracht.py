"""overdragenZaak: a regiesysteem hands a deelplan-zaak to a backoffice, which later accepts or
refuses it (DIGEST d.6, g.28). One record per Di01, on either side."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Richting(StrEnum):
    #: We received the Di01 (backoffice role) and answer it with a Du01.
    IN = "in"
    #: We sent the Di01 (regiesysteem role) and expect a Du01.
    UIT = "uit"


class OverdrachtStatus(StrEnum):
    ONTVANGEN = "ontvangen"
    VERSTUURD = "verstuurd"
    GEACCEPTEERD = "geaccepteerd"
    GEWEIGERD = "geweigerd"


#: ``ZKN:antwoord`` of a Du01 (schema enumeration OverdrachtAntwoord) <-> status.
ANTWOORDEN: dict[str, OverdrachtStatus] = {
    "Overdracht geaccepteerd": OverdrachtStatus.GEACCEPTEERD,
    "Overdracht geweigerd": OverdrachtStatus.GEWEIGERD,
}


@dataclass(frozen=True, slots=True)
class Overdracht:
    zaak_identificatie: str
    richting: Richting
    #: Referentienummer of the Di01.
    referentienummer: str
    #: Zender and ontvanger of the Di01, as ``Systeem.sleutel`` (organisatie|applicatie|...).
    zender: str
    ontvanger: str
    status: OverdrachtStatus
    melding: str | None = None
    bevestiging_referentienummer: str | None = None
    id: int | None = None
    aangemaakt: datetime | None = None
    bijgewerkt: datetime | None = None

    @property
    def is_beantwoord(self) -> bool:
        return self.status in {OverdrachtStatus.GEACCEPTEERD, OverdrachtStatus.GEWEIGERD}
