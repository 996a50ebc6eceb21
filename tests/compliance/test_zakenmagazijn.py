"""The Zakenmagazijn sheet (SCENARIOS.md 3.3) against our own server: the Zaaksysteem scenarios
without geefZaakdocumentBewerken, so ZM-07 updates a document that was not checked out (KD-6)."""

from __future__ import annotations

from rzs.compliance import scenario
from rzs.compliance.client import Eindpunten, SoapClient, Transportopties
from rzs.compliance.resultaat import FAIL, PASS
from rzs.compliance.runner import Runner
from support.server import RunningServer

ONDERSTEUND = ["ZM-01", "ZM-02", "ZM-03", "ZM-04", "ZM-08", "ZM-09", "ZM-10", "ZM-11", "ZM-12", "ZM-13"]


def test_zakenmagazijn(server: RunningServer) -> None:
    client = SoapClient(Eindpunten.server(server.base_url), Transportopties(timeout=30))
    rapport = Runner(scenario.laad_rol("zakenmagazijn"), client).run()
    assert [s.id for s in rapport.scenarios] == [f"ZM-{n:02d}" for n in range(1, 16)]
    per_id = {s.id: s for s in rapport.scenarios}
    assert {sid: per_id[sid].reden for sid in ONDERSTEUND if per_id[sid].status != PASS} == {}
    for s in rapport.scenarios:
        assert all(
            stap.status in (PASS, FAIL) and (stap.status == PASS or stap.redenen) for stap in s.stappen
        )
