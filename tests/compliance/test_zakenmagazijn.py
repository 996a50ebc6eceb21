"""The Zakenmagazijn sheet (SCENARIOS.md 3.3) against our own server: the Zaaksysteem scenarios
without geefZaakdocumentBewerken, so ZM-07 updates a document that was not checked out (KD-6)."""

from __future__ import annotations

import pytest

from rzs.compliance import scenario
from rzs.compliance.client import Eindpunten, SoapClient, Transportopties
from rzs.compliance.resultaat import PASS
from rzs.compliance.runner import Opties, Runner
from support.server import RunningServer


@pytest.mark.parametrize("zds", ["1.1", "1.2"])
def test_zakenmagazijn(server: RunningServer, zds: str) -> None:
    client = SoapClient(Eindpunten.server(server.base_url), Transportopties(timeout=30))
    rapport = Runner(scenario.laad_rol("zakenmagazijn"), client, Opties(zds=zds)).run()
    assert [s.id for s in rapport.scenarios] == [f"ZM-{n:02d}" for n in range(1, 16)]
    assert {s.id: s.reden for s in rapport.scenarios if s.status != PASS} == {}
