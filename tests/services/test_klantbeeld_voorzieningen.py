"""Integraal klantbeeld on voorziening fields (issue 9 "Reads", docs/voorzieningen.md "Integraal
klantbeeld"): a zakLv01 on a BSN with a ``VZ:voorzieningSelectie`` (schema 1.1) in the
``StUF:aanvullendeElementen`` of its gelijk returns only the person's zaken with a voorziening
(newest version) matching every given field; the answer carries each deelplan's levensdomeinplan,
so a regiesysteem groups it per leefdomein. The zaken are created with 1.0 voorzieningen.

One person, two levensdomeinplannen, three deelplan-zaken with a voorziening each:

=========  ======  =========  =====  ==========  ===========  ===================  ===============
zaak       domein  categorie  code   aanbieder   status       actief               levensdomein
=========  ======  =========  =====  ==========  ===========  ===================  ===============
hulp       WMO     01         01A01  12345678    toegewezen   20240201-20250131    wonen
vervoer    WMO     08         08A01  (geen)      aangevraagd  20240301-(open)      wonen
ambulant   JEUGD   45         45A03  34567890    geleverd     20240201-20240731    financiën
=========  ======  =========  =====  ==========  ===========  ===================  ===============
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from lxml import etree
from test_voorzieningen import (
    CREEER,
    antwoord,
    basis,
    bv03,
    container_van,
    creeer,
    enkel,
    met_voorzieningen,
    wijzig,
)
from test_zaken import maak_zaak, object_tekst

from rzs import ns, safexml
from rzs.domain.voorziening import intrekken
from support.messages import nieuwe_bsn
from support.schemas import assert_geldig
from support.server import RunningServer
from support.soap import Reply, SoapClient
from support.weigering import verwerp, verwerp_bericht

VRAAG = "voorzieningen/geefZaakdetails_klantbeeld_voorziening"
OPERATIE = "geefZaakdetails_Lv01"
#: Selection field -> its element in ``VZ:voorzieningSelectie``.
VELDEN = {
    "domein": "domein",
    "categorie": "categorie",
    "code": "code",
    "agbCode": "aanbieder",
    "status": "status",
    "peildatum": "peildatum",
}
WONEN, FINANCIEN = "Levensdomeinplan wonen familie Jansen", "Levensdomeinplan financiën"


@dataclass(frozen=True)
class Klant:
    bsn: str
    gezinsplan: str
    wonen: str
    financien: str
    hulp: str
    vervoer: str
    ambulant: str


def plan_van(soap: SoapClient, bsn: str) -> dict[str, str]:
    """A gezinsplan of ``bsn`` with one levensdomeinplan (financiën): the values of a deelplan."""
    gzp = maak_zaak(soap, "plannen/creeerZaak_gezinsplan_a", bsn_1=bsn, bsn_belanghebbende_1=nieuwe_bsn())
    ldp = maak_zaak(
        soap, "plannen/creeerZaak_levensdomeinplan_minimaal", bsn_1=bsn, gezinsplan_identificatie=gzp
    )
    return {"bsn_1": bsn, "gezinsplan_identificatie": gzp, "levensdomeinplan_identificatie": ldp}


@pytest.fixture(scope="module")
def klant(soap: SoapClient) -> Klant:
    bsn = nieuwe_bsn()
    plan = plan_van(soap, bsn)
    gzp, fin = plan["gezinsplan_identificatie"], plan["levensdomeinplan_identificatie"]
    wonen = maak_zaak(soap, "plannen/creeerZaak_levensdomeinplan_a", bsn_1=bsn, gezinsplan_identificatie=gzp)

    def deelplan(soort: str, ldp: str) -> str:
        waarden = {**plan, "levensdomeinplan_identificatie": ldp}
        return maak_zaak(soap, f"voorzieningen/creeerZaak_{soort}", **waarden)

    return Klant(
        bsn,
        gzp,
        wonen,
        fin,
        hulp=deelplan("wmo_huishoudelijke_hulp", wonen),
        vervoer=deelplan("wmo_vervoer", wonen),
        ambulant=deelplan("jeugd_ambulant", fin),
    )


def vraag(soap: SoapClient, bsn: str, **velden: str) -> bytes:
    """The template with only ``velden`` left in its voorzieningSelectie, set to these values."""
    body = safexml.parse(soap.bericht(VRAAG, bsn_1=bsn))
    selectie = next(body.iter(ns.vz("voorzieningSelectie")))
    for veld, naam in VELDEN.items():
        element = selectie.find(ns.vz(naam))
        assert element is not None
        if veld not in velden:
            selectie.remove(element)
        elif naam == "aanbieder":
            element[0].text = velden[veld]
        else:
            element.text = velden[veld]
    return etree.tostring(body)


def zaken(soap: SoapClient, bsn: str, **velden: str) -> Reply:
    reply = soap.stuur_bericht(OPERATIE, vraag(soap, bsn, **velden))
    assert reply.status == 200, reply.data[:1500]
    assert_geldig(reply.body)
    assert reply.body.find(ns.zkn("melding")) is None  # nothing of the selection ignored
    return reply


def gevonden(soap: SoapClient, bsn: str, **velden: str) -> list[str]:
    return object_tekst(zaken(soap, bsn, **velden), "ZKN:identificatie")


def test_lege_selectie_geeft_de_zaken_met_een_voorziening(soap: SoapClient, klant: Klant) -> None:
    """Gezinsplan and levensdomeinplannen carry no voorziening: only the deelplannen remain."""
    assert gevonden(soap, klant.bsn) == sorted([klant.hulp, klant.vervoer, klant.ambulant])


@pytest.mark.parametrize(
    ("velden", "verwacht"),
    [
        ({"domein": "WMO"}, ["hulp", "vervoer"]),
        ({"domein": "JEUGD"}, ["ambulant"]),
        ({"categorie": "08"}, ["vervoer"]),
        ({"categorie": "14"}, []),
        ({"code": "45A03"}, ["ambulant"]),
        ({"agbCode": "12345678"}, ["hulp"]),
        ({"agbCode": "99999999"}, []),
        ({"status": "aangevraagd"}, ["vervoer"]),
        ({"status": "geleverd"}, ["ambulant"]),
        # every field must hold for one and the same voorziening
        ({"domein": "JEUGD", "agbCode": "12345678"}, []),
        ({"domein": "WMO", "status": "toegewezen"}, ["hulp"]),
    ],
    ids=str,
)
def test_elk_veld_vernauwt(
    soap: SoapClient, klant: Klant, velden: dict[str, str], verwacht: list[str]
) -> None:
    assert gevonden(soap, klant.bsn, **velden) == sorted(getattr(klant, naam) for naam in verwacht)


def test_alle_velden(soap: SoapClient, klant: Klant) -> None:
    """The template as it is: WMO, 01, 01A01, 12345678, toegewezen, active on 20240601."""
    reply = soap.stuur(OPERATIE, VRAAG, bsn_1=klant.bsn)
    assert reply.status == 200, reply.data[:1500]
    assert object_tekst(reply, "ZKN:identificatie") == [klant.hulp]


@pytest.mark.parametrize(
    ("peildatum", "verwacht"),
    [
        ("20240131", []),  # the day before every ingangsdatum
        ("20240201", ["hulp", "ambulant"]),  # ingangsdatum itself counts
        ("20240301", ["hulp", "vervoer", "ambulant"]),
        ("20240731", ["hulp", "vervoer", "ambulant"]),  # einddatum itself counts
        ("20240801", ["hulp", "vervoer"]),  # the day after ambulant's einddatum
        ("20250201", ["vervoer"]),  # an open einddatum is active for ever
    ],
)
def test_peildatum(soap: SoapClient, klant: Klant, peildatum: str, verwacht: list[str]) -> None:
    assert gevonden(soap, klant.bsn, peildatum=peildatum) == sorted(getattr(klant, n) for n in verwacht)


def test_andermans_zaken_niet(soap: SoapClient, klant: Klant) -> None:
    assert gevonden(soap, nieuwe_bsn()) == []
    assert klant.hulp not in gevonden(soap, nieuwe_bsn(), domein="WMO")


def test_antwoord_per_leefdomein(soap: SoapClient, klant: Klant) -> None:
    """What a regiesysteem groups by (docs/voorzieningen.md): each deelplan's heeftBetrekkingOpAndere
    names its levensdomeinplan (zaaktype LDP) with the omschrijving; the voorzieningen come along."""
    reply = zaken(soap, klant.bsn)
    per_leefdomein: dict[str, list[str]] = {}
    for zaak in reply.body.iterfind(f"{ns.zkn('antwoord')}/{ns.zkn('object')}"):
        container = zaak.find(f"{ns.stuf('aanvullendeElementen')}/{ns.vz('voorzieningen')}")
        assert container is not None and container.get("versie") == "1.0"  # stored from 1.0 documents
        for relatie in zaak.iterfind(f"{ns.zkn('heeftBetrekkingOpAndere')}/{ns.zkn('gerelateerde')}"):
            if relatie.findtext(f"{ns.zkn('isVan')}/{ns.zkn('gerelateerde')}/{ns.zkn('code')}") == "LDP":
                leefdomein = relatie.findtext(ns.zkn("omschrijving")) or ""
                per_leefdomein.setdefault(leefdomein, []).append(zaak.findtext(ns.zkn("identificatie")) or "")
    assert per_leefdomein == {WONEN: sorted([klant.hulp, klant.vervoer]), FINANCIEN: [klant.ambulant]}


def test_alleen_de_nieuwste_versie_telt(soap: SoapClient) -> None:
    """An ingetrokken voorziening is no longer toegewezen: older versions do not match."""
    bsn = nieuwe_bsn()
    plan = plan_van(soap, bsn)
    zaak = creeer(soap, plan, basis())
    assert gevonden(soap, bsn, status="toegewezen") == [zaak]
    wijzig(soap, zaak, intrekken(basis(), einddatum="20240930", reden_wijziging="05"))
    assert gevonden(soap, bsn, status="toegewezen") == []
    assert gevonden(soap, bsn, status="ingetrokken") == [zaak]
    assert gevonden(soap, bsn, peildatum="20241001") == []  # the new, shorter einddatum counts


def test_selectie_alleen_vernauwt(soap: SoapClient, klant: Klant) -> None:
    """Without a BSN (or other criterion) a voorziening selection answers nothing, not every person."""
    body = safexml.parse(vraag(soap, klant.bsn, domein="WMO"))
    gelijk = body.find(ns.zkn("gelijk"))
    assert gelijk is not None
    gelijk.remove(gelijk.find(ns.zkn("heeftBetrekkingOp")))
    reply = soap.stuur_bericht(OPERATIE, etree.tostring(body))
    assert reply.status == 200, reply.data[:1500]
    assert reply.body.find(ns.zkn("antwoord")) is None


def test_container_versie_1_1_wordt_bewaard(soap: SoapClient) -> None:
    """A 1.1 voorzieningen container (the same content as 1.0) is accepted by the shipped WMO
    zaaktype and answered with the versie it came with; the 1.0 zaken above show 1.0 still works."""
    plan = plan_van(soap, nieuwe_bsn())
    zaak = soap.genereer_zaakidentificatie()
    bericht = met_voorzieningen(
        soap,
        "voorzieningen/creeerZaak_wmo_huishoudelijke_hulp",
        enkel(basis(), versie="1.1"),
        zaak_identificatie=zaak,
        **plan,
    )
    bv03(soap.stuur_bericht(CREEER, bericht))
    assert container_van(antwoord(soap, zaak)).get("versie") == "1.1"


# --- refused -----------------------------------------------------------------------------------


@pytest.mark.parametrize("naam", ["ongeldig_domein", "ongeldig_versie"])
def test_ongeldige_selectie(soap: SoapClient, server: RunningServer, klant: Klant, naam: str) -> None:
    reply = verwerp(
        soap,
        server,
        OPERATIE,
        f"voorzieningen/geefZaakdetails_klantbeeld_{naam}",
        "StUF055",
        berichtcode="Fo02",
        bsn_1=klant.bsn,
    )
    assert ns.VOORZIENING in reply.details or "versie" in reply.details


def test_peildatum_die_niet_bestaat(soap: SoapClient, server: RunningServer, klant: Klant) -> None:
    reply = verwerp_bericht(
        soap, server, OPERATIE, vraag(soap, klant.bsn, peildatum="20240230"), "StUF055", berichtcode="Fo02"
    )
    assert "peildatum" in reply.details


def test_ander_element_dan_de_selectie(soap: SoapClient, server: RunningServer, klant: Klant) -> None:
    """A foreign element beside the selection passes the lax schema wildcard, but we cannot select
    on it: refused, not ignored (ignoring a criterion would widen the answer about a person)."""
    body = safexml.parse(vraag(soap, klant.bsn, domein="WMO"))
    selectie = next(body.iter(ns.vz("voorzieningSelectie")))
    ander = etree.Element("{urn:voorbeeld:anders}selectie")
    ander.set(ns.stuf("schemaLocation"), "urn:voorbeeld:anders")
    selectie.addnext(ander)
    reply = verwerp_bericht(soap, server, OPERATIE, etree.tostring(body), "StUF055", berichtcode="Fo02")
    assert "voorzieningSelectie" in reply.details
