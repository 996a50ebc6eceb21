"""Running a handler: one transaction per message, and StUF's duplicate-message rule (DIGEST c.4).

A message that was processed before (same zender + referentienummer, same content) gets the
stored answer again and changes nothing; the same key with other content gets StUF016. Only
successful answers are recorded, in the same transaction as the change: a sender that got a Fo03
may resend the same message after fixing the cause, and it is then processed.

Protocollering (issue 11): every unit of work of a message carries its :class:`Toegang` (operation,
zender, gebruiker); the store records each zaak with persons the repositories touched, in the same
transaction, and a refusal too (docs/decisions/0005-protocollering.md).

Notifications (variant 2, DIGEST a.3) are queued here too, in ONE place for every operation that
has a gebeurtenis (``routes.OPERATIES``): after the handler succeeded, in its transaction, so a
refused message notifies nobody and a repeat is not announced twice.
"""

from __future__ import annotations

import hashlib

from lxml import etree

from rzs import safexml
from rzs.config import Settings
from rzs.domain.notificatie import Gebeurtenis
from rzs.fouten import ReferentieNietUniek, StufFout
from rzs.services import notificaties
from rzs.services.context import Context, Lezer, ServiceHandler
from rzs.store import BerichtAlVastgelegd, Repositories, Store, Toegang
from rzs.stuf.bericht import Route, Verzoek
from rzs.stuf.berichten import Afzender

#: Marks a content key over the infoset (``safexml.infoset_sha256``). Keys recorded before it
#: existed are plain hex of the exclusive C14N and are still compared as such after an upgrade.
_INFOSET = "infoset1:"


def inhoud_hash(body: etree._Element) -> str:
    """The content half of the duplicate-message key: the same for the same message however it
    was written (prefixes, layout) or parsed (whole or streamed, any lxml we allow)."""
    return _INFOSET + safexml.infoset_sha256(body)


def zelfde_inhoud(vastgelegd: str, body: etree._Element) -> bool:
    if not vastgelegd.startswith(_INFOSET):
        return vastgelegd == hashlib.sha256(safexml.canonical(body)).hexdigest()
    return vastgelegd == inhoud_hash(body)


class Uitvoerder:
    def __init__(self, store: Store, afzender: Afzender, settings: Settings) -> None:
        self.store = store
        self.afzender = afzender
        self.settings = settings

    def route(
        self,
        operatie: str,
        handler: ServiceHandler,
        *,
        synchroon: bool,
        eenmalig: bool,
        gebeurtenis: Gebeurtenis | None = None,
        lezer: Lezer | None = None,
    ) -> Route:
        """A route whose handler runs in a transaction; ``eenmalig`` messages are deduplicated;
        after an operation with a ``gebeurtenis`` the subscribers are notified (same transaction)."""
        if gebeurtenis is not None:
            handler = _met_notificatie(handler, gebeurtenis)

        def uitvoeren(verzoek: Verzoek) -> etree._Element:
            # Read before the unit of work: no database needed, so not under the write lock.
            gelezen = lezer(verzoek) if lezer is not None else None
            if not eenmalig:
                # Not deduplicated = changes nothing (routes.Operatie.eenmalig): a read, which on
                # SQLite must not wait for (or hold) the write lock.
                with self.store.unit_of_work(alleen_lezen=True, toegang=_toegang(verzoek)) as repos:
                    ctx = Context(repos, self.afzender, self.settings, verzoek.toegang, gelezen)
                    return handler(verzoek, ctx)
            try:
                return self._eenmalig(handler, verzoek, gelezen)
            except (BerichtAlVastgelegd, StufFout):
                # A concurrent copy of this message may have committed first; then our attempt
                # failed on its effects (StUF067) or on its record: answer as for a repeat.
                with self.store.unit_of_work() as repos:
                    eerder = self._herhaling(repos, verzoek)
                if eerder is None:
                    raise
                return eerder

        return Route(operatie, uitvoeren, synchroon)

    def _eenmalig(self, handler: ServiceHandler, verzoek: Verzoek, gelezen: object) -> etree._Element:
        # The content key is computed before the unit of work: on SQLite that is the write lock,
        # which should cover statements, not a walk over the message (issue 14).
        sleutel = self._sleutel(verzoek)
        inhoud = inhoud_hash(verzoek.body) if sleutel is not None else ""
        with self.store.unit_of_work(toegang=_toegang(verzoek)) as repos:
            eerder = self._herhaling(repos, verzoek, inhoud)
            if eerder is not None:
                return eerder
            ctx = Context(repos, self.afzender, self.settings, verzoek.toegang, gelezen)
            antwoord = handler(verzoek, ctx)
            if sleutel is not None:
                repos.berichten.record(*sleutel, inhoud, etree.tostring(antwoord))
            return antwoord

    @staticmethod
    def _sleutel(verzoek: Verzoek) -> tuple[str, str] | None:
        sg = verzoek.stuurgegevens
        if sg is None or sg.zender is None or not sg.referentienummer:
            return None
        return sg.zender.sleutel, sg.referentienummer

    def _herhaling(
        self, repos: Repositories, verzoek: Verzoek, inhoud: str | None = None
    ) -> etree._Element | None:
        """The stored answer to an earlier copy of this message; StUF016 for other content under
        its key. ``inhoud``: the message's content key when already computed."""
        sleutel = self._sleutel(verzoek)
        if sleutel is None:
            return None
        eerder = repos.berichten.find(*sleutel)
        if eerder is None:
            return None
        gelijk = eerder.inhoud_hash == inhoud or zelfde_inhoud(eerder.inhoud_hash, verzoek.body)
        if not gelijk:
            raise ReferentieNietUniek(
                f"Referentienummer {sleutel[1]} is door deze zender al gebruikt voor een ander bericht"
            )
        return safexml.parse(eerder.antwoord)


def _toegang(verzoek: Verzoek) -> Toegang:
    """Who asks for what, for the protocol: zender and gebruiker as the stuurgegevens name them."""
    zender = verzoek.stuurgegevens.zender if verzoek.stuurgegevens else None
    return Toegang(
        verzoek.operatie,
        zender.organisatie if zender else None,
        zender.applicatie if zender else None,
        zender.gebruiker if zender else None,
    )


def _met_notificatie(handler: ServiceHandler, gebeurtenis: Gebeurtenis) -> ServiceHandler:
    def met_notificatie(verzoek: Verzoek, ctx: Context) -> etree._Element:
        antwoord = handler(verzoek, ctx)
        notificaties.na_wijziging(verzoek, ctx, gebeurtenis)
        return antwoord

    return met_notificatie
