"""creeerZaak read in one pass into a domain command, before the unit of work (issue 14).

Why a separate step: on SQLite the unit of work of a message that changes state is the database's
write lock, and every millisecond in it is a millisecond no other worker can write. Reading the
message (XML -> dataclasses) needs no database, so it happens first, outside the lock; the
handler (``zaken.creeer_zaak``) then works on :class:`NieuweZaak` only: the zaaktype, rules and
checks against stored zaken, the store. What can only be read against the catalogue or the store
stays as elements: ``leidtTot`` (besluittypen of the zaaktype) and the aanvullendeElementen.

A message that cannot be read is refused here (StUF055/058) as it would have been in the handler.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lxml import etree

from rzs import ns
from rzs.domain.betrokkenen import Betrokkene, Rol, Zaakobject
from rzs.domain.zaak import ZaakRelatie
from rzs.domain.zaaktype import ZaaktypeVerwijzing
from rzs.fouten import Bedrijfsregel
from rzs.services import zaak_lezen as lezen
from rzs.services.velden import ZAAK_VELD
from rzs.stuf.bericht import Verzoek

#: The role relations: the element names are the values of the domain's Rol.
ROLRELATIES = frozenset(rol.value for rol in Rol)
ZAAKRELATIES = frozenset({"heeftBetrekkingOpAndere", "heeftAlsDeelzaak", "heeftAlsHoofdzaak"})

#: A relation as read: its element name and what it names.
Relatie = tuple[str, Betrokkene | Zaakobject | ZaakRelatie | lezen.StatusVerzoek]


@dataclass(frozen=True, slots=True)
class NieuweZaak:
    identificatie: str
    zaaktype: ZaaktypeVerwijzing | None
    #: Attributes of the new Zaak: scalars and groups (kenmerken, resultaat, ...).
    waarden: dict[str, Any]
    relaties: tuple[Relatie, ...]
    #: ``leidtTot`` relations: read against the zaaktype's besluittypen in the unit of work.
    besluiten: tuple[etree._Element, ...]
    #: The object element, for its aanvullendeElementen (voorzieningen, read against the catalogue).
    object: etree._Element


def lees(verzoek: Verzoek) -> NieuweZaak:
    """creeerZaak_Lk01: one object with verwerkingssoort T (DIGEST c.7.1, c.7.4)."""
    if lezen.mutatiesoort(verzoek.body) != "T":
        raise Bedrijfsregel("creeerZaak vereist mutatiesoort T")
    objecten = verzoek.body.findall(ns.zkn("object"))
    if len(objecten) != 1 or objecten[0].get(ns.VERWERKINGSSOORT) != "T":
        raise Bedrijfsregel("creeerZaak vereist precies één object met verwerkingssoort T")
    obj = objecten[0]
    relaties: list[Relatie] = []
    besluiten: list[etree._Element] = []
    for relatie in obj:
        if not isinstance(relatie.tag, str) or not relatie.get(ns.ENTITEITTYPE):
            continue
        naam = ns.local_name(relatie.tag)
        if naam == "leidtTot":
            besluiten.append(relatie)
        elif naam != "isVan":
            relaties.append(lees_relatie(relatie))
    scalairen = {k: v for k, v in lezen.lees_scalairen(obj).items() if k != "identificatie"}
    return NieuweZaak(
        identificatie=lezen.tekst(obj, "identificatie") or "",
        zaaktype=lezen.lees_zaaktype(obj),
        waarden={**scalairen, **groepwaarden(groepen(obj))},
        relaties=tuple(relaties),
        besluiten=tuple(besluiten),
        object=obj,
    )


def lees_relatie(relatie: etree._Element) -> Relatie:
    """One relation to add (verwerkingssoort T) as domain data."""
    naam = ns.local_name(relatie.tag)
    if naam in ROLRELATIES:
        return naam, lezen.lees_betrokkene(relatie)
    if naam == "heeftBetrekkingOp":
        return naam, lezen.lees_zaakobject(relatie)
    if naam in ZAAKRELATIES:
        return naam, lezen.lees_zaakrelatie(relatie)
    if naam == "heeft":
        return naam, lezen.lees_status(relatie)
    raise Bedrijfsregel(f"Relatie {naam} wordt door dit zaaksysteem niet ondersteund")


def groepen(obj: etree._Element) -> dict[str, list[etree._Element]]:
    """The group elements of a zaak object (kenmerk, resultaat, ...), by local name."""
    gevonden: dict[str, list[etree._Element]] = {}
    for child in obj:
        if (
            isinstance(child.tag, str)
            and ns.namespace_of(child.tag) == ns.ZKN
            and not child.get(ns.ENTITEITTYPE)
        ):
            naam = ns.local_name(child.tag)
            if naam not in ZAAK_VELD:
                gevonden.setdefault(naam, []).append(child)
    return gevonden


def groepwaarden(elementen: dict[str, list[etree._Element]]) -> dict[str, Any]:
    """Groups as Zaak attributes. Groups in huidig replace the stored value; multi-valued groups
    are replaced as a whole set (StUF 5.2.4, DIGEST g.12)."""
    waarden: dict[str, Any] = {}
    for naam, groep in elementen.items():
        if naam == "kenmerk":
            waarden["kenmerken"] = lezen.lees_kenmerken(groep)
        elif naam == "anderZaakObject":
            waarden["andere_zaakobjecten"] = lezen.lees_andere_zaakobjecten(groep)
        elif naam == "resultaat":
            waarden["resultaat"] = lezen.lees_resultaat(groep[0])
        elif naam == "opschorting":
            waarden["opschorting"] = lezen.lees_opschorting(groep[0])
        elif naam == "verlenging":
            waarden["verlenging"] = lezen.lees_verlenging(groep[0])
    return waarden
