"""Logs never carry person data: one INFO line per message, without BSNs (STYLE "Logging")."""

from __future__ import annotations

import logging

import pytest
from test_zaken import UITGEBREID, maak_zaak

from support import messages
from support.soap import SoapClient


def test_geen_bsn_in_de_logs(soap: SoapClient, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="rzs")
    identificatie = maak_zaak(soap, UITGEBREID)
    soap.stuur("geefZaakdetails_Lv01", "vragen/geefZaakdetails_alles", zaak_identificatie=identificatie)
    soap.stuur(
        "creeerZaak_Lk01",
        "zaken/creeerZaak_ongeldig_bsn",
        zaak_identificatie=soap.genereer_zaakidentificatie(),
    )
    # Only the server's loggers: zeep (the test client) logs whole envelopes at DEBUG by design.
    regels = [r.getMessage() for r in caplog.records if r.name.startswith("rzs")]
    assert any("operatie=creeerZaak_Lk01" in r and "resultaat=Bv03Bericht" in r for r in regels)
    assert any("resultaat=StUF055" in r for r in regels)
    bsns = [v for k, v in messages.DEFAULTS.items() if k.startswith("bsn")]
    for regel in regels:
        for bsn in bsns:
            assert bsn not in regel, regel
