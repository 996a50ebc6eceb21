"""The two harness listeners of the Gemeentelijke servicebus sheet (SCENARIOS 3.6, GSB-01).

The TTA is a bus: the harness sends it ZDS messages and the bus must (a) forward each to the zaaksysteem
behind it and (b) send an initieerNotificeerOverZaak_Di01 trigger to Abonnementenbeheer (DIGEST d.8, bus
rule of spec 5.2.7). The harness plays both: :class:`Zaaksysteem` receives the forwarded messages, keeps
them in a :class:`~.staat.Staat` and answers like a zaaksysteem (Bv03; Bv02 for updateZaakdocument);
a :class:`~.postbus.Postbus` accepting initieerNotificeerOverZaak receives the triggers. After each
provider step :class:`Servicebus` judges the trigger step that follows it in the scenario data: the
trigger as the postbus judges it (PC-1..PC-3, MP-INOZ-*, the step's ``controle``) plus the forwarding
of the message of the provider step before it. The forwarding findings are reported on the trigger
step, naming the provider step, because that is when the harness sees what the bus did.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass

from lxml import etree

from rzs import ns
from rzs.compliance.context import Context
from rzs.compliance.resultaat import FAIL, StapResultaat
from rzs.compliance.scenario import Scenario, Stap
from rzs.compliance.stp import antwoorden, soap, verzoek
from rzs.compliance.stp.postbus import Postbus
from rzs.compliance.stp.staat import Staat

#: The ZDS messages a bus routes and triggers on (DIGEST d.8), with the answer a zaaksysteem gives.
GEROUTEERD = {
    "creeerZaak_Lk01": "Bv03",
    "voegZaakdocumentToe_Lk01": "Bv03",
    "updateZaak_Lk01": "Bv03",
    "actualiseerZaakstatus_Lk01": "Bv03",
    "maakZaakdocument_Lk01": "Bv03",
    "updateZaakdocument_Di02": "Bv02",
}


@dataclass
class Doorgestuurd:
    """One message as it reached the zaaksysteem behind the bus, with the findings and the answer."""

    binnen: soap.Verzoek
    operatie: str
    redenen: list[str]
    antwoord: soap.Antwoord


class Zaaksysteem:
    """The zaaksysteem behind the bus: accepts the routed ZDS messages and answers like a zaaksysteem."""

    def __init__(self, staat: Staat | None = None, ctx: Context | None = None) -> None:
        self.staat = staat or Staat()
        self.ctx = ctx or Context("RZSZS")
        self.afzenders = verzoek.Afzenders()
        self.ontvangen: list[Doorgestuurd] = []
        self._gelezen = 0
        self._lock = threading.Condition()

    def ontvang(self, binnen: soap.Verzoek) -> soap.Antwoord:
        with self._lock:
            body = binnen.body
            operatie = verzoek.operatie_van(binnen.soapaction) or ""
            sg = None if body is None else body.find(f"{{{ns.namespace_of(body.tag)}}}stuurgegevens")
            ontvanger = verzoek.systeem(sg, "ontvanger")
            namens = tuple(ontvanger.split("/", 1)) if "/" in ontvanger else ("0000", "ZAAKSYSTEEM")
            redenen = list(binnen.redenen)
            if operatie not in GEROUTEERD:
                redenen.append(
                    f"SOAPAction {binnen.soapaction!r} is geen van de berichten die de bus routeert "
                    f"({', '.join(GEROUTEERD)})"
                )
            elif body is not None:
                # The bus forwards the original: it still names the bus as ontvanger (or whoever it
                # re-addressed it to); the other PC-1..PC-3 rules apply as to any request.
                redenen += verzoek.controleer(operatie, binnen, body, ontvanger, self.afzenders)
            basis = body if body is not None else etree.Element(ns.stuf("leeg"))
            ref, tijdstip = self.ctx.referentienummer(), self.ctx.tijdstip()
            if redenen:
                fout = antwoorden.fout_voor(redenen)
                synchroon = GEROUTEERD.get(operatie) == "Bv02"
                fo = antwoorden.foutbericht(basis, synchroon, fout, (namens[0], namens[1]), ref, tijdstip)
                antwoord = soap.geweigerd(binnen.versie, fo, fout.plek, fout.omschrijving)
            else:
                assert body is not None
                self.staat.verwerk(operatie, body)
                code = GEROUTEERD[operatie]
                bevestiging = antwoorden.bevestiging(body, code, (namens[0], namens[1]), ref, tijdstip)
                antwoord = soap.geslaagd(binnen.versie, bevestiging)
            self.ontvangen.append(Doorgestuurd(binnen, operatie, redenen, antwoord))
            self._lock.notify_all()
            return antwoord

    def nieuw(self, wachttijd: float) -> list[Doorgestuurd]:
        """What arrived since the last call, waiting up to ``wachttijd`` for at least one message."""
        with self._lock:
            self._lock.wait_for(lambda: len(self.ontvangen) > self._gelezen, timeout=wachttijd)
            nieuw = self.ontvangen[self._gelezen :]
            self._gelezen = len(self.ontvangen)
        return nieuw


class Servicebus:
    """The runner's luisteraar for GSB-01: judges each trigger step and the forwarding before it."""

    def __init__(self, postbus: Postbus, zaaksysteem: Zaaksysteem) -> None:
        self.postbus = postbus
        self.zaaksysteem = zaaksysteem

    def luister(
        self, scenario: Scenario, stap: Stap, waarden: Mapping[str, str]
    ) -> tuple[StapResultaat, StapResultaat]:
        binnen, uit = self.postbus.luister(scenario, stap, waarden)
        vorige = _vorige_providerstap(scenario, stap)
        if vorige is not None:
            redenen = self._doorgestuurd(vorige, self.zaaksysteem.nieuw(self.postbus.wachttijd))
            if redenen:
                binnen.zet(FAIL, [*redenen, *binnen.redenen])
        return binnen, uit

    def _doorgestuurd(self, vorige: Stap, nieuw: list[Doorgestuurd]) -> list[str]:
        """Exactly one message, the one of ``vorige``, reached the zaaksysteem and was acceptable."""
        wat = f"stap {vorige.nr} ({vorige.operatie})"
        if not nieuw:
            return [
                f"{wat} niet doorgestuurd: het zaaksysteem achter de bus ontving binnen "
                f"{self.postbus.wachttijd:g} s geen bericht (SCENARIOS 3.6: de bus stuurt het originele "
                "bericht door naar de bestemming)"
            ]
        redenen = []
        if len(nieuw) > 1:
            redenen.append(f"{wat}: {len(nieuw)} berichten doorgestuurd naar het zaaksysteem, verwacht 1")
        eerste = nieuw[0]
        if eerste.operatie != vorige.operatie:
            ontving = eerste.operatie or "(onbekende SOAPAction)"
            redenen.append(f"{wat} niet doorgestuurd: het zaaksysteem ontving {ontving}")
        redenen += [f"{wat} doorgestuurd, maar: {reden}" for reden in eerste.redenen]
        return redenen


def _vorige_providerstap(scenario: Scenario, stap: Stap) -> Stap | None:
    eerder = [s for s in scenario.stappen if s.nr < stap.nr and not s.consument]
    return eerder[-1] if eerder else None
