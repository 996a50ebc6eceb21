"""Settings: every default of the server is documented here and nowhere else.

Values come from, in order of precedence: command-line flags (``rzs serve --port``), environment
variables (``RZS_*``), the defaults below. The object is frozen so one request cannot change
what another sees.
"""

from __future__ import annotations

import os
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


def _default_data_dir() -> Path:
    return Path(os.environ.get("RZS_DATA_DIR", Path.cwd() / "data"))


@dataclass(frozen=True, slots=True)
class Settings:
    #: SQLAlchemy URL. Default: an SQLite file in the data directory (embedded single-machine use).
    #: ``postgresql+psycopg://user@host/db`` for several server/worker processes on one database.
    database_url: str = ""
    #: Where the SQLite file (and later document content) lives when no database URL is given.
    data_dir: Path = field(default_factory=_default_data_dir)
    host: str = "127.0.0.1"
    port: int = 8080
    #: gunicorn sync worker processes; CPU-bound XML work gains nothing from threads (TECH-NOTES 3).
    workers: int = 1
    #: Four-digit gemeentecode: prefix of every zaak- and documentidentificatie we issue (DIGEST f.1).
    gemeentecode: str = "0000"
    #: Our own StUF identity. Messages whose ontvanger names another applicatie get StUF010.
    organisatie: str = ""
    applicatie: str = "RZS"
    administratie: str = ""
    #: Accepted zender applicaties; empty accepts every sender. Others get StUF013.
    zenders: tuple[str, ...] = ()
    #: Reject identificaties without a numeric four-digit gemeentecode prefix (DIGEST f.1, g.25).
    strikte_identificatie: bool = False
    #: Largest request body we read; larger requests get a Fo02/Fo03 StUF055 without being parsed.
    max_bericht_bytes: int = 20 * 1024 * 1024
    #: Largest number of zaken in one La01 (StUF default maximumAantal is 15 for synchronous vragen).
    max_antwoord_aantal: int = 100
    xsd_dir: Path = field(default_factory=lambda: _resource_dir("xsd"))
    wsdl_dir: Path = field(default_factory=lambda: _resource_dir("wsdl"))

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'rzs.sqlite3'}"

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
    "RZS_MAX_BERICHT_BYTES": ("max_bericht_bytes", int),
}


def from_environment(environ: dict[str, str] | None = None) -> Settings:
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for variable, (name, kind) in _ENV.items():
        if variable in env:
            values[name] = kind(env[variable])
    if "RZS_ZENDERS" in env:
        values["zenders"] = tuple(z.strip() for z in env["RZS_ZENDERS"].split(",") if z.strip())
    if "RZS_DATA_DIR" in env:
        values["data_dir"] = Path(env["RZS_DATA_DIR"])
    if env.get("RZS_STRIKTE_IDENTIFICATIE", "").lower() in {"1", "true", "ja"}:
        values["strikte_identificatie"] = True
    return Settings(**values)
