"""One consumer run: the steps of a rol in order, each incoming message judged as the step it should be.

The STP tells the tester what to send next (:meth:`Sessie.instructie`), takes each message as the
first step still open (an optional scenario the TTA skips is marked NIET ONDERSTEUND, never
FAIL), judges it (PC-1 transport, PC-2 schema, PC-3 stuurgegevens, PC-4 profile and the step's
``controle``), answers like the STP (:mod:`.antwoorden`, Fo02/Fo03 with the first reason when the
message is wrong) and records both official steps in the same report objects as the provider
runner. Provider steps of a consumer rol (the STP notifies the TTA, REG-12/REG-17) run in a
driver thread against ``callback`` as soon as every earlier step is done.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from lxml import etree

from rzs import ns
from rzs.compliance import bronnen, inhoud
from rzs.compliance.client import DIENSTEN, OPERATIES, Eindpunten, SoapClient, Transportopties
from rzs.compliance.context import Context
from rzs.compliance.resultaat import FAIL, NIET_ONDERSTEUND, PASS, Rapport, ScenarioResultaat, StapResultaat
from rzs.compliance.runner import Opties, Runner
from rzs.compliance.scenario import Rol, Scenario, Stap
from rzs.compliance.stp import antwoorden, profielen, soap, verzoek
from rzs.compliance.stp.antwoorden import Fout
from rzs.compliance.stp.soap import Antwoord
from rzs.compliance.stp.staat import Staat

Melding = Callable[[str], None]
Voortgang = Callable[[ScenarioResultaat, StapResultaat], None]


@dataclass(frozen=True, slots=True)
class SessieOpties:
    stp: tuple[str, str] = ("0000", "RZS-COMPLIANCE")
    callback: str | None = None
    soap: str = "1.1"
    timeout: float = 10.0
    stp_compat: bool = False
    waarden: Mapping[str, str] = field(default_factory=dict)
    scenarios: tuple[str, ...] = ()


@dataclass
class Item:
    scenario: Scenario
    stap: Stap
    resultaat: tuple[StapResultaat, StapResultaat] | None = None


@dataclass(frozen=True, slots=True)
class Ontvangst:
    """One message that arrived, as the consumer page lists it: when, where, as what, taken as which step."""

    tijd: str
    pad: str
    soapaction: str
    root: str
    stap: str


class Sessie:
    def __init__(
        self, rol: Rol, opties: SessieOpties, meld: Melding | None = None, voortgang: Voortgang | None = None
    ) -> None:
        self.rol, self.opties = rol, opties
        self.meld = meld or (lambda _tekst: None)
        self.voortgang = voortgang
        self.waarden = {**rol.waarden, **opties.waarden}
        self.ctx = Context("RZSSTP")
        self.staat = Staat(opties.stp[0], self.waarden.get("gezinsplan_zaaktype_code", "GZP"))
        self.afzenders = verzoek.Afzenders()
        self.items = [
            Item(s, stap)
            for s in rol.scenarios
            if not opties.scenarios or s.id in opties.scenarios
            for stap in s.stappen
        ]
        self.tta: dict[str, str] = {}
        self.ontvangen: list[Ontvangst] = []
        self.klaar = threading.Event()
        self._lock = threading.Condition()
        self.start = datetime.now(UTC).isoformat(timespec="seconds")

    # --- what the tester must send -------------------------------------------------------------
    def instructie(self, item: Item) -> str:
        stap = item.stap
        if not stap.consument:
            return (
                f"{item.scenario.id} stap {stap.nr}: de STP stuurt {stap.operatie} naar de TTA ({stap.actie})"
            )
        pad = DIENSTEN[OPERATIES[stap.operatie].dienst].pad
        profiel = f" [{stap.profiel}]" if stap.profiel else ""
        return (
            f"{item.scenario.id} stap {stap.nr}: stuur {stap.operatie} "
            f"({ns.local_name(verzoek.root(stap.operatie))}) naar {pad} of /: {stap.actie}{profiel}"
        )

    def open_stappen(self) -> list[Item]:
        with self._lock:
            return [i for i in self.items if i.resultaat is None]

    def stand(self) -> tuple[list[Item], list[Ontvangst]]:
        """A consistent copy of the steps and the arrivals, for the live page."""
        with self._lock:
            return [replace(i) for i in self.items], list(self.ontvangen)

    # --- incoming messages ----------------------------------------------------------------------
    def ontvang(self, binnen: soap.Verzoek) -> Antwoord:
        with self._lock:
            item = self._verwacht(binnen)
            self._noteer(binnen, item)
            if item is None:
                omschrijving = "Proces voor afhandelen bericht geeft fout"
                fo = Fout("StUF058", "server", omschrijving, "De STP verwacht geen bericht meer")
                return self._fout(binnen, None, fo)
            self._wacht_op_eerdere_providerstappen(item)
            start = time.perf_counter()
            resultaat = self._beoordeel(item, binnen)
            _http(item, binnen, resultaat, time.perf_counter() - start)
            self._lock.notify_all()
        return resultaat

    def _noteer(self, binnen: soap.Verzoek, item: Item | None) -> None:
        root = ns.local_name(binnen.body.tag) if binnen.body is not None else "(geen SOAP-body)"
        stap = f"{item.scenario.id} stap {item.stap.nr}" if item else "geen: de STP verwacht niets meer"
        tijd = datetime.now(UTC).isoformat(timespec="milliseconds")
        self.ontvangen.append(Ontvangst(tijd, binnen.pad, binnen.soapaction, root, stap))

    def _wacht_op_eerdere_providerstappen(self, item: Item) -> None:
        """A message that answers what the STP sent (the Du01 of BO-15 after its Di01) is judged after
        that exchange is: the driver keeps values of it (``bewaar``) only once the TTA's Bv03 is in."""
        eerder = [i for i in self.items[: self.items.index(item)] if not i.stap.consument]
        self._lock.wait_for(
            lambda: self.klaar.is_set() or all(i.resultaat is not None for i in eerder),
            timeout=self.opties.timeout + 5,
        )

    def _verwacht(self, binnen: soap.Verzoek) -> Item | None:
        """The step this message is: the first open one, or a later open step of the operation the
        SOAPAction names; steps passed over fail as not received (optional ones: NIET ONDERSTEUND)."""
        open_ = [i for i in self.items if i.resultaat is None and i.stap.consument]
        if not open_:
            return None
        operatie = verzoek.operatie_van(binnen.soapaction)
        if operatie is None or operatie == open_[0].stap.operatie:
            return open_[0]
        later = next((i for i in open_ if i.stap.operatie == operatie), None)
        if later is None:
            return open_[0]
        for overgeslagen in open_[: open_.index(later)]:
            if overgeslagen.scenario.optioneel:
                self._leg_vast(
                    overgeslagen, NIET_ONDERSTEUND, ["optioneel scenario; de TTA sloeg het over"], b"", b""
                )
            else:
                reden = (
                    f"niet ontvangen: de TTA stuurde {operatie} voor {later.scenario.id} stap {later.stap.nr}"
                )
                self._leg_vast(
                    overgeslagen,
                    FAIL,
                    [reden],
                    b"",
                    b"",
                    [f"geen antwoord: stap {overgeslagen.stap.nr} niet ontvangen"],
                )
        return later

    def _beoordeel(self, item: Item, binnen: soap.Verzoek) -> Antwoord:
        stap = item.stap
        redenen = list(binnen.redenen)
        body = binnen.body
        if body is not None:
            redenen += self._controleer(stap, binnen, body)
        if redenen:
            fout = antwoorden.fout_voor(redenen)
            antwoord = self._fout(binnen, body, fout, synchroon=OPERATIES[stap.operatie].synchroon)
            samenvatting = f"{'Fo02' if OPERATIES[stap.operatie].synchroon else 'Fo03'} {fout.code}"
            self._leg_vast(
                item,
                FAIL,
                redenen,
                binnen.data,
                antwoord.data,
                [f"de STP weigerde het bericht van stap {stap.nr} met {samenvatting}: {redenen[0]}"],
            )
            return antwoord
        assert body is not None
        self.staat.verwerk(stap.operatie, body)
        self._bewaar(item, body, stap.bewaar_verzoek)
        inhoud_ = self._antwoord(stap.operatie, body)
        eigen = bronnen.schemafouten(inhoud_)
        antwoord = soap.geslaagd(binnen.versie, inhoud_)
        self._bewaar(item, inhoud_, stap.bewaar_antwoord)
        antwoord_redenen = [f"harness-antwoord is ongeldig (fout in de harness): {eigen[0]}"] if eigen else []
        self._leg_vast(item, PASS, [], binnen.data, antwoord.data, antwoord_redenen)
        return antwoord

    def _controleer(self, stap: Stap, binnen: soap.Verzoek, body: etree._Element) -> list[str]:
        redenen = verzoek.controleer(stap.operatie, binnen, body, "/".join(self.opties.stp), self.afzenders)
        if body.tag != verzoek.root(stap.operatie):
            return redenen
        zender = verzoek.systeem(body.find(f"{{{ns.namespace_of(body.tag)}}}stuurgegevens"), "zender")
        if zender:
            self.tta = {
                "ontvanger_organisatie": zender.split("/")[0],
                "ontvanger_applicatie": zender.split("/")[1],
            }
        controle = profielen.profiel(stap.profiel)
        if controle is not None:
            redenen += controle(stap.profiel, body, self.staat, self.waarden)
        redenen += inhoud.controleer(body, stap.controles, self.waarden, self.ctx)
        return redenen

    def _antwoord(self, operatie: str, body: etree._Element) -> etree._Element:
        ref, tijdstip, stp = self.ctx.referentienummer(), self.ctx.tijdstip(), self.opties.stp
        if operatie in ("genereerZaakIdentificatie_Di02", "genereerDocumentIdentificatie_Di02"):
            soort = "zaak" if operatie.startswith("genereerZaak") else "document"
            ident = self.staat.nieuwe_identificatie("Z" if soort == "zaak" else "D")
            self.ctx.voeg_toe("zaakIds" if soort == "zaak" else "docIds", ident, operatie)
            return antwoorden.identificatie_du02(body, soort, ident, stp, ref, tijdstip)
        if operatie == "geefZaakdocumentbewerken_Di02":
            document = self.staat.documenten[_tekst(body, "edcLv01/ZKN:gelijk/ZKN:identificatie", "ZKN")]
            document.checked_out_id = f"CO-{ref}"
            self.ctx.zet("checkedOutId", document.checked_out_id, operatie)
            return antwoorden.zaakdocument_bewerken_du02(body, document, stp, ref, tijdstip)
        if operatie in ("updateZaakdocument_Di02", "cancelCheckout_Di02"):
            return antwoorden.bevestiging(body, "Bv02", stp, ref, tijdstip)
        if operatie == "geefZaakdocumentLezen_Lv01":
            gelezen = self.staat.documenten.get(_tekst(body, "gelijk/ZKN:identificatie", "ZKN"))
            return antwoorden.document_la01(body, gelezen, stp, ref, tijdstip)
        if operatie.endswith("_Lv01"):
            zaak = self.staat.zaken.get(_tekst(body, "gelijk/ZKN:identificatie", "ZKN"))
            return antwoorden.zaak_la01(body, zaak, self.staat, stp, ref, tijdstip)
        return antwoorden.bevestiging(body, "Bv03", stp, ref, tijdstip)

    def _fout(
        self, binnen: soap.Verzoek, body: etree._Element | None, fout: Fout, *, synchroon: bool = False
    ) -> Antwoord:
        basis = body if body is not None else etree.Element(ns.stuf("leeg"))
        fo = antwoorden.foutbericht(
            basis, synchroon, fout, self.opties.stp, self.ctx.referentienummer(), self.ctx.tijdstip()
        )
        return soap.geweigerd(binnen.versie, fo, fout.plek, fout.omschrijving)

    def _bewaar(self, item: Item, root: etree._Element, paden: Mapping[str, str]) -> None:
        herkomst = f"{item.scenario.id} stap {item.stap.nr}"
        for naam, pad in paden.items():
            for waarde in inhoud.lees(root, pad.lstrip("+")):
                if pad.startswith("+"):
                    self.ctx.voeg_toe(naam, waarde, herkomst)
                else:
                    self.ctx.zet(naam, waarde, herkomst)

    def _leg_vast(
        self,
        item: Item,
        status: str,
        redenen: list[str],
        verzoek_data: bytes,
        antwoord_data: bytes,
        antwoord_redenen: list[str] | None = None,
    ) -> None:
        stap = item.stap
        binnen = StapResultaat(
            stap.nr, "TTA→STP", stap.operatie, stap.actie, variant=stap.variant, profiel=stap.profiel
        )
        uit = StapResultaat(stap.nr + 1, "STP→TTA", stap.antwoord, f"antwoord op stap {stap.nr}")
        binnen.zet(status, redenen)
        uit_status = FAIL if antwoord_redenen and status != NIET_ONDERSTEUND else status
        uit.zet(uit_status, antwoord_redenen if uit_status != PASS else [])
        binnen.bericht, uit.bericht = verzoek_data, antwoord_data
        item.resultaat = (binnen, uit)
        self._meld_voortgang(item)

    def _meld_voortgang(self, item: Item) -> None:
        if self.voortgang is not None and item.resultaat is not None:
            regel = ScenarioResultaat(item.scenario.id, item.scenario.titel)
            for stap in item.resultaat:
                self.voortgang(regel, stap)
        volgende = next((i for i in self.items if i.resultaat is None and i.stap.consument), None)
        if volgende is not None:
            self.meld(f"volgende: {self.instructie(volgende)}")
        if all(i.resultaat is not None for i in self.items):
            self.klaar.set()

    # --- provider steps (the STP sends to the TTA) ------------------------------------------------
    def stuurder(self) -> None:
        """Driver loop: run each provider step once every earlier step has a verdict."""
        client = None
        if self.opties.callback:
            client = SoapClient(
                Eindpunten.alle(self.opties.callback),
                Transportopties(soap=self.opties.soap, timeout=self.opties.timeout),
            )
        runner = Runner(self.rol, client, Opties(self.opties.stp_compat), ctx=self.ctx) if client else None
        for index, item in enumerate(self.items):
            if item.stap.consument:
                continue
            with self._lock:
                while not self.klaar.is_set() and any(i.resultaat is None for i in self.items[:index]):
                    self._lock.wait(0.5)
                if self.klaar.is_set() or item.resultaat is not None:
                    return
            self.meld(self.instructie(item))
            if runner is None:
                resultaat = _niet_verstuurd(
                    item, "geen --callback-endpoint opgegeven (het eindpunt van de TTA)"
                )
            else:
                runner.opties = replace(runner.opties, waarden=self._provider_waarden())
                resultaat = runner.voer_uit(item.scenario, item.stap)
            with self._lock:
                item.resultaat = resultaat
                self._meld_voortgang(item)
                self._lock.notify_all()

    def _provider_waarden(self) -> dict[str, str]:
        return {
            **self.opties.waarden,
            "zender_organisatie": self.opties.stp[0],
            "zender_applicatie": self.opties.stp[1],
            **self.tta,
        }

    # --- the end --------------------------------------------------------------------------------
    def sluit(self, reden: str) -> Rapport:
        """Steps still open fail with ``reden`` (e.g. the wait time passed); the report of the run."""
        with self._lock:
            for item in self.items:
                if item.resultaat is None:
                    item.resultaat = _niet_verstuurd(item, reden)
            self.klaar.set()
            self._lock.notify_all()
        rapport = Rapport(
            rol=self.rol.naam,
            titel=self.rol.titel,
            eindpunten={
                "STP (consumentmodus)": "/".join(self.opties.stp),
                "callback": self.opties.callback or "-",
            },
            opties={
                "modus": "consument",
                "soap": self.opties.soap,
                "stp-compat": str(self.opties.stp_compat).lower(),
            },
            start=self.start,
            kop={
                "Harness": f"stuf-rzs rzs-compliance {bronnen.versie()} (consumentmodus)",
                "STP-identiteit (ontvanger van de TTA)": "/".join(self.opties.stp),
                "SOAP-versie (naar de callback)": self.opties.soap,
                "Schemasets": bronnen.schemasets(),
            },
        )
        per_scenario: dict[str, ScenarioResultaat] = {}
        for item in self.items:
            s = item.scenario
            if s.id not in per_scenario:
                per_scenario[s.id] = ScenarioResultaat(s.id, s.titel, s.optioneel, s.toelichting)
                rapport.scenarios.append(per_scenario[s.id])
            assert item.resultaat is not None
            per_scenario[s.id].stappen.extend(item.resultaat)
        return rapport


def _http(item: Item, binnen: soap.Verzoek, antwoord: Antwoord, duur: float) -> None:
    """The audit facts of a consumer exchange: the real time the STP took, SOAPAction, HTTP status."""
    if item.resultaat is None:
        return
    verzoek_stap, antwoord_stap = item.resultaat
    verzoek_stap.soapaction = binnen.soapaction
    verzoek_stap.duur = antwoord_stap.duur = duur
    antwoord_stap.http_status, antwoord_stap.content_type = antwoord.status, antwoord.content_type


def _niet_verstuurd(item: Item, reden: str) -> tuple[StapResultaat, StapResultaat]:
    stap = item.stap
    consument = stap.consument
    binnen = StapResultaat(stap.nr, "TTA→STP" if consument else "STP→TTA", stap.operatie, stap.actie)
    uit = StapResultaat(
        stap.nr + 1, "STP→TTA" if consument else "TTA→STP", stap.antwoord, f"antwoord op stap {stap.nr}"
    )
    wat = "niet ontvangen" if consument else "niet verstuurd"
    binnen.zet(FAIL, [f"{wat}: {reden}"])
    uit.zet(FAIL, [f"geen antwoord: stap {stap.nr} is {wat}"])
    return binnen, uit


def _tekst(element: etree._Element, pad: str, prefix: str = "StUF") -> str:
    gevonden = element.find(f"{prefix}:{pad}", {"StUF": ns.STUF, "ZKN": ns.ZKN})
    return "" if gevonden is None else (gevonden.text or "").strip()
