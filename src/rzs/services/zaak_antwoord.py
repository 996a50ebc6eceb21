"""Writing a zaak into a zakLa01 ``object``, driven by the scope of the vraag (DIGEST c.8, f.4).

The scope tree of the request is in schema order (it passed validation), so walking it and writing
what each scope element asks for yields a schema-valid answer. ``scopes/zaak_alles.xml`` is the
scope for "everything": used without scope, with ``StUF:scope="alles"``, and for relations whose
scope names no fields. Empty values are ``xsi:nil`` with ``StUF:noValue`` ``geenWaarde``; fields we
do not store are ``nietOndersteund``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from lxml import etree

from rzs import ns, safexml
from rzs.domain.besluit import Besluit
from rzs.domain.betrokkenen import Betrokkene, Gerelateerde, OverigObject, Zaakobject
from rzs.domain.document import Document
from rzs.domain.zaak import Status, Zaak, ZaakRelatie
from rzs.services import besluit_antwoord, document_antwoord
from rzs.services.velden import RELATIE_ENTITEITTYPE, SOORT_PER_CLASS, ZAAK_VELD, Groep
from rzs.stuf.novalue import NoValue, zet_nil

T = TypeVar("T")

_ALLES = Path(__file__).with_name("scopes") / "zaak_alles.xml"


@cache
def volledige_scope() -> etree._Element:
    return safexml.parse(_ALLES.read_bytes())


@dataclass(slots=True)
class Antwoordbudget:
    """How many related objects an answer may still hold (``Settings.max_antwoord_objecten``,
    issue 11 item 8): a zaak with 60,000 relations made a 46 MB reply. Past it the answer is cut
    and the caller adds the melding StUF0002 (StUF 03.01 §6.4.1)."""

    over: int = sys.maxsize
    afgekapt: bool = False

    def neem(self) -> bool:
        if self.over <= 0:
            self.afgekapt = True
            return False
        self.over -= 1
        return True


@dataclass(frozen=True, slots=True)
class Schrijfopties:
    #: Only the status with indicatieLaatsteStatus J (geefZaakstatus, DIGEST f.4).
    alleen_laatste_status: bool = False
    #: Looks up a related zaak for nested heeftBetrekkingOpAndere scopes.
    zaak_opzoeken: Callable[[str], Zaak | None] = lambda identificatie: None
    #: The documents of a zaak, for ``heeftRelevant`` (geefLijstZaakdocumenten, DIGEST f.4).
    documenten_opzoeken: Callable[[str], list[Document]] = lambda identificatie: []
    #: The besluiten a zaak leidtTot (geefZaakdetails, geefLijstBesluiten; ZDS 1.2 4.1.11).
    besluiten_opzoeken: Callable[[str], list[Besluit]] = lambda identificatie: []
    #: Shared by every zaak of one answer.
    budget: Antwoordbudget = field(default_factory=Antwoordbudget)
    #: The ``StUF:aanvullendeElementen`` of a zaak (its voorzieningen, issue 9), None for none.
    aanvullende_elementen: Callable[[str], etree._Element | None] = lambda identificatie: None


def scope_object(scope: etree._Element | None) -> etree._Element:
    """The effective scope ``object``: the request's, or everything when absent or ``alles``."""
    if scope is None or scope.get(ns.SCOPE) in {
        "alles",
        "allesZonderMetagegevens",
        "allesMaarKerngegevensGerelateerden",
        "allesZonderMetagegevensMaarKerngegevensGerelateerden",
    }:
        return volledige_scope()
    if scope.get(ns.SCOPE) == "kerngegevens":
        kern = etree.Element(ns.zkn("object"))
        etree.SubElement(kern, ns.zkn("identificatie"))
        return kern
    return scope


def _volledig(naam: str) -> etree._Element | None:
    return volledige_scope().find(ns.zkn(naam))


def _leeg(scope: etree._Element) -> bool:
    return len(scope) == 0 or scope.get(ns.SCOPE) is not None


def schrijf_zaak(parent: etree._Element, zaak: Zaak, scope: etree._Element, opties: Schrijfopties) -> None:
    obj = etree.SubElement(parent, ns.zkn("object"))
    obj.set(ns.ENTITEITTYPE, "ZAK")
    for element in scope:
        if isinstance(element.tag, str) and ns.namespace_of(element.tag) == ns.ZKN:
            _schrijf_zaakelement(obj, zaak, element, opties)
        elif element.tag == ns.stuf("aanvullendeElementen"):
            # Only our own extension (issue 9): absent when the zaak has none, so an RZS 1.0 answer
            # stays exactly RZS 1.0 also with scope "alles".
            aanvullend = opties.aanvullende_elementen(zaak.identificatie)
            if aanvullend is not None:
                obj.append(aanvullend)


def _schrijf_zaakelement(
    obj: etree._Element, zaak: Zaak, scope: etree._Element, opties: Schrijfopties
) -> None:
    naam = ns.local_name(scope.tag)
    veld = ZAAK_VELD.get(naam)
    if veld is not None:
        _schrijf_waarde(obj, scope.tag, getattr(zaak, veld.attribuut))
    elif naam in {"kenmerk", "anderZaakObject", "resultaat", "opschorting", "verlenging"}:
        _schrijf_zaakgroep(obj, zaak, naam, _of_volledig(scope, naam))
    elif naam == "isVan":
        _schrijf_zaaktype(obj, zaak, _of_volledig(scope, naam))
    elif naam == "heeftBetrekkingOp":
        for zaakobject in _binnen_budget(zaak.zaakobjecten, opties):
            _schrijf_zaakobject(obj, zaakobject, _of_volledig(scope, naam))
    elif (
        naam in RELATIE_ENTITEITTYPE
        and naam.startswith("heeftAls")
        and naam not in {"heeftAlsDeelzaak", "heeftAlsHoofdzaak"}
    ):
        betrokkenen = [b for b in zaak.betrokkenen if b.rol.value == naam]
        for betrokkene in _binnen_budget(betrokkenen, opties):
            _schrijf_betrokkene(obj, betrokkene, _of_volledig(scope, naam))
    elif naam in {"heeftBetrekkingOpAndere", "heeftAlsDeelzaak", "heeftAlsHoofdzaak"}:
        relaties = [r for r in zaak.relaties if r.soort.value == naam]
        for relatie in _binnen_budget(relaties, opties):
            _schrijf_zaakrelatie(obj, relatie, _of_volledig(scope, naam), opties)
    elif naam == "heeft":
        laatste = zaak.laatste_status
        statussen = sorted(zaak.statussen, key=lambda s: (s.datum_status_gezet, s.volgnummer))
        if opties.alleen_laatste_status:
            statussen = [s for s in statussen if s is laatste]
        for status in _binnen_budget(statussen, opties):
            _schrijf_status(obj, zaak, status, status is laatste, _of_volledig(scope, naam))
    elif naam == "heeftRelevant":
        for document in _binnen_budget(opties.documenten_opzoeken(zaak.identificatie), opties):
            document_antwoord.schrijf_heeft_relevant(obj, document, _of_volledig(scope, naam))
    elif naam == "leidtTot":
        for besluit in _binnen_budget(opties.besluiten_opzoeken(zaak.identificatie), opties):
            besluit_antwoord.schrijf_leidt_tot(obj, besluit, _of_volledig(scope, naam))


def _binnen_budget(objecten: list[T], opties: Schrijfopties) -> Iterator[T]:
    for gerelateerd in objecten:
        if not opties.budget.neem():
            return
        yield gerelateerd


def _of_volledig(scope: etree._Element, naam: str) -> etree._Element:
    if _leeg(scope):
        return _volledig(naam) or scope
    return scope


def _schrijf_waarde(
    parent: etree._Element, tag: object, waarde: Any, reden: NoValue = NoValue.GEEN_WAARDE
) -> None:
    tag = ns.clark(tag)
    element = etree.SubElement(parent, tag)
    if tag.endswith("}authentiek") or tag == "authentiek":
        # BG:authentiek is a metagegeven (StUF 3.01 3.2.4): the attribute is required on it.
        element.set(ns.stuf("metagegeven"), "true")
    if waarde is None or waarde == "":
        zet_nil(element, reden)
    else:
        element.text = str(waarde)


#: In a BG answer a person's key is followed by ``authentiek``: whether the data comes from the
#: authentic registration (BRP/NHR). Ours comes from the sending application, so it is ``N``.
_AUTHENTIEK_NA = {"inp.bsn", "inn.nnpId", "vestigingsNummer"}


def _schrijf_velden(parent: etree._Element, waarden: Any, scope: etree._Element, groep: Groep) -> None:
    """Write the fields of a dataclass (gerelateerde, address) that the scope asks for."""
    for element in scope:
        if not isinstance(element.tag, str):
            continue
        naam = ns.local_name(element.tag)
        veld = groep.veld(naam)
        if veld is None:
            if naam != "authentiek" and ns.namespace_of(element.tag) != ns.STUF and len(element) == 0:
                _schrijf_waarde(parent, element.tag, None, NoValue.NIET_ONDERSTEUND)
            continue
        waarde = getattr(waarden, veld.attribuut)
        if veld.groep is not None:
            if waarde is not None:
                sub = etree.SubElement(parent, veld.tag)
                _schrijf_velden(
                    sub, waarde, element if len(element) else _alle_velden(veld.groep), veld.groep
                )
            continue
        _schrijf_waarde(parent, veld.tag, waarde)
        if naam in _AUTHENTIEK_NA and veld.namespace == ns.BG:
            _schrijf_waarde(parent, ns.bg("authentiek"), "N")


def _alle_velden(groep: Groep) -> etree._Element:
    scope = etree.Element("scope")
    for veld in groep.velden:
        etree.SubElement(scope, veld.tag)
    return scope


def _schrijf_gerelateerde(relatie: etree._Element, partij: Gerelateerde, scope: etree._Element) -> None:
    gerelateerde_scope = scope.find(ns.zkn("gerelateerde"))
    gerelateerde = etree.SubElement(relatie, ns.zkn("gerelateerde"))
    if isinstance(partij, OverigObject):
        _schrijf_overig(gerelateerde, partij)
        return
    soort = SOORT_PER_CLASS[type(partij)]
    soort_scope = gerelateerde_scope.find(ns.zkn(soort.element)) if gerelateerde_scope is not None else None
    if soort_scope is None or _leeg(soort_scope):
        volledig = volledige_scope().find(f"{ns.zkn('heeftBetrekkingOp')}/{ns.zkn('gerelateerde')}")
        assert volledig is not None
        soort_scope = volledig.find(ns.zkn(soort.element))
    element = etree.SubElement(gerelateerde, ns.zkn(soort.element))
    element.set(ns.ENTITEITTYPE, soort.entiteittype)
    assert soort_scope is not None
    _schrijf_velden(element, partij, soort_scope, soort.groep)


def _schrijf_overig(gerelateerde: etree._Element, partij: OverigObject) -> None:
    element = etree.SubElement(gerelateerde, ns.zkn(partij.element))
    element.set(ns.ENTITEITTYPE, partij.soort)
    for pad, waarde in partij.velden:
        doel = element
        for deel in pad.split("/"):
            bestaand = doel.find(ns.zkn(deel))
            doel = bestaand if bestaand is not None else etree.SubElement(doel, ns.zkn(deel))
        doel.text = waarde


def _relatie(parent: etree._Element, naam: str) -> etree._Element:
    element = etree.SubElement(parent, ns.zkn(naam))
    element.set(ns.ENTITEITTYPE, RELATIE_ENTITEITTYPE[naam])
    return element


def _relatievelden(relatie: etree._Element, scope: etree._Element, waarden: dict[str, str | None]) -> None:
    for element in scope:
        if isinstance(element.tag, str) and ns.local_name(element.tag) in waarden:
            _schrijf_waarde(relatie, element.tag, waarden[ns.local_name(element.tag)])


def _schrijf_betrokkene(obj: etree._Element, betrokkene: Betrokkene, scope: etree._Element) -> None:
    relatie = _relatie(obj, betrokkene.rol.value)
    _schrijf_gerelateerde(relatie, betrokkene.gerelateerde, scope)
    _relatievelden(
        relatie,
        scope,
        {
            "code": betrokkene.code,
            "omschrijving": betrokkene.omschrijving,
            "toelichting": betrokkene.toelichting,
        },
    )


def _schrijf_zaakobject(obj: etree._Element, zaakobject: Zaakobject, scope: etree._Element) -> None:
    relatie = _relatie(obj, "heeftBetrekkingOp")
    _schrijf_gerelateerde(relatie, zaakobject.gerelateerde, scope)
    _relatievelden(relatie, scope, {"omschrijving": zaakobject.omschrijving})


def _schrijf_zaaktype(obj: etree._Element, zaak: Zaak, scope: etree._Element) -> None:
    relatie = _relatie(obj, "isVan")
    gerelateerde = etree.SubElement(relatie, ns.zkn("gerelateerde"))
    gerelateerde.set(ns.ENTITEITTYPE, "ZKT")
    waarden = {
        "omschrijving": zaak.zaaktype.omschrijving,
        "code": zaak.zaaktype.code,
        "ingangsdatumObject": zaak.zaaktype.ingangsdatum,
    }
    gerelateerde_scope = scope.find(ns.zkn("gerelateerde"))
    if gerelateerde_scope is None or _leeg(gerelateerde_scope):
        gerelateerde_scope = volledige_scope().find(f"{ns.zkn('isVan')}/{ns.zkn('gerelateerde')}")
    assert gerelateerde_scope is not None
    _relatievelden(gerelateerde, gerelateerde_scope, waarden)


def _schrijf_zaakrelatie(
    obj: etree._Element, relatie: ZaakRelatie, scope: etree._Element, opties: Schrijfopties
) -> None:
    element = _relatie(obj, relatie.soort.value)
    gerelateerde = etree.SubElement(element, ns.zkn("gerelateerde"))
    gerelateerde.set(ns.ENTITEITTYPE, "ZAK")
    gerelateerde_scope = scope.find(ns.zkn("gerelateerde"))
    if gerelateerde_scope is None or _leeg(gerelateerde_scope):
        gerelateerde_scope = volledige_scope().find(
            f"{ns.zkn('heeftBetrekkingOpAndere')}/{ns.zkn('gerelateerde')}"
        )
    assert gerelateerde_scope is not None
    andere = None
    for veld in gerelateerde_scope:
        naam = ns.local_name(veld.tag) if isinstance(veld.tag, str) else ""
        if naam == "identificatie":
            _schrijf_waarde(gerelateerde, veld.tag, relatie.identificatie)
            continue
        andere = andere or opties.zaak_opzoeken(relatie.identificatie)
        if andere is None:
            continue
        if naam == "omschrijving":
            _schrijf_waarde(gerelateerde, veld.tag, andere.omschrijving)
        elif naam == "isVan":
            _schrijf_zaaktype(gerelateerde, andere, veld)


def _schrijf_status(
    obj: etree._Element, zaak: Zaak, status: Status, laatste: bool, scope: etree._Element
) -> None:
    relatie = _relatie(obj, "heeft")
    statustype = zaak.zaaktype.zoek_statustype(status.volgnummer, None)
    for element in scope:
        if not isinstance(element.tag, str):
            continue
        naam = ns.local_name(element.tag)
        if naam == "gerelateerde":
            gerelateerde = etree.SubElement(relatie, ns.zkn("gerelateerde"))
            gerelateerde.set(ns.ENTITEITTYPE, "STT")
            _relatievelden(
                gerelateerde,
                element if not _leeg(element) else _volledig_pad("heeft", "gerelateerde"),
                {
                    "zkt.code": zaak.zaaktype.code,
                    "zkt.omschrijving": zaak.zaaktype.omschrijving,
                    "volgnummer": str(status.volgnummer),
                    "code": statustype.effectieve_code if statustype else str(status.volgnummer),
                    "omschrijving": status.omschrijving,
                },
            )
        elif naam in {"toelichting", "datumStatusGezet"}:
            _schrijf_waarde(
                relatie,
                element.tag,
                status.toelichting if naam == "toelichting" else status.datum_status_gezet,
            )
        elif naam == "indicatieLaatsteStatus":
            _schrijf_waarde(relatie, element.tag, "J" if laatste else "N")
        elif naam == "isGezetDoor" and status.gezet_door is not None:
            gezet_door = _relatie(relatie, "isGezetDoor")
            _schrijf_gerelateerde(
                gezet_door,
                status.gezet_door,
                element if not _leeg(element) else _volledig_pad("heeft", "isGezetDoor"),
            )


def _volledig_pad(*namen: str) -> etree._Element:
    element = volledige_scope().find("/".join(ns.zkn(n) for n in namen))
    assert element is not None
    return element


def _schrijf_zaakgroep(obj: etree._Element, zaak: Zaak, naam: str, scope: etree._Element) -> None:
    waarden: list[dict[str, Any]]
    if naam == "kenmerk":
        waarden = [{"kenmerk": k.kenmerk, "bron": k.bron} for k in zaak.kenmerken]
    elif naam == "anderZaakObject":
        waarden = [
            {
                "omschrijving": a.omschrijving,
                "aanduiding": a.aanduiding,
                "lokatie": a.lokatie,
                "registratie": a.registratie,
            }
            for a in zaak.andere_zaakobjecten
        ]
    else:
        waarde = getattr(zaak, naam)
        waarden = (
            [] if waarde is None else [{k: getattr(waarde, k) for k in type(waarde).__dataclass_fields__}]
        )
    for rij in waarden:
        groep = etree.SubElement(obj, ns.zkn(naam))
        for element in scope:
            if not isinstance(element.tag, str) or ns.local_name(element.tag) not in rij:
                continue
            veldnaam = ns.local_name(element.tag)
            if veldnaam == "lokatie" and rij[veldnaam]:
                groep.append(safexml.parse(rij[veldnaam].encode()))
            else:
                _schrijf_waarde(groep, element.tag, rij[veldnaam])


def scope_en_inhoud(scope: etree._Element) -> bool:
    """StUF097: a scope attribute together with child content."""
    for element in scope.iter():
        if isinstance(element.tag, str) and element.get(ns.SCOPE) is not None and len(element):
            return True
    return False
