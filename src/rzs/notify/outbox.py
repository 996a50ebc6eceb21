"""Putting a message in the outbox, inside the caller's transaction (STYLE "Our shape").

The row is part of the same unit of work as the change it announces: committed with it, rolled
back with it. Delivery is ``worker.py``'s job, after commit, so a Bv03 never waits for a
subscriber and a subscriber never hears of a change that did not happen.
"""

from __future__ import annotations

from lxml import etree

from rzs.store import NieuwBericht, OutboxRepository
from rzs.stuf import stuurgegevens as sg
from rzs.stuf.rzsberichten import SOAPACTIONS

#: ``soort`` of an outbox row, per message element: what the CLI shows.
SOORTEN = {
    "notificeerOverZaak_Di01": "notificatie",
    "overdragenZaak_Di01": "overdracht",
    "overdragenZaak_Du01": "bevestiging",
}


class Outbox:
    def __init__(self, repository: OutboxRepository) -> None:
        self._repository = repository

    def plaats(self, bericht: etree._Element, *, bestemming: str, zaak_identificatie: str | None) -> str:
        """Queue ``bericht`` (an RZS message with complete stuurgegevens) for ``bestemming``, with
        the WSDL soapAction of its element; returns its referentienummer."""
        gegevens = sg.lees(bericht)
        if gegevens is None or not gegevens.referentienummer or gegevens.ontvanger is None:
            raise ValueError("Een uitgaand bericht heeft stuurgegevens met ontvanger en referentienummer")
        tag = etree.QName(bericht).text
        self._repository.add(
            NieuwBericht(
                soort=SOORTEN.get(etree.QName(bericht).localname, "bericht"),
                referentienummer=gegevens.referentienummer,
                zaak_identificatie=zaak_identificatie,
                ontvanger=gegevens.ontvanger.applicatie,
                bestemming=bestemming,
                soapaction=SOAPACTIONS[tag],
                bericht=etree.tostring(bericht, encoding="UTF-8"),
            )
        )
        return gegevens.referentienummer
