"""Runs the scenarios of one rol, step by step, against the system under test (provider side).

Per exchange: fill the template (values: global and rol defaults, tester overrides, identities,
a fresh referentienummer and tijdstipBericht, the step's own values with ``@ctx`` references),
validate our own message (a harness bug must not be blamed on the vendor), send it through
:class:`~rzs.compliance.client.SoapClient` and judge the answer with :mod:`.checks` and
:mod:`.inhoud`. The request step (``nr``) passes when the system accepted the message, the
answer step (``nr + 1``) when the answer meets every criterion. Data for later steps is kept in
the :class:`~rzs.compliance.context.Context`.

One failure must not hide the rest (issue 12): a step is sent whenever its data can be had, from
the step that should deliver it, the tester (``--gegeven``) or the harness (identificaties); a step
that still lacks data is OVERGESLAGEN with the failed step as its reason, and a failure that may
come from an earlier one names it. ``--zds 1.2`` sends the same scenarios in the zds0120 forms
(:mod:`.vormen`).
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from lxml import etree

from rzs import ns
from rzs.compliance import bronnen, checks, inhoud, templates, vormen
from rzs.compliance.client import OPERATIES, SoapClient, Uitwisseling
from rzs.compliance.context import Context, ContextOntbreekt, Identificaties, omschrijving
from rzs.compliance.resultaat import (
    FAIL,
    NIET_ONDERSTEUND,
    OVERGESLAGEN,
    PASS,
    Rapport,
    ScenarioResultaat,
    StapResultaat,
)
from rzs.compliance.scenario import Rol, Scenario, Stap

_BODY, _DETAILS = ns.stuf("body"), ns.stuf("details")
#: Foutcodes that mean "this system does not offer the operation" (DIGEST c.10).
NIET_ONDERSTEUND_CODES = frozenset({"StUF025", "StUF031", "StUF037", "StUF040"})

Voortgang = Callable[[ScenarioResultaat, StapResultaat], None]


class Luisteraar(Protocol):
    """Judges a consumer step of a provider run on what arrived at the harness's own endpoint."""

    def luister(
        self, scenario: Scenario, stap: Stap, waarden: Mapping[str, str]
    ) -> tuple[StapResultaat, StapResultaat]: ...


@dataclass(frozen=True, slots=True)
class Opties:
    stp_compat: bool = False
    waarden: Mapping[str, str] = field(default_factory=dict)
    scenarios: tuple[str, ...] = ()
    #: Body form of the messages: "1.1" (RZS 1.0 / ZDS 1.1) or "1.2" (zds0120 wrappers).
    zds: str = "1.1"
    #: How the form was chosen when the tester asked ``--zds auto`` (for the report header).
    zds_uitleg: str = ""
    #: ``--gegeven``: what failed steps should have delivered, per context name.
    gegeven: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


def gemeentecode(waarden: Mapping[str, str]) -> str:
    """The prefix of identificaties the harness makes itself: ``gemeentecode``, else the
    ontvanger's organisatie when it is one (four digits, DIGEST f.1), else ``0000``."""
    for kandidaat in (waarden.get("gemeentecode", ""), waarden.get("ontvanger_organisatie", "")):
        if len(kandidaat) == 4 and kandidaat.isdigit():
            return kandidaat
    return "0000"


class Runner:
    def __init__(
        self,
        rol: Rol,
        client: SoapClient,
        opties: Opties | None = None,
        voortgang: Voortgang | None = None,
        ctx: Context | None = None,
        luisteraar: Luisteraar | None = None,
    ) -> None:
        self.rol = rol
        self.client = client
        self.opties = opties or Opties()
        if self.opties.zds not in vormen.VORMEN:
            raise ValueError(f"ZDS-vorm {self.opties.zds!r} onbekend (1.1 of 1.2)")
        self.voortgang = voortgang
        waarden = {**rol.waarden, **self.opties.waarden}
        self.ctx = ctx or Context(
            gegeven=self.opties.gegeven, identificaties=Identificaties(gemeentecode(waarden))
        )
        self.luisteraar = luisteraar
        self.statussen: dict[str, str] = {}

    def run(self) -> Rapport:
        rapport = Rapport(
            rol=self.rol.naam,
            titel=self.rol.titel,
            eindpunten=dict(self.client.eindpunten.urls),
            opties={
                "soap": self.client.opties.soap,
                "zds": self.opties.zds,
                "stp-compat": str(self.opties.stp_compat).lower(),
                "timeout": str(self.client.opties.timeout),
            },
            start=datetime.now(UTC).isoformat(timespec="seconds"),
            kop=self._kop(),
        )
        begin = time.perf_counter()
        for scenario in self.rol.scenarios:
            if self.opties.scenarios and scenario.id not in self.opties.scenarios:
                continue
            resultaat = self._scenario(scenario)
            self.statussen[scenario.id] = resultaat.status
            rapport.scenarios.append(resultaat)
        rapport.duur = time.perf_counter() - begin
        return rapport

    def _kop(self) -> dict[str, str]:
        """The audit header: what was tested, with which identities, forms and schema sets."""
        w = {**self.rol.waarden, **self.opties.waarden}
        zender = "/".join(w.get(f"zender_{d}", "") for d in ("organisatie", "applicatie", "gebruiker"))
        testset = {"Testset": self.rol.testset} if self.rol.testset else {}
        return testset | {
            "Harness": f"stuf-rzs rzs-compliance {bronnen.versie()}",
            "Zender (de harness)": zender.rstrip("/"),
            "Ontvanger (het geteste systeem)": f"{w.get('ontvanger_organisatie', '')}/"
            f"{w.get('ontvanger_applicatie', '')}",
            "SOAP-versie": self.client.opties.soap,
            "ZDS-vorm": vormen.NAMEN[self.opties.zds]
            + (f" ({self.opties.zds_uitleg})" if self.opties.zds_uitleg else ""),
            "Schemasets": bronnen.schemasets(),
        }

    def _scenario(self, scenario: Scenario) -> ScenarioResultaat:
        resultaat = ScenarioResultaat(scenario.id, scenario.titel, scenario.optioneel, scenario.toelichting)
        self.ctx.verzonden.clear()
        for stap in scenario.stappen:
            for stap_resultaat in self.voer_uit(scenario, stap):
                resultaat.stappen.append(stap_resultaat)
                if self.voortgang is not None:
                    self.voortgang(resultaat, stap_resultaat)
        return resultaat

    def _waarden(self, stap: Stap) -> dict[str, str]:
        waarden = {**self.rol.waarden, **self.opties.waarden}
        waarden["referentienummer"] = self.ctx.referentienummer()
        waarden["tijdstipBericht"] = self.ctx.tijdstip()
        basis = dict(waarden)
        for naam, waarde in stap.waarden.items():
            waarden[naam] = inhoud.verwachting(waarde, basis, self.ctx)
        return waarden

    def voer_uit(self, scenario: Scenario, stap: Stap) -> tuple[StapResultaat, StapResultaat]:
        """One provider exchange: the harness sends step ``nr`` and judges the answer ``nr + 1``."""
        verzoek = StapResultaat(
            stap.nr, "STP→TTA", stap.operatie, stap.actie, variant=stap.variant, profiel=stap.profiel
        )
        antwoord = StapResultaat(stap.nr + 1, "TTA→STP", stap.antwoord, f"antwoord op stap {stap.nr}")
        if stap.consument and self.luisteraar is not None:
            return self.luisteraar.luister(scenario, stap, {**self.rol.waarden, **self.opties.waarden})
        if stap.consument:
            verzoek.richting, antwoord.richting = "TTA→STP", "STP→TTA"
            reden = "consumentstap: de TTA stuurt dit bericht; start de harness met `rzs-compliance serve`"
            verzoek.zet(FAIL, [reden])
            antwoord.zet(FAIL, [reden])
            return verzoek, antwoord
        self.ctx.gebruikt.clear()
        self.ctx.notities.clear()
        try:
            waarden = self._waarden(stap)
        except ContextOntbreekt as exc:
            verzoek.zet(OVERGESLAGEN, [f"niet verstuurd: {exc}{self._voorwaarden(scenario)}"])
            antwoord.zet(OVERGESLAGEN, [f"niet ontvangen: het verzoek van stap {stap.nr} is niet verstuurd"])
            return verzoek, antwoord
        verzoek.opmerkingen += self.ctx.notities
        template = vormen.template(self.rol.templates_dir, stap.template, self.opties.zds)
        fragmenten = {naam: self.rol.templates_dir / f"{f}.xml" for naam, f in stap.fragmenten.items()}
        body = templates.fill(template, waarden, fragmenten)
        eigen_fouten = [] if stap.schemafout else bronnen.schemafouten(body)
        if stap.schemafout:
            verzoek.opmerkingen.append("opzettelijk ongeldig bericht (schemafout), ongecontroleerd verstuurd")
        if eigen_fouten:
            verzoek.zet(
                FAIL,
                [f"harness-bericht {stap.template} is ongeldig (fout in de scenariodata)", *eigen_fouten],
            )
            antwoord.zet(FAIL, [f"geen antwoord: het verzoek van stap {stap.nr} is niet verstuurd"])
            return verzoek, antwoord
        origineel = copy.deepcopy(body)
        self.ctx.verzonden[stap.nr] = bronnen.als_zds11(origineel)
        start = time.perf_counter()
        uitwisseling = self.client.stuur(stap.operatie, body)
        _leg_vast(uitwisseling, verzoek, antwoord)
        self._beoordeel(stap, origineel, uitwisseling, waarden, verzoek, antwoord)
        verzoek.duur = antwoord.duur = time.perf_counter() - start
        self._na_afloop(scenario, stap, waarden, verzoek, antwoord)
        return verzoek, antwoord

    def _na_afloop(
        self,
        scenario: Scenario,
        stap: Stap,
        waarden: Mapping[str, str],
        verzoek: StapResultaat,
        antwoord: StapResultaat,
    ) -> None:
        """Keep what later steps need, also after a failure, and name an earlier failure as cause."""
        mislukt = None if verzoek.status == PASS else f"{scenario.id} stap {stap.nr} faalde"
        for naam, placeholder in stap.bewaar.items():
            self.ctx.zet(naam, waarden[placeholder], f"{scenario.id} stap {stap.nr}", mislukt=mislukt)
        if antwoord.status != PASS and antwoord.status != NIET_ONDERSTEUND:
            oorzaak = f"{scenario.id} stap {stap.nr + 1} faalde"
            for naam, pad in stap.bewaar_antwoord.items():
                notitie = self.ctx.vervang(naam, lijst=pad.startswith("+"), oorzaak=oorzaak)
                if notitie:
                    antwoord.opmerkingen.append(f"voor de volgende stappen: {notitie}")
        if FAIL in (verzoek.status, antwoord.status):
            gefaald = verzoek if verzoek.status == FAIL else antwoord
            for naam in sorted(n for n in self.ctx.gebruikt if n in self.ctx.mislukt):
                herkomst = f"daar komt de {omschrijving(naam)} vandaan"
                gefaald.redenen.append(f"mogelijke oorzaak: {self.ctx.mislukt[naam]} ({herkomst})")
            if self.ctx.notities and self._voorwaarden(scenario):
                gefaald.redenen.append(f"mogelijke oorzaak: {self._voorwaarden(scenario).lstrip('; ')}")

    def _voorwaarden(self, scenario: Scenario) -> str:
        """Which preconditions (earlier scenarios) did not run or pass: the likely cause."""
        mis = [f"{sid} {self.statussen.get(sid, 'niet uitgevoerd')}" for sid in scenario.voorwaarden]
        mis = [m for m in mis if not m.endswith(PASS)]
        return f"; voorwaarde niet vervuld: {', '.join(mis)}" if mis else ""

    def _beoordeel(
        self,
        stap: Stap,
        origineel: etree._Element,
        uitwisseling: Uitwisseling,
        waarden: Mapping[str, str],
        verzoek: StapResultaat,
        antwoord: StapResultaat,
    ) -> None:
        soap = self.client.opties.soap
        ontleed, redenen = checks.ontleed(uitwisseling, soap)
        if redenen:
            verzoek.zet(FAIL, [f"het systeem gaf geen bruikbaar antwoord: {redenen[0]}", *redenen[1:]])
            antwoord.zet(FAIL, redenen)
            return
        http = checks.http(uitwisseling, ontleed, soap, stp_compat=self.opties.stp_compat)
        if ontleed.fault is not None:
            self._fout(stap, origineel, ontleed, http, verzoek, antwoord)
        else:
            assert ontleed.body is not None
            self._succes(stap, origineel, ontleed.body, http, waarden, verzoek, antwoord)

    def _fout(
        self,
        stap: Stap,
        origineel: etree._Element,
        ontleed: checks.Antwoord,
        http: list[str],
        verzoek: StapResultaat,
        antwoord: StapResultaat,
    ) -> None:
        synchroon = OPERATIES[stap.operatie].synchroon
        samenvatting, vorm = checks.foutbericht(ontleed, self.client.opties.soap, synchroon=synchroon)
        vorm = http + vorm
        if ontleed.fo is not None:
            vorm += bronnen.schemafouten(ontleed.fo)
            vorm += checks.stuurgegevens(origineel, ontleed.fo, ns.local_name(ontleed.fo.tag)[:4])
        code = samenvatting.split(" ")[1] if ontleed.fo is not None else ""
        if stap.verwacht == "fout":
            details = "" if ontleed.fo is None else ontleed.fo.findtext(f"{_BODY}/{_DETAILS}") or ""
            if code == stap.foutcode and stap.details and stap.details not in details:
                reden = f"foutcode {code} zoals verwacht, maar StUF:details noemt {stap.details} niet"
                reden += f": {details!r}"
                verzoek.zet(FAIL, [reden])
                antwoord.zet(FAIL, [reden, *vorm])
            elif code == stap.foutcode:
                verzoek.zet(PASS)
                verzoek.opmerkingen.append(f"geweigerd zoals verwacht: {samenvatting}")
                antwoord.zet(FAIL if vorm else PASS, vorm)
            else:
                verzoek.zet(FAIL, [f"verwacht foutcode {stap.foutcode}, ontvangen {samenvatting}"])
                antwoord.zet(FAIL, [f"verwacht foutcode {stap.foutcode}, ontvangen {samenvatting}", *vorm])
        elif stap.verwacht == "niet ondersteund" and code in NIET_ONDERSTEUND_CODES:
            verzoek.zet(NIET_ONDERSTEUND, [samenvatting])
            antwoord.zet(FAIL if vorm else NIET_ONDERSTEUND, vorm or [samenvatting])
        else:
            assert ontleed.fault is not None
            advies = vormen.herken(" ".join(ontleed.fault.itertext()), origineel)
            geweigerd = f"het systeem weigerde het bericht: {samenvatting}"
            verzoek.zet(FAIL, [f"{geweigerd} — {advies}" if advies else geweigerd])
            antwoord.zet(FAIL, [f"verwacht {stap.antwoord}, ontvangen SOAP Fault: {samenvatting}", *vorm])

    def _succes(
        self,
        stap: Stap,
        origineel: etree._Element,
        body: etree._Element,
        http: list[str],
        waarden: Mapping[str, str],
        verzoek: StapResultaat,
        antwoord: StapResultaat,
    ) -> None:
        if stap.verwacht == "fout":
            reden = f"het systeem accepteerde een bericht dat het moest weigeren met {stap.foutcode}"
            verzoek.zet(FAIL, [reden])
            antwoord.zet(
                FAIL, [f"verwacht een SOAP Fault met {stap.foutcode}, ontvangen {ns.local_name(body.tag)}"]
            )
            return
        verzoek.zet(PASS)
        redenen = list(http)
        code = self._berichtcode(stap, origineel, body, redenen)
        if code is not None:
            inhoud_body = vormen.inhoudelijk(body)
            redenen += bronnen.schemafouten(body)
            redenen += checks.stuurgegevens(origineel, body, code)
            redenen += checks.entiteittypen(origineel, inhoud_body)
            redenen += inhoud.controleer(inhoud_body, stap.controles, waarden, self.ctx)
        antwoord.zet(FAIL if redenen else PASS, redenen)
        if not redenen:
            self._bewaar_antwoord(stap, vormen.inhoudelijk(body))

    def _berichtcode(
        self, stap: Stap, origineel: etree._Element, body: etree._Element, redenen: list[str]
    ) -> str | None:
        toegestaan = [stap.antwoord, *(stap.antwoord_stp if self.opties.stp_compat else ())]
        for code in toegestaan:
            if body.tag == checks.verwachte_root(origineel, code):
                return code
        verwacht = ns.local_name(checks.verwachte_root(origineel, stap.antwoord))
        alleen_stp = [c for c in stap.antwoord_stp if body.tag == checks.verwachte_root(origineel, c)]
        hint = f" ({alleen_stp[0]} wordt alleen met --stp-compat geaccepteerd)" if alleen_stp else ""
        if vormen.vorm_van(body) != vormen.vorm_van(origineel) and not hint:
            andere = vormen.NAMEN[vormen.vorm_van(body)]
            hint = f" (antwoord in de vorm {andere}; verzoek in ZDS {self.opties.zds})"
        redenen.append(f"antwoord {ns.local_name(body.tag)}, verwacht {verwacht}{hint}")
        return None

    def _bewaar_antwoord(self, stap: Stap, body: etree._Element) -> None:
        for naam, pad in stap.bewaar_antwoord.items():
            herkomst = f"stap {stap.nr + 1} ({stap.operatie})"
            for waarde in inhoud.lees(body, pad.lstrip("+")):
                if pad.startswith("+"):
                    self.ctx.voeg_toe(naam, waarde, herkomst)
                else:
                    self.ctx.zet(naam, waarde, herkomst)


def _leg_vast(uitwisseling: Uitwisseling, verzoek: StapResultaat, antwoord: StapResultaat) -> None:
    """The exchange as it happened, for the audit record: messages, HTTP status and headers."""
    verzoek.bericht, antwoord.bericht = uitwisseling.verzoek, uitwisseling.antwoord
    verzoek.soapaction, verzoek.content_type = uitwisseling.soapaction, uitwisseling.verzoek_content_type
    antwoord.http_status, antwoord.content_type = uitwisseling.status, uitwisseling.content_type
