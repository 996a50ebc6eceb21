"""Voorzieningen on a zaak: read from creeerZaak/updateZaak, checked, stored per version, answered in
geefZaakdetails and announced to subscribers (issue 9, docs/voorzieningen.md).

The content of ``StUF:aanvullendeElementen`` passed our schema before a handler runs (the lax
wildcard validates our namespace in full). What happens here, in the message's transaction, so a
refusal leaves the database as it was (StUF 03.01 4.3):

1. the zaaktype decides which namespaces it accepts, in which versions, and which it requires
   (issue 9 "Catalogue"); an undeclared namespace is StUF055, or kept as-is when
   ``Settings.aanvullende_elementen_onbekend`` says ``bewaren``;
2. the rules VZ-01..VZ-18 with the previous stored version of each nummer (StUF058);
3. each voorziening that differs from its stored newest version becomes a new version, with who
   sent it and in which message (iWmo's change semantics: same nummer = new version; intrekken and
   verwijderen are versions too, so nothing is ever deleted);
4. each version's ``gebeurtenissen`` goes to the subscribers as an "Update zaak" notification.

updateZaak applies was/wordt per voorziening: every voorziening in the new (``huidig``/wordt)
object is a version; one that is absent there is NOT deleted (a W-kennisgeving need not repeat
what it leaves alone; deleting is the iWmo way, einddatum = ingangsdatum with reden 13). The old
object's voorzieningen are not compared with the store (that is issue 11's oud comparison).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree

from rzs import ns, safexml
from rzs.catalogus import codelijstbestand
from rzs.domain.codelijst import Codelijsten
from rzs.domain.voorziening import Voorziening, Voorzieningen, gebeurtenissen
from rzs.domain.voorzieningregels import controleer
from rzs.domain.zaaktype import Zaaktype
from rzs.fouten import OngeldigBericht
from rzs.services import notificaties
from rzs.services.context import Context
from rzs.services.voorzieningen_extra import lees_extra_elementen
from rzs.services.voorzieningen_xml import lees, lees_aanvullende_elementen, schrijf
from rzs.store import Herkomst, VoorzieningVersie
from rzs.stuf.bericht import Verzoek
from rzs.stuf.novalue import is_nil
from rzs.stuf.validatie import Schema


@cache
def codelijsten(map_: Path) -> Codelijsten:
    """The code lists of a directory, read once per process (``app.prepare_store`` reads them at
    start-up, so a broken file stops the server before it answers anything)."""
    return codelijstbestand.laad(map_)


@cache
def _schema(xsd_dir: Path) -> Schema:
    return Schema(xsd_dir)


def verwerk(
    obj: etree._Element, zaak: str, zaaktype: Zaaktype, verzoek: Verzoek, ctx: Context, *, nieuw: bool
) -> None:
    """Check and store the voorzieningen (and other aanvullende elementen) of a ZAK object that
    was just stored as ``zaak``; ``nieuw`` for a creeerZaak (required namespaces are checked)."""
    voorzieningen, andere = _lees(obj, ctx)
    _controleer_namespaces(zaaktype, voorzieningen, andere, ctx, nieuw=nieuw)
    for element in andere:
        ctx.repos.voorzieningen.bewaar_aanvullend(zaak, ns.namespace_of(element.tag), _tekst(element))
    if voorzieningen is None:
        return
    vorige = {v.nummer: v for v in actuele_voorzieningen(ctx, zaak)}
    controleer(
        voorzieningen,
        vorige=vorige,
        codelijsten=codelijsten(ctx.settings.codelijsten_dir),
        zaaktype_domein=zaaktype.voorzieningdomein,
    )
    herkomst = _herkomst(verzoek)
    for voorziening in voorzieningen.voorzieningen:
        oud = vorige.get(voorziening.nummer)
        if oud == voorziening:
            continue  # the same content again: no new version, nothing to announce
        enkel = Voorzieningen(voorzieningen.versie, voorzieningen.schema_location, (voorziening,))
        ctx.repos.voorzieningen.add(zaak, voorziening, _tekst(schrijf(enkel)), herkomst)
        for gebeurtenis in gebeurtenissen(oud, voorziening):
            notificaties.na_voorziening(verzoek, ctx, zaak, gebeurtenis.value)


def _lees(obj: etree._Element, ctx: Context) -> tuple[Voorzieningen | None, list[etree._Element]]:
    """Our voorzieningen (aanvullendeElementen, or the named extraElementen when switched on) and
    the children of ``StUF:aanvullendeElementen`` in other namespaces."""
    aanvullend = lees_aanvullende_elementen(obj)
    voorzieningen = aanvullend.voorzieningen if aanvullend is not None else None
    if ctx.settings.voorzieningen_extra_elementen:
        extra = lees_extra_elementen(obj, _schema(ctx.settings.xsd_dir))
        if extra is not None and voorzieningen is not None:
            raise OngeldigBericht(
                "voorzieningen staan zowel in StUF:aanvullendeElementen als in StUF:extraElementen"
            )
        voorzieningen = voorzieningen or extra
    element = obj.find(ns.stuf("aanvullendeElementen"))
    andere = [
        kind
        for kind in (element if element is not None and not is_nil(element) else [])
        if isinstance(kind.tag, str) and ns.namespace_of(kind.tag) != ns.VOORZIENING
    ]
    return voorzieningen, andere


def _controleer_namespaces(
    zaaktype: Zaaktype,
    voorzieningen: Voorzieningen | None,
    andere: list[etree._Element],
    ctx: Context,
    *,
    nieuw: bool,
) -> None:
    """Issue 9 "Catalogue": what the zaaktype declares decides (StUF055 with the reason)."""
    if voorzieningen is not None:
        declaratie = zaaktype.aanvullende_namespace(ns.VOORZIENING)
        if declaratie is None:
            raise OngeldigBericht(
                f"zaaktype {zaaktype.code} accepteert geen voorzieningen ({ns.VOORZIENING})"
            )
        if not declaratie.accepteert(voorzieningen.versie):
            raise OngeldigBericht(
                f"zaaktype {zaaktype.code} accepteert voorzieningen versie {voorzieningen.versie} niet "
                f"(wel {', '.join(declaratie.versies)})"
            )
    for element in andere:
        namespace = ns.namespace_of(element.tag)
        if (
            zaaktype.aanvullende_namespace(namespace) is None
            and ctx.settings.aanvullende_elementen_onbekend != "bewaren"
        ):
            raise OngeldigBericht(
                f"aanvullendeElementen: namespace {namespace} is niet gedeclareerd "
                f"voor zaaktype {zaaktype.code}"
            )
    if nieuw:
        aanwezig = {ns.namespace_of(e.tag) for e in andere} | ({ns.VOORZIENING} if voorzieningen else set())
        for declaratie in zaaktype.aanvullende_elementen:
            if declaratie.verplicht and declaratie.namespace not in aanwezig:
                raise OngeldigBericht(
                    f"zaaktype {zaaktype.code} vereist aanvullendeElementen in {declaratie.namespace}"
                )


def _herkomst(verzoek: Verzoek) -> Herkomst:
    gegevens = verzoek.stuurgegevens
    zender = gegevens.zender if gegevens is not None else None
    naam = "/".join(v for v in (zender.organisatie, zender.applicatie) if v) if zender else None
    return Herkomst(naam or None, gegevens.referentienummer if gegevens is not None else None)


def _tekst(element: etree._Element) -> str:
    return safexml.canonical(element).decode("utf-8")


# --- reading back ------------------------------------------------------------------------------


def als_voorziening(versie: VoorzieningVersie) -> tuple[Voorzieningen, Voorziening]:
    """A stored version as the container it came in and its one voorziening."""
    container = lees(safexml.parse(versie.inhoud.encode("utf-8")))
    return container, container.voorzieningen[0]


def actuele_voorzieningen(ctx: Context, zaak: str) -> list[Voorziening]:
    return [als_voorziening(v)[1] for v in ctx.repos.voorzieningen.actueel(zaak)]


def aanvullende_elementen(ctx: Context, zaak: str) -> etree._Element | None:
    """``StUF:aanvullendeElementen`` for a ZAK object in an antwoord: the newest version of each
    voorziening in one container (in the version and schemaLocation of the newest one sent), then
    the elements kept as-is; None when the zaak has neither (the answer is then plain RZS 1.0)."""
    versies = ctx.repos.voorzieningen.actueel(zaak)
    andere = ctx.repos.voorzieningen.aanvullend(zaak)
    if not versies and not andere:
        return None
    element = etree.Element(ns.stuf("aanvullendeElementen"), nsmap={"StUF": ns.STUF})
    if versies:
        containers = [als_voorziening(v) for v in versies]
        laatste = max(zip(versies, containers, strict=True), key=lambda paar: paar[0].geregistreerd_op)[1][0]
        element.append(
            schrijf(Voorzieningen(laatste.versie, laatste.schema_location, tuple(v for _, v in containers)))
        )
    for _, inhoud in andere:
        element.append(safexml.parse(inhoud.encode("utf-8")))
    return element
