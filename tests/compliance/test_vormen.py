"""Which body form a refusal points to (:func:`rzs.compliance.vormen.herken`)."""

from __future__ import annotations

from lxml import etree

from rzs import ns
from rzs.compliance import vormen

ZKN_ROOT = etree.Element(ns.zkn("zakLk01"))
ZDS_ROOT = etree.Element(ns.zds("creeerZaak_ZakLk01"))


def test_zds12_systeem_noemt_zijn_namespace() -> None:
    tekst = f"Unexpected wrapper element {ns.clark(ZKN_ROOT.tag)} found. Expected {ZDS_ROOT.tag}."
    advies = vormen.herken(tekst, ZKN_ROOT)
    assert advies is not None and advies.startswith("het systeem lijkt ZDS 1.2 (zds0120")
    assert advies.endswith("draai opnieuw met --zds 1.2")


def test_zds11_systeem_noemt_een_zds11_root() -> None:
    advies = vormen.herken("cvc-elt.1: Cannot find the declaration; expected zakLk01", ZDS_ROOT)
    assert advies is not None and "ZDS 1.1 / RZS 1.0" in advies and "--zds 1.1" in advies


def test_onbekende_root_zonder_aanwijzing() -> None:
    advies = vormen.herken("Unknown message zakLk01", ZKN_ROOT)
    assert advies == (
        "het systeem herkent de root zakLk01 (ZDS 1.1 / RZS 1.0 (StUF-ZKN 0310, bijv. ZKN:zakLk01)) niet; "
        "spreekt het misschien ZDS 1.2 (zds0120, bijv. ZDS:creeerZaak_ZakLk01)? Probeer --zds 1.2"
    )


def test_gewone_weigering_geeft_geen_advies() -> None:
    assert vormen.herken("Fo03 StUF064 (client): Object niet gevonden — zaak 0000Z1", ZKN_ROOT) is None
