"""Voorzieningen between XML (``StUF:aanvullendeElementen/VZ:voorzieningen``) and the domain model.

The wire format is ours (issue 9, docs/voorzieningen.md, ``xsd/voorziening/voorziening-1.0.xsd``,
and its minor version 1.1 with the klantbeeld selection ``VZ:voorzieningSelectie``):
StUF 03.01 3.2.4.2 puts each child of ``StUF:aanvullendeElementen`` in its own namespace with a
``StUF:schemaLocation``; StUF rules apply inside (``xsi:nil`` + ``StUF:noValue``).

Reading and writing go through one flat form, ``{pad: tekst}`` with pads such as
``product.categorie`` in schema order (:data:`PADEN`), so the element tree and the named
``StUF:extraElement`` fallback (:mod:`rzs.services.voorzieningen_extra`) cannot drift apart.
Callers validate against our schema first (``stuf.validatie.Schema``); the reader then only checks
what a schema cannot: a real calendar date and a schemaLocation that names our namespace.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from lxml import etree

from rzs import ns
from rzs.domain.voorziening import (
    Aanbieder,
    Beschikking,
    Domein,
    Leveringsvorm,
    Omvang,
    Product,
    Toewijzing,
    VerzoekOmToewijzing,
    Voorziening,
    Voorzieningen,
    VoorzieningStatus,
)
from rzs.fouten import OngeldigBericht
from rzs.store import VoorzieningSelectie
from rzs.stuf.novalue import NoValue, is_nil, zet_nil

#: The version this server writes, and the only one the 1.0 schema accepts.
VERSIE = "1.0"
#: ``StUF:schemaLocation`` we write: the namespace and where our server serves its schema.
SCHEMA_LOCATION = f"{ns.VOORZIENING} /xsd/voorziening/voorziening-{VERSIE}.xsd"

#: Every value of a voorziening, in schema order; ``groep.element`` inside a group element.
PADEN: tuple[str, ...] = (
    "nummer",
    "domein",
    "product.categorie",
    "product.code",
    "leveringsvorm",
    "omvang.volume",
    "omvang.eenheid",
    "omvang.frequentie",
    "budget",
    "ingangsdatum",
    "einddatum",
    "aanbieder.agbCode",
    "aanbieder.naam",
    "beschikking.nummer",
    "beschikking.afgiftedatum",
    "beschikking.besluitIdentificatie",
    "status",
    "redenWijziging",
    "toewijzing.datum",
    "toewijzing.tijd",
    "verzoekOmToewijzing.berichtIdentificatie",
    "verzoekOmToewijzing.ontvangen",
    "commentaar",
)
GROEPEN = frozenset(pad.partition(".")[0] for pad in PADEN if "." in pad)
_DATUMS = {"ingangsdatum", "einddatum", "beschikking.afgiftedatum", "toewijzing.datum"}

#: The flat form: values by pad, and the pads sent empty with their StUF:noValue reason.
Waarden = dict[str, str]


@dataclass(frozen=True, slots=True)
class AanvullendeElementen:
    """What a zaak carried in ``StUF:aanvullendeElementen``: our voorzieningen (or None) and the
    namespaces of every other child, for the zaaktype to accept or refuse (issue 9 "Catalogue")."""

    voorzieningen: Voorzieningen | None
    andere_namespaces: tuple[str, ...]


# --- reading -----------------------------------------------------------------------------------


def lees_aanvullende_elementen(zaak: etree._Element) -> AanvullendeElementen | None:
    """The ``StUF:aanvullendeElementen`` of a ZAK object; None when it has none (or nil: a scope)."""
    element = zaak.find(ns.stuf("aanvullendeElementen"))
    if element is None or is_nil(element):
        return None
    voorzieningen: Voorzieningen | None = None
    andere: list[str] = []
    for kind in _kinderen(element):
        namespace = ns.namespace_of(kind.tag)
        _controleer_schema_location(kind, namespace)
        if kind.tag == ns.vz("voorzieningen") and voorzieningen is None:
            voorzieningen = lees(kind)
        elif namespace == ns.VOORZIENING:
            # The wildcard is lax, so an undeclared name in our namespace passes the schema.
            raise OngeldigBericht(
                f"aanvullendeElementen: {ns.local_name(kind.tag)} (één voorzieningen toegestaan)"
            )
        elif namespace not in andere:
            andere.append(namespace)
    return AanvullendeElementen(voorzieningen, tuple(andere))


def _controleer_schema_location(kind: etree._Element, namespace: str) -> None:
    """StUF 03.01 3.2.4.2: every child names its namespace in ``StUF:schemaLocation`` ("namespace"
    or "namespace location"); the lax wildcard lets a foreign child through without one."""
    schema_location = kind.get(ns.stuf("schemaLocation"), "")
    if schema_location.split()[:1] != [namespace]:
        raise OngeldigBericht(
            f"aanvullendeElementen: {ns.local_name(kind.tag)} heeft geen StUF:schemaLocation "
            f"die met zijn namespace {namespace or '(geen)'} begint"
        )


def lees(container: etree._Element) -> Voorzieningen:
    """A schema-valid ``VZ:voorzieningen`` element as the domain model."""
    _controleer_schema_location(container, ns.VOORZIENING)
    return Voorzieningen(
        versie=container.get("versie", ""),
        schema_location=container.get(ns.stuf("schemaLocation"), ""),
        voorzieningen=tuple(bouw(*_plat_xml(v)) for v in _kinderen(container)),
    )


def _plat_xml(voorziening: etree._Element) -> tuple[Waarden, Waarden]:
    waarden: Waarden = {}
    leeg: Waarden = {}
    for kind in _kinderen(voorziening):
        naam = ns.local_name(kind.tag)
        bladeren = (
            [(f"{naam}.{ns.local_name(b.tag)}", b) for b in _kinderen(kind)]
            if naam in GROEPEN
            else [(naam, kind)]
        )
        for pad, blad in bladeren:
            if is_nil(blad):
                reden = blad.get(ns.NOVALUE)
                if reden is None:
                    raise OngeldigBericht(f"voorziening: {pad} is xsi:nil zonder StUF:noValue")
                leeg[pad] = reden
            else:
                waarden[pad] = blad.text or ""
    return waarden, leeg


def bouw(waarden: Waarden, leeg: Waarden) -> Voorziening:
    """The flat form as a :class:`Voorziening` (pads not given are absent)."""
    for pad in _DATUMS & set(waarden):
        _controleer_datum(pad, waarden[pad])

    def groep(naam: str) -> bool:
        return any(pad.startswith(naam + ".") for pad in (*waarden, *leeg))

    def v(pad: str) -> str:
        if pad not in waarden:
            raise OngeldigBericht(f"voorziening: {pad} ontbreekt")
        return waarden[pad]

    return Voorziening(
        nummer=int(v("nummer")),
        domein=Domein(v("domein")),
        product=Product(v("product.categorie"), waarden.get("product.code")),
        leveringsvorm=Leveringsvorm(v("leveringsvorm")),
        ingangsdatum=v("ingangsdatum"),
        status=VoorzieningStatus(v("status")),
        omvang=Omvang(int(v("omvang.volume")), v("omvang.eenheid"), v("omvang.frequentie"))
        if groep("omvang")
        else None,
        budget=int(waarden["budget"]) if "budget" in waarden else None,
        einddatum=waarden.get("einddatum"),
        aanbieder=Aanbieder(waarden.get("aanbieder.agbCode"), waarden.get("aanbieder.naam"))
        if groep("aanbieder")
        else None,
        beschikking=Beschikking(
            int(v("beschikking.nummer")),
            v("beschikking.afgiftedatum"),
            waarden.get("beschikking.besluitIdentificatie"),
        )
        if groep("beschikking")
        else None,
        reden_wijziging=waarden.get("redenWijziging"),
        toewijzing=Toewijzing(v("toewijzing.datum"), v("toewijzing.tijd")) if groep("toewijzing") else None,
        verzoek_om_toewijzing=VerzoekOmToewijzing(
            v("verzoekOmToewijzing.berichtIdentificatie"), v("verzoekOmToewijzing.ontvangen")
        )
        if groep("verzoekOmToewijzing")
        else None,
        commentaar=waarden.get("commentaar"),
        geen_waarde=tuple((pad, leeg[pad]) for pad in PADEN if pad in leeg),
    )


def _controleer_datum(pad: str, waarde: str) -> None:
    """The schema checks the JJJJMMDD form; a date that does not exist (20260230) is caught here."""
    try:
        datetime.strptime(waarde, "%Y%m%d")
    except ValueError:
        raise OngeldigBericht(f"voorziening: {pad} {waarde!r} is geen bestaande datum") from None


def _kinderen(element: etree._Element) -> list[etree._Element]:
    return [kind for kind in element if isinstance(kind.tag, str)]


def lees_selectie(gelijk: etree._Element | None) -> VoorzieningSelectie | None:
    """The ``VZ:voorzieningSelectie`` (1.1) in the ``StUF:aanvullendeElementen`` of a zakLv01
    ``gelijk``; None when the selection has none.

    Only that one element can be selected on. Anything else there is refused (StUF055) rather than
    ignored: a criterion we drop would widen the answer about a person beyond what was asked.
    """
    element = None if gelijk is None else gelijk.find(ns.stuf("aanvullendeElementen"))
    if element is None or is_nil(element):
        return None
    kinderen = _kinderen(element)
    if [kind.tag for kind in kinderen] != [ns.vz("voorzieningSelectie")]:
        namen = ", ".join(ns.local_name(kind.tag) for kind in kinderen)
        raise OngeldigBericht(
            f"aanvullendeElementen in een selectie: {namen} (alleen één voorzieningSelectie toegestaan)"
        )
    selectie = kinderen[0]
    _controleer_schema_location(selectie, ns.VOORZIENING)

    def waarde(pad: str) -> str | None:
        return selectie.findtext("/".join(ns.vz(naam) for naam in pad.split("/")))

    peildatum = waarde("peildatum")
    if peildatum is not None:
        _controleer_datum("peildatum", peildatum)
    return VoorzieningSelectie(
        domein=waarde("domein"),
        categorie=waarde("categorie"),
        code=waarde("code"),
        agb_code=waarde("aanbieder/agbCode"),
        status=waarde("status"),
        peildatum=peildatum,
    )


# --- writing -----------------------------------------------------------------------------------


def plat(voorziening: Voorziening) -> list[tuple[str, str]]:
    """The values of a voorziening as (pad, tekst) in schema order; absent values left out."""
    v = voorziening
    waarden: dict[str, str | None] = {
        "nummer": str(v.nummer),
        "domein": v.domein.value,
        "product.categorie": v.product.categorie,
        "product.code": v.product.code,
        "leveringsvorm": v.leveringsvorm.value,
        "omvang.volume": str(v.omvang.volume) if v.omvang else None,
        "omvang.eenheid": v.omvang.eenheid if v.omvang else None,
        "omvang.frequentie": v.omvang.frequentie if v.omvang else None,
        "budget": str(v.budget) if v.budget is not None else None,
        "ingangsdatum": v.ingangsdatum,
        "einddatum": v.einddatum,
        "aanbieder.agbCode": v.aanbieder.agb_code if v.aanbieder else None,
        "aanbieder.naam": v.aanbieder.naam if v.aanbieder else None,
        "beschikking.nummer": str(v.beschikking.nummer) if v.beschikking else None,
        "beschikking.afgiftedatum": v.beschikking.afgiftedatum if v.beschikking else None,
        "beschikking.besluitIdentificatie": v.beschikking.besluit_identificatie if v.beschikking else None,
        "status": v.status.value,
        "redenWijziging": v.reden_wijziging,
        "toewijzing.datum": v.toewijzing.datum if v.toewijzing else None,
        "toewijzing.tijd": v.toewijzing.tijd if v.toewijzing else None,
        "verzoekOmToewijzing.berichtIdentificatie": v.verzoek_om_toewijzing.bericht_identificatie
        if v.verzoek_om_toewijzing
        else None,
        "verzoekOmToewijzing.ontvangen": v.verzoek_om_toewijzing.ontvangen
        if v.verzoek_om_toewijzing
        else None,
        "commentaar": v.commentaar,
    }
    return [(pad, tekst) for pad in PADEN if (tekst := waarden[pad]) is not None]


def aanvullende_elementen(voorzieningen: Voorzieningen) -> etree._Element:
    """``StUF:aanvullendeElementen`` holding the voorzieningen, for a ZAK object in an antwoord."""
    element = etree.Element(ns.stuf("aanvullendeElementen"), nsmap={"StUF": ns.STUF})
    element.append(schrijf(voorzieningen))
    return element


def schrijf(voorzieningen: Voorzieningen) -> etree._Element:
    """The ``VZ:voorzieningen`` element; :func:`lees` of it gives ``voorzieningen`` back."""
    container = nieuwe_container(voorzieningen.versie, voorzieningen.schema_location)
    for voorziening in voorzieningen.voorzieningen:
        schrijf_voorziening(container, dict(plat(voorziening)), dict(voorziening.geen_waarde))
    return container


def nieuwe_container(versie: str = VERSIE, schema_location: str = SCHEMA_LOCATION) -> etree._Element:
    nsmap = {**ns.NSMAP_VOORZIENING, "StUF": ns.STUF, "xsi": ns.XSI}
    container = etree.Element(ns.vz("voorzieningen"), nsmap=nsmap)
    container.set(ns.stuf("schemaLocation"), schema_location)
    container.set("versie", versie)
    return container


def schrijf_voorziening(container: etree._Element, waarden: Waarden, leeg: Waarden) -> etree._Element:
    """One ``VZ:voorziening`` from the flat form, elements in schema order (also used by the
    extraElementen fallback, which builds this element and then validates and reads it)."""
    voorziening = etree.SubElement(container, ns.vz("voorziening"))
    groepen: dict[str, etree._Element] = {}
    for pad in PADEN:
        if pad not in waarden and pad not in leeg:
            continue
        groep, _, naam = pad.rpartition(".")
        ouder = voorziening
        if groep:
            if groep not in groepen:
                groepen[groep] = etree.SubElement(voorziening, ns.vz(groep))
            ouder = groepen[groep]
        blad = etree.SubElement(ouder, ns.vz(naam))
        if pad in waarden:
            blad.text = waarden[pad]
        else:
            zet_nil(blad, NoValue(leeg[pad]))
    return voorziening
