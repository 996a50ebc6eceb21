"""The parties a zaak relates to: natuurlijk persoon, medewerker, vestiging, ... (DIGEST c.7.5).

Each kind has the kerngegeven that identifies it in StUF (DIGEST c.7.3): NPS by ``bsn``, MDW by
``identificatie``, VES by ``vestigingsnummer``, OEH by ``identificatie``, NNP by ``inn_nnp_id``.
RZS allows a medewerker with only ``achternaam`` (DIGEST g.14), so ``sleutel`` may be None there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class Adres:
    """``BG:verblijfsadres`` (binnenland) as RZS transmits it."""

    aoa_identificatie: str | None = None
    authentiek: str | None = None
    woonplaatsnaam: str | None = None
    openbare_ruimte_naam: str | None = None
    straatnaam: str | None = None
    postcode: str | None = None
    huisnummer: str | None = None
    huisletter: str | None = None
    huisnummertoevoeging: str | None = None
    locatiebeschrijving: str | None = None


@dataclass(frozen=True, slots=True)
class BuitenlandsAdres:
    """``BG:sub.verblijfBuitenland``."""

    landnaam: str | None = None
    adres_buitenland_1: str | None = None
    adres_buitenland_2: str | None = None
    adres_buitenland_3: str | None = None


@dataclass(frozen=True, slots=True)
class NatuurlijkPersoon:
    bsn: str
    geslachtsnaam: str | None = None
    voorvoegsel_geslachtsnaam: str | None = None
    voorletters: str | None = None
    voornamen: str | None = None
    geslachtsaanduiding: str | None = None
    geboortedatum: str | None = None
    verblijfsadres: Adres | None = None
    verblijf_buitenland: BuitenlandsAdres | None = None

    soort = "NPS"

    @property
    def sleutel(self) -> str:
        return self.bsn


@dataclass(frozen=True, slots=True)
class Medewerker:
    identificatie: str | None = None
    achternaam: str | None = None
    voorletters: str | None = None
    voorvoegsel_achternaam: str | None = None

    soort = "MDW"

    @property
    def sleutel(self) -> str | None:
        return self.identificatie


@dataclass(frozen=True, slots=True)
class Vestiging:
    vestigingsnummer: str | None = None
    handelsnaam: str | None = None
    verblijfsadres: Adres | None = None
    verblijf_buitenland: BuitenlandsAdres | None = None

    soort = "VES"

    @property
    def sleutel(self) -> str | None:
        return self.vestigingsnummer


@dataclass(frozen=True, slots=True)
class OrganisatorischeEenheid:
    identificatie: str | None = None
    naam: str | None = None

    soort = "OEH"

    @property
    def sleutel(self) -> str | None:
        return self.identificatie


@dataclass(frozen=True, slots=True)
class NietNatuurlijkPersoon:
    inn_nnp_id: str | None = None
    statutaire_naam: str | None = None

    soort = "NNP"

    @property
    def sleutel(self) -> str | None:
        return self.inn_nnp_id


@dataclass(frozen=True, slots=True)
class OverigObject:
    """A zaakobject of a kind RZS does not interpret (buurt, pand, ...), kept as ordered fields.

    ``soort`` is the StUF entiteittype, ``element`` the gerelateerde element name; ``velden`` are
    (path, value) pairs of the leaf elements in the order received, so the object is returned
    exactly as it was sent.
    """

    soort: str
    element: str
    sleutel: str | None = None
    velden: tuple[tuple[str, str], ...] = field(default_factory=tuple)


Gerelateerde = (
    NatuurlijkPersoon
    | Medewerker
    | Vestiging
    | OrganisatorischeEenheid
    | NietNatuurlijkPersoon
    | OverigObject
)


class Rol(StrEnum):
    """Betrokkene roles of a zaak; values are the StUF-ZKN relation element names."""

    BELANGHEBBENDE = "heeftAlsBelanghebbende"
    GEMACHTIGDE = "heeftAlsGemachtigde"
    INITIATOR = "heeftAlsInitiator"
    UITVOERENDE = "heeftAlsUitvoerende"
    VERANTWOORDELIJKE = "heeftAlsVerantwoordelijke"
    OVERIG_BETROKKENE = "heeftAlsOverigBetrokkene"


#: StUF entiteittype of each role relation (ZAKBTR + role), DIGEST c.6.
ROL_ENTITEITTYPE: dict[Rol, str] = {
    Rol.BELANGHEBBENDE: "ZAKBTRBLH",
    Rol.GEMACHTIGDE: "ZAKBTRGMC",
    Rol.INITIATOR: "ZAKBTRINI",
    Rol.UITVOERENDE: "ZAKBTRUTV",
    Rol.VERANTWOORDELIJKE: "ZAKBTRVRA",
    Rol.OVERIG_BETROKKENE: "ZAKBTROVR",
}


@dataclass(frozen=True, slots=True)
class Betrokkene:
    """A role relation of the zaak (ZAKBTR*): who, in which role, with the relation's own data."""

    rol: Rol
    gerelateerde: Gerelateerde
    code: str | None = None
    omschrijving: str | None = None
    toelichting: str | None = None

    def identificeert(self, other: Betrokkene) -> bool:
        """Same role and same party: how oud/huidig relations are matched (DIGEST c.7.3, g.14)."""
        return self.rol == other.rol and zelfde_partij(self.gerelateerde, other.gerelateerde)


@dataclass(frozen=True, slots=True)
class Zaakobject:
    """``heeftBetrekkingOp`` (ZAKOBJ): what the zaak is about; in RZS the cliënt(en)."""

    gerelateerde: Gerelateerde
    omschrijving: str | None = None

    def identificeert(self, other: Zaakobject) -> bool:
        return zelfde_partij(self.gerelateerde, other.gerelateerde)


def zelfde_partij(a: Gerelateerde, b: Gerelateerde) -> bool:
    """Two gerelateerden denote the same party: same kind and same kerngegeven.

    A medewerker without identificatie is matched on achternaam + voorletters (DIGEST g.14).
    """
    if type(a) is not type(b):
        return False
    if isinstance(a, OverigObject) and isinstance(b, OverigObject):
        return a.soort == b.soort and (a.sleutel == b.sleutel if a.sleutel else a.velden == b.velden)
    if a.sleutel is not None or b.sleutel is not None:
        return a.sleutel == b.sleutel
    if isinstance(a, Medewerker) and isinstance(b, Medewerker):
        return (a.achternaam, a.voorletters) == (b.achternaam, b.voorletters)
    return a == b
