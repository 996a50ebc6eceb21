"""The Zaaksysteem sheet (SCENARIOS.md 3.2) replayed against our own server.

What our server implements today must pass; scenarios of services that are not there yet must
fail with a readable reason (the server's foutcode, or the missing data and the precondition
that did not deliver it), never be skipped.
"""

from __future__ import annotations

import re

from rzs.compliance.resultaat import FAIL, PASS, Rapport

#: Scenarios of services our server implements (genereerZaakIdentificatie, creeerZaak, updateZaak,
#: actualiseerZaakstatus, geefZaakstatus, geefZaakdetails).
ONDERSTEUND = ["ZS-01", "ZS-02", "ZS-03", "ZS-04", "ZS-09", "ZS-10", "ZS-11", "ZS-12", "ZS-13", "ZS-14"]
#: Official step count per scenario (request and answer are separate steps in the sheet).
STAPPEN = {"ZS-01": 18, "ZS-02": 6, "ZS-05": 6, "ZS-07": 2, "ZS-08": 2, "ZS-13": 4, "ZS-14": 12, "ZS-16": 2}
_LEESBAAR = re.compile(r"StUF\d{3}|ctx\.\w+|verwacht|ontbreekt|schema|niet verstuurd")


def test_alle_zestien_scenarios_stap_voor_stap(zaaksysteem_rapport: Rapport) -> None:
    ids = [s.id for s in zaaksysteem_rapport.scenarios]
    assert ids == [f"ZS-{n:02d}" for n in range(1, 17)]
    for scenario in zaaksysteem_rapport.scenarios:
        nummers = [stap.nr for stap in scenario.stappen]
        assert nummers == list(range(1, len(nummers) + 1)), scenario.id
        if scenario.id in STAPPEN:
            assert len(nummers) == STAPPEN[scenario.id], scenario.id


def test_ondersteunde_scenarios_slagen(zaaksysteem_rapport: Rapport) -> None:
    per_id = {s.id: s for s in zaaksysteem_rapport.scenarios}
    mislukt = {sid: per_id[sid].reden for sid in ONDERSTEUND if per_id[sid].status != PASS}
    assert not mislukt


def test_overige_scenarios_falen_met_een_leesbare_reden(zaaksysteem_rapport: Rapport) -> None:
    for scenario in zaaksysteem_rapport.scenarios:
        for stap in scenario.stappen:
            assert stap.status in (PASS, FAIL), (scenario.id, stap.nr, stap.status)
            if stap.status == FAIL:
                assert stap.redenen, (scenario.id, stap.nr)
                assert _LEESBAAR.search(" ".join(stap.redenen)), (scenario.id, stap.nr, stap.redenen)


def test_identificaties_uit_zs01_worden_gebruikt(zaaksysteem_rapport: Rapport) -> None:
    zs01 = zaaksysteem_rapport.scenarios[0]
    identificatie = re.compile(rb"<ZKN:identificatie>([^<]+)<")
    uitgegeven = {m.group(1).decode() for stap in zs01.stappen for m in identificatie.finditer(stap.bericht)}
    assert len(uitgegeven) == 9
    zs02 = zaaksysteem_rapport.scenarios[1]
    verstuurd = {
        m.group(1).decode()
        for stap in zs02.stappen
        if stap.richting == "STP→TTA"
        for m in identificatie.finditer(stap.bericht)
    }
    assert len(verstuurd & uitgegeven) == 3
