"""Voorzieningen end to end over HTTP (issue 9): creeerZaak with a voorziening, geefZaakdetails returns
it identical, updateZaak makes new versions (omvang and einddatum, toewijzing, intrekking), the
history keeps each version; every rule (VZ-02..VZ-18) and every schema error is refused with the
database unchanged; the zaaktype decides about namespaces; the extraElementen fallback stores the
same model (events: test_voorzieningen_gebeurtenissen.py).

Versions under test are built with the domain functions (``dataclasses.replace``, ``intrekken``)
and put into the template's ``StUF:aanvullendeElementen`` by the one writer the server uses.
"""

from __future__ import annotations

import dataclasses
from dataclasses import replace

import pytest
from lxml import etree
from test_voorzieningen_xml import zonder_opmaak
from test_zaken import maak_zaak

from rzs import cli, ns, safexml
from rzs.catalogus.codelijstbestand import CodelijstFout
from rzs.config import Settings
from rzs.domain.voorziening import (
    Aanbieder,
    Beschikking,
    Domein,
    Leveringsvorm,
    Omvang,
    Product,
    Toewijzing,
    Voorziening,
    Voorzieningen,
    VoorzieningStatus,
    intrekken,
)
from rzs.services.voorzieningen_xml import lees, schrijf
from support import messages
from support.schemas import assert_geldig
from support.server import RunningServer, run_server
from support.soap import STUF, Reply, SoapClient
from support.weigering import verwerp, verwerp_bericht

SOORTEN = list(messages.VOORZIENING_SOORTEN)
BASIS = "voorzieningen/creeerZaak_wmo_huishoudelijke_hulp"
UPDATE = "voorzieningen/updateZaak_voorziening"
SCOPE = "voorzieningen/geefZaakdetails_scope_aanvullendeElementen"
CREEER, WIJZIG = "creeerZaak_Lk01", "updateZaak_Lk01"


# --- helpers -----------------------------------------------------------------------------------


def maak_plan(soap: SoapClient) -> dict[str, str]:
    """A gezinsplan and levensdomeinplan the deelplan-zaken of the templates point at."""
    gzp = maak_zaak(soap, "zaken/creeerZaak_gezinsplan_minimaal")
    ldp = maak_zaak(soap, "plannen/creeerZaak_levensdomeinplan_minimaal", gezinsplan_identificatie=gzp)
    return {"gezinsplan_identificatie": gzp, "levensdomeinplan_identificatie": ldp}


@pytest.fixture(scope="module")
def plan(soap: SoapClient) -> dict[str, str]:
    return maak_plan(soap)


def container_van(body: etree._Element) -> etree._Element:
    """The (last) ``VZ:voorzieningen`` of a message or answer."""
    gevonden = body.findall(f".//{ns.stuf('aanvullendeElementen')}/{ns.vz('voorzieningen')}")
    assert gevonden, etree.tostring(body)[:1500]
    return gevonden[-1]


def template_container(naam: str) -> etree._Element:
    return container_van(safexml.parse(messages.message(naam)))


def met_voorzieningen(
    soap: SoapClient, template: str, voorzieningen: Voorzieningen, **values: object
) -> bytes:
    """The template filled, its (last) aanvullendeElementen holding ``voorzieningen`` instead."""
    body = safexml.parse(soap.bericht(template, **values))
    doel = body.findall(f".//{ns.stuf('aanvullendeElementen')}")[-1]
    for kind in list(doel):
        doel.remove(kind)
    doel.append(schrijf(voorzieningen))
    return etree.tostring(body)


def enkel(voorziening: Voorziening, *, versie: str = "1.0") -> Voorzieningen:
    return Voorzieningen(versie, lees(template_container(BASIS)).schema_location, (voorziening,))


def basis() -> Voorziening:
    return lees(template_container(BASIS)).voorzieningen[0]


def bv03(reply: Reply) -> None:
    assert reply.status == 200, reply.data[:1500]
    assert reply.body.tag == ns.stuf("Bv03Bericht")


def creeer(soap: SoapClient, plan: dict[str, str], voorziening: Voorziening, template: str = BASIS) -> str:
    zaak = soap.genereer_zaakidentificatie()
    bv03(
        soap.stuur_bericht(
            CREEER, met_voorzieningen(soap, template, enkel(voorziening), zaak_identificatie=zaak, **plan)
        )
    )
    return zaak


def wijzig(
    soap: SoapClient, zaak: str, voorziening: Voorziening, referentienummer: str | None = None
) -> None:
    waarden = {"referentienummer": referentienummer} if referentienummer else {}
    bv03(
        soap.stuur_bericht(
            WIJZIG, met_voorzieningen(soap, UPDATE, enkel(voorziening), zaak_identificatie=zaak, **waarden)
        )
    )


def antwoord(soap: SoapClient, zaak: str, template: str = SCOPE) -> etree._Element:
    reply = soap.stuur("geefZaakdetails_Lv01", template, zaak_identificatie=zaak)
    assert reply.status == 200, reply.data[:1500]
    assert_geldig(reply.body)
    return reply.body


def gelezen(soap: SoapClient, zaak: str) -> tuple[Voorziening, ...]:
    return lees(container_van(antwoord(soap, zaak))).voorzieningen


# --- round trip per kind -----------------------------------------------------------------------


def toewijzen(soap: SoapClient, zaak: str, v: Voorziening, versies: list[Voorziening]) -> Voorziening:
    """The backoffice's toewijzing: toekennen first when still aangevraagd, then a (newer)
    toewijzing for zorg in natura; a PGB has none (VZ-14), its commentaar changes instead."""
    stappen: list[Voorziening] = []
    if v.status is VoorzieningStatus.AANGEVRAAGD:
        v = replace(v, status=VoorzieningStatus.TOEGEKEND, beschikking=Beschikking(2024999, "20240305"))
        stappen.append(v)
    if v.leveringsvorm is Leveringsvorm.ZIN:
        status = VoorzieningStatus.TOEGEWEZEN if v.status is VoorzieningStatus.TOEGEKEND else v.status
        aanbieder = (
            v.aanbieder if v.aanbieder and v.aanbieder.agb_code else Aanbieder("56789012", "Vervoer BV")
        )
        v = replace(v, status=status, toewijzing=Toewijzing("20240310", "120000"), aanbieder=aanbieder)
    else:
        v = replace(v, commentaar="Budget toegekend en doorgegeven aan de SVB")
    stappen.append(v)
    for stap in stappen:
        wijzig(soap, zaak, stap)
        versies.append(stap)
    return v


@pytest.mark.parametrize("soort", SOORTEN)
def test_levensloop_per_soort(
    soap: SoapClient,
    server: RunningServer,
    plan: dict[str, str],
    soort: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    template = f"voorzieningen/{soort}"
    zaak = maak_zaak(soap, template, **plan)
    verzonden = template_container(template)
    assert zonder_opmaak(container_van(antwoord(soap, zaak))) == zonder_opmaak(verzonden)
    assert zonder_opmaak(
        container_van(antwoord(soap, zaak, "vragen/geefZaakdetails_scope_alles"))
    ) == zonder_opmaak(verzonden)

    v = lees(verzonden).voorzieningen[0]
    versies = [v]
    v = replace(
        v,
        omvang=replace(v.omvang, volume=v.omvang.volume + 1) if v.omvang else None,
        budget=v.budget + 10000 if v.budget is not None else None,
        einddatum="20291231",
        # An open einddatum that gets one ends earlier than "never": that needs a reden (VZ-10).
        reden_wijziging="03" if v.einddatum is None else v.reden_wijziging,
        geen_waarde=tuple((pad, reden) for pad, reden in v.geen_waarde if pad != "einddatum"),
    )
    wijzig(soap, zaak, v)
    versies.append(v)
    assert gelezen(soap, zaak) == (v,)

    v = toewijzen(soap, zaak, v, versies)
    assert gelezen(soap, zaak) == (v,)

    v = intrekken(v, einddatum="20291130", reden_wijziging="05")
    wijzig(soap, zaak, v, referentienummer="INTREKKING-" + zaak)
    versies.append(v)
    assert gelezen(soap, zaak) == (v,)
    assert zonder_opmaak(container_van(antwoord(soap, zaak))) == zonder_opmaak(schrijf(enkel(v)))

    with server.store.unit_of_work() as repos:
        historie = repos.voorzieningen.historie(zaak, v.nummer)
    assert [lees(safexml.parse(h.inhoud.encode())).voorzieningen[0] for h in historie] == versies
    assert [h.versie for h in historie] == list(range(1, len(versies) + 1))
    assert {h.herkomst.zender for h in historie} == {"0000/REGIE"}
    assert historie[-1].herkomst.referentienummer == "INTREKKING-" + zaak

    database = server.settings.effective_database_url
    assert (
        cli.main(
            ["voorzieningen", "historie", "--zaak", zaak, "--nummer", str(v.nummer), "--database", database]
        )
        == 0
    )
    regels = [r for r in capsys.readouterr().out.splitlines() if r.startswith("versie ")]
    assert len(regels) == len(versies)
    assert "bericht INTREKKING-" + zaak in regels[-1]
    assert "status ingetrokken" in regels[-1] and "einddatum" in regels[-1] and "redenWijziging" in regels[-1]
    assert "einddatum" in regels[1]


def test_zelfde_versie_nogmaals_maakt_geen_nieuwe(
    soap: SoapClient, server: RunningServer, plan: dict[str, str]
) -> None:
    zaak = creeer(soap, plan, basis())
    wijzig(soap, zaak, basis())
    with server.store.unit_of_work() as repos:
        assert len(repos.voorzieningen.historie(zaak, basis().nummer)) == 1


def test_voorziening_buiten_wordt_blijft_bestaan(soap: SoapClient, plan: dict[str, str]) -> None:
    """was/wordt per voorziening: an updateZaak naming only voorziening 2 leaves 1 as it is."""
    zaak = creeer(soap, plan, basis())
    tweede = replace(basis(), nummer=2002)
    wijzig(soap, zaak, tweede)
    assert gelezen(soap, zaak) == (basis(), tweede)


def test_zaak_zonder_voorzieningen_antwoordt_zonder_aanvullende_elementen(soap: SoapClient) -> None:
    zaak = maak_zaak(soap, "zaken/creeerZaak_gezinsplan_minimaal")
    assert antwoord(soap, zaak).find(f".//{ns.stuf('aanvullendeElementen')}") is None


# --- refusals: rules, schema, catalogue ----------------------------------------------------------


#: rule -> a voorziening (new, on a WMO zaak) that breaks it.
OVERTREDINGEN = {
    "VZ-02": lambda v: replace(v, einddatum=None),
    "VZ-03": lambda v: replace(v, einddatum="20240101"),
    "VZ-04": lambda v: replace(v, omvang=Omvang(3, "99", "2")),
    "VZ-05": lambda v: replace(v, product=Product("45", "45A03")),
    "VZ-06": lambda v: replace(v, product=Product("01", "02A01")),
    "VZ-07": lambda v: replace(v, reden_wijziging="01"),
    "VZ-08": lambda v: replace(v, reden_wijziging="13"),
    "VZ-10": lambda v: replace(v, status=VoorzieningStatus.INGETROKKEN),
    "VZ-11": lambda v: replace(v, beschikking=None),
    "VZ-12": lambda v: replace(
        v, aanbieder=Aanbieder(None, None), geen_waarde=(("aanbieder.naam", "waardeOnbekend"),)
    ),
    "VZ-13": lambda v: replace(v, aanbieder=Aanbieder(None, "Thuiszorg Voorbeeldstad")),
    "VZ-14": lambda v: replace(v, leveringsvorm=Leveringsvorm.PGB),
    "VZ-15": lambda v: replace(v, omvang=None),
    "VZ-16": lambda v: replace(v, product=Product("01", None)),
    "VZ-18": lambda v: replace(v, domein=Domein.JEUGD, product=Product("45", "45A03")),
}


def weiger_regel(soap: SoapClient, server: RunningServer, operatie: str, body: bytes, regel: str) -> None:
    reply = verwerp_bericht(soap, server, operatie, body, "StUF058")
    details = reply.fo.findtext("StUF:body/StUF:details", namespaces=STUF) or ""
    assert any(deel.startswith(f"{regel}: ") for deel in details.split("; ")), details


@pytest.mark.parametrize("regel", OVERTREDINGEN)
def test_regel_geweigerd(soap: SoapClient, server: RunningServer, plan: dict[str, str], regel: str) -> None:
    zaak = soap.genereer_zaakidentificatie()
    body = met_voorzieningen(
        soap, BASIS, enkel(OVERTREDINGEN[regel](basis())), zaak_identificatie=zaak, **plan
    )
    weiger_regel(soap, server, CREEER, body, regel)


def test_vz09_statusovergang_en_vz17_dubbel_nummer(
    soap: SoapClient, server: RunningServer, plan: dict[str, str]
) -> None:
    zaak = creeer(soap, plan, basis())
    terug = replace(basis(), status=VoorzieningStatus.AANGEVRAAGD)
    weiger_regel(
        soap, server, WIJZIG, met_voorzieningen(soap, UPDATE, enkel(terug), zaak_identificatie=zaak), "VZ-09"
    )
    dubbel = Voorzieningen("1.0", enkel(basis()).schema_location, (basis(), basis()))
    weiger_regel(
        soap, server, WIJZIG, met_voorzieningen(soap, UPDATE, dubbel, zaak_identificatie=zaak), "VZ-17"
    )
    korter = replace(basis(), einddatum="20241231")
    weiger_regel(
        soap, server, WIJZIG, met_voorzieningen(soap, UPDATE, enkel(korter), zaak_identificatie=zaak), "VZ-10"
    )


def test_vz01_omvang_en_budget_weigert_het_schema_al(
    soap: SoapClient, server: RunningServer, plan: dict[str, str]
) -> None:
    """VZ-01 is also a choice in our XSD, so the wire never gets as far as the rule: StUF055."""
    zaak = soap.genereer_zaakidentificatie()
    body = met_voorzieningen(
        soap, BASIS, enkel(replace(basis(), budget=1000)), zaak_identificatie=zaak, **plan
    )
    verwerp_bericht(soap, server, CREEER, body, "StUF055")


@pytest.mark.parametrize(
    "template",
    [
        "creeerZaak_ongeldig_domein",
        "creeerZaak_ongeldig_omvang_en_budget",
        "creeerZaak_ongeldig_datum",
        "creeerZaak_ongeldig_datum_iso",
        "creeerZaak_ongeldig_zonder_status",
        "creeerZaak_ongeldig_budget_in_euro",
        "creeerZaak_ongeldig_versie",
    ],
)
def test_schemafout_geweigerd(
    soap: SoapClient, server: RunningServer, plan: dict[str, str], template: str
) -> None:
    zaak = soap.genereer_zaakidentificatie()
    verwerp(soap, server, CREEER, f"voorzieningen/{template}", "StUF055", zaak_identificatie=zaak, **plan)


def test_onbestaande_datum_geweigerd(soap: SoapClient, server: RunningServer, plan: dict[str, str]) -> None:
    zaak = soap.genereer_zaakidentificatie()
    body = met_voorzieningen(
        soap, BASIS, enkel(replace(basis(), einddatum="20250230")), zaak_identificatie=zaak, **plan
    )
    verwerp_bericht(soap, server, CREEER, body, "StUF055")


def test_onbekende_namespace_standaard_geweigerd(
    soap: SoapClient, server: RunningServer, plan: dict[str, str]
) -> None:
    zaak = soap.genereer_zaakidentificatie()
    reply = verwerp(
        soap,
        server,
        CREEER,
        "voorzieningen/creeerZaak_wmo_andere_namespace",
        "StUF055",
        zaak_identificatie=zaak,
        **plan,
    )
    assert "urn:voorbeeld:anders" in (reply.fo.findtext("StUF:body/StUF:details", namespaces=STUF) or "")


def test_onbekende_namespace_bewaard_als_ingesteld(server: RunningServer, plan: dict[str, str]) -> None:
    settings = dataclasses.replace(server.settings, aanvullende_elementen_onbekend="bewaren")
    with run_server(settings) as bewarend:
        bsoap = SoapClient(bewarend.base_url)
        zaak = maak_zaak(bsoap, "voorzieningen/creeerZaak_wmo_andere_namespace", **plan)
        aanvullend = antwoord(bsoap, zaak).find(f".//{ns.stuf('aanvullendeElementen')}")
    assert aanvullend is not None
    verzonden = safexml.parse(messages.message("voorzieningen/creeerZaak_wmo_andere_namespace")).find(
        f".//{ns.stuf('aanvullendeElementen')}"
    )
    assert verzonden is not None
    assert [zonder_opmaak(k) for k in aanvullend] == [zonder_opmaak(k) for k in verzonden]


def test_zaaktype_zonder_voorzieningen_weigert(
    soap: SoapClient, server: RunningServer, plan: dict[str, str]
) -> None:
    """The gezinsplan zaaktype declares no aanvullende namespaces: StUF055 naming the namespace."""
    zaak = soap.genereer_zaakidentificatie()
    template = "voorzieningen/creeerZaak_gezinsplan_met_voorziening"
    reply = verwerp(soap, server, CREEER, template, "StUF055", zaak_identificatie=zaak)
    assert ns.VOORZIENING in (reply.fo.findtext("StUF:body/StUF:details", namespaces=STUF) or "")


def test_kapotte_codelijst_stopt_het_starten(tmp_path_factory: pytest.TempPathFactory) -> None:
    from rzs.app import prepare_store

    leeg = tmp_path_factory.mktemp("codelijsten")
    with pytest.raises(CodelijstFout, match="geen codelijsten"):
        prepare_store(Settings(data_dir=tmp_path_factory.mktemp("data"), codelijsten_dir=leeg))


# --- the extraElementen fallback -----------------------------------------------------------------


def test_extra_elementen_geven_hetzelfde_model(
    soap: SoapClient, server: RunningServer, plan: dict[str, str]
) -> None:
    extra = "voorzieningen/creeerZaak_jeugd_ambulant_extra_elementen"
    with run_server(dataclasses.replace(server.settings, voorzieningen_extra_elementen=True)) as aan:
        esoap = SoapClient(aan.base_url)
        zaak = maak_zaak(esoap, extra, **plan)
        opgeslagen = lees(container_van(antwoord(esoap, zaak)))
    assert opgeslagen == lees(template_container("voorzieningen/creeerZaak_jeugd_ambulant"))
    uit = maak_zaak(soap, extra, **plan)  # off by default: the extraElementen are left alone
    assert antwoord(soap, uit).find(f".//{ns.stuf('aanvullendeElementen')}") is None
