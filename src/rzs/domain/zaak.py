"""The zaak aggregate (RGBZ ZAAK as StUF-ZKN 3.10 transmits it, DIGEST c.7.5).

Dates are kept as the StUF strings (``JJJJMMDD``, tijdstippen ``JJJJMMDDuummss[mmm]``): they
compare correctly as strings and survive incomplete dates without conversion loss.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from rzs.domain.betrokkenen import Betrokkene, Medewerker, OrganisatorischeEenheid, Rol, Zaakobject
from rzs.domain.zaaktype import Zaaktype


@dataclass(frozen=True, slots=True)
class Kenmerk:
    kenmerk: str
    bron: str


@dataclass(frozen=True, slots=True)
class AnderZaakObject:
    omschrijving: str
    aanduiding: str
    #: ``ZKN:lokatie`` holds a GML geometry; kept as the opaque serialised fragment.
    lokatie: str
    registratie: str


@dataclass(frozen=True, slots=True)
class Resultaat:
    omschrijving: str | None = None
    toelichting: str | None = None


@dataclass(frozen=True, slots=True)
class Opschorting:
    indicatie: str
    reden: str


@dataclass(frozen=True, slots=True)
class Verlenging:
    duur: int
    reden: str


class ZaakRelatieSoort(StrEnum):
    """Zaak-zaak relations; values are the StUF-ZKN element names (DIGEST d.2)."""

    BETREKKING_OP_ANDERE = "heeftBetrekkingOpAndere"
    DEELZAAK = "heeftAlsDeelzaak"
    HOOFDZAAK = "heeftAlsHoofdzaak"


@dataclass(frozen=True, slots=True)
class ZaakRelatie:
    soort: ZaakRelatieSoort
    identificatie: str


@dataclass(frozen=True, slots=True)
class Status:
    """A ZAKSTT: the zaak reached statustype (volgnummer, omschrijving) at ``datum_status_gezet``."""

    volgnummer: int
    omschrijving: str
    datum_status_gezet: str
    toelichting: str | None = None
    gezet_door: Medewerker | OrganisatorischeEenheid | None = None


@dataclass(slots=True)
class Zaak:
    identificatie: str
    zaaktype: Zaaktype
    startdatum: str | None = None
    registratiedatum: str | None = None
    omschrijving: str | None = None
    toelichting: str | None = None
    publicatiedatum: str | None = None
    einddatum_gepland: str | None = None
    uiterlijke_einddatum: str | None = None
    einddatum: str | None = None
    betalingsindicatie: str | None = None
    laatste_betaaldatum: str | None = None
    archiefnominatie: str | None = None
    datum_vernietiging_dossier: str | None = None
    zaakniveau: int | None = None
    deelzaken_indicatie: str | None = None
    resultaat: Resultaat | None = None
    opschorting: Opschorting | None = None
    verlenging: Verlenging | None = None
    kenmerken: list[Kenmerk] = field(default_factory=list)
    andere_zaakobjecten: list[AnderZaakObject] = field(default_factory=list)
    zaakobjecten: list[Zaakobject] = field(default_factory=list)
    betrokkenen: list[Betrokkene] = field(default_factory=list)
    relaties: list[ZaakRelatie] = field(default_factory=list)
    statussen: list[Status] = field(default_factory=list)

    def betrokkenen_met_rol(self, rol: Rol) -> list[Betrokkene]:
        return [b for b in self.betrokkenen if b.rol == rol]

    @property
    def laatste_status(self) -> Status | None:
        """The status with the latest datumStatusGezet: indicatieLaatsteStatus J (DIGEST c.7.6).

        Derived rather than stored, so it can never disagree with the statussen.
        """
        return max(self.statussen, key=lambda s: (s.datum_status_gezet, s.volgnummer), default=None)
