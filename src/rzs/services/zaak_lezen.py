"""Reading zaak data from a ZKN ``object`` element into domain values (DIGEST c.7.5, d.3).

Only reading: what the values mean (required, allowed, changed) is decided by the domain rules and
the handlers. Unknown zaakobject kinds are kept losslessly as :class:`OverigObject`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from lxml import etree

from rzs import ns
from rzs.domain.betrokkenen import (
    Betrokkene,
    Gerelateerde,
    Medewerker,
    OrganisatorischeEenheid,
    OverigObject,
    Rol,
    Zaakobject,
)
from rzs.domain.zaak import (
    AnderZaakObject,
    Kenmerk,
    Opschorting,
    Resultaat,
    Verlenging,
    ZaakRelatie,
    ZaakRelatieSoort,
)
from rzs.domain.zaaktype import ZaaktypeVerwijzing
from rzs.fouten import OngeldigBericht
from rzs.services.velden import SOORT_PER_ELEMENT, ZAAK_VELD, Groep
from rzs.stuf.novalue import is_nil, waarde

_ROLLEN = {rol.value: rol for rol in Rol}
_ZAAKRELATIES = {soort.value: soort for soort in ZaakRelatieSoort}


def mutatiesoort(body: etree._Element) -> str | None:
    """The kennisgeving's ``parameters/mutatiesoort`` (T, W, ...)."""
    parameters = body.find(ns.zkn("parameters"))
    return tekst(parameters, "mutatiesoort", ns.STUF) if parameters is not None else None


def tekst(parent: etree._Element, local: str, namespace: str = ns.ZKN) -> str | None:
    return waarde(parent.find(ns.qname(namespace, local)))


def scalaire_waarde(element: etree._Element) -> str | int | None:
    """The domain value of one ZAK attribute element (zaakniveau is a number)."""
    tekstwaarde = waarde(element)
    if tekstwaarde is not None and ns.local_name(element.tag) == "zaakniveau":
        return int(tekstwaarde)
    return tekstwaarde


def lees_scalairen(obj: etree._Element) -> dict[str, Any]:
    """ZAK attributes present in ``obj``: {domain attribute: value or None (emptied)}."""
    waarden: dict[str, Any] = {}
    for child in obj:
        if isinstance(child.tag, str) and ns.namespace_of(child.tag) == ns.ZKN:
            veld = ZAAK_VELD.get(ns.local_name(child.tag))
            if veld is not None:
                waarden[veld.attribuut] = scalaire_waarde(child)
    return waarden


def lees_groep(element: etree._Element, groep: Groep) -> Any:
    """Build the dataclass of a group (a gerelateerde or an address) from its child elements."""
    kwargs: dict[str, Any] = {}
    for child in element:
        if not isinstance(child.tag, str):
            continue
        veld = groep.veld(ns.local_name(child.tag))
        if veld is None:
            continue
        if veld.groep is not None:
            kwargs[veld.attribuut] = None if is_nil(child) else lees_groep(child, veld.groep)
        else:
            kwargs[veld.attribuut] = waarde(child)
    try:
        return groep.cls(**kwargs)
    except TypeError as exc:  # a required field (e.g. inp.bsn) is missing
        raise OngeldigBericht(f"{ns.local_name(element.tag)}: {exc}") from None


def lees_gerelateerde(relatie: etree._Element) -> Gerelateerde:
    """The party inside ``relatie/gerelateerde/<soort>``."""
    gerelateerde = relatie.find(ns.zkn("gerelateerde"))
    if gerelateerde is None:
        raise OngeldigBericht(f"Relatie {ns.local_name(relatie.tag)} heeft geen gerelateerde")
    kinderen = [c for c in gerelateerde if isinstance(c.tag, str)]
    if len(kinderen) != 1:
        raise OngeldigBericht(f"Relatie {ns.local_name(relatie.tag)}: gerelateerde moet één object bevatten")
    element = kinderen[0]
    soort = SOORT_PER_ELEMENT.get(ns.local_name(element.tag))
    if soort is None:
        return _overig(element)
    if soort.element == "natuurlijkPersoon" and not waarde(element.find(ns.bg("inp.bsn"))):
        # RZS: every person is identified by BSN (DIGEST d.1, a.1 "out of scope").
        raise OngeldigBericht("Een natuurlijk persoon moet een BSN (inp.bsn) hebben")
    gelezen: Gerelateerde = lees_groep(element, soort.groep)
    return gelezen


_RELATIEVELDEN = ("code", "omschrijving", "toelichting")


def aanwezige_relatievelden(relatie: etree._Element) -> list[str]:
    """Relation data elements (code, omschrijving, toelichting) present in ``relatie``."""
    return [naam for naam in _RELATIEVELDEN if relatie.find(ns.zkn(naam)) is not None]


def samenvoegen(oud: Gerelateerde, nieuw: Gerelateerde, relatie: etree._Element) -> Gerelateerde:
    """The stored gerelateerde with the fields present in the message replaced (W on a relation)."""
    gerelateerde = relatie.find(ns.zkn("gerelateerde"))
    kinderen = [c for c in gerelateerde if isinstance(c.tag, str)] if gerelateerde is not None else []
    soort = SOORT_PER_ELEMENT.get(ns.local_name(kinderen[0].tag)) if kinderen else None
    if soort is None or type(oud) is not type(nieuw) or kinderen[0].get(ns.VERWERKINGSSOORT) == "I":
        return oud
    aanwezig = {
        veld.attribuut
        for child in kinderen[0]
        if isinstance(child.tag, str) and (veld := soort.groep.veld(ns.local_name(child.tag))) is not None
    }
    return dataclasses.replace(oud, **{a: getattr(nieuw, a) for a in aanwezig})


def _overig(element: etree._Element) -> OverigObject:
    velden: list[tuple[str, str]] = []

    def verzamel(node: etree._Element, pad: str) -> None:
        for child in node:
            if not isinstance(child.tag, str):
                continue
            sub = f"{pad}/{ns.local_name(child.tag)}" if pad else ns.local_name(child.tag)
            if len(child):
                verzamel(child, sub)
            elif (w := waarde(child)) is not None:
                velden.append((sub, w))

    verzamel(element, "")
    return OverigObject(
        soort=element.get(ns.ENTITEITTYPE) or ns.local_name(element.tag),
        element=ns.local_name(element.tag),
        sleutel=velden[0][1] if velden else None,
        velden=tuple(velden),
    )


def lees_betrokkene(relatie: etree._Element) -> Betrokkene:
    rol = _ROLLEN[ns.local_name(relatie.tag)]
    return Betrokkene(
        rol=rol,
        gerelateerde=lees_gerelateerde(relatie),
        code=tekst(relatie, "code"),
        omschrijving=tekst(relatie, "omschrijving"),
        toelichting=tekst(relatie, "toelichting"),
    )


def lees_zaakobject(relatie: etree._Element) -> Zaakobject:
    return Zaakobject(gerelateerde=lees_gerelateerde(relatie), omschrijving=tekst(relatie, "omschrijving"))


def lees_zaakrelatie(relatie: etree._Element) -> ZaakRelatie:
    identificatie = None
    gerelateerde = relatie.find(ns.zkn("gerelateerde"))
    if gerelateerde is not None:
        identificatie = tekst(gerelateerde, "identificatie")
    if not identificatie:
        raise OngeldigBericht(f"Relatie {ns.local_name(relatie.tag)}: gerelateerde zaak zonder identificatie")
    return ZaakRelatie(_ZAAKRELATIES[ns.local_name(relatie.tag)], identificatie)


def lees_zaaktype(obj: etree._Element) -> ZaaktypeVerwijzing | None:
    is_van = obj.find(ns.zkn("isVan"))
    return None if is_van is None else lees_zaaktype_relatie(is_van)


def lees_zaaktype_relatie(is_van: etree._Element) -> ZaaktypeVerwijzing | None:
    if is_nil(is_van):
        return None
    gerelateerde = is_van.find(ns.zkn("gerelateerde"))
    if gerelateerde is None:
        return None
    return ZaaktypeVerwijzing(
        code=tekst(gerelateerde, "code"), omschrijving=tekst(gerelateerde, "omschrijving")
    )


@dataclass(frozen=True, slots=True)
class StatusVerzoek:
    """A new status as a kennisgeving states it (``heeft`` T), before the statustype is checked."""

    volgnummer: int | None
    omschrijving: str | None
    datum_status_gezet: str | None
    toelichting: str | None
    gezet_door: Medewerker | OrganisatorischeEenheid | None


def lees_status(heeft: etree._Element) -> StatusVerzoek:
    gerelateerde = heeft.find(ns.zkn("gerelateerde"))
    volgnummer = tekst(gerelateerde, "volgnummer") if gerelateerde is not None else None
    gezet_door: Medewerker | OrganisatorischeEenheid | None = None
    is_gezet_door = heeft.find(ns.zkn("isGezetDoor"))
    if is_gezet_door is not None and not is_nil(is_gezet_door):
        partij = lees_gerelateerde(is_gezet_door)
        if isinstance(partij, Medewerker | OrganisatorischeEenheid):
            gezet_door = partij
    return StatusVerzoek(
        volgnummer=int(volgnummer) if volgnummer else None,
        omschrijving=tekst(gerelateerde, "omschrijving") if gerelateerde is not None else None,
        datum_status_gezet=tekst(heeft, "datumStatusGezet"),
        toelichting=tekst(heeft, "toelichting"),
        gezet_door=gezet_door,
    )


def lees_kenmerken(elementen: list[etree._Element]) -> list[Kenmerk]:
    return [
        Kenmerk(kenmerk=tekst(e, "kenmerk") or "", bron=tekst(e, "bron") or "")
        for e in elementen
        if not is_nil(e)
    ]


def lees_andere_zaakobjecten(elementen: list[etree._Element]) -> list[AnderZaakObject]:
    resultaat: list[AnderZaakObject] = []
    for e in elementen:
        if is_nil(e):
            continue
        lokatie = e.find(ns.zkn("lokatie"))
        resultaat.append(
            AnderZaakObject(
                omschrijving=tekst(e, "omschrijving") or "",
                aanduiding=tekst(e, "aanduiding") or "",
                lokatie=etree.tostring(lokatie, encoding="unicode") if lokatie is not None else "",
                registratie=tekst(e, "registratie") or "",
            )
        )
    return resultaat


def lees_resultaat(element: etree._Element) -> Resultaat | None:
    return (
        None if is_nil(element) else Resultaat(tekst(element, "omschrijving"), tekst(element, "toelichting"))
    )


def lees_opschorting(element: etree._Element) -> Opschorting | None:
    if is_nil(element):
        return None
    return Opschorting(tekst(element, "indicatie") or "N", tekst(element, "reden") or "")


def lees_verlenging(element: etree._Element) -> Verlenging | None:
    if is_nil(element):
        return None
    return Verlenging(int(tekst(element, "duur") or 0), tekst(element, "reden") or "")
