"""Integraal klantbeeld (issue 4): one zakLv01 on a person's BSN returns every zaak that person is part
of - gezinsplan, levensdomeinplan, deelplan, ordinary zaken - as cliënt or as betrokkene in any role."""

from __future__ import annotations

from test_zaken import maak_zaak, object_tekst

from rzs import ns
from support.messages import nieuwe_bsn
from support.schemas import assert_geldig
from support.soap import Reply, SoapClient

VRAAG = "vragen/geefZaakdetails_op_bsn"


def zaken_van(soap: SoapClient, bsn: str, vraag: str = VRAAG) -> Reply:
    reply = soap.stuur("geefZaakdetails_Lv01", vraag, bsn_1=bsn)
    assert reply.status == 200, reply.data[:1500]
    assert_geldig(reply.body)
    assert reply.body.find(ns.zkn("melding")) is None  # the selection is understood, nothing ignored
    return reply


def test_alle_zaken_van_een_burger(soap: SoapClient) -> None:
    klant, buurvrouw = nieuwe_bsn(), nieuwe_bsn()
    gezinsplan = maak_zaak(
        soap, "plannen/creeerZaak_gezinsplan_a", bsn_1=klant, bsn_belanghebbende_1=buurvrouw
    )
    ldp = maak_zaak(
        soap, "plannen/creeerZaak_levensdomeinplan_minimaal", bsn_1=klant, gezinsplan_identificatie=gezinsplan
    )
    deelplan = maak_zaak(
        soap,
        "plannen/creeerZaak_deelplan_a",
        bsn_1=klant,
        gezinsplan_identificatie=gezinsplan,
        levensdomeinplan_identificatie=ldp,
    )
    aangevraagd = maak_zaak(soap, "zaken/creeerZaak_generiek_jeugdhulp", bsn_2=klant)  # klant as initiator
    maak_zaak(soap, "plannen/creeerZaak_wmo_zonder_koppeling", bsn_1=nieuwe_bsn())  # someone else's

    reply = zaken_van(soap, klant)

    assert object_tekst(reply, "ZKN:identificatie") == sorted([gezinsplan, ldp, deelplan, aangevraagd])
    assert sorted(object_tekst(reply, "ZKN:isVan/ZKN:gerelateerde/ZKN:code")) == ["GZP", "JGD", "LDP", "WMO"]
    koppelingen = object_tekst(reply, "ZKN:heeftBetrekkingOpAndere/ZKN:gerelateerde/ZKN:identificatie")
    assert sorted(koppelingen) == sorted([gezinsplan, gezinsplan, ldp])  # LDP -> GZP, DPL -> GZP + LDP
    # "Is there a gezinsplan for this citizen?" is one vraag; a belanghebbende is found too.
    assert object_tekst(zaken_van(soap, buurvrouw), "ZKN:identificatie") == [gezinsplan]
    # The same through the role form of the selection (BTR supertype).
    via_rol = zaken_van(soap, klant, "vragen/geefZaakdetails_op_bsn_via_rol")
    assert object_tekst(via_rol, "ZKN:identificatie") == sorted([gezinsplan, ldp, deelplan, aangevraagd])


def test_onbekende_bsn_geeft_geen_zaken(soap: SoapClient) -> None:
    reply = zaken_van(soap, nieuwe_bsn())
    assert reply.body.find(ns.zkn("antwoord")) is None
    assert reply.text("ZKN:parameters/StUF:indicatorVervolgvraag") == "false"
