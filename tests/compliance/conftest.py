"""The Zaaksysteem role run once per session against our server on loopback (tests/conftest.py)."""

from __future__ import annotations

import pytest

from rzs.compliance import scenario
from rzs.compliance.client import Eindpunten, SoapClient, Transportopties
from rzs.compliance.resultaat import Rapport
from rzs.compliance.runner import Opties, Runner
from support.server import RunningServer


@pytest.fixture(scope="session")
def zaaksysteem_rapport(server: RunningServer) -> Rapport:
    client = SoapClient(Eindpunten.server(server.base_url), Transportopties(timeout=30))
    return Runner(scenario.laad_rol("zaaksysteem"), client).run()


@pytest.fixture(scope="session")
def zaaksysteem_rapport_zds12(server: RunningServer) -> Rapport:
    """The same sheet in the zds0120 forms (``--zds 1.2``)."""
    client = SoapClient(Eindpunten.server(server.base_url), Transportopties(timeout=30))
    return Runner(scenario.laad_rol("zaaksysteem"), client, Opties(zds="1.2")).run()
