"""Abonnementenbeheer: gebeurtenissen and subscriptions (DIGEST a.2, a.3, d.7, d.8, g.3, g.4, g.19).

A notification says only *that* something happened to a zaak (identificatie, zaaktype,
gebeurtenis, status); who gets one is decided per (zaaktype, gebeurtenis) by the subscriptions,
minus the application whose message caused the event (echo suppression).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

#: Matches every zaaktype or every gebeurtenis in a subscription.
ALLE = "*"


class Gebeurtenis(StrEnum):
    """The value list of the ``gebeurtenis`` extra-element (DIGEST d.7, appendix D); case- and
    space-exact. maakZaakdocument has no value of its own: ``Voeg zaakdocument toe`` (g.4)."""

    CREEER_ZAAK = "Creeer zaak"
    UPDATE_ZAAK = "Update zaak"
    ACTUALISEER_ZAAKSTATUS = "Actualiseer zaakstatus"
    VOEG_ZAAKDOCUMENT_TOE = "Voeg zaakdocument toe"
    UPDATE_ZAAKDOCUMENT = "Update zaakdocument"


@dataclass(frozen=True, slots=True)
class Abonnement:
    """Notifications about zaken of ``zaaktype`` (code or ``*``) on ``gebeurtenis`` (value or
    ``*``) go to ``bestemming`` (an RZS OntvangAsynchroon endpoint), addressed to ``ontvanger``."""

    zaaktype: str
    gebeurtenis: str
    bestemming: str
    ontvanger_applicatie: str
    ontvanger_organisatie: str | None = None
    actief: bool = True
    id: int | None = None
    #: Only notifications about a voorziening with this ``voorzieningGebeurtenis`` (issue 9);
    #: None: every notification.
    voorziening_gebeurtenis: str | None = None

    def past_bij(
        self, zaaktype: str | None, gebeurtenis: str, voorziening_gebeurtenis: str | None = None
    ) -> bool:
        if not self.actief:
            return False
        if self.voorziening_gebeurtenis not in {None, voorziening_gebeurtenis}:
            return False
        zaaktype_past = self.zaaktype == ALLE or (zaaktype is not None and self.zaaktype == zaaktype)
        return zaaktype_past and self.gebeurtenis in {ALLE, gebeurtenis}

    def is_van(self, applicatie: str | None, organisatie: str | None) -> bool:
        """Is the ontvanger the application that caused the event? Applicatie decides; organisatie
        only when both sides name one (DIGEST g.19)."""
        if not applicatie or applicatie != self.ontvanger_applicatie:
            return False
        return not (organisatie and self.ontvanger_organisatie and organisatie != self.ontvanger_organisatie)


def ontvangers(
    abonnementen: list[Abonnement],
    zaaktype: str | None,
    gebeurtenis: str,
    *,
    afzender_applicatie: str | None,
    afzender_organisatie: str | None = None,
    voorziening_gebeurtenis: str | None = None,
) -> list[Abonnement]:
    """The subscriptions a notification goes to: matching, active, not the originator, and one
    per (bestemming, ontvanger) even when a specific and a ``*`` subscription both match."""
    gekozen: dict[tuple[str, str, str | None], Abonnement] = {}
    for abonnement in abonnementen:
        if not abonnement.past_bij(zaaktype, gebeurtenis, voorziening_gebeurtenis):
            continue
        if abonnement.is_van(afzender_applicatie, afzender_organisatie):
            continue
        sleutel = (abonnement.bestemming, abonnement.ontvanger_applicatie, abonnement.ontvanger_organisatie)
        gekozen.setdefault(sleutel, abonnement)
    return list(gekozen.values())
