"""Data builders for the store tests: a zaaktype and a zaak with every field and relation kind."""

from __future__ import annotations

from rzs.domain.betrokkenen import (
    Adres,
    Betrokkene,
    BuitenlandsAdres,
    Medewerker,
    NatuurlijkPersoon,
    NietNatuurlijkPersoon,
    OrganisatorischeEenheid,
    OverigObject,
    Rol,
    Vestiging,
    Zaakobject,
)
from rzs.domain.zaak import (
    AnderZaakObject,
    Kenmerk,
    Opschorting,
    Resultaat,
    Status,
    Verlenging,
    Zaak,
    ZaakRelatie,
    ZaakRelatieSoort,
)
from rzs.domain.zaaktype import PlanSoort, Statustype, Zaaktype

BSN = "111222333"
GML_PUNT = '<gml:Point xmlns:gml="http://www.opengis.net/gml"><gml:pos>1 2</gml:pos></gml:Point>'


def zaaktype(code: str = "GZP", omschrijving: str = "Opstellen en uitvoeren gezinsplan") -> Zaaktype:
    return Zaaktype(
        code=code,
        omschrijving=omschrijving,
        plansoort=PlanSoort.GEZINSPLAN,
        ingangsdatum="20150216",
        statustypen=(
            Statustype(1, "Signaal geregistreerd"),
            Statustype(2, "Gezinsplan opgesteld", code="OPG"),
            Statustype(3, "Zaak afgerond"),
        ),
    )


def adres() -> Adres:
    return Adres(
        aoa_identificatie="0363200000123456",
        authentiek="J",
        woonplaatsnaam="Amsterdam",
        openbare_ruimte_naam="Amstel",
        straatnaam="Amstel",
        postcode="1011PN",
        huisnummer="1",
        huisletter="A",
        huisnummertoevoeging="bis",
        locatiebeschrijving="achterom",
    )


def natuurlijk_persoon(bsn: str = BSN) -> NatuurlijkPersoon:
    return NatuurlijkPersoon(
        bsn=bsn,
        geslachtsnaam="Jansen",
        voorvoegsel_geslachtsnaam="van",
        voorletters="J",
        voornamen="Jan",
        geslachtsaanduiding="M",
        geboortedatum="19800101",
        verblijfsadres=adres(),
    )


def medewerker() -> Medewerker:
    return Medewerker(
        identificatie="MW001", achternaam="Pietersen", voorletters="P", voorvoegsel_achternaam="de"
    )


def vestiging() -> Vestiging:
    return Vestiging(
        vestigingsnummer="000012345678",
        handelsnaam="Zorg BV",
        verblijf_buitenland=BuitenlandsAdres(
            landnaam="België", adres_buitenland_1="Grote Markt 1", adres_buitenland_2="1000 Brussel"
        ),
    )


def overig_object() -> OverigObject:
    return OverigObject(
        soort="PND",
        element="pand",
        sleutel="0363100012345678",
        velden=(("identificatie", "0363100012345678"), ("bouwjaar", "1900"), ("status", "in gebruik")),
    )


def volledige_zaak(identificatie: str = "0363000000000001", type_: Zaaktype | None = None) -> Zaak:
    """Every scalar set, every optional part present, every gerelateerde kind in a list."""
    return Zaak(
        identificatie=identificatie,
        zaaktype=type_ or zaaktype(),
        startdatum="20240101",
        registratiedatum="20240102",
        omschrijving="Gezinsplan familie",
        toelichting="Met spoed",
        publicatiedatum="20240103",
        einddatum_gepland="20241231",
        uiterlijke_einddatum="20250131",
        einddatum="20241130",
        betalingsindicatie="N.v.t.",
        laatste_betaaldatum="20240601",
        archiefnominatie="J",
        datum_vernietiging_dossier="20340101",
        zaakniveau=1,
        deelzaken_indicatie="J",
        resultaat=Resultaat(omschrijving="Toegekend", toelichting="Volledig"),
        opschorting=Opschorting(indicatie="J", reden="Wacht op informatie"),
        verlenging=Verlenging(duur=14, reden="Complex"),
        kenmerken=[Kenmerk("K-1", "Burgerzaken"), Kenmerk("K-0", "Archief")],
        andere_zaakobjecten=[
            AnderZaakObject(
                omschrijving="Speeltuin",
                aanduiding="Vondelpark",
                lokatie=GML_PUNT,
                registratie="BGT",
            )
        ],
        zaakobjecten=[
            Zaakobject(natuurlijk_persoon(), omschrijving="Client"),
            Zaakobject(overig_object()),
        ],
        betrokkenen=[
            Betrokkene(
                Rol.INITIATOR, natuurlijk_persoon(), code="INI", omschrijving="Aanvrager", toelichting="Zelf"
            ),
            Betrokkene(Rol.BELANGHEBBENDE, natuurlijk_persoon("999888777")),
            Betrokkene(Rol.UITVOERENDE, medewerker()),
            Betrokkene(Rol.OVERIG_BETROKKENE, Medewerker(achternaam="Zonder", voorletters="Z")),
            Betrokkene(Rol.GEMACHTIGDE, vestiging()),
            Betrokkene(Rol.VERANTWOORDELIJKE, OrganisatorischeEenheid(identificatie="OE1", naam="Wijkteam")),
            Betrokkene(
                Rol.OVERIG_BETROKKENE, NietNatuurlijkPersoon(inn_nnp_id="123456789", statutaire_naam="St.")
            ),
            Betrokkene(Rol.OVERIG_BETROKKENE, overig_object()),
        ],
        relaties=[
            ZaakRelatie(ZaakRelatieSoort.HOOFDZAAK, "0363000000000900"),
            ZaakRelatie(ZaakRelatieSoort.DEELZAAK, "0363000000000901"),
            ZaakRelatie(ZaakRelatieSoort.BETREKKING_OP_ANDERE, "0999000000000001"),
        ],
        statussen=[
            Status(
                2,
                "Gezinsplan opgesteld",
                "20240301120000000",
                toelichting="Na overleg",
                gezet_door=medewerker(),
            ),
            Status(1, "Signaal geregistreerd", "20240102090000", gezet_door=OrganisatorischeEenheid("OE1")),
            Status(3, "Zaak afgerond", "20241130170000"),
        ],
    )


def kale_zaak(identificatie: str, type_: Zaaktype | None = None) -> Zaak:
    return Zaak(identificatie=identificatie, zaaktype=type_ or zaaktype())
