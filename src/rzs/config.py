"""Settings: every default of the server is documented here and nowhere else.

Values come from, in order of precedence: command-line flags (``rzs serve --port``), environment
variables (``RZS_*``), the defaults below. The object is frozen so one request cannot change
what another sees.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

_REPO_ROOT = Path(__file__).resolve().parents[2]


def _resource_dir(name: str) -> Path:
    """Our ``xsd/`` and ``wsdl/`` trees: beside ``src/`` in a checkout, under share/ in a wheel."""
    for candidate in (_REPO_ROOT / name, Path(sys.prefix) / "share" / "stuf-rzs" / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"Cannot find the {name}/ directory of stuf-rzs")


#: The zaaktype catalogue shipped with the package (GZP, LDP, WMO, JGD); ``rzs.catalogus`` reads it.
STANDAARD_ZAAKTYPEN = Path(__file__).resolve().parent / "catalogus" / "zaaktypen.toml"
#: The iWmo/iJw code lists voorzieningen are checked against (one TOML file per list, issue 9);
#: ``rzs.catalogus.codelijstbestand`` reads the directory (``Settings.codelijsten_dir``).
STANDAARD_CODELIJSTEN = Path(__file__).resolve().parent / "catalogus" / "codelijsten"


@dataclass(frozen=True, slots=True)
class Identiteit:
    """One StUF identity we answer to: the ``organisatie`` + ``applicatie`` a sender names as
    ``ontvanger`` (an empty organisatie matches any). A gemeente that replaces a zaaksysteem keeps
    its senders' configuration by answering under the old system's name too (issue 10)."""

    organisatie: str
    applicatie: str

    def __str__(self) -> str:
        return f"{self.organisatie}/{self.applicatie}" if self.organisatie else self.applicatie


def parse_identiteit(tekst: str) -> Identiteit:
    """``ORGANISATIE/APPLICATIE`` (``1900/CDR``) or just ``APPLICATIE``; ValueError otherwise."""
    organisatie, _, applicatie = tekst.strip().rpartition("/")
    if not applicatie or "/" in organisatie:
        raise ValueError(f"geen identiteit (ORGANISATIE/APPLICATIE): {tekst!r}")
    return Identiteit(organisatie.strip(), applicatie.strip())


def parse_identiteiten(tekst: str) -> tuple[Identiteit, ...]:
    """The value of ``RZS_IDENTITEITEN``: identities separated by commas and/or whitespace."""
    return tuple(parse_identiteit(deel) for deel in re.split(r"[,\s]+", tekst) if deel)


def _default_data_dir() -> Path:
    return Path(os.environ.get("RZS_DATA_DIR", Path.cwd() / "data"))


#: The values of ``Settings.validatie``; the first is the default.
VALIDATIEMODI: tuple[str, ...] = ("streng", "tolerant")
#: The values of ``Settings.aanvullende_elementen_onbekend``; the first is the default.
ONBEKENDE_AANVULLENDE_ELEMENTEN: tuple[str, ...] = ("weigeren", "bewaren")


@dataclass(frozen=True, slots=True)
class Settings:
    #: SQLAlchemy URL. Default: an SQLite file in the data directory (embedded single-machine use).
    #: ``postgresql+psycopg://user@host/db`` for several server/worker processes on one database.
    database_url: str = ""
    #: Where the SQLite file lives when no database URL is given, and document content by default.
    data_dir: Path = field(default_factory=_default_data_dir)
    host: str = "127.0.0.1"
    port: int = 8080
    #: gunicorn sync worker processes; CPU-bound XML work gains nothing from threads (TECH-NOTES 3).
    workers: int = 1
    #: Four-digit gemeentecode: prefix of every zaak- and documentidentificatie we issue (DIGEST f.1).
    gemeentecode: str = "0000"
    #: Our own StUF identity when ``identiteiten`` is empty (``--organisatie``/``RZS_ORGANISATIE``,
    #: ``--applicatie``/``RZS_APPLICATIE``). Messages whose ontvanger names another system get
    #: StUF010, whose details list the identities we do answer to.
    organisatie: str = ""
    applicatie: str = "RZS"
    #: Our administratie, the same for every identity (``RZS_ADMINISTRATIE``).
    administratie: str = ""
    #: Several identities (``--identiteit 1900/CDR --identiteit 1900/ZSH``; ``RZS_IDENTITEITEN``
    #: with the pairs separated by commas and/or whitespace: ``"1900/CDR,1900/ZSH"``). When given,
    #: it replaces organisatie/applicatie above. We answer as the identity a message addresses;
    #: the FIRST one is our primary identity, the zender of the messages we send ourselves
    #: (notifications, overdracht) and of replies to messages that name no known ontvanger.
    identiteiten: tuple[Identiteit, ...] = ()
    #: Accepted zender applicaties; empty accepts every sender. Others get StUF013.
    zenders: tuple[str, ...] = ()
    #: SOAP header blocks (Clark names, ``{namespace}local``) that count as understood although we
    #: ignore them, because a front end handles them (``RZS_BEGREPEN_HEADERS``, comma-separated),
    #: e.g. ``{http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd}Security``
    #: behind a WS-Security gateway. Any other block marked mustUnderstand gets a MustUnderstand fault.
    begrepen_headers: tuple[str, ...] = ()
    #: Reject identificaties without a numeric four-digit gemeentecode prefix (DIGEST f.1, g.25).
    strikte_identificatie: bool = False
    #: The zaaktype catalogue file loaded (upserted) into the database at every start (DIGEST e).
    #: A gemeente points this at its own copy with its own codes (``RZS_ZAAKTYPEN``, see
    #: docs/operations.md); None (``RZS_ZAAKTYPEN=""``) loads nothing, and the catalogue is then
    #: managed only with ``rzs zaaktypen import``. Zaaktypen are never deleted by a load.
    zaaktypen_bestand: Path | None = STANDAARD_ZAAKTYPEN
    #: BR-07a: a deelplan's levensdomeinplan must belong to the same gezinsplan. The standard only
    #: implies it (DIGEST g.24): by default a violation is logged as a warning, True rejects it
    #: (``RZS_STRIKTE_LEVENSDOMEINPLAN``).
    strikte_levensdomeinplan: bool = False
    #: Schema validation of request bodies (``--validatie``, ``RZS_VALIDATIE``): ``streng`` refuses
    #: every body that is not conform our schemas with StUF055; ``tolerant`` first applies the
    #: documented repairs of ``stuf/reparaties.py`` for deviations real senders make, and processes
    #: the message if it is valid then (docs/tolerant.md). One of :data:`VALIDATIEMODI`.
    validatie: str = "streng"
    #: The iWmo/iJw code lists voorzieningen are checked against (``RZS_CODELIJSTEN``): a directory
    #: of TOML files, read once per process at start-up; a broken file stops the start-up with
    #: one CodelijstFout naming it (docs/voorzieningen.md "Code lists").
    codelijsten_dir: Path = STANDAARD_CODELIJSTEN
    #: Read voorzieningen from named ``StUF:extraElement``s (``voorziening.1.product.categorie``)
    #: for senders on the official schemas (``RZS_VOORZIENINGEN_EXTRA_ELEMENTEN=1``; issue 9).
    voorzieningen_extra_elementen: bool = False
    #: A child of ``StUF:aanvullendeElementen`` in a namespace the zaaktype does not declare:
    #: ``weigeren`` answers StUF055, ``bewaren`` stores it as it came and answers it back in
    #: geefZaakdetails (``RZS_AANVULLENDE_ELEMENTEN_ONBEKEND``). One of
    #: :data:`ONBEKENDE_AANVULLENDE_ELEMENTEN`.
    aanvullende_elementen_onbekend: str = "weigeren"
    #: Largest message we read, not counting document content (``inhoud``, MTOM parts); larger
    #: ones get a Fo02/Fo03 StUF055.
    max_bericht_bytes: int = 20 * 1024 * 1024
    #: Largest document (decoded ``inhoud``) we accept; a larger one gets a Fo02/Fo03 StUF055 that
    #: says so. Content is streamed to disk, so this bounds disk use per message, not memory.
    max_document_bytes: int = 128 * 1024 * 1024
    #: Where document content lives (files named by sha256, DIGEST f.3). Default: ``inhoud/`` in
    #: the data directory. Several servers on one PostgreSQL need this on a shared filesystem.
    inhoud_dir: Path | None = None
    #: Largest number of zaken in one La01 (StUF default maximumAantal is 15 for synchronous vragen).
    max_antwoord_aantal: int = 100
    #: Notification and overdracht delivery (``rzs.notify``, docs/operations.md "Outbox"): an
    #: outbox row is tried at most this many times, then it is ``dead`` until ``rzs outbox retry``.
    bezorging_max_pogingen: int = 10
    #: Wait before retry n (n = 1, 2, ...): ``min(max, basis * 2**(n-1))`` seconds, of which a
    #: random half (jitter), so retries of many rows spread out instead of arriving together.
    bezorging_backoff_basis: float = 2.0
    bezorging_backoff_max: float = 600.0
    #: How often an idle delivery worker looks for due rows, in seconds.
    bezorging_poll_interval: float = 1.0
    #: HTTP timeout of one delivery attempt, in seconds.
    bezorging_timeout: float = 30.0
    #: ``rzs serve`` runs a delivery process beside its HTTP workers (the single-machine default).
    #: False (``RZS_BEZORGING_IN_SERVE=0``) when separate ``rzs worker`` processes deliver.
    bezorging_in_serve: bool = True
    xsd_dir: Path = field(default_factory=lambda: _resource_dir("xsd"))
    wsdl_dir: Path = field(default_factory=lambda: _resource_dir("wsdl"))

    @property
    def effective_identiteiten(self) -> tuple[Identiteit, ...]:
        """Every identity we answer to, the primary one first (see ``identiteiten``)."""
        return self.identiteiten or (Identiteit(self.organisatie, self.applicatie),)

    @property
    def effective_inhoud_dir(self) -> Path:
        return self.inhoud_dir if self.inhoud_dir is not None else self.data_dir / "inhoud"

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'rzs.sqlite3'}"

    def __post_init__(self) -> None:
        if self.validatie not in VALIDATIEMODI:
            modi = ", ".join(VALIDATIEMODI)
            raise ValueError(f"validatie moet een van {modi} zijn, niet {self.validatie!r}")
        if self.aanvullende_elementen_onbekend not in ONBEKENDE_AANVULLENDE_ELEMENTEN:
            keuzes = ", ".join(ONBEKENDE_AANVULLENDE_ELEMENTEN)
            raise ValueError(
                f"aanvullende_elementen_onbekend moet een van {keuzes} zijn, "
                f"niet {self.aanvullende_elementen_onbekend!r}"
            )

    def with_overrides(self, **overrides: Any) -> Settings:
        """A copy with the given non-None values replaced (CLI flags over env over defaults)."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


_ENV: dict[str, tuple[str, type]] = {
    "RZS_DATABASE_URL": ("database_url", str),
    "RZS_HOST": ("host", str),
    "RZS_PORT": ("port", int),
    "RZS_WORKERS": ("workers", int),
    "RZS_GEMEENTECODE": ("gemeentecode", str),
    "RZS_ORGANISATIE": ("organisatie", str),
    "RZS_APPLICATIE": ("applicatie", str),
    "RZS_ADMINISTRATIE": ("administratie", str),
    "RZS_VALIDATIE": ("validatie", str),
    "RZS_AANVULLENDE_ELEMENTEN_ONBEKEND": ("aanvullende_elementen_onbekend", str),
    "RZS_MAX_BERICHT_BYTES": ("max_bericht_bytes", int),
    "RZS_MAX_DOCUMENT_BYTES": ("max_document_bytes", int),
    "RZS_BEZORGING_MAX_POGINGEN": ("bezorging_max_pogingen", int),
    "RZS_BEZORGING_BACKOFF_BASIS": ("bezorging_backoff_basis", float),
    "RZS_BEZORGING_BACKOFF_MAX": ("bezorging_backoff_max", float),
    "RZS_BEZORGING_POLL_INTERVAL": ("bezorging_poll_interval", float),
    "RZS_BEZORGING_TIMEOUT": ("bezorging_timeout", float),
}


def from_environment(environ: dict[str, str] | None = None) -> Settings:
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for variable, (name, kind) in _ENV.items():
        if variable in env:
            values[name] = kind(env[variable])
    if "RZS_ZENDERS" in env:
        values["zenders"] = tuple(z.strip() for z in env["RZS_ZENDERS"].split(",") if z.strip())
    if "RZS_BEGREPEN_HEADERS" in env:
        values["begrepen_headers"] = tuple(
            h.strip() for h in env["RZS_BEGREPEN_HEADERS"].split(",") if h.strip()
        )
    if env.get("RZS_IDENTITEITEN", "").strip():
        values["identiteiten"] = parse_identiteiten(env["RZS_IDENTITEITEN"])
    if "RZS_DATA_DIR" in env:
        values["data_dir"] = Path(env["RZS_DATA_DIR"])
    if "RZS_INHOUD_DIR" in env:
        values["inhoud_dir"] = Path(env["RZS_INHOUD_DIR"])
    if env.get("RZS_STRIKTE_IDENTIFICATIE", "").lower() in {"1", "true", "ja"}:
        values["strikte_identificatie"] = True
    if "RZS_ZAAKTYPEN" in env:
        values["zaaktypen_bestand"] = Path(env["RZS_ZAAKTYPEN"]) if env["RZS_ZAAKTYPEN"].strip() else None
    if env.get("RZS_STRIKTE_LEVENSDOMEINPLAN", "").lower() in {"1", "true", "ja"}:
        values["strikte_levensdomeinplan"] = True
    if "RZS_CODELIJSTEN" in env:
        values["codelijsten_dir"] = Path(env["RZS_CODELIJSTEN"])
    if env.get("RZS_VOORZIENINGEN_EXTRA_ELEMENTEN", "").lower() in {"1", "true", "ja"}:
        values["voorzieningen_extra_elementen"] = True
    if env.get("RZS_BEZORGING_IN_SERVE", "").lower() in {"0", "false", "nee"}:
        values["bezorging_in_serve"] = False
    return Settings(**values)
