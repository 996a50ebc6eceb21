"""Session fixtures: one real server on loopback with a real database for the service tests.

The database is a temporary SQLite file, or the PostgreSQL at ``RZS_TEST_DATABASE_URL`` (CI runs
the suite against both).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from rzs.config import Settings
from support.server import RunningServer, run_server
from support.soap import SoapClient

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def pytest_sessionstart(session: pytest.Session) -> None:
    """One line that says whether the official set is here, instead of a hundred silent skips."""
    if hasattr(session.config, "workerinput"):
        return  # an xdist worker: the controller says it once
    aanwezig = (SHARED / "standard" / "official").is_dir()
    # CI has ../shared beside its clone: a missing oracle there is a broken set-up, not a skip.
    if os.environ.get("CI") and not aanwezig:
        raise pytest.UsageError(f"CI=true but {SHARED / 'standard'} is absent: the oracle tests must run")
    regel = (
        f"oracle: official schemas and test set from {SHARED / 'standard'}"
        if aanwezig
        else f"oracle: OFF - {SHARED / 'standard'} is absent: the official-schema and test-set tests "
        "skip, our own schemas are still checked"
    )
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(regel, bold=not aanwezig, yellow=not aanwezig)


def _database_url(tmp: Path) -> str:
    url = os.environ.get("RZS_TEST_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{tmp / 'rzs-test.sqlite3'}"


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    tmp = tmp_path_factory.mktemp("rzs")
    settings = Settings(database_url=_database_url(tmp), data_dir=tmp, gemeentecode="0000", applicatie="RZS")
    with run_server(settings) as running:
        yield running


@pytest.fixture(scope="session")
def soap(server: RunningServer) -> SoapClient:
    return SoapClient(server.base_url)


@pytest.fixture
def shared_dir() -> Path:
    if not (SHARED / "standard" / "official").is_dir():
        pytest.skip("../shared/standard/official is absent: the official test material is needed")
    return SHARED
