"""Voorzieningen in the store (issue 9): every version kept with its herkomst, the newest per nummer,
foreign aanvullende elementen replaced per namespace, the zaaktype's aanvullende namespaces kept,
and everything gone with its zaak."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import delete

from rzs.domain.voorziening import Domein, Leveringsvorm, Product, Voorziening, VoorzieningStatus
from rzs.domain.zaaktype import AanvullendeNamespace
from rzs.fouten import ObjectNietGevonden
from rzs.store import Herkomst, Store
from rzs.store.models import ZaakRow

from . import factories

ZAAK = "0363000000000001"
VOORZIENING = Voorziening(
    nummer=1001,
    domein=Domein.WMO,
    product=Product("01", "01A01"),
    leveringsvorm=Leveringsvorm.ZIN,
    ingangsdatum="20240201",
    status=VoorzieningStatus.AANGEVRAAGD,
)
VAN = Herkomst("0000/REGIE", "REF-1")


@pytest.fixture
def met_zaak(store: Store) -> Store:
    zaaktype = replace(
        factories.zaaktype(),
        aanvullende_elementen=(AanvullendeNamespace("urn:stuf-rzs:voorziening:1", ("1.0",), True),),
        voorzieningdomein="WMO",
    )
    with store.unit_of_work() as repos:
        repos.zaaktypen.upsert(zaaktype)
    with store.unit_of_work() as repos:
        repos.zaken.add(factories.kale_zaak(ZAAK, zaaktype))
        assert repos.zaaktypen.get(zaaktype.code, None) == zaaktype
    return store


def test_versies_en_actueel(met_zaak: Store) -> None:
    with met_zaak.unit_of_work() as repos:
        assert repos.voorzieningen.add(ZAAK, VOORZIENING, "<v1/>", VAN) == 1
        assert repos.voorzieningen.add(ZAAK, replace(VOORZIENING, nummer=7), "<w1/>", VAN) == 1
        tweede = replace(VOORZIENING, status=VoorzieningStatus.TOEGEKEND)
        assert repos.voorzieningen.add(ZAAK, tweede, "<v2/>", Herkomst("0000/WMO", "REF-2")) == 2
    with met_zaak.unit_of_work() as repos:
        assert [(v.nummer, v.versie, v.inhoud) for v in repos.voorzieningen.actueel(ZAAK)] == [
            (7, 1, "<w1/>"),
            (1001, 2, "<v2/>"),
        ]
        historie = repos.voorzieningen.historie(ZAAK, 1001)
        assert [(v.versie, v.herkomst) for v in historie] == [(1, VAN), (2, Herkomst("0000/WMO", "REF-2"))]
        assert repos.voorzieningen.historie(ZAAK, 9) == []
        with pytest.raises(ObjectNietGevonden):
            repos.voorzieningen.add("0363000000009999", VOORZIENING, "<v/>", VAN)


def test_aanvullend_per_namespace_vervangen_en_weg_met_de_zaak(met_zaak: Store) -> None:
    with met_zaak.unit_of_work() as repos:
        repos.voorzieningen.bewaar_aanvullend(ZAAK, "urn:b", "<b/>")
        repos.voorzieningen.bewaar_aanvullend(ZAAK, "urn:a", "<a/>")
        repos.voorzieningen.bewaar_aanvullend(ZAAK, "urn:b", "<b2/>")
        repos.voorzieningen.add(ZAAK, VOORZIENING, "<v1/>", VAN)
    with met_zaak.unit_of_work() as repos:
        assert repos.voorzieningen.aanvullend(ZAAK) == [("urn:a", "<a/>"), ("urn:b", "<b2/>")]
    with met_zaak.engine.begin() as connection:
        connection.execute(delete(ZaakRow).where(ZaakRow.identificatie == ZAAK))
    with met_zaak.unit_of_work() as repos:
        assert repos.voorzieningen.aanvullend(ZAAK) == []
        assert repos.voorzieningen.actueel(ZAAK) == []
