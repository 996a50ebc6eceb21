"""The Zaaksysteem sheet (SCENARIOS.md 3.2) replayed against our own server, in both body forms.

Our server implements every service of the sheet: all sixteen scenarios pass with ``--zds 1.1``
(ZKN:zakLk01, ...) and with ``--zds 1.2`` (the zds0120 wrappers), and the answers come back in the
form of the request.
"""

from __future__ import annotations

import re

from rzs.compliance.resultaat import PASS, Rapport

#: Official step count per scenario (request and answer are separate steps in the sheet).
STAPPEN = {"ZS-01": 18, "ZS-02": 6, "ZS-05": 6, "ZS-07": 2, "ZS-08": 2, "ZS-13": 4, "ZS-14": 12, "ZS-16": 2}


def test_alle_zestien_scenarios_stap_voor_stap(zaaksysteem_rapport: Rapport) -> None:
    ids = [s.id for s in zaaksysteem_rapport.scenarios]
    assert ids == [f"ZS-{n:02d}" for n in range(1, 17)]
    for scenario in zaaksysteem_rapport.scenarios:
        nummers = [stap.nr for stap in scenario.stappen]
        assert nummers == list(range(1, len(nummers) + 1)), scenario.id
        if scenario.id in STAPPEN:
            assert len(nummers) == STAPPEN[scenario.id], scenario.id


def test_alle_scenarios_slagen_in_zds_11(zaaksysteem_rapport: Rapport) -> None:
    assert {s.id: s.reden for s in zaaksysteem_rapport.scenarios if s.status != PASS} == {}
    assert zaaksysteem_rapport.geslaagd


def test_alle_scenarios_slagen_in_zds_12(zaaksysteem_rapport_zds12: Rapport) -> None:
    rapport = zaaksysteem_rapport_zds12
    assert {s.id: s.reden for s in rapport.scenarios if s.status != PASS} == {}
    roots = {
        stap.bericht.split(b"<soap:Body>")[1].split(b" ")[0].lstrip(b"<")
        for s in rapport.scenarios
        for stap in s.stappen
        if stap.bericht.count(b"<soap:Body>")
    }
    assert b"ZDS:creeerZaak_ZakLk01" in roots and b"ZDS:geefZaakdetails_ZakLa01" in roots
    assert not {r for r in roots if r.startswith(b"ZKN:")}


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
