"""Listening mode of the STP for the Abonnementenbeheer sheet (SCENARIOS 3.5): the harness's own endpoint
for the notificaties the TTA derives from each trigger. The Gemeentelijke servicebus sheet (3.6) uses the
same postbus, accepting initieerNotificeerOverZaak instead: there the harness is the Abonnementenbeheer
that receives the bus's triggers (:mod:`.servicebus`).

The tester subscribes applications at this endpoint beforehand (``[[abonnement]]`` in ``rol.toml``):
the STP itself, and the "zendende applicatie" every trigger names. The :class:`Postbus` accepts only
its ``operatie`` (notificeerOverZaak_Di01 by default) and records each one with the ontvanger it
names, answering Bv03 (or Fo03 when the message is unusable) on behalf of that subscriber. After
each trigger the runner calls :meth:`Postbus.luister`: it waits until every expected subscriber
has a notification (or the wait time passes), then a short while longer for what must NOT come,
and judges the consumer step: exactly one notification per subscriber, none to the zendende
applicatie (echo suppression, DIGEST d.7), each checked like any incoming message (PC-1..PC-3,
the MP-NOZ profile and the step's ``controle``).
"""

from __future__ import annotations

import string
import threading
from collections.abc import Mapping
from dataclasses import dataclass

from lxml import etree

from rzs import ns
from rzs.compliance import inhoud
from rzs.compliance.context import Context
from rzs.compliance.resultaat import FAIL, PASS, StapResultaat
from rzs.compliance.scenario import Rol, Scenario, Stap
from rzs.compliance.stp import antwoorden, profielen, soap, verzoek
from rzs.compliance.stp.staat import Staat

NOTIFICATIE = "notificeerOverZaak"


@dataclass(frozen=True, slots=True)
class Abonnees:
    """``ORGANISATIE/APPLICATIE`` of the subscribers that must be notified and of the zendende applicatie."""

    verwacht: tuple[str, ...]
    zendend: tuple[str, ...]

    @classmethod
    def van(cls, rol: Rol, waarden: Mapping[str, str]) -> Abonnees:
        def los_op(tekst: str) -> str:
            return string.Template(tekst).safe_substitute(waarden)

        return cls(
            tuple(los_op(a.abonnee) for a in rol.abonnementen if not a.zendend),
            tuple(los_op(a.abonnee) for a in rol.abonnementen if a.zendend),
        )


def configuratie(rol: Rol, waarden: Mapping[str, str], url: str) -> list[str]:
    """What the tester configures in the TTA before the run, one line per subscription."""
    regels = []
    for abonnement in rol.abonnementen:
        vervang = string.Template(abonnement.abonnee).safe_substitute(waarden)
        zaaktype = string.Template(abonnement.zaaktype).safe_substitute(waarden)
        regels.append(
            f"  abonnee {vervang} op {url}: zaaktype {zaaktype}, gebeurtenissen "
            f"{', '.join(abonnement.gebeurtenissen)}"
            + (f" — {abonnement.toelichting}" if abonnement.toelichting else "")
        )
    return regels


@dataclass
class Notificatie:
    """One notificeerOverZaak (or trigger) as received: its ontvanger, the findings and the STP's answer."""

    binnen: soap.Verzoek
    ontvanger: str
    redenen: list[str]
    antwoord: soap.Antwoord


class Postbus:
    def __init__(
        self,
        abonnees: Abonnees,
        stp: tuple[str, str],
        wachttijd: float = 30.0,
        nawachttijd: float = 2.0,
        ctx: Context | None = None,
        operatie: str = NOTIFICATIE,
    ) -> None:
        self.abonnees = abonnees
        self.operatie = operatie
        self.stp = stp
        self.wachttijd, self.nawachttijd = wachttijd, nawachttijd
        self.ctx = ctx or Context("RZSSTP")
        self.afzenders = verzoek.Afzenders()
        self.ontvangen: list[Notificatie] = []
        self._gelezen = 0
        self._lock = threading.Condition()

    def ontvang(self, binnen: soap.Verzoek) -> soap.Antwoord:
        """Record the message; Bv03 from the subscriber it names, Fo03 when it is not usable."""
        with self._lock:
            body = binnen.body
            ontvanger = verzoek.systeem(_stuurgegevens(body), "ontvanger")
            bekend = ontvanger in (*self.abonnees.verwacht, *self.abonnees.zendend)
            namens = tuple(ontvanger.split("/", 1)) if bekend else self.stp
            redenen = list(binnen.redenen)
            if body is not None:
                redenen += verzoek.controleer(self.operatie, binnen, body, "/".join(namens), self.afzenders)
            basis = body if body is not None else etree.Element(ns.stuf("leeg"))
            ref, tijdstip = self.ctx.referentienummer(), self.ctx.tijdstip()
            if redenen:
                fout = antwoorden.fout_voor(redenen)
                fo = antwoorden.foutbericht(basis, False, fout, (namens[0], namens[1]), ref, tijdstip)
                antwoord = soap.geweigerd(binnen.versie, fo, fout.plek, fout.omschrijving)
            else:
                bv03 = antwoorden.bevestiging(basis, "Bv03", (namens[0], namens[1]), ref, tijdstip)
                antwoord = soap.geslaagd(binnen.versie, bv03)
            self.ontvangen.append(Notificatie(binnen, ontvanger, redenen, antwoord))
            self._lock.notify_all()
            return antwoord

    def luister(
        self, scenario: Scenario, stap: Stap, waarden: Mapping[str, str]
    ) -> tuple[StapResultaat, StapResultaat]:
        """The listening phase after a trigger: collect, then judge ``stap`` on what arrived.

        Waits until every expected subscriber has a notification or ``wachttijd`` passed, then
        ``nawachttijd`` longer for what must not come (the echo to the zendende applicatie)."""
        with self._lock:
            self._lock.wait_for(
                lambda: set(self.abonnees.verwacht) <= {n.ontvanger for n in self.ontvangen[self._gelezen :]},
                timeout=self.wachttijd,
            )
            self._lock.wait_for(lambda: False, timeout=self.nawachttijd)
            nieuw = self.ontvangen[self._gelezen :]
            self._gelezen = len(self.ontvangen)
        return self._beoordeel(stap, nieuw, waarden)

    def _beoordeel(
        self, stap: Stap, nieuw: list[Notificatie], waarden: Mapping[str, str]
    ) -> tuple[StapResultaat, StapResultaat]:
        binnen = StapResultaat(
            stap.nr, "TTA→STP", stap.operatie, stap.actie, variant=stap.variant, profiel=stap.profiel
        )
        uit = StapResultaat(stap.nr + 1, "STP→TTA", stap.antwoord, f"antwoord op stap {stap.nr}")
        redenen: list[str] = []
        antwoord_redenen: list[str] = []
        for notificatie in nieuw:
            if notificatie.ontvanger in self.abonnees.zendend:
                redenen.append(
                    f"notificatie aan {notificatie.ontvanger}, de zendende applicatie van de trigger: die "
                    "krijgt geen notificatie van haar eigen wijziging (echo-onderdrukking, DIGEST d.7)"
                )
            elif notificatie.ontvanger not in self.abonnees.verwacht:
                redenen.append(
                    f"notificatie aan {notificatie.ontvanger or '(geen ontvanger)'}, die geen "
                    f"abonnement heeft (abonnees: {', '.join(self.abonnees.verwacht)})"
                )
        for abonnee in self.abonnees.verwacht:
            aan = [n for n in nieuw if n.ontvanger == abonnee]
            if not aan:
                redenen.append(
                    f"niet ontvangen binnen {self.wachttijd:g} s: geen {stap.operatie}_Di01 aan {abonnee}"
                )
                antwoord_redenen.append(f"geen antwoord: geen notificatie aan {abonnee} ontvangen")
                continue
            if len(aan) > 1:
                redenen.append(f"{len(aan)} notificaties aan {abonnee} na één trigger, verwacht 1")
            redenen += self._inhoud(stap, aan[0], waarden)
            if aan[0].antwoord.status != 200:
                eerste_reden = aan[0].redenen[0] if aan[0].redenen else "?"
                antwoord_redenen.append(f"de STP weigerde de notificatie aan {abonnee}: {eerste_reden}")
        eerste = next(
            (n for n in nieuw if n.ontvanger in self.abonnees.verwacht), nieuw[0] if nieuw else None
        )
        if eerste is not None:
            binnen.bericht, uit.bericht = eerste.binnen.data, eerste.antwoord.data
        binnen.zet(FAIL if redenen else PASS, redenen)
        uit.zet(FAIL if antwoord_redenen else PASS, antwoord_redenen)
        return binnen, uit

    def _inhoud(self, stap: Stap, notificatie: Notificatie, waarden: Mapping[str, str]) -> list[str]:
        """Arrival findings (PC-1..PC-3), the profile (PC-4) and the step's controle (PC-4/PC-5)."""
        redenen = list(notificatie.redenen)
        body = notificatie.binnen.body
        if body is None or body.tag != verzoek.root(stap.operatie):
            return redenen
        controle = profielen.profiel(stap.profiel)
        if controle is not None:
            redenen += controle(stap.profiel, body, Staat(), waarden)
        return redenen + inhoud.controleer(body, stap.controles, waarden, self.ctx)


def _stuurgegevens(body: etree._Element | None) -> etree._Element | None:
    return None if body is None else body.find(f"{{{ns.namespace_of(body.tag)}}}stuurgegevens")
