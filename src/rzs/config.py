"""Settings: every default of the server is documented here and nowhere else.

Values come from, in order of precedence: command-line flags (``rzs serve --port``), environment
variables (``RZS_*``), a TOML file (``rzs serve --config FILE`` or ``RZS_CONFIG``: top-level keys
named as the fields below, docs/example.toml), the defaults below. The object is frozen so one
request cannot change what another sees.
"""

from __future__ import annotations

import json
import os
import re
import sys
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
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


#: The values of ``Settings.sqlite_synchronous``; the first is the default (durable).
SQLITE_SYNCHRONOUS: tuple[str, ...] = ("full", "normal")

#: The values of ``Settings.validatie``; the first is the default.
VALIDATIEMODI: tuple[str, ...] = ("streng", "tolerant")
#: The values of ``Settings.aanvullende_elementen_onbekend``; the first is the default.
ONBEKENDE_AANVULLENDE_ELEMENTEN: tuple[str, ...] = ("weigeren", "bewaren")
#: The values of ``Settings.log_format`` and ``Settings.log_level`` (``rzs.logboek`` reads them).
LOG_FORMATEN: tuple[str, ...] = ("text", "json")
LOG_NIVEAUS: tuple[str, ...] = ("debug", "info", "warning", "error")


class OngeldigeInstelling(ValueError):
    """A setting that cannot be used: ``rzs`` prints its message as one line and stops."""


@dataclass(frozen=True, slots=True)
class Settings:
    #: SQLAlchemy URL. Default: an SQLite file in the data directory (embedded single-machine use).
    #: ``postgresql+psycopg://user@host/db`` for several server/worker processes on one database.
    database_url: str = ""
    #: Where the SQLite file lives when no database URL is given, and document content by default.
    data_dir: Path = field(default_factory=_default_data_dir)
    host: str = "127.0.0.1"
    port: int = 8080
    #: gunicorn worker processes (``--workers``, ``RZS_WORKERS``): CPU-bound XML work runs in
    #: parallel only across processes (TECH-NOTES 3).
    workers: int = 1
    #: Threads per worker process (``--threads``, ``RZS_THREADS``): gunicorn's ``gthread`` worker,
    #: so a slow client holds one thread, not a whole worker (issue 11, item 2; docs/decisions/
    #: 0004-slow-clients.md). Idle connections hold no thread at all.
    threads: int = 8
    #: Seconds a client has, once a thread took its connection, to send the request line and all
    #: headers (``RZS_HEADER_TIMEOUT``); then the connection is closed.
    header_timeout: float = 30.0
    #: Seconds a client has, after its headers, to send the whole body (``RZS_BODY_TIMEOUT``); then
    #: the connection is closed. Bounds how long a trickling client holds a thread; a sender of a
    #: 128 MB document (171 MB as base64) needs about 11 Mbit/s to make the default.
    body_timeout: float = 120.0
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
    #: SQLite only (``RZS_SQLITE_SYNCHRONOUS``): ``full`` (default) syncs the WAL to disk at every
    #: commit, so a Bv03 is only sent for a change that survives a power cut (StUF: confirm only
    #: after safe storage). ``normal`` syncs at checkpoints only: faster, still consistent after a
    #: crash of the process, but a power cut or kernel panic may lose the last acknowledged
    #: messages (docs/performance.md "Durability"). One of :data:`SQLITE_SYNCHRONOUS`.
    sqlite_synchronous: str = "full"
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
    #: Most relations one zaak may have: betrokkenen (heeftAls...), zaakobjecten (heeftBetrekkingOp)
    #: and relations to other zaken together (``RZS_MAX_RELATIES_PER_ZAAK``). A creeerZaak or
    #: updateZaak that would exceed it gets a Fo03 StUF055 (details LIM-01) and changes nothing
    #: (issue 11, item 8: a 16 MB creeerZaak with 60,000 belanghebbenden was stored).
    max_relaties_per_zaak: int = 1000
    #: Most related objects (relations, statussen, documenten, besluiten) written in one La01; past
    #: it the answer is cut and carries the melding ``StUF0002: Meer objecten gevraagd dan
    #: teruggegeven`` (StUF 03.01 §6.4.1; details LIM-02 in docs/operations.md)
    #: (``RZS_MAX_ANTWOORD_OBJECTEN``). Bounds the memory and size of one answer.
    max_antwoord_objecten: int = 5000
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
    #: HTTPS (``--tls-cert``/``--tls-key``, ``RZS_TLS_CERT``/``RZS_TLS_KEY``): PEM files of our
    #: certificate (with its chain) and private key, both or neither. None: plain HTTP, for use
    #: behind a TLS-terminating proxy or on a trusted network only (docs/operations.md, "TLS and
    #: client certificates").
    tls_cert: Path | None = None
    tls_key: Path | None = None
    #: Two-way TLS (``--client-ca``, ``RZS_CLIENT_CA``): clients must present a certificate signed
    #: by a CA in this PEM bundle, or get no TLS connection at all. Needs ``tls_cert``.
    client_ca: Path | None = None
    #: Behind a TLS-terminating proxy: the request header in which the proxy passes the verified
    #: client certificate's subject DN (``--identiteit-header X-SSL-Client-S-DN``,
    #: ``RZS_IDENTITEIT_HEADER``). Empty: off, the identity comes only from our own TLS socket.
    #: The proxy MUST remove this header from client requests (``wire/tls.py``).
    identiteit_header: str = ""
    #: The authorisation policy (``--autorisatie FILE``, ``RZS_AUTORISATIE``; TOML, format in
    #: ``stuf/autorisatie.py`` and docs/operations.md): zender -> operaties, zaaktypen,
    #: certificaten; anything else gets StUF052. None: the server is open to every zender, and
    #: its start-up line says so.
    autorisatie_bestand: Path | None = None
    #: Refuse to start without an authorisation policy (``--strikt``, ``RZS_STRIKT=1``).
    strikt: bool = False
    #: Log lines as text (default) or one JSON object per line (``--log-format``, ``RZS_LOG_FORMAT``).
    log_format: str = "text"
    #: debug, info (default), warning or error (``--log-level``, ``RZS_LOG_LEVEL``); debug also
    #: shows alembic's migration lines.
    log_level: str = "info"
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
        for naam, keuzes in (
            ("validatie", VALIDATIEMODI),
            ("sqlite_synchronous", SQLITE_SYNCHRONOUS),
            ("aanvullende_elementen_onbekend", ONBEKENDE_AANVULLENDE_ELEMENTEN),
            ("log_format", LOG_FORMATEN),
            ("log_level", LOG_NIVEAUS),
        ):
            if getattr(self, naam) not in keuzes:
                raise OngeldigeInstelling(
                    f"{naam} moet een van {', '.join(keuzes)} zijn, niet {getattr(self, naam)!r}"
                )

    def beveiligingsfout(self) -> str | None:
        """Why these TLS/authorisation settings cannot serve (one line for ``rzs serve``), or None."""
        if (self.tls_cert is None) != (self.tls_key is None):
            return "--tls-cert en --tls-key horen bij elkaar: geef ze allebei"
        if self.client_ca is not None and self.tls_cert is None:
            return "--client-ca vraagt om HTTPS: geef ook --tls-cert en --tls-key"
        if self.strikt and self.autorisatie_bestand is None:
            return "--strikt vraagt om een autorisatiebestand (--autorisatie FILE); de server start niet"
        return None

    def with_overrides(self, **overrides: Any) -> Settings:
        """A copy with the given non-None values replaced (CLI flags over env over defaults)."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


_ENV: dict[str, tuple[str, type]] = {
    "RZS_DATABASE_URL": ("database_url", str),
    "RZS_HOST": ("host", str),
    "RZS_PORT": ("port", int),
    "RZS_WORKERS": ("workers", int),
    "RZS_THREADS": ("threads", int),
    "RZS_HEADER_TIMEOUT": ("header_timeout", float),
    "RZS_BODY_TIMEOUT": ("body_timeout", float),
    "RZS_GEMEENTECODE": ("gemeentecode", str),
    "RZS_ORGANISATIE": ("organisatie", str),
    "RZS_APPLICATIE": ("applicatie", str),
    "RZS_ADMINISTRATIE": ("administratie", str),
    "RZS_VALIDATIE": ("validatie", str),
    "RZS_SQLITE_SYNCHRONOUS": ("sqlite_synchronous", str),
    "RZS_AANVULLENDE_ELEMENTEN_ONBEKEND": ("aanvullende_elementen_onbekend", str),
    "RZS_MAX_BERICHT_BYTES": ("max_bericht_bytes", int),
    "RZS_MAX_DOCUMENT_BYTES": ("max_document_bytes", int),
    "RZS_MAX_RELATIES_PER_ZAAK": ("max_relaties_per_zaak", int),
    "RZS_MAX_ANTWOORD_OBJECTEN": ("max_antwoord_objecten", int),
    "RZS_BEZORGING_MAX_POGINGEN": ("bezorging_max_pogingen", int),
    "RZS_BEZORGING_BACKOFF_BASIS": ("bezorging_backoff_basis", float),
    "RZS_BEZORGING_BACKOFF_MAX": ("bezorging_backoff_max", float),
    "RZS_BEZORGING_POLL_INTERVAL": ("bezorging_poll_interval", float),
    "RZS_BEZORGING_TIMEOUT": ("bezorging_timeout", float),
    "RZS_LOG_FORMAT": ("log_format", str),
    "RZS_LOG_LEVEL": ("log_level", str),
    "RZS_IDENTITEIT_HEADER": ("identiteit_header", str),
}
#: Settings that are a file path, by environment variable; an empty value means none.
_ENV_PADEN: dict[str, str] = {
    "RZS_TLS_CERT": "tls_cert",
    "RZS_TLS_KEY": "tls_key",
    "RZS_CLIENT_CA": "client_ca",
    "RZS_AUTORISATIE": "autorisatie_bestand",
}


def from_environment(environ: Mapping[str, str] | None = None, bestand: Path | None = None) -> Settings:
    """Settings from ``bestand`` (default: ``RZS_CONFIG``, if set), overridden by ``RZS_*``."""
    env = os.environ if environ is None else environ
    if bestand is None and env.get("RZS_CONFIG", "").strip():
        bestand = Path(env["RZS_CONFIG"])
    values: dict[str, Any] = lees_bestand(bestand) if bestand is not None else {}
    for variable, (name, kind) in _ENV.items():
        if variable in env:
            try:
                values[name] = kind(env[variable])
            except ValueError:
                raise OngeldigeInstelling(f"{variable}={env[variable]!r} is geen {kind.__name__}") from None
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
    for variable, name in _ENV_PADEN.items():
        if env.get(variable, "").strip():
            values[name] = Path(env[variable])
    if env.get("RZS_STRIKT", "").lower() in {"1", "true", "ja"}:
        values["strikt"] = True
    return Settings(**values)


#: Settings that hold a directory or file; in TOML a string (``zaaktypen_bestand = ""``: none).
_PADEN = frozenset(
    {
        "data_dir",
        "inhoud_dir",
        "zaaktypen_bestand",
        "xsd_dir",
        "wsdl_dir",
        "codelijsten_dir",
        "tls_cert",
        "tls_key",
        "client_ca",
        "autorisatie_bestand",
    }
)
#: Settings that hold a list; in TOML an array of strings.
_LIJSTEN = frozenset({"zenders", "begrepen_headers", "identiteiten"})


def lees_bestand(pad: Path) -> dict[str, Any]:
    """The settings of a TOML file, as field name -> value; OngeldigeInstelling names what is wrong
    (an unknown key, a value of the wrong type, a file that is not TOML)."""
    try:
        with pad.open("rb") as f:
            ruw = tomllib.load(f)
    except OSError as fout:
        raise OngeldigeInstelling(f"{pad}: {fout.strerror}") from None
    except tomllib.TOMLDecodeError as fout:
        raise OngeldigeInstelling(f"{pad}: geen geldige TOML ({fout})") from None
    soorten = {f.name: type(getattr(Settings(), f.name)) for f in fields(Settings)}
    values: dict[str, Any] = {}
    for naam, waarde in ruw.items():
        if naam not in soorten:
            raise OngeldigeInstelling(f"{pad}: onbekende instelling {naam!r}")
        values[naam] = _waarde(pad, naam, waarde, soorten[naam])
    return values


def _waarde(pad: Path, naam: str, waarde: object, soort: type) -> Any:
    if naam in _PADEN and isinstance(waarde, str):
        return None if naam == "zaaktypen_bestand" and not waarde.strip() else Path(waarde)
    if naam in _LIJSTEN and isinstance(waarde, list) and all(isinstance(w, str) for w in waarde):
        if naam == "identiteiten":
            try:
                return tuple(parse_identiteit(w) for w in waarde)
            except ValueError as fout:
                raise OngeldigeInstelling(f"{pad}: {naam}: {fout}") from None
        return tuple(waarde)
    if soort is float and isinstance(waarde, int) and not isinstance(waarde, bool):
        return float(waarde)
    if naam not in _PADEN | _LIJSTEN and type(waarde) is soort:
        return waarde
    raise OngeldigeInstelling(f"{pad}: {naam} = {waarde!r} heeft niet de juiste soort ({soort.__name__})")


def als_toml(settings: Settings) -> str:
    """Every effective setting as TOML that :func:`lees_bestand` reads back; the password of the
    database URL masked (``rzs config show``)."""
    regels = []
    for veld in fields(Settings):
        waarde = getattr(settings, veld.name)
        if waarde is None:
            regels.append(
                f'{veld.name} = ""' if veld.name == "zaaktypen_bestand" else f"# {veld.name}: niet gezet"
            )
            continue
        if veld.name == "database_url":
            waarde = verberg_wachtwoord(settings.effective_database_url)
        regels.append(f"{veld.name} = {_toml(waarde)}")
    return "\n".join(regels) + "\n"


def _toml(waarde: object) -> str:
    if isinstance(waarde, bool):
        return "true" if waarde else "false"
    if isinstance(waarde, int | float):
        return repr(waarde)
    if isinstance(waarde, tuple):
        return "[" + ", ".join(_toml(w) for w in waarde) + "]"
    return json.dumps(str(waarde), ensure_ascii=False)  # a JSON string is a TOML basic string


def verberg_wachtwoord(url: str) -> str:
    """``postgresql://rzs:geheim@db/rzs`` -> ``postgresql://rzs:***@db/rzs`` (logs, config show)."""
    return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)
