"""Our voorziening schema (xsd/voorziening/voorziening-1.0.xsd) inside StUF:aanvullendeElementen:
the examples are valid, every schema error kind is refused for the right element, and the schema
stays a published version (namespace and versie as docs/voorzieningen.md fixes them)."""

from __future__ import annotations

import pytest
from lxml import etree

from rzs import ns
from support import messages

from ._oracle import XSD_DIR, parse_message, verdict

VOORBEELDEN = [
    *messages.VOORZIENING_SOORTEN,
    "creeerZaak_jeugd_ambulant_extra_elementen",
    "geefZaakdetails_scope_aanvullendeElementen",
    "updateZaak_voorziening",
    "creeerZaak_wmo_andere_namespace",
    "creeerZaak_gezinsplan_met_voorziening",
]

#: template -> the element the validator must name.
ONGELDIG = {
    "creeerZaak_ongeldig_domein": "domein",
    "creeerZaak_ongeldig_omvang_en_budget": "budget",
    "creeerZaak_ongeldig_datum": "einddatum",
    "creeerZaak_ongeldig_datum_iso": "ingangsdatum",
    "creeerZaak_ongeldig_zonder_status": f"Expected is ( {{{ns.VOORZIENING}}}status )",
    "creeerZaak_ongeldig_budget_in_euro": "budget",
    "creeerZaak_ongeldig_versie": "versie",
}


@pytest.mark.parametrize("naam", VOORBEELDEN)
def test_voorbeeld_geldig(own: etree.XMLSchema, naam: str) -> None:
    ok, fouten = verdict(own, parse_message(messages.message(f"voorzieningen/{naam}")))
    assert ok, fouten


@pytest.mark.parametrize("naam, element", ONGELDIG.items())
def test_schemafout_geweigerd(own: etree.XMLSchema, naam: str, element: str) -> None:
    root = parse_message(messages.message(f"voorzieningen/{naam}"))
    assert not own.validate(etree.ElementTree(root))
    fouten = [e.message for e in own.error_log]
    assert any(f"{{{ns.VOORZIENING}}}" in m or "versie" in m for m in fouten), fouten
    assert any(element in m for m in fouten), fouten


def test_elke_ongeldige_template_getest() -> None:
    namen = {n.split("/")[1] for n in messages.all_templates() if n.startswith("voorzieningen/")}
    assert {n for n in namen if "ongeldig" in n} == set(ONGELDIG)
    assert namen - set(ONGELDIG) == set(VOORBEELDEN)


def test_gepubliceerde_versie() -> None:
    schema = etree.parse(str(XSD_DIR / "voorziening" / "voorziening-1.0.xsd")).getroot()
    assert schema.get("targetNamespace") == ns.VOORZIENING == "urn:stuf-rzs:voorziening:1"
    versies = schema.findall(f"{{{ns.XSD}}}simpleType[@name='Versie']//{{{ns.XSD}}}enumeration")
    assert [v.get("value") for v in versies] == ["1.0"]
    alles = etree.parse(str(XSD_DIR / "all.xsd")).getroot()
    imports = {i.get("namespace"): i.get("schemaLocation") for i in alles}
    assert imports[ns.VOORZIENING] == "voorziening/voorziening-1.0.xsd"


def test_andere_namespace_in_aanvullende_elementen_is_schemageldig(own: etree.XMLSchema) -> None:
    """The wildcard is lax: a namespace our set does not know passes the schema; whether the
    zaaktype accepts it is the catalogue's decision (StUF055 by default, issue 9)."""
    root = parse_message(messages.message("voorzieningen/creeerZaak_jeugd_ambulant"))
    aanvullend = next(root.iter(ns.stuf("aanvullendeElementen")))
    etree.SubElement(aanvullend, "{urn:voorbeeld:anders}gegevens").text = "vrij"
    ok, fouten = verdict(own, root)
    assert ok, fouten
    etree.SubElement(aanvullend, ns.stuf("extraElementen"))
    assert not own.validate(etree.ElementTree(root)), "the StUF namespace itself is not allowed inside"
