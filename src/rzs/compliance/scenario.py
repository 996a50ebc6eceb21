"""Scenario data: ``compliance/<rol>/rol.toml`` plus one ``<scenario>.toml`` per scenario.

The files are the test set (SCENARIOS.md section 3) as data a tester can read and change; this
module only loads and checks them. One ``[[stap]]`` is one exchange: the request (official step
``nr``) and its answer (step ``nr + 1``). Keys of a step:

``operatie``     WSDL operation name (``creeerZaak_Lk01``); decides endpoint and soapAction
``template``     ``compliance/templates/<template>.xml``, filled through :mod:`.templates`
``waarden``      placeholder values; ``"@naam"`` / ``"@lijst[0]"`` read the run context
``antwoord``     expected answer berichtcode (``Bv03``, ``La01``, ``Du02``, ``Bv02``)
``antwoord_stp`` answers accepted only with ``--stp-compat`` (known defects, SCENARIOS 5)
``verwacht``     ``succes`` (default), ``fout`` (with ``foutcode``) or ``niet ondersteund``
``bewaar``       context name -> placeholder whose filled value is kept (``GZP_N = "zaak_identificatie"``)
``bewaar_antwoord`` context name -> path in the answer; a leading ``+`` appends to a list
``controle``     content checks on the answer: ``pad`` with ``gelijk``, ``aantal`` or ``aanwezig``,
                 or ``soort = "nieuwe_identificatie"`` with ``pad`` and ``lijst``, or
                 ``soort = "zelfde_als_verzonden"`` with ``pad``, ``stap`` (an earlier step of the
                 scenario) and ``verzonden_pad`` (where in that step's request): field by field equal
                 (:mod:`.vergelijk`); ``uitleg`` (the rule, e.g. "DIGEST d.6") is appended to its
                 failure reason
``fragmenten``   ``<fragment naam>`` of the template -> fragment template (``voorzieningen/...``)
``details``      with ``verwacht = "fout"``: text the foutbericht's ``StUF:details`` must contain
                 (a rule id such as ``VZ-03``)
``schemafout``   ``true``: the message is invalid on purpose; the harness sends it without first
                 checking it against the schemas (only with ``verwacht = "fout"``)

Consumer roles (the TTA sends, the harness plays the STP) mark a step ``soort = "consument"``:
``operatie`` is what the TTA must send, ``antwoord`` what the harness answers, ``profiel`` the
message profile the incoming message is checked against (:mod:`.profielen`), ``controle`` applies
to the incoming message, ``bewaar_verzoek`` keeps values of it (``GZP_A = "ZKN:object/ZKN:identificatie"``)
and ``template`` is not used. Steps without ``soort`` are provider steps: the harness sends.

``rol.toml`` may list ``[[abonnement]]`` tables (Abonnementenbeheer): the subscriptions the tester
configures in the TTA before the run, all delivering at the harness's listening endpoint; the one
marked ``zendend = true`` is the "zendende applicatie" of every trigger and must get nothing.
``testset`` in ``rol.toml`` says what the scenarios are when they are not the official test set
(``"uitbreiding van stuf-rzs, buiten de officiële testset"``); every report shows it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rzs.compliance import bronnen

VERWACHTINGEN = ("succes", "fout", "niet ondersteund")
SOORTEN = ("provider", "consument")
ROLLEN = (
    "zaaksysteem",
    "zakenmagazijn",
    "regiesysteem",
    "backoffice",
    "abonnementenbeheer",
    "servicebus",
)
CONTROLE_SLEUTELS = frozenset(
    {"pad", "gelijk", "aantal", "aanwezig", "soort", "lijst", "uitleg", "stap", "verzonden_pad"}
)


class ScenarioFout(ValueError):
    """The scenario data is inconsistent (a tester's typo must stop the run, not skew it)."""


@dataclass(frozen=True, slots=True)
class Controle:
    pad: str
    gelijk: str | None = None
    aantal: int | None = None
    aanwezig: bool | None = None
    soort: str | None = None
    lijst: str | None = None
    uitleg: str | None = None
    stap: int | None = None
    verzonden_pad: str | None = None


@dataclass(frozen=True, slots=True)
class Abonnement:
    """A subscription the TTA (Abonnementenbeheer) must hold: who gets which notifications (DIGEST d.7).

    ``abonnee`` is ``ORGANISATIE/APPLICATIE`` and may hold ``${naam}`` values of the rol.
    """

    abonnee: str
    zaaktype: str
    gebeurtenissen: tuple[str, ...]
    toelichting: str = ""
    zendend: bool = False


@dataclass(frozen=True, slots=True)
class Stap:
    nr: int
    operatie: str
    template: str
    actie: str
    antwoord: str
    variant: str = ""
    profiel: str = ""
    verwacht: str = "succes"
    foutcode: str | None = None
    antwoord_stp: tuple[str, ...] = ()
    waarden: dict[str, str] = field(default_factory=dict)
    bewaar: dict[str, str] = field(default_factory=dict)
    bewaar_antwoord: dict[str, str] = field(default_factory=dict)
    controles: tuple[Controle, ...] = ()
    soort: str = "provider"
    bewaar_verzoek: dict[str, str] = field(default_factory=dict)
    fragmenten: dict[str, str] = field(default_factory=dict)
    details: str | None = None
    schemafout: bool = False

    @property
    def consument(self) -> bool:
        """The TTA sends this step's request and the harness answers (consumer roles)."""
        return self.soort == "consument"


@dataclass(frozen=True, slots=True)
class Scenario:
    id: str
    titel: str
    stappen: tuple[Stap, ...]
    voorwaarden: tuple[str, ...] = ()
    toelichting: str = ""
    optioneel: bool = False


@dataclass(frozen=True, slots=True)
class Rol:
    naam: str
    titel: str
    blad: str
    scenarios: tuple[Scenario, ...]
    waarden: dict[str, str]
    templates_dir: Path
    abonnementen: tuple[Abonnement, ...] = ()
    #: What the scenarios are when not the official test set (shown in every report).
    testset: str = ""


def _controle(data: dict[str, Any], waar: str) -> Controle:
    onbekend = set(data) - CONTROLE_SLEUTELS
    if onbekend or "pad" not in data:
        raise ScenarioFout(f"{waar}: controle met onbekende sleutels {sorted(onbekend)} of zonder pad")
    if data.get("soort") == "zelfde_als_verzonden" and not {"stap", "verzonden_pad"} <= set(data):
        raise ScenarioFout(f"{waar}: controle zelfde_als_verzonden zonder stap of verzonden_pad")
    return Controle(
        pad=str(data["pad"]),
        gelijk=None if "gelijk" not in data else str(data["gelijk"]),
        aantal=data.get("aantal"),
        aanwezig=data.get("aanwezig"),
        soort=data.get("soort"),
        lijst=data.get("lijst"),
        uitleg=data.get("uitleg"),
        stap=data.get("stap"),
        verzonden_pad=data.get("verzonden_pad"),
    )


def _abonnement(data: dict[str, Any]) -> Abonnement:
    try:
        return Abonnement(
            abonnee=str(data["abonnee"]),
            zaaktype=str(data["zaaktype"]),
            gebeurtenissen=tuple(str(g) for g in data["gebeurtenissen"]),
            toelichting=str(data.get("toelichting", "")),
            zendend=bool(data.get("zendend", False)),
        )
    except KeyError as exc:
        raise ScenarioFout(f"rol.toml: abonnement zonder {exc.args[0]}") from None


def _stap(data: dict[str, Any], waar: str, templates_dir: Path) -> Stap:
    try:
        stap = Stap(
            nr=int(data["nr"]),
            operatie=str(data["operatie"]),
            template=str(data.get("template", "")),
            actie=str(data["actie"]),
            antwoord=str(data["antwoord"]),
            variant=str(data.get("variant", "")),
            profiel=str(data.get("profiel", "")),
            verwacht=str(data.get("verwacht", "succes")),
            foutcode=data.get("foutcode"),
            antwoord_stp=tuple(data.get("antwoord_stp", ())),
            waarden={k: str(v) for k, v in data.get("waarden", {}).items()},
            bewaar={k: str(v) for k, v in data.get("bewaar", {}).items()},
            bewaar_antwoord={k: str(v) for k, v in data.get("bewaar_antwoord", {}).items()},
            controles=tuple(_controle(c, waar) for c in data.get("controle", [])),
            soort=str(data.get("soort", "provider")),
            bewaar_verzoek={k: str(v) for k, v in data.get("bewaar_verzoek", {}).items()},
            fragmenten={k: str(v) for k, v in data.get("fragmenten", {}).items()},
            details=data.get("details"),
            schemafout=bool(data.get("schemafout", False)),
        )
    except KeyError as exc:
        raise ScenarioFout(f"{waar}: verplichte sleutel {exc.args[0]} ontbreekt") from None
    if stap.verwacht not in VERWACHTINGEN:
        raise ScenarioFout(f"{waar}: verwacht moet een van {VERWACHTINGEN} zijn, niet {stap.verwacht!r}")
    if stap.soort not in SOORTEN:
        raise ScenarioFout(f"{waar}: soort moet een van {SOORTEN} zijn, niet {stap.soort!r}")
    if stap.consument:
        return stap
    if not stap.template:
        raise ScenarioFout(f"{waar}: verplichte sleutel 'template' ontbreekt")
    for template in (stap.template, *stap.fragmenten.values()):
        if not (templates_dir / f"{template}.xml").is_file():
            raise ScenarioFout(f"{waar}: template {template!r} bestaat niet in {templates_dir}")
    if (stap.schemafout or stap.details) and stap.verwacht != "fout":
        raise ScenarioFout(f'{waar}: schemafout en details horen bij verwacht = "fout"')
    return stap


def laad_scenario(pad: Path, templates_dir: Path) -> Scenario:
    data = tomllib.loads(pad.read_text(encoding="utf-8"))
    waar = pad.name
    stappen = tuple(_stap(s, f"{waar} stap {s.get('nr', '?')}", templates_dir) for s in data.get("stap", []))
    if not stappen:
        raise ScenarioFout(f"{waar}: een scenario heeft minstens één [[stap]]")
    return Scenario(
        id=str(data.get("id", pad.stem)),
        titel=str(data["titel"]),
        stappen=stappen,
        voorwaarden=tuple(data.get("voorwaarden", ())),
        toelichting=str(data.get("toelichting", "")).strip(),
        optioneel=bool(data.get("optioneel", False)),
    )


def laad_rol(naam: str, basis: Path | None = None) -> Rol:
    """Load ``<basis>/<naam>/rol.toml`` and its scenarios in the order the rol file lists them.

    ``basis`` defaults to ``compliance/``; another basis (a tester's own scenarios) without its
    own ``waarden.toml`` or ``templates/`` uses those of ``compliance/``.
    """
    basis = basis or bronnen.data_dir()
    map_ = basis / naam
    rol_bestand = map_ / "rol.toml"
    if not rol_bestand.is_file():
        bekend = sorted(p.name for p in basis.iterdir() if (p / "rol.toml").is_file())
        raise ScenarioFout(f"Onbekende rol {naam!r}; beschikbaar: {', '.join(bekend)}")
    data = tomllib.loads(rol_bestand.read_text(encoding="utf-8"))
    standaard = bronnen.data_dir()
    globaal = basis / "waarden.toml" if (basis / "waarden.toml").is_file() else standaard / "waarden.toml"
    waarden = tomllib.loads(globaal.read_text(encoding="utf-8"))
    waarden.update(data.get("waarden", {}))
    templates_dir = basis / "templates" if (basis / "templates").is_dir() else standaard / "templates"
    scenarios = tuple(laad_scenario(map_ / f"{sid}.toml", templates_dir) for sid in data["scenarios"])
    return Rol(
        naam=naam,
        titel=str(data.get("titel", naam)),
        blad=str(data.get("blad", "")),
        scenarios=scenarios,
        waarden={k: str(v) for k, v in waarden.items()},
        templates_dir=templates_dir,
        abonnementen=tuple(_abonnement(a) for a in data.get("abonnement", [])),
        testset=str(data.get("testset", "")),
    )


def rollen(basis: Path | None = None) -> list[str]:
    """The rollen with scenario data: the official ones in sheet order, then any others."""
    basis = basis or bronnen.data_dir()
    aanwezig = {p.name for p in basis.iterdir() if (p / "rol.toml").is_file()}
    return [r for r in ROLLEN if r in aanwezig] + sorted(aanwezig - set(ROLLEN))
