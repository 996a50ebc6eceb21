"""Voorzieningen between XML and the domain model (unit level, no server): the six example kinds
read, pass the rules and write back identically; the extraElementen fallback gives the same model;
what the schema cannot check (calendar dates, schemaLocation) is refused with StUF055."""

from __future__ import annotations

import copy
from dataclasses import replace

import pytest
from lxml import etree

from rzs import ns, safexml
from rzs.catalogus import codelijstbestand
from rzs.config import Settings
from rzs.domain.voorziening import Domein, Leveringsvorm, Omvang, VoorzieningStatus
from rzs.domain.voorzieningregels import controleer
from rzs.fouten import OngeldigBericht
from rzs.services import voorzieningen_extra, voorzieningen_xml
from rzs.stuf.validatie import Schema
from support import messages

SOORTEN = list(messages.VOORZIENING_SOORTEN)


@pytest.fixture(scope="module")
def schema() -> Schema:
    return Schema(Settings().xsd_dir)


def _zaak(naam: str, **waarden: str) -> etree._Element:
    body = safexml.parse(messages.message(f"voorzieningen/{naam}", **waarden))
    zaak = body.find(ns.zkn("object"))
    assert zaak is not None
    return zaak


def _container(zaak: etree._Element) -> etree._Element:
    container = zaak.find(f"{ns.stuf('aanvullendeElementen')}/{ns.vz('voorzieningen')}")
    assert container is not None
    return container


def zonder_opmaak(element: etree._Element) -> bytes:
    """Exclusive C14N without the indentation of the template (whitespace-only text nodes)."""
    kopie = copy.deepcopy(element)
    for node in kopie.iter():
        if node.text is not None and not node.text.strip() and len(node):
            node.text = None
        if node.tail is not None and not node.tail.strip():
            node.tail = None
    return safexml.canonical(kopie)


@pytest.mark.parametrize("naam", SOORTEN)
def test_rondgang_xml_model_xml_is_gelijk(naam: str) -> None:
    container = _container(_zaak(naam))
    model = voorzieningen_xml.lees(container)
    assert zonder_opmaak(voorzieningen_xml.schrijf(model)) == zonder_opmaak(container)
    assert voorzieningen_xml.lees(voorzieningen_xml.schrijf(model)) == model


@pytest.mark.parametrize("naam", SOORTEN)
def test_voorbeelden_voldoen_aan_de_regels(naam: str) -> None:
    model = voorzieningen_xml.lees(_container(_zaak(naam)))
    controleer(model, vorige={}, codelijsten=codelijstbestand.laad())


def test_model_van_jeugd_ambulant() -> None:
    aanvullend = voorzieningen_xml.lees_aanvullende_elementen(_zaak("creeerZaak_jeugd_ambulant"))
    assert aanvullend is not None and aanvullend.andere_namespaces == ()
    assert aanvullend.voorzieningen is not None
    assert aanvullend.voorzieningen.versie == voorzieningen_xml.VERSIE
    assert aanvullend.voorzieningen.schema_location == voorzieningen_xml.SCHEMA_LOCATION
    (v,) = aanvullend.voorzieningen.voorzieningen
    assert (v.nummer, v.domein, v.leveringsvorm, v.status) == (
        2001,
        Domein.JEUGD,
        Leveringsvorm.ZIN,
        VoorzieningStatus.GELEVERD,
    )
    assert v.omvang == Omvang(120, "01", "2")
    assert v.beschikking is not None and v.beschikking.besluit_identificatie == "0000000000000304"
    assert v.verzoek_om_toewijzing is not None and v.verzoek_om_toewijzing.ontvangen == "20240120083000"


def test_budget_in_eurocent() -> None:
    (v,) = voorzieningen_xml.lees(_container(_zaak("creeerZaak_wmo_pgb"))).voorzieningen
    assert (v.budget, v.omvang, v.toewijzing) == (850000, None, None)


def test_extra_elementen_geven_hetzelfde_model(schema: Schema) -> None:
    uit_aanvullend = voorzieningen_xml.lees(_container(_zaak("creeerZaak_jeugd_ambulant")))
    uit_extra = voorzieningen_extra.lees_extra_elementen(
        _zaak("creeerZaak_jeugd_ambulant_extra_elementen"), schema
    )
    assert uit_extra == uit_aanvullend


def test_zonder_voorziening_extra_elementen_geen_model(schema: Schema) -> None:
    assert voorzieningen_extra.lees_extra_elementen(_zaak("creeerZaak_jeugd_ambulant"), schema) is None
    assert (
        voorzieningen_xml.lees_aanvullende_elementen(_zaak("creeerZaak_jeugd_ambulant_extra_elementen"))
        is None
    )


def _extra(zaak: etree._Element, naam: str) -> etree._Element:
    element = next(e for e in zaak.iter(ns.stuf("extraElement")) if e.get("naam") == naam)
    return element


@pytest.mark.parametrize(
    "naam, nieuwe_naam",
    [
        ("voorziening.1.domein", "voorziening.1.wet"),
        ("voorziening.1.domein", "voorziening.0.domein"),
        ("voorziening.1.einddatum", "voorziening.1.ingangsdatum"),
    ],
    ids=["onbekend_pad", "positie_0", "dubbel"],
)
def test_extra_elementen_fout_benoemd(schema: Schema, naam: str, nieuwe_naam: str) -> None:
    zaak = _zaak("creeerZaak_jeugd_ambulant_extra_elementen")
    _extra(zaak, naam).set("naam", nieuwe_naam)
    with pytest.raises(OngeldigBericht) as fout:
        voorzieningen_extra.lees_extra_elementen(zaak, schema)
    assert fout.value.code == "StUF055" and nieuwe_naam in fout.value.details


def test_extra_elementen_ongeldige_waarde_weigert_het_schema(schema: Schema) -> None:
    zaak = _zaak("creeerZaak_jeugd_ambulant_extra_elementen")
    _extra(zaak, "voorziening.1.domein").text = "ZVW"
    with pytest.raises(OngeldigBericht, match="domein"):
        voorzieningen_extra.lees_extra_elementen(zaak, schema)


def test_extra_elementen_omvang_en_budget_weigert_het_schema(schema: Schema) -> None:
    """Omvang and budget both named: the same XSD choice refuses it, as in the aanvullendeElementen form."""
    zaak = _zaak("creeerZaak_jeugd_ambulant_extra_elementen")
    budget = copy.deepcopy(_extra(zaak, "voorziening.1.einddatum"))
    budget.set("naam", "voorziening.1.budget")
    budget.text = "50000"
    _extra(zaak, "voorziening.1.einddatum").addnext(budget)
    with pytest.raises(OngeldigBericht, match="budget"):
        voorzieningen_extra.lees_extra_elementen(zaak, schema)


def test_geen_waarde_blijft_bewaard(schema: Schema) -> None:
    zaak = _zaak("creeerZaak_jeugd_ambulant_extra_elementen")
    einddatum = _extra(zaak, "voorziening.1.einddatum")
    einddatum.text = None
    einddatum.set(ns.NIL, "true")
    einddatum.set(ns.NOVALUE, "waardeOnbekend")
    model = voorzieningen_extra.lees_extra_elementen(zaak, schema)
    assert model is not None
    (v,) = model.voorzieningen
    assert v.einddatum is None and v.geen_waarde == (("einddatum", "waardeOnbekend"),)
    geschreven = voorzieningen_xml.schrijf(model)
    schema.controleer(geschreven)
    nil = geschreven.find(f"{ns.vz('voorziening')}/{ns.vz('einddatum')}")
    assert nil is not None and nil.get(ns.NIL) == "true" and nil.get(ns.NOVALUE) == "waardeOnbekend"
    assert voorzieningen_xml.lees(geschreven) == model


def test_niet_bestaande_datum() -> None:
    container = _container(_zaak("creeerZaak_jeugd_ambulant"))
    container.find(f"{ns.vz('voorziening')}/{ns.vz('einddatum')}").text = "20240230"  # type: ignore[union-attr]
    with pytest.raises(OngeldigBericht, match="einddatum '20240230' is geen bestaande datum"):
        voorzieningen_xml.lees(container)


def test_schemalocation_noemt_onze_namespace() -> None:
    container = _container(_zaak("creeerZaak_jeugd_ambulant"))
    container.set(ns.stuf("schemaLocation"), "urn:iets:anders voorziening.xsd")
    with pytest.raises(OngeldigBericht, match="schemaLocation"):
        voorzieningen_xml.lees(container)


def test_andere_namespace_wordt_gemeld_en_onbekend_element_geweigerd() -> None:
    zaak = _zaak("creeerZaak_jeugd_ambulant")
    aanvullend = zaak.find(ns.stuf("aanvullendeElementen"))
    assert aanvullend is not None
    anders = etree.SubElement(aanvullend, "{urn:voorbeeld:anders}gegevens")
    anders.set(ns.stuf("schemaLocation"), "urn:voorbeeld:anders")
    gelezen = voorzieningen_xml.lees_aanvullende_elementen(zaak)
    assert gelezen is not None and gelezen.andere_namespaces == ("urn:voorbeeld:anders",)
    etree.SubElement(aanvullend, ns.vz("voorzieningenn")).set(ns.stuf("schemaLocation"), ns.VOORZIENING)
    with pytest.raises(OngeldigBericht, match="voorzieningenn"):
        voorzieningen_xml.lees_aanvullende_elementen(zaak)


def test_kind_zonder_schemalocation_geweigerd() -> None:
    """StUF 03.01 3.2.4.2: every child of aanvullendeElementen carries StUF:schemaLocation."""
    zaak = _zaak("creeerZaak_jeugd_ambulant")
    aanvullend = zaak.find(ns.stuf("aanvullendeElementen"))
    assert aanvullend is not None
    etree.SubElement(aanvullend, "{urn:voorbeeld:anders}gegevens")
    with pytest.raises(OngeldigBericht, match="gegevens heeft geen StUF:schemaLocation"):
        voorzieningen_xml.lees_aanvullende_elementen(zaak)


def test_aanvullende_elementen_in_een_antwoord_zijn_geldig(schema: Schema) -> None:
    """The writer's StUF:aanvullendeElementen is valid in place on a ZAK object (after extraElementen)."""
    body = safexml.parse(messages.message("voorzieningen/creeerZaak_wmo_huishoudelijke_hulp"))
    zaak = body.find(ns.zkn("object"))
    assert zaak is not None
    oud = zaak.find(ns.stuf("aanvullendeElementen"))
    assert oud is not None
    model = voorzieningen_xml.lees(_container(zaak))
    tweede = replace(model.voorzieningen[0], nummer=1005, commentaar=None)
    nieuw = voorzieningen_xml.aanvullende_elementen(
        replace(model, voorzieningen=(*model.voorzieningen, tweede))
    )
    zaak.replace(oud, nieuw)
    schema.controleer(body)
    gelezen = voorzieningen_xml.lees_aanvullende_elementen(zaak)
    assert gelezen is not None and gelezen.voorzieningen is not None
    assert [v.nummer for v in gelezen.voorzieningen.voorzieningen] == [1001, 1005]


def test_nil_zonder_novalue_geweigerd() -> None:
    """StUF: an empty element says why (xsi:nil="true" with StUF:noValue, DIGEST c.6)."""
    container = _container(_zaak("creeerZaak_jeugd_ambulant"))
    einddatum = container.find(f"{ns.vz('voorziening')}/{ns.vz('einddatum')}")
    assert einddatum is not None
    einddatum.text = None
    einddatum.set(ns.NIL, "true")
    with pytest.raises(OngeldigBericht, match="einddatum is xsi:nil zonder StUF:noValue"):
        voorzieningen_xml.lees(container)
