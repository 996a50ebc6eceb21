"""Messages of the reference client: template files under ``templates/`` filled with values.

The values a message needs beyond the run's own (identificaties, referentienummer) are defaults
here; a vendor replaces them by its own data. Every message carries a referentienummer unique for
this client and a strictly increasing tijdstipBericht (DIGEST c.2).
"""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from lxml import etree

from rzs.compliance import templates

TEMPLATES = Path(__file__).resolve().parent / "templates"

#: Example data: persons (BSNs pass the elfproef), medewerkers, vestigingen, zaaktypen (DIGEST e.3).
STANDAARD: dict[str, str] = {
    "zender_gebruiker": "regisseur01",
    "gezinsplan_zaaktype_code": "GZP",
    "gezinsplan_zaaktype_omschrijving": "Opstellen en uitvoeren gezinsplan",
    "levensdomeinplan_zaaktype_code": "LDP",
    "levensdomeinplan_zaaktype_omschrijving": "Opstellen en uitvoeren levensdomeinplan",
    "deelplan_zaaktype_code": "WMO",
    "deelplan_zaaktype_omschrijving": "Wmo maatwerkvoorziening",
    "generiek_zaaktype_code": "WMO",
    "generiek_zaaktype_omschrijving": "Wmo maatwerkvoorziening",
    "generiek_status_volgnummer": "2",
    "generiek_status_omschrijving": "Onderzoek uitgevoerd",
    "status_volgnummer": "2",
    "status_omschrijving": "Gezinsplan opgesteld",
    "datum": "20240115",
    "datum_nieuw": "20240201",
    "einddatumGepland_nieuw": "20310630",
    "bsn_1": "111222333",
    "bsn_2": "222333443",
    "bsn_3": "333444553",
    "bsn_belanghebbende_1": "444555663",
    "bsn_belanghebbende_2": "555666773",
    "bsn_belanghebbende_nieuw": "666777883",
    "medewerker_1": "MDW0001",
    "medewerker_2": "MDW0002",
    "medewerker_3": "MDW0003",
    "vestiging_1": "000012345678",
    "vestiging_2": "000023456789",
    "vestiging_nieuw": "000034567890",
    "toelichting_nieuw": "Alle gegevens gewijzigd door de Regiesysteem-referentieclient.",
    "document_titel": "Gezinsplan",
    "document_titel_nieuw": "Gezinsplan, herzien",
    "document_bestandsnaam": "gezinsplan.txt",
    "document_inhoud": "R2V6aW5zcGxhbiB2ZXJzaWUgMQ==",
    "document_inhoud_nieuw": "R2V6aW5zcGxhbiB2ZXJzaWUgMg==",
}


@dataclass(frozen=True, slots=True)
class Systeem:
    """A StUF identity: organisatie (gemeentecode) and applicatie."""

    organisatie: str
    applicatie: str

    @classmethod
    def van(cls, tekst: str) -> Systeem:
        organisatie, _, applicatie = tekst.partition("/")
        if not applicatie:
            raise ValueError(f"verwacht ORGANISATIE/APPLICATIE, niet {tekst!r}")
        return cls(organisatie, applicatie)


@dataclass
class Berichten:
    zender: Systeem
    ontvanger: Systeem
    waarden: dict[str, str] = field(default_factory=lambda: dict(STANDAARD))

    def __post_init__(self) -> None:
        self._prefix = f"CLIENT-{uuid.uuid4().hex[:8]}"
        self._teller = itertools.count(1)
        self._tijdstip = ""

    def referentienummer(self) -> str:
        return f"{self._prefix}-{next(self._teller):06d}"

    def tijdstip(self) -> str:
        nu = datetime.now(UTC).strftime("%Y%m%d%H%M%S%f")[:17]
        self._tijdstip = nu if nu > self._tijdstip else str(int(self._tijdstip) + 1)
        return self._tijdstip

    def maak(self, template: str, fragmenten: dict[str, str] | None = None, **waarden: str) -> etree._Element:
        """Fill ``templates/<template>.xml``: defaults, identities, fresh identifiers, then ``waarden``;
        ``fragmenten`` names the template of each ``<fragment naam>`` (a version of a voorziening)."""
        alles = {
            **self.waarden,
            "zender_organisatie": self.zender.organisatie,
            "zender_applicatie": self.zender.applicatie,
            "ontvanger_organisatie": self.ontvanger.organisatie,
            "ontvanger_applicatie": self.ontvanger.applicatie,
            "referentienummer": self.referentienummer(),
            "tijdstipBericht": self.tijdstip(),
            **waarden,
        }
        delen = {naam: TEMPLATES / f"{deel}.xml" for naam, deel in (fragmenten or {}).items()}
        return templates.fill(TEMPLATES / f"{template}.xml", alles, delen)
