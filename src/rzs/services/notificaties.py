"""Notificaties: Abonnementenbeheer (variants 2 and 3) and receiving notifications (DIGEST a.3,
d.7, d.8, g.1-g.5, g.18, g.19).

* **Variant 2.** After a creeerZaak, updateZaak, actualiseerZaakstatus, voegZaakdocumentToe,
  maakZaakdocument or updateZaakdocument succeeded, :func:`na_wijziging` (called by
  ``uitvoering.py`` for the operations that ``routes.OPERATIES`` gives a gebeurtenis) queues a
  notificeerOverZaak_Di01 per matching subscription, in the same transaction.
* **Variant 3.** :func:`initieer_notificeer_over_zaak` turns a trigger (from a servicebus or a
  backoffice) into notifications the same way, copying identificatie, zaaktype, status and
  gebeurtenis from the trigger.
* **Regiesysteem/backoffice role.** :func:`notificeer_over_zaak` accepts a notification, also about
  a zaak we do not know and with a gebeurtenis we do not know (logged), and answers Bv03.

Echo suppression: the application whose message caused the event gets no notification; for a
trigger that is its ``zendendeApplicatie`` extra-element, or the trigger's zender when it has
none (g.3).
"""

from __future__ import annotations

import logging

from lxml import etree

from rzs import ns
from rzs.domain import notificatie as regels
from rzs.domain.notificatie import Abonnement, Gebeurtenis
from rzs.domain.zaak import Zaak
from rzs.fouten import OngeldigBericht
from rzs.services.context import Context
from rzs.services.documenten import kind
from rzs.services.zaak_lezen import tekst
from rzs.stuf import berichten, rzsberichten
from rzs.stuf import stuurgegevens as sg
from rzs.stuf.bericht import Verzoek
from rzs.stuf.rzsberichten import Notificatie, ZaakStatus
from rzs.stuf.stuurgegevens import Systeem

_log = logging.getLogger(__name__)
_GEBEURTENISSEN = {g.value for g in Gebeurtenis}


def na_wijziging(verzoek: Verzoek, ctx: Context, gebeurtenis: Gebeurtenis) -> int:
    """Variant 2: notify the subscribers of the zaak the message changed; returns how many."""
    identificatie = _zaak_van(verzoek, ctx)
    return _over_zaak(verzoek, ctx, identificatie, gebeurtenis, None)


def na_voorziening(
    verzoek: Verzoek, ctx: Context, zaak_identificatie: str, voorziening_gebeurtenis: str
) -> int:
    """A voorziening of the zaak changed (issue 9 "Events"): an "Update zaak" notification with the
    extraElement ``voorzieningGebeurtenis``, the backoffice-to-regie feedback; returns how many."""
    return _over_zaak(verzoek, ctx, zaak_identificatie, Gebeurtenis.UPDATE_ZAAK, voorziening_gebeurtenis)


def _over_zaak(
    verzoek: Verzoek,
    ctx: Context,
    identificatie: str | None,
    gebeurtenis: Gebeurtenis,
    voorziening_gebeurtenis: str | None,
) -> int:
    """The subscribers are chosen on the zaaktype code alone (one small query); only when someone
    listens is the zaak loaded for its omschrijving and status. Reloading the whole zaak for every
    change was 38% of a creeerZaak's CPU with nobody subscribed (issue 14)."""
    code = ctx.repos.zaken.zaaktype_code(identificatie) if identificatie else None
    if identificatie is None or code is None:
        return 0
    zender = verzoek.stuurgegevens.zender if verzoek.stuurgegevens else None
    abonnementen = _abonnees(ctx, code, gebeurtenis.value, zender, voorziening_gebeurtenis)
    zaak = ctx.zaken.get(identificatie) if abonnementen else None
    if zaak is None:
        return 0
    notificatie = Notificatie(
        zaak_identificatie=zaak.identificatie,
        gebeurtenis=gebeurtenis.value,
        zaaktype_omschrijving=zaak.zaaktype.omschrijving,
        zaaktype_code=zaak.zaaktype.code,
        status=_status(zaak),
        voorziening_gebeurtenis=voorziening_gebeurtenis,
    )
    return _verstuur(ctx, notificatie, abonnementen)


def _abonnees(
    ctx: Context,
    zaaktype_code: str | None,
    gebeurtenis: str,
    zender: Systeem | None,
    voorziening_gebeurtenis: str | None = None,
) -> list[Abonnement]:
    """The subscriptions a notification goes to (domain rules: matching, active, not the originator)."""
    return regels.ontvangers(
        ctx.repos.abonnementen.kandidaten(zaaktype_code, gebeurtenis),
        zaaktype_code,
        gebeurtenis,
        afzender_applicatie=zender.applicatie if zender else None,
        afzender_organisatie=zender.organisatie if zender else None,
        voorziening_gebeurtenis=voorziening_gebeurtenis,
    )


def initieer_notificeer_over_zaak(verzoek: Verzoek, ctx: Context) -> etree._Element:
    """initieerNotificeerOverZaak_Di01 (Abonnementenbeheer, variant 3): 0..n notifications, Bv03."""
    trigger = rzsberichten.lees_notificatie(verzoek.body)
    if not trigger.zaak_identificatie:
        raise OngeldigBericht("De trigger mist de zaakidentificatie")
    if not trigger.gebeurtenis:
        raise OngeldigBericht("De trigger mist het extraElement gebeurtenis")
    if trigger.gebeurtenis not in _GEBEURTENISSEN:
        _log.warning(
            "trigger zaak %s: onbekende gebeurtenis %r", trigger.zaak_identificatie, trigger.gebeurtenis
        )
    code, omschrijving = trigger.zaaktype_code, trigger.zaaktype_omschrijving
    if code is None:
        # Document and status messages do not carry the zaaktype; we may know the zaak (g.18).
        zaak = ctx.zaken.get(trigger.zaak_identificatie)
        if zaak is not None:
            code, omschrijving = zaak.zaaktype.code, omschrijving or zaak.zaaktype.omschrijving
    zender = verzoek.stuurgegevens.zender if verzoek.stuurgegevens else None
    applicatie, organisatie = trigger.zendende_applicatie, None
    if applicatie is None and zender is not None:
        _log.info(
            "trigger zaak %s zonder zendendeApplicatie: de zender telt als veroorzaker",
            trigger.zaak_identificatie,
        )
        applicatie, organisatie = zender.applicatie, zender.organisatie
    notificatie = Notificatie(
        zaak_identificatie=trigger.zaak_identificatie,
        gebeurtenis=trigger.gebeurtenis,
        zaaktype_omschrijving=omschrijving,
        zaaktype_code=code,
        status=trigger.status,
    )
    veroorzaker = Systeem(applicatie, organisatie) if applicatie is not None else None
    aantal = _verstuur(ctx, notificatie, _abonnees(ctx, code, trigger.gebeurtenis, veroorzaker))
    _log.info(
        "trigger zaak=%s gebeurtenis=%s zaaktype=%s: %d notificaties",
        trigger.zaak_identificatie,
        trigger.gebeurtenis,
        code,
        aantal,
    )
    return berichten.bv03(verzoek.stuurgegevens, ctx.afzender)


def notificeer_over_zaak(verzoek: Verzoek, ctx: Context) -> etree._Element:
    """notificeerOverZaak_Di01 to us (Regiesysteem/backoffice role, DIGEST d.7): accepted and
    logged, also for an unknown zaak or gebeurtenis (accept-and-log, the recommendation)."""
    notificatie = rzsberichten.lees_notificatie(verzoek.body)
    if notificatie.gebeurtenis not in _GEBEURTENISSEN:
        _log.warning(
            "notificatie zaak %s: onbekende gebeurtenis %r",
            notificatie.zaak_identificatie,
            notificatie.gebeurtenis,
        )
    _log.info(
        "notificatie ontvangen zaak=%s gebeurtenis=%s zaaktype=%s bekend=%s",
        notificatie.zaak_identificatie,
        notificatie.gebeurtenis,
        notificatie.zaaktype_code,
        ctx.zaken.exists(notificatie.zaak_identificatie),
    )
    return berichten.bv03(verzoek.stuurgegevens, ctx.afzender)


def _verstuur(ctx: Context, notificatie: Notificatie, abonnementen: list[Abonnement]) -> int:
    for abonnement in abonnementen:
        bericht = rzsberichten.notificeer_over_zaak_di01(
            notificatie,
            zender=ctx.afzender.systeem,
            ontvanger=Systeem(abonnement.ontvanger_applicatie, abonnement.ontvanger_organisatie),
            referentienummer=sg.nieuw_referentienummer(),
        )
        ctx.outbox.plaats(
            bericht, bestemming=abonnement.bestemming, zaak_identificatie=notificatie.zaak_identificatie
        )
    return len(abonnementen)


def _status(zaak: Zaak) -> ZaakStatus | None:
    """The current status as a notification carries it; code per DIGEST g.5 (volgnummer unless
    the catalogue gives one)."""
    status = zaak.laatste_status
    if status is None:
        return None
    statustype = zaak.zaaktype.zoek_statustype(status.volgnummer, None)
    return ZaakStatus(
        code=statustype.effectieve_code if statustype else str(status.volgnummer),
        omschrijving=status.omschrijving,
        volgnummer=status.volgnummer,
        datum_status_gezet=status.datum_status_gezet,
        zaaktype_code=zaak.zaaktype.code,
        zaaktype_omschrijving=zaak.zaaktype.omschrijving,
    )


def _zaak_van(verzoek: Verzoek, ctx: Context) -> str | None:
    """The zaak a successful zaak or document message changed."""
    body = verzoek.body
    if verzoek.operatie == "updateZaakdocument_Di02":
        objecten = kind(body, "edcLk02").findall(ns.zkn("object"))
        document = ctx.repos.documenten.get(tekst(objecten[-1], "identificatie") or "") if objecten else None
        return document.zaak_identificatie if document is not None else None
    if verzoek.operatie == "voegBesluitToe_Di01":
        obj = kind(body, "object")
        zaak = obj.find(ns.qname(ns.namespace_of(obj.tag), "zaak"))
        return tekst(zaak, "identificatie") if zaak is not None else None
    objecten = body.findall(ns.zkn("object"))
    if not objecten:
        return None
    if verzoek.operatie == "updateBesluit_Lk01":
        besluit = ctx.repos.besluiten.get(tekst(objecten[-1], "identificatie") or "")
        return besluit.zaak if besluit is not None else None
    if ns.local_name(body.tag).lower().endswith("edclk01"):
        relatie = objecten[-1].find(f"{ns.zkn('isRelevantVoor')}/{ns.zkn('gerelateerde')}")
        return tekst(relatie, "identificatie") if relatie is not None else None
    return tekst(objecten[-1], "identificatie")
