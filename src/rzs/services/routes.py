"""The route table: which SOAPAction + body root goes to which handler (DIGEST b.2, b.3).

``ACTIES`` is the literal table of the WSDL soapActions; each action accepts the ZDS 1.1 body
(``ZKN:zakLk01``, the RZS form) and the ZDS 1.2 wrapper (``ZDS:creeerZaak_ZakLk01``). When the
SOAPAction is empty, unknown or generic, or contradicts the content, :func:`kies` decides on the
content.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from rzs import ns
from rzs.domain.notificatie import Gebeurtenis
from rzs.services import (
    besluiten,
    documenten,
    identificaties,
    nieuwe_zaak,
    notificaties,
    overdracht,
    vragen,
    zaak_lezen,
    zaken,
)
from rzs.services.context import Lezer, ServiceHandler
from rzs.services.uitvoering import Uitvoerder
from rzs.stuf.bericht import Route


@dataclass(frozen=True, slots=True)
class Operatie:
    handler: ServiceHandler
    synchroon: bool
    #: Deduplicated on zender + referentienummer (DIGEST c.4): every message that changes state.
    #: The others only read, in a read-only unit of work (no SQLite write lock): never write there.
    eenmalig: bool
    #: Subscribers are notified of this gebeurtenis after the operation succeeded (variant 2,
    #: DIGEST a.3, d.7; maakZaakdocument counts as ``Voeg zaakdocument toe``, g.4).
    gebeurtenis: Gebeurtenis | None = None
    #: Reads the message into a domain command before the unit of work, outside the SQLite write
    #: lock (issue 14); the handler finds it in ``Context.gelezen``.
    lezer: Lezer | None = None


OPERATIES: dict[str, Operatie] = {
    "genereerZaakIdentificatie_Di02": Operatie(identificaties.genereer_zaakidentificatie, True, True),
    "creeerZaak_Lk01": Operatie(
        zaken.creeer_zaak, False, True, Gebeurtenis.CREEER_ZAAK, lezer=nieuwe_zaak.lees
    ),
    "updateZaak_Lk01": Operatie(zaken.update_zaak, False, True, Gebeurtenis.UPDATE_ZAAK),
    "actualiseerZaakstatus_Lk01": Operatie(
        zaken.actualiseer_zaakstatus, False, True, Gebeurtenis.ACTUALISEER_ZAAKSTATUS
    ),
    "geefZaakstatus_Lv01": Operatie(vragen.geef_zaakstatus, True, False),
    "geefZaakdetails_Lv01": Operatie(vragen.geef_zaakdetails, True, False),
    "genereerDocumentIdentificatie_Di02": Operatie(identificaties.genereer_documentidentificatie, True, True),
    "voegZaakdocumentToe_Lk01": Operatie(
        documenten.voeg_zaakdocument_toe, False, True, Gebeurtenis.VOEG_ZAAKDOCUMENT_TOE
    ),
    "maakZaakdocument_Lk01": Operatie(
        documenten.maak_zaakdocument, False, True, Gebeurtenis.VOEG_ZAAKDOCUMENT_TOE
    ),
    "geefLijstZaakdocumenten_Lv01": Operatie(vragen.geef_lijst_zaakdocumenten, True, False),
    "geefZaakdocumentLezen_Lv01": Operatie(documenten.geef_zaakdocument_lezen, True, False),
    "geefZaakdocumentbewerken_Di02": Operatie(documenten.geef_zaakdocument_bewerken, True, True),
    "updateZaakdocument_Di02": Operatie(
        documenten.update_zaakdocument, True, True, Gebeurtenis.UPDATE_ZAAKDOCUMENT
    ),
    "cancelCheckout_Di02": Operatie(documenten.cancel_checkout, True, True),
    # ZDS 1.2 only (no ZKN form): ZDS:ontkoppelZaakdocument_Di02 -> Bv02/Fo02.
    "ontkoppelZaakdocument_Di02": Operatie(documenten.ontkoppel_zaakdocument, True, True),
    # ZDS 1.2 besluiten (4.1.7-4.1.11); a besluit change is an ``Update zaak`` of its zaak.
    "genereerBesluitIdentificatie_Di02": Operatie(identificaties.genereer_besluitidentificatie, True, True),
    "voegBesluitToe_Di01": Operatie(besluiten.voeg_besluit_toe, False, True, Gebeurtenis.UPDATE_ZAAK),
    "updateBesluit_Lk01": Operatie(besluiten.update_besluit, False, True, Gebeurtenis.UPDATE_ZAAK),
    "geefBesluitDetails_Lv01": Operatie(besluiten.geef_besluitdetails, True, False),
    "geefLijstBesluiten_Lv01": Operatie(vragen.geef_lijst_besluiten, True, False),
    # RZS vrije berichten (DIGEST d.6-d.8): Di01/Du01, answered with Bv03/Fo03.
    "notificeerOverZaak": Operatie(notificaties.notificeer_over_zaak, False, True),
    "initieerNotificeerOverZaak": Operatie(notificaties.initieer_notificeer_over_zaak, False, True),
    "overdragenZaak": Operatie(overdracht.overdragen_zaak, False, True),
    "bevestigOverdragenZaak": Operatie(overdracht.bevestig_overdragen_zaak, False, True),
}

_ZKN, _ZDS, _RZS = ns.zkn, ns.zds, ns.rzs
_A, _R = ns.ZKN_ACTION, ns.RZS_ACTION

#: (SOAPAction, body root) -> operation. Exact WSDL strings (DIGEST b.2).
ACTIES: dict[tuple[str, str], str] = {
    (
        _A + "genereerZaakIdentificatie_Di02",
        _ZKN("genereerZaakIdentificatie_Di02"),
    ): "genereerZaakIdentificatie_Di02",
    (
        _A + "genereerZaakIdentificatie_Di02",
        _ZDS("genereerZaakIdentificatie_Di02"),
    ): "genereerZaakIdentificatie_Di02",
    (
        _A + "genereerDocumentIdentificatie_Di02",
        _ZKN("genereerDocumentIdentificatie_Di02"),
    ): "genereerDocumentIdentificatie_Di02",
    (
        _A + "genereerDocumentIdentificatie_Di02",
        _ZDS("genereerDocumentIdentificatie_Di02"),
    ): "genereerDocumentIdentificatie_Di02",
    (_A + "creeerZaak_Lk01", _ZKN("zakLk01")): "creeerZaak_Lk01",
    (_A + "creeerZaak_Lk01", _ZDS("creeerZaak_ZakLk01")): "creeerZaak_Lk01",
    (_A + "updateZaak_Lk01", _ZKN("zakLk01")): "updateZaak_Lk01",
    (_A + "updateZaak_Lk01", _ZDS("updateZaak_ZakLk01")): "updateZaak_Lk01",
    (_A + "actualiseerZaakstatus_Lk01", _ZKN("zakLk01")): "actualiseerZaakstatus_Lk01",
    (_A + "actualiseerZaakstatus_Lk01", _ZDS("actualiseerZaakstatus_ZakLk01")): "actualiseerZaakstatus_Lk01",
    (_A + "geefZaakstatus_Lv01", _ZKN("zakLv01")): "geefZaakstatus_Lv01",
    (_A + "geefZaakstatus_Lv01", _ZDS("geefZaakstatus_ZakLv01")): "geefZaakstatus_Lv01",
    (_A + "geefZaakdetails_Lv01", _ZKN("zakLv01")): "geefZaakdetails_Lv01",
    (_A + "geefZaakdetails_Lv01", _ZDS("geefZaakdetails_ZakLv01")): "geefZaakdetails_Lv01",
    (_A + "geefLijstZaakdocumenten_Lv01", _ZKN("zakLv01")): "geefLijstZaakdocumenten_Lv01",
    (
        _A + "geefLijstZaakdocumenten_Lv01",
        _ZDS("geefLijstZaakdocumenten_ZakLv01"),
    ): "geefLijstZaakdocumenten_Lv01",
    (_A + "geefZaakdocumentLezen_Lv01", _ZKN("edcLv01")): "geefZaakdocumentLezen_Lv01",
    (_A + "geefZaakdocumentLezen_Lv01", _ZDS("geefZaakdocumentLezen_EdcLv01")): "geefZaakdocumentLezen_Lv01",
    (_A + "voegZaakdocumentToe_Lk01", _ZKN("edcLk01")): "voegZaakdocumentToe_Lk01",
    (_A + "voegZaakdocumentToe_Lk01", _ZDS("voegZaakdocumentToe_EdcLk01")): "voegZaakdocumentToe_Lk01",
    (_A + "maakZaakdocument_Lk01", _ZKN("edcLk01")): "maakZaakdocument_Lk01",
    (_A + "maakZaakdocument_Lk01", _ZDS("maakZaakdocument_EdcLk01")): "maakZaakdocument_Lk01",
    (
        _A + "geefZaakdocumentbewerken_Di02",
        _ZKN("geefZaakdocumentbewerken_Di02"),
    ): "geefZaakdocumentbewerken_Di02",
    (
        _A + "geefZaakdocumentbewerken_Di02",
        _ZDS("geefZaakdocumentbewerken_Di02"),
    ): "geefZaakdocumentbewerken_Di02",
    (_A + "updateZaakdocument_Di02", _ZKN("updateZaakdocument_Di02")): "updateZaakdocument_Di02",
    (_A + "updateZaakdocument_Di02", _ZDS("updateZaakdocument_Di02")): "updateZaakdocument_Di02",
    (_A + "cancelCheckout_Di02", _ZKN("cancelCheckout_Di02")): "cancelCheckout_Di02",
    (_A + "cancelCheckout_Di02", _ZDS("cancelCheckout_Di02")): "cancelCheckout_Di02",
    (_A + "ontkoppelZaakdocument_Di02", _ZDS("ontkoppelZaakdocument_Di02")): "ontkoppelZaakdocument_Di02",
    (
        _A + "genereerBesluitIdentificatie_Di02",
        _ZDS("genereerBesluitIdentificatie_Di02"),
    ): "genereerBesluitIdentificatie_Di02",
    (_A + "voegBesluitToe_Di01", _ZDS("voegBesluitToe_Di01")): "voegBesluitToe_Di01",
    (_A + "updateBesluit_Lk01", _ZKN("bslLk01")): "updateBesluit_Lk01",
    (_A + "updateBesluit_Lk01", _ZDS("updateBesluit_BslLk01")): "updateBesluit_Lk01",
    (_A + "geefBesluitDetails_Lv01", _ZKN("bslLv01")): "geefBesluitDetails_Lv01",
    (_A + "geefBesluitDetails_Lv01", _ZDS("geefBesluitDetails_BslLv01")): "geefBesluitDetails_Lv01",
    (_A + "geefLijstBesluiten_Lv01", _ZKN("zakLv01")): "geefLijstBesluiten_Lv01",
    (_A + "geefLijstBesluiten_Lv01", _ZDS("geefLijstBesluiten_ZakLv01")): "geefLijstBesluiten_Lv01",
    (_R + "notificeerOverZaak", _RZS("notificeerOverZaak_Di01")): "notificeerOverZaak",
    (
        _R + "initieerNotificeerOverZaak",
        _RZS("initieerNotificeerOverZaak_Di01"),
    ): "initieerNotificeerOverZaak",
    (_R + "overdragenZaak", _RZS("overdragenZaak_Di01")): "overdragenZaak",
    (_R + "bevestigOverdragenZaak", _RZS("overdragenZaak_Du01")): "bevestigOverdragenZaak",
}

#: Body roots that name their operation by themselves (vrije berichten, RZS messages).
_OPERATIE_PER_ROOT: dict[str, str] = {
    root: operatie
    for (_, root), operatie in ACTIES.items()
    if not ns.local_name(root).startswith(("zak", "edc")) and "_Zak" not in root and "_Edc" not in root
}
_LK01_ROOTS = {
    _ZKN("zakLk01"),
    _ZDS("creeerZaak_ZakLk01"),
    _ZDS("updateZaak_ZakLk01"),
    _ZDS("actualiseerZaakstatus_ZakLk01"),
}
_WIJZIGINGEN = {"updateZaak_Lk01", "actualiseerZaakstatus_Lk01"}


def maak_routes(uitvoerder: Uitvoerder) -> tuple[dict[tuple[str, str], Route], Callable[..., Route | None]]:
    """Bind every operation to the transaction runner; returns the table and the content chooser."""
    per_operatie = {
        naam: uitvoerder.route(
            naam,
            op.handler,
            synchroon=op.synchroon,
            eenmalig=op.eenmalig,
            gebeurtenis=op.gebeurtenis,
            lezer=op.lezer,
        )
        for naam, op in OPERATIES.items()
    }
    table = {sleutel: per_operatie[operatie] for sleutel, operatie in ACTIES.items()}

    def kies(body: etree._Element, kandidaat: Route | None) -> Route | None:
        operatie = kies_operatie(body, kandidaat.operatie if kandidaat else None)
        return per_operatie.get(operatie) if operatie else None

    return table, kies


def kies_operatie(body: etree._Element, kandidaat: str | None) -> str | None:
    """The content-based rules of DIGEST b.3; the SOAPAction's choice stands unless it contradicts."""
    if body.tag in _LK01_ROOTS:
        return _kies_lk01(body, kandidaat)
    if kandidaat is not None:
        return kandidaat
    if body.tag in _OPERATIE_PER_ROOT:
        return _OPERATIE_PER_ROOT[body.tag]
    if ns.namespace_of(body.tag) == ns.ZDS:
        return _zds_wrapper(body.tag)
    naam = ns.local_name(body.tag)
    if body.tag == _ZKN("zakLv01"):
        return _kies_zaakvraag(body)
    if body.tag == _ZKN("edcLv01"):
        return "geefZaakdocumentLezen_Lv01"
    if body.tag == _ZKN("edcLk01"):
        inhoud = body.find(f"{_ZKN('object')}/{_ZKN('inhoud')}")
        return "voegZaakdocumentToe_Lk01" if inhoud is not None else "maakZaakdocument_Lk01"
    return naam if naam in OPERATIES else None


def _kies_lk01(body: etree._Element, kandidaat: str | None) -> str:
    soort = zaak_lezen.mutatiesoort(body)
    if soort == "T":
        return "creeerZaak_Lk01"
    if kandidaat in _WIJZIGINGEN:
        return kandidaat
    return "actualiseerZaakstatus_Lk01" if _alleen_nieuwe_status(body) else "updateZaak_Lk01"


def _alleen_nieuwe_status(body: etree._Element) -> bool:
    """The only difference between oud and huidig is one or more added ``heeft`` relations."""
    objecten = body.findall(_ZKN("object"))
    huidig = objecten[-1] if objecten else None
    if huidig is None:
        return False
    relaties = [c for c in huidig if isinstance(c.tag, str) and c.get(ns.ENTITEITTYPE)]
    attributen = [
        c
        for c in huidig
        if isinstance(c.tag, str)
        and not c.get(ns.ENTITEITTYPE)
        and ns.local_name(c.tag) != "identificatie"
        and ns.namespace_of(c.tag) == ns.ZKN
    ]
    nieuwe_status = [
        r for r in relaties if ns.local_name(r.tag) == "heeft" and r.get(ns.VERWERKINGSSOORT) == "T"
    ]
    overige = [r for r in relaties if ns.local_name(r.tag) != "heeft" and r.get(ns.VERWERKINGSSOORT) != "I"]
    return bool(nieuwe_status) and not overige and not attributen


def _kies_zaakvraag(body: etree._Element) -> str:
    if body.find(f"{_ZKN('scope')}/{_ZKN('object')}/{_ZKN('heeftRelevant')}") is not None:
        return "geefLijstZaakdocumenten_Lv01"
    if body.find(f"{_ZKN('gelijk')}/{_ZKN('heeft')}/{_ZKN('indicatieLaatsteStatus')}") is not None:
        return "geefZaakstatus_Lv01"
    if body.find(f"{_ZKN('scope')}/{_ZKN('object')}/{_ZKN('leidtTot')}") is not None:
        return "geefLijstBesluiten_Lv01"
    return "geefZaakdetails_Lv01"


def _zds_wrapper(tag: object) -> str | None:
    """``geefZaakdetails_ZakLv01`` -> ``geefZaakdetails_Lv01`` (case-insensitive, the corpus has
    ``geefZaakdocumentBewerken_Di02``)."""
    naam = ns.local_name(tag)
    for voorvoegsel in ("_Zak", "_Edc", "_Bsl"):
        naam = naam.replace(voorvoegsel, "_")
    kandidaten = {o.lower(): o for o in OPERATIES}
    return kandidaten.get(naam.lower())
