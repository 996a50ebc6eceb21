"""Gerelateerden survive the trip to JSON and back unchanged (no database needed)."""

from __future__ import annotations

import json

import pytest

from rzs.domain.betrokkenen import (
    Gerelateerde,
    Medewerker,
    NatuurlijkPersoon,
    NietNatuurlijkPersoon,
    OrganisatorischeEenheid,
    OverigObject,
)
from rzs.store import gerelateerden

from . import factories

ALLE_SOORTEN: list[Gerelateerde] = [
    factories.natuurlijk_persoon(),
    NatuurlijkPersoon(bsn="123456782"),
    factories.medewerker(),
    Medewerker(achternaam="Zonder", voorletters="Z"),
    factories.vestiging(),
    OrganisatorischeEenheid(identificatie="OE1", naam="Wijkteam"),
    NietNatuurlijkPersoon(inn_nnp_id="123456789", statutaire_naam="Stichting"),
    factories.overig_object(),
    OverigObject(soort="BRT", element="buurt"),
    # A soort we interpret, yet sent as raw fields: must stay an OverigObject.
    OverigObject(soort="NPS", element="natuurlijkPersoon", sleutel="1", velden=(("inp.bsn", "1"),)),
]


@pytest.mark.parametrize("gerelateerde", ALLE_SOORTEN, ids=lambda g: f"{type(g).__name__}-{g.soort}")
def test_heen_en_terug_via_json_is_verliesvrij(gerelateerde: Gerelateerde) -> None:
    document = json.loads(json.dumps(gerelateerden.dump(gerelateerde)))

    assert gerelateerden.load(gerelateerde.soort, document) == gerelateerde


def test_lege_velden_worden_niet_opgeslagen() -> None:
    assert gerelateerden.dump(NatuurlijkPersoon(bsn="123456782")) == {"bsn": "123456782"}


def test_element_naam_per_soort() -> None:
    assert gerelateerden.element(factories.natuurlijk_persoon()) == "natuurlijkPersoon"
    assert gerelateerden.element(factories.vestiging()) == "vestiging"
    assert gerelateerden.element(factories.overig_object()) == "pand"


def test_onbekend_veld_faalt_luid() -> None:
    with pytest.raises(TypeError):
        gerelateerden.load("NPS", {"bsn": "1", "kleur": "blauw"})
