"""StUF foutcodes and the one exception type that carries them.

The table below is StUF 03.01 Tabel 4.1 as used by RZS (DIGEST c.10, g.8). Domain rules and
services raise :class:`StufFout` (or a named subclass); ``wire/dispatch.py`` holds the only
``except StufFout`` and ``stuf/foutbericht.py`` turns it into a Fo02/Fo03 inside a SOAP Fault.

    code     plek    omschrijving
    StUF001  server  Versie StUF niet ondersteund
    StUF004  server  Sectormodel niet ondersteund
    StUF010  client  Combinatie van ontvangende organisatie, applicatie en administratie onbekend
    StUF013  client  Combinatie van zendende organisatie, applicatie en administratie onbekend
    StUF016  client  Combinatie zender en referentienummer niet uniek
    StUF022  client  Berichtcode onbekend
    StUF025  server  Berichtcode niet ondersteund
    StUF034  client  Functie onbekend binnen sectormodel
    StUF037  server  Functie niet ondersteund
    StUF043  client  Crossreferentienummer niet bekend
    StUF046  server  Opslaan bericht niet mogelijk
    StUF052  client  Zendend systeem niet geautoriseerd
    StUF055  client  Berichtbody is niet conform schema in sectormodel
    StUF058  server  Proces voor afhandelen bericht geeft fout
    StUF064  server  Object niet gevonden
    StUF067  server  Dubbelen voor object gevonden
    ... (the full list is FOUTCODES)

This module is a leaf: no lxml, no other rzs module.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Plek(StrEnum):
    """Where the fault lies; becomes SOAP faultcode Client/Server (DIGEST c.11)."""

    CLIENT = "client"
    SERVER = "server"


@dataclass(frozen=True, slots=True)
class Foutcode:
    code: str
    plek: Plek
    omschrijving: str


def _fc(code: str, plek: str, omschrijving: str) -> tuple[str, Foutcode]:
    return code, Foutcode(code, Plek(plek), omschrijving)


FOUTCODES: dict[str, Foutcode] = dict(
    [
        _fc("StUF001", "server", "Versie StUF niet ondersteund"),
        _fc("StUF004", "server", "Sectormodel niet ondersteund"),
        _fc("StUF007", "server", "Versie sectormodel niet ondersteund"),
        _fc(
            "StUF010",
            "client",
            "Combinatie van ontvangende organisatie, applicatie en administratie onbekend",
        ),
        _fc("StUF013", "client", "Combinatie van zendende organisatie, applicatie en administratie onbekend"),
        _fc("StUF016", "client", "Combinatie zender en referentienummer niet uniek"),
        _fc("StUF019", "client", "TijdstipBericht niet groter dan voorgaand TijdstipBericht van zender"),
        _fc("StUF022", "client", "Berichtcode onbekend"),
        _fc("StUF025", "server", "Berichtcode niet ondersteund"),
        _fc("StUF028", "client", "Entiteittype onbekend binnen sectormodel"),
        _fc("StUF031", "server", "Entiteittype niet ondersteund"),
        _fc("StUF034", "client", "Functie onbekend binnen sectormodel"),
        _fc("StUF037", "server", "Functie niet ondersteund"),
        _fc("StUF040", "server", "Combinatie van berichtcode, entiteittype en functie niet ondersteund"),
        _fc("StUF043", "client", "Crossreferentienummer niet bekend"),
        _fc("StUF046", "server", "Opslaan bericht niet mogelijk"),
        _fc("StUF049", "server", "Proces voor afhandelen synchroon bericht niet beschikbaar"),
        _fc(
            "StUF052",
            "client",
            "Het zendende systeem is niet geautoriseerd voor de gevraagde combinatie van berichtcode, "
            "entiteittype en functie",
        ),
        _fc("StUF055", "client", "Berichtbody is niet conform schema in sectormodel"),
        _fc("StUF058", "server", "Proces voor afhandelen bericht geeft fout"),
        _fc("StUF064", "server", "Object niet gevonden"),
        _fc("StUF067", "server", "Dubbelen voor object gevonden"),
        _fc("StUF076", "client", "<vanaf> en <totEnMet> bevatten niet dezelfde elementen"),
        _fc("StUF079", "client", "Element komt voor in zowel <gelijk> als <vanaf>/<totEnMet>"),
        _fc("StUF082", "client", "StUF:exact gebruikt op een element buiten <gelijk>"),
        _fc("StUF088", "client", "Meer dan een sleutel gespecificeerd als selectie"),
        _fc("StUF091", "client", "Een sleutel en andere elementen als selectie"),
        _fc("StUF097", "client", "Zowel attribute scope als inhoud in scope-element"),
        _fc("StUF103", "client", "indicatorVervolgvraag is true maar <start> ontbreekt of is onjuist"),
        _fc("StUF106", "client", "<start> bevat niet alle sorteerelementen"),
        _fc("StUF127", "server", "Gebruiker binnen zendend systeem onbekend"),
        _fc("StUF133", "server", "Antwoordend systeem ondersteunt gevraagde sortering niet"),
    ]
)


class StufFout(Exception):
    """A StUF error for the sender: code from FOUTCODES, plus ``details`` (max 1000 chars on the wire).

    ``details`` is for the sender and must never contain person data (BSN, names): it ends up in
    their logs and ours.
    """

    default_code = "StUF058"

    def __init__(self, details: str = "", *, code: str | None = None) -> None:
        self.foutcode = FOUTCODES[code or self.default_code]
        self.details = details
        super().__init__(f"{self.foutcode.code}: {details or self.foutcode.omschrijving}")

    @property
    def code(self) -> str:
        return self.foutcode.code

    @property
    def plek(self) -> Plek:
        return self.foutcode.plek


class OngeldigBericht(StufFout):
    """Body not conform the schema, or not XML at all (StUF055)."""

    default_code = "StUF055"


class ObjectNietGevonden(StufFout):
    """Zaak, zaaktype, statustype or gerelateerde that must exist does not (StUF064)."""

    default_code = "StUF064"


class ObjectBestaatAl(StufFout):
    """creeerZaak with an identificatie that is already a zaak (StUF067)."""

    default_code = "StUF067"


class Bedrijfsregel(StufFout):
    """A ZDS/RZS business rule is violated (StUF058, plek server per Tabel 4.1)."""

    default_code = "StUF058"


class ReferentieNietUniek(StufFout):
    """Same zender + referentienummer with other content (StUF016)."""

    default_code = "StUF016"


class OntvangerOnbekend(StufFout):
    default_code = "StUF010"


class ZenderOnbekend(StufFout):
    default_code = "StUF013"
