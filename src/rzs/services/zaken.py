"""creeerZaak, updateZaak and actualiseerZaakstatus (zakLk01; DIGEST b.2 rows 1-3, c.7, d.3, d.4).

All three are kennisgevingen answered with Bv03 after the change is committed, or a Fo03. The
W-kennisgeving engine (oud/huidig pairs, relation verwerkingssoorten) is shared by updateZaak and
actualiseerZaakstatus: a status change is an update that adds a ``heeft`` relation.
"""

from __future__ import annotations

import copy
import dataclasses
import logging

from lxml import etree

from rzs import ns
from rzs.domain import planregels, regels
from rzs.domain.betrokkenen import Betrokkene, Zaakobject
from rzs.domain.zaak import Status, Zaak, ZaakRelatie
from rzs.domain.zaaktype import Zaaktype, ZaaktypeVerwijzing
from rzs.fouten import Bedrijfsregel, ObjectBestaatAl, ObjectNietGevonden, OngeldigBericht
from rzs.services import voorzieningen
from rzs.services import zaak_lezen as lezen
from rzs.services.context import Context
from rzs.services.nieuwe_zaak import (
    ROLRELATIES,
    ZAAKRELATIES,
    NieuweZaak,
    Relatie,
    groepwaarden,
    lees_relatie,
)
from rzs.services.zaak_besluiten import Besluitkoppelingen
from rzs.services.zaak_oud import controleer_oud
from rzs.stuf import berichten, mutaties
from rzs.stuf.bericht import Verzoek
from rzs.stuf.mutaties import Relatiemutatie

_log = logging.getLogger(__name__)


def _zaaktype(ctx: Context, verwijzing: ZaaktypeVerwijzing | None) -> Zaaktype:
    if verwijzing is None or not (verwijzing.code or verwijzing.omschrijving):
        raise Bedrijfsregel("BR-03: de zaak moet een zaaktype hebben (isVan met code en omschrijving)")
    zaaktype = ctx.repos.zaaktypen.get(verwijzing.code, verwijzing.omschrijving)
    if zaaktype is None:
        naam = " / ".join(v for v in (verwijzing.code, verwijzing.omschrijving) if v)
        raise Bedrijfsregel(f"BR-03: zaaktype {naam} is niet bekend in de zaaktypecatalogus")
    return zaaktype


def creeer_zaak(verzoek: Verzoek, ctx: Context) -> etree._Element:
    """creeerZaak_Lk01 on the message as read before the unit of work (``nieuwe_zaak.lees``)."""
    nieuw = ctx.gelezen
    assert isinstance(nieuw, NieuweZaak), "creeerZaak_Lk01 is routed with nieuwe_zaak.lees"
    regels.controleer_identificatie(nieuw.identificatie, strikt=ctx.settings.strikte_identificatie)
    zaak = Zaak(identificatie=nieuw.identificatie, zaaktype=_zaaktype(ctx, nieuw.zaaktype))
    _pas_attributen_toe(zaak, nieuw.waarden)
    besluiten = Besluitkoppelingen(nieuw.identificatie, zaak.zaaktype, ctx)
    for leidt_tot in nieuw.besluiten:
        besluiten.koppel(leidt_tot)
    for relatie in nieuw.relaties:
        _voeg_relatie_toe(zaak, relatie, ctx)
    regels.controleer_nieuwe_zaak(zaak)
    _controleer_plan(zaak, None, ctx)
    ctx.zaken.add(zaak)
    besluiten.sla_op()
    voorzieningen.verwerk(nieuw.object, nieuw.identificatie, zaak.zaaktype, verzoek, ctx, nieuw=True)
    return berichten.bv03(verzoek.stuurgegevens, ctx.afzender)


def update_zaak(verzoek: Verzoek, ctx: Context) -> etree._Element:
    """updateZaak_Lk01: W kennisgeving with oud and huidig (DIGEST c.7.2, c.7.3, d.4)."""
    _wijzig(verzoek, ctx, status_vereist=False)
    return berichten.bv03(verzoek.stuurgegevens, ctx.afzender)


def actualiseer_zaakstatus(verzoek: Verzoek, ctx: Context) -> etree._Element:
    """actualiseerZaakstatus_Lk01: a W kennisgeving that adds a ``heeft`` relation (DIGEST c.7.6)."""
    _wijzig(verzoek, ctx, status_vereist=True)
    return berichten.bv03(verzoek.stuurgegevens, ctx.afzender)


def _wijzig(verzoek: Verzoek, ctx: Context, *, status_vereist: bool) -> None:
    if lezen.mutatiesoort(verzoek.body) not in {"W", "C", "F"}:
        raise Bedrijfsregel("Een wijziging van een zaak vereist mutatiesoort W")
    objecten = verzoek.body.findall(ns.zkn("object"))
    if len(objecten) > 2 or not objecten:
        raise OngeldigBericht("Een W-kennisgeving bevat één (huidig) of twee (oud en huidig) objecten")
    oud, huidig = (objecten[0], objecten[1]) if len(objecten) == 2 else (None, objecten[0])
    identificatie = lezen.tekst(huidig, "identificatie")
    if not identificatie:
        raise OngeldigBericht("Het object mist de kerngegeven identificatie")
    if oud is not None and lezen.tekst(oud, "identificatie") not in {None, identificatie}:
        raise Bedrijfsregel("BR-11: de identificatie van een zaak kan niet worden gewijzigd")
    zaak = ctx.zaken.get_for_update(identificatie)
    if zaak is None:
        raise ObjectNietGevonden(f"Zaak {identificatie} bestaat niet")
    if oud is not None:
        controleer_oud(zaak, oud)
    origineel = copy.deepcopy(zaak)
    mutatie = mutaties.paar(oud, huidig)
    scalairen = lezen.lees_scalairen(huidig)
    if scalairen.get("identificatie", identificatie) != identificatie:
        raise Bedrijfsregel("BR-11: de identificatie van een zaak kan niet worden gewijzigd")
    _pas_attributen_toe(zaak, scalairen)
    _pas_attributen_toe(zaak, groepwaarden(mutatie.attributen))
    statussen_voor = len(zaak.statussen)
    besluiten = Besluitkoppelingen(identificatie, zaak.zaaktype, ctx)
    for relatiemutatie in mutatie.relaties:
        if relatiemutatie.element == "leidtTot":
            besluiten.pas_toe(relatiemutatie)
        else:
            _pas_relatie_toe(zaak, relatiemutatie, ctx)
    if status_vereist and len(zaak.statussen) == statussen_voor:
        raise Bedrijfsregel(
            "BR-12: actualiseerZaakstatus moet een nieuwe status (heeft, verwerkingssoort T) bevatten"
        )
    regels.controleer_ongewijzigde_sleutels(origineel, zaak)
    regels.controleer_zaak(zaak)
    _controleer_plan(zaak, origineel, ctx)
    ctx.zaken.save(zaak)
    besluiten.sla_op()
    voorzieningen.verwerk(huidig, identificatie, zaak.zaaktype, verzoek, ctx, nieuw=False)


def _controleer_plan(zaak: Zaak, oud: Zaak | None, ctx: Context) -> None:
    """Gezinsplan, levensdomeinplan and deelplan rules on the resulting zaak (DIGEST d.4, BR-11).

    Runs inside the message's transaction, so a violation (Bedrijfsregel) undoes everything.
    Warnings (BR-10, BR-07a when not strict) are logged with the zaak's identificatie only.
    """
    for waarschuwing in planregels.controleer(
        zaak,
        oud=oud,
        opzoeken=ctx.repos.zaken.get,
        strikte_levensdomeinplan=ctx.settings.strikte_levensdomeinplan,
    ):
        _log.warning("zaak %s: %s", zaak.identificatie, waarschuwing)


def _pas_attributen_toe(zaak: Zaak, waarden: dict[str, object]) -> None:
    for attribuut, waarde in waarden.items():
        if attribuut != "identificatie":
            setattr(zaak, attribuut, waarde)


def _pas_relatie_toe(zaak: Zaak, mutatie: Relatiemutatie, ctx: Context) -> None:
    soort = mutatie.verwerkingssoort
    if mutatie.element == "isVan":
        if mutatie.huidig is not None:
            verwijzing = lezen.lees_zaaktype_relatie(mutatie.huidig)
            if not _zelfde_zaaktype(zaak.zaaktype, verwijzing):
                raise Bedrijfsregel("BR-11: het zaaktype van een zaak kan niet worden gewijzigd")
        return
    if soort == "I":
        return
    if soort in {"V", "E", "R", "W"}:
        if mutatie.oud is None:
            raise OngeldigBericht(
                f"Relatie {mutatie.element} met verwerkingssoort {soort} mist de oude relatie"
            )
        if mutatie.element == "heeft":
            raise Bedrijfsregel("BR-12: een status kan niet worden verwijderd of vervangen")
        verwijderd = _verwijder(zaak, mutatie.oud)
    if soort in {"T", "R", "W"}:
        if mutatie.huidig is None:
            raise OngeldigBericht(
                f"Relatie {mutatie.element} met verwerkingssoort {soort} mist de nieuwe relatie"
            )
        if soort == "W":
            _wijzig_relatiegegevens(zaak, verwijderd, mutatie.huidig)
        else:
            _voeg_toe(zaak, mutatie.huidig, ctx)
    elif soort not in {"V", "E"}:
        raise OngeldigBericht(f"Verwerkingssoort {soort!r} is niet toegestaan op relatie {mutatie.element}")


def _zelfde_zaaktype(zaaktype: Zaaktype, verwijzing: ZaaktypeVerwijzing | None) -> bool:
    if verwijzing is None:
        return True
    if verwijzing.code is not None and verwijzing.code != zaaktype.code:
        return False
    return verwijzing.omschrijving is None or verwijzing.omschrijving == zaaktype.omschrijving


def _voeg_toe(zaak: Zaak, relatie: etree._Element, ctx: Context) -> None:
    _voeg_relatie_toe(zaak, lees_relatie(relatie), ctx)


def _voeg_relatie_toe(zaak: Zaak, relatie: Relatie, ctx: Context) -> None:
    """Add a relation (verwerkingssoort T). One that the zaak already has is refused (StUF067),
    as a T of an existing object is (StUF 03.01 Tabel 5.8): a second "add belanghebbende X" sent
    with another referentienummer would otherwise store X twice (issue 11, item 1); its oud (the
    empty placeholder, "there was no such relation") does not match the registration either."""
    naam, gelezen = relatie
    if naam != "heeft":
        _controleer_aantal_relaties(zaak, ctx.settings.max_relaties_per_zaak)
    if isinstance(gelezen, Betrokkene):
        _niet_dubbel(zaak, naam, any(b.identificeert(gelezen) for b in zaak.betrokkenen))
        zaak.betrokkenen.append(gelezen)
    elif isinstance(gelezen, Zaakobject):
        _niet_dubbel(zaak, naam, any(o.identificeert(gelezen) for o in zaak.zaakobjecten))
        zaak.zaakobjecten.append(gelezen)
    elif isinstance(gelezen, ZaakRelatie):
        if gelezen.identificatie == zaak.identificatie:
            raise Bedrijfsregel("Een zaak kan geen relatie met zichzelf hebben")
        _niet_dubbel(zaak, naam, gelezen in zaak.relaties)
        if not ctx.repos.zaken.exists(gelezen.identificatie):
            raise ObjectNietGevonden(f"Gerelateerde zaak {gelezen.identificatie} bestaat niet")
        zaak.relaties.append(gelezen)
    else:
        _zet_status(zaak, gelezen)


def _niet_dubbel(zaak: Zaak, naam: str, bestaat: bool) -> None:
    if bestaat:
        raise ObjectBestaatAl(
            f"UPD-02: zaak {zaak.identificatie} heeft deze {naam}-relatie al; "
            "een relatie wordt één keer toegevoegd (verwerkingssoort T)"
        )


def _controleer_aantal_relaties(zaak: Zaak, maximum: int) -> None:
    """LIM-01 (issue 11, item 8): a zaak has at most ``Settings.max_relaties_per_zaak`` relations
    to betrokkenen, zaakobjecten and other zaken together, so one message cannot make a zaak whose
    every read costs hundreds of megabytes. Checked before each add, so a message with 60,000
    relations is refused at the first one too many, before any rule looks at them all."""
    if len(zaak.betrokkenen) + len(zaak.zaakobjecten) + len(zaak.relaties) >= maximum:
        raise OngeldigBericht(
            f"LIM-01: een zaak heeft ten hoogste {maximum} relaties (heeftBetrekkingOp, heeftAls..., "
            f"heeftBetrekkingOpAndere); dit bericht geeft zaak {zaak.identificatie} er meer"
        )


def _zet_status(zaak: Zaak, verzoek: lezen.StatusVerzoek) -> None:
    statustype = zaak.zaaktype.zoek_statustype(verzoek.volgnummer, verzoek.omschrijving)
    if statustype is None:
        raise Bedrijfsregel(
            f"BR-12: statustype {verzoek.volgnummer or ''} {verzoek.omschrijving or ''} bestaat niet voor "
            f"zaaktype {zaak.zaaktype.code}"
        )
    if not verzoek.datum_status_gezet:
        raise Bedrijfsregel("BR-12: datumStatusGezet is verplicht bij een nieuwe status")
    status = Status(
        volgnummer=statustype.volgnummer,
        omschrijving=statustype.omschrijving,
        datum_status_gezet=verzoek.datum_status_gezet,
        toelichting=verzoek.toelichting,
        gezet_door=verzoek.gezet_door,
    )
    regels.zet_status(zaak, statustype, status)


Verwijderd = tuple[int, Betrokkene | Zaakobject | ZaakRelatie]


def _wijzig_relatiegegevens(zaak: Zaak, verwijderd: Verwijderd, huidig: etree._Element) -> None:
    """W on a relation: the elements present in huidig change, everything else stays as stored
    (a gerelateerde sent with verwerkingssoort I only identifies, DIGEST c.7.3 Tabel 5.7)."""
    index, oud = verwijderd
    if isinstance(oud, Betrokkene):
        nieuw_b = lezen.lees_betrokkene(huidig)
        betrokkene = dataclasses.replace(
            oud,
            gerelateerde=lezen.samenvoegen(oud.gerelateerde, nieuw_b.gerelateerde, huidig),
            **{v: getattr(nieuw_b, v) for v in lezen.aanwezige_relatievelden(huidig)},
        )
        zaak.betrokkenen.insert(index, betrokkene)
    elif isinstance(oud, Zaakobject):
        nieuw_o = lezen.lees_zaakobject(huidig)
        zaakobject = dataclasses.replace(
            oud,
            gerelateerde=lezen.samenvoegen(oud.gerelateerde, nieuw_o.gerelateerde, huidig),
            **{v: getattr(nieuw_o, v) for v in lezen.aanwezige_relatievelden(huidig) if v == "omschrijving"},
        )
        zaak.zaakobjecten.insert(index, zaakobject)
    else:
        raise Bedrijfsregel("Een relatie tussen zaken heeft geen gegevens die gewijzigd kunnen worden")


def _verwijder(zaak: Zaak, relatie: etree._Element) -> Verwijderd:
    naam = ns.local_name(relatie.tag)
    if naam in ROLRELATIES:
        doel_b: Betrokkene = lezen.lees_betrokkene(relatie)
        index = next((i for i, b in enumerate(zaak.betrokkenen) if b.identificeert(doel_b)), None)
        if index is None:
            raise ObjectNietGevonden(f"Relatie {naam} die verwijderd of gewijzigd moet worden bestaat niet")
        return index, zaak.betrokkenen.pop(index)
    if naam == "heeftBetrekkingOp":
        doel_o: Zaakobject = lezen.lees_zaakobject(relatie)
        index = next((i for i, o in enumerate(zaak.zaakobjecten) if o.identificeert(doel_o)), None)
        if index is None:
            raise ObjectNietGevonden("Zaakobject (heeftBetrekkingOp) dat verwijderd moet worden bestaat niet")
        return index, zaak.zaakobjecten.pop(index)
    if naam in ZAAKRELATIES:
        doel_r: ZaakRelatie = lezen.lees_zaakrelatie(relatie)
        if doel_r not in zaak.relaties:
            raise ObjectNietGevonden(f"Relatie {naam} met zaak {doel_r.identificatie} bestaat niet")
        index = zaak.relaties.index(doel_r)
        return index, zaak.relaties.pop(index)
    raise Bedrijfsregel(f"Relatie {naam} wordt door dit zaaksysteem niet ondersteund")
