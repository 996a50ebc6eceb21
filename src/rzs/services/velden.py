"""Which XML element holds which domain field: the one table used for reading AND writing.

StUF-ZKN names (``inp.bsn``, ``vestigingsNummer``, ``einddatumGepland``) map to snake_case
domain attributes; the namespace of each element is recorded because NPS and VES children are
``BG:`` elements while MDW and OEH children are ``ZKN:`` (DIGEST c.7.5).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rzs import ns
from rzs.domain.betrokkenen import (
    Adres,
    BuitenlandsAdres,
    Medewerker,
    NatuurlijkPersoon,
    NietNatuurlijkPersoon,
    OrganisatorischeEenheid,
    Vestiging,
)
from rzs.domain.zaak import ZaakRelatieSoort


@dataclass(frozen=True, slots=True)
class Veld:
    element: str
    attribuut: str
    namespace: str
    #: For a group element (verblijfsadres): the class and fields of its content.
    groep: Groep | None = None

    #: Clark name of the element, computed once (the answer writer asks for it per value).
    tag: str = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "tag", ns.qname(self.namespace, self.element))


@dataclass(frozen=True, slots=True)
class Groep:
    cls: type
    velden: tuple[Veld, ...]
    _op_element: dict[str, Veld] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # The first field of an element name wins, as the linear search it replaces did.
        op_element: dict[str, Veld] = {}
        for veld in self.velden:
            op_element.setdefault(veld.element, veld)
        object.__setattr__(self, "_op_element", op_element)

    def veld(self, element: str) -> Veld | None:
        return self._op_element.get(element)


def _velden(namespace: str, paren: list[tuple[str, str]]) -> tuple[Veld, ...]:
    return tuple(Veld(element, attribuut, namespace) for element, attribuut in paren)


ADRES = Groep(
    Adres,
    _velden(
        ns.BG,
        [
            ("aoa.identificatie", "aoa_identificatie"),
            ("authentiek", "authentiek"),
            ("wpl.woonplaatsNaam", "woonplaatsnaam"),
            ("gor.openbareRuimteNaam", "openbare_ruimte_naam"),
            ("gor.straatnaam", "straatnaam"),
            ("aoa.postcode", "postcode"),
            ("aoa.huisnummer", "huisnummer"),
            ("aoa.huisletter", "huisletter"),
            ("aoa.huisnummertoevoeging", "huisnummertoevoeging"),
            ("inp.locatiebeschrijving", "locatiebeschrijving"),
        ],
    ),
)

BUITENLANDS_ADRES = Groep(
    BuitenlandsAdres,
    _velden(
        ns.BG,
        [
            ("lnd.landnaam", "landnaam"),
            ("sub.adresBuitenland1", "adres_buitenland_1"),
            ("sub.adresBuitenland2", "adres_buitenland_2"),
            ("sub.adresBuitenland3", "adres_buitenland_3"),
        ],
    ),
)

_ADRES_VELDEN = (
    Veld("verblijfsadres", "verblijfsadres", ns.BG, ADRES),
    Veld("sub.verblijfBuitenland", "verblijf_buitenland", ns.BG, BUITENLANDS_ADRES),
)


@dataclass(frozen=True, slots=True)
class Soort:
    """A kind of gerelateerde: its element name inside ``gerelateerde``, entiteittype and fields."""

    element: str
    entiteittype: str
    groep: Groep
    #: The kerngegeven element that identifies it (DIGEST c.7.3).
    sleutel: str = ""
    extra: tuple[Veld, ...] = field(default_factory=tuple)


SOORTEN: tuple[Soort, ...] = (
    Soort(
        "natuurlijkPersoon",
        "NPS",
        Groep(
            NatuurlijkPersoon,
            _velden(
                ns.BG,
                [
                    ("inp.bsn", "bsn"),
                    ("geslachtsnaam", "geslachtsnaam"),
                    ("voorvoegselGeslachtsnaam", "voorvoegsel_geslachtsnaam"),
                    ("voorletters", "voorletters"),
                    ("voornamen", "voornamen"),
                    ("geslachtsaanduiding", "geslachtsaanduiding"),
                    ("geboortedatum", "geboortedatum"),
                ],
            )
            + _ADRES_VELDEN,
        ),
        sleutel="inp.bsn",
    ),
    Soort(
        "medewerker",
        "MDW",
        Groep(
            Medewerker,
            _velden(
                ns.ZKN,
                [
                    ("identificatie", "identificatie"),
                    ("achternaam", "achternaam"),
                    ("voorletters", "voorletters"),
                    ("voorvoegselAchternaam", "voorvoegsel_achternaam"),
                ],
            ),
        ),
        sleutel="identificatie",
    ),
    Soort(
        "vestiging",
        "VES",
        Groep(
            Vestiging,
            _velden(ns.BG, [("vestigingsNummer", "vestigingsnummer"), ("handelsnaam", "handelsnaam")])
            + _ADRES_VELDEN,
        ),
        sleutel="vestigingsNummer",
    ),
    Soort(
        "organisatorischeEenheid",
        "OEH",
        Groep(
            OrganisatorischeEenheid, _velden(ns.ZKN, [("identificatie", "identificatie"), ("naam", "naam")])
        ),
        sleutel="identificatie",
    ),
    Soort(
        "nietNatuurlijkPersoon",
        "NNP",
        Groep(
            NietNatuurlijkPersoon,
            _velden(ns.BG, [("inn.nnpId", "inn_nnp_id"), ("statutaireNaam", "statutaire_naam")]),
        ),
        sleutel="inn.nnpId",
    ),
)

SOORT_PER_ELEMENT: dict[str, Soort] = {s.element: s for s in SOORTEN}
SOORT_PER_CLASS: dict[type, Soort] = {s.groep.cls: s for s in SOORTEN}


#: ZAK attributes in kennisgeving/antwoord order (DIGEST c.7.5); groups are handled separately.
ZAAK_VELDEN: tuple[Veld, ...] = _velden(
    ns.ZKN,
    [
        ("identificatie", "identificatie"),
        ("omschrijving", "omschrijving"),
        ("toelichting", "toelichting"),
        ("startdatum", "startdatum"),
        ("registratiedatum", "registratiedatum"),
        ("publicatiedatum", "publicatiedatum"),
        ("einddatumGepland", "einddatum_gepland"),
        ("uiterlijkeEinddatum", "uiterlijke_einddatum"),
        ("einddatum", "einddatum"),
        ("betalingsIndicatie", "betalingsindicatie"),
        ("laatsteBetaaldatum", "laatste_betaaldatum"),
        ("archiefnominatie", "archiefnominatie"),
        ("datumVernietigingDossier", "datum_vernietiging_dossier"),
        ("zaakniveau", "zaakniveau"),
        ("deelzakenIndicatie", "deelzaken_indicatie"),
    ],
)
ZAAK_VELD: dict[str, Veld] = {v.element: v for v in ZAAK_VELDEN}

#: Relation element -> entiteittype, for every relation of ZAK we read or write.
RELATIE_ENTITEITTYPE: dict[str, str] = {
    "isVan": "ZAKZKT",
    "heeftBetrekkingOp": "ZAKOBJ",
    "heeftAlsBelanghebbende": "ZAKBTRBLH",
    "heeftAlsGemachtigde": "ZAKBTRGMC",
    "heeftAlsInitiator": "ZAKBTRINI",
    "heeftAlsUitvoerende": "ZAKBTRUTV",
    "heeftAlsVerantwoordelijke": "ZAKBTRVRA",
    "heeftAlsOverigBetrokkene": "ZAKBTROVR",
    ZaakRelatieSoort.DEELZAAK.value: "ZAKZAKDEL",
    ZaakRelatieSoort.HOOFDZAAK.value: "ZAKZAKHFD",
    ZaakRelatieSoort.BETREKKING_OP_ANDERE.value: "ZAKZAKBTR",
    "heeft": "ZAKSTT",
    "isGezetDoor": "ZAKSTTBTR",
}
