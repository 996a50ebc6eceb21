"""``rzs-client`` against our own server (tests/conftest.py ``server``): the flows our server supports.

Zaak services (genereerZaakIdentificatie, creeerZaak of the three plan kinds, updateZaak,
actualiseerZaakstatus, geefZaakstatus, geefZaakdetails) must be accepted. Document services and
overdragenZaak are being built in our server right now: those are asserted only as "accepted, or
refused with a StUF foutcode", never skipped silently.
"""

from __future__ import annotations

import base64

import pytest

from rzs import ns
from rzs.referentieclient.berichten import Berichten, Systeem
from rzs.referentieclient.cli import main
from rzs.referentieclient.flows import Regiesysteem
from rzs.referentieclient.verbinding import StufFout, Verbinding
from support.server import RunningServer


@pytest.fixture
def regie(server: RunningServer) -> Regiesysteem:
    berichten = Berichten(Systeem.van("0000/REGIESYSTEEM"), Systeem.van("0000/RZS"))
    return Regiesysteem(berichten, Verbinding(server.base_url), log=lambda _t: None)


def test_plannen_aanmaken_wijzigen_en_opvragen(regie: Regiesysteem) -> None:
    gezinsplan = regie.creeer_plan("gezinsplan", "C")
    levensdomeinplan = regie.creeer_plan("levensdomeinplan", "C", {"gezinsplan": gezinsplan})
    deelplan = regie.creeer_plan(
        "deelplan", "A", {"gezinsplan": gezinsplan, "levensdomeinplan": levensdomeinplan}
    )
    assert len({gezinsplan, levensdomeinplan, deelplan}) == 3
    regie.update_zaak(gezinsplan, "belanghebbende_toevoegen")
    regie.update_zaak(levensdomeinplan, "uitvoerende_verwijderen")
    regie.zet_status(gezinsplan)
    status = regie.geef_zaakstatus(gezinsplan)
    pad = "ZKN:antwoord/ZKN:object/ZKN:heeft/ZKN:gerelateerde/ZKN:omschrijving"
    assert status.findtext(pad, namespaces={"ZKN": ns.ZKN}) == "Gezinsplan opgesteld"
    details = regie.geef_zaakdetails(gezinsplan)
    bsns = {e.text for e in details.iter(ns.bg("inp.bsn"))}
    assert "666777883" in bsns  # the belanghebbende added by the update


def test_documenten_en_overdracht_geaccepteerd_of_met_foutcode(regie: Regiesysteem) -> None:
    zaak = regie.creeer_plan("gezinsplan", "B")
    for actie in (
        lambda: regie.voeg_document_toe(zaak, base64.b64encode(b"plan").decode(), "plan.txt"),
        lambda: regie.draag_over(zaak),
    ):
        try:
            actie()
        except StufFout as exc:  # not built yet in our server: a StUF foutcode, readable
            assert exc.code.startswith("StUF"), exc


def test_cli_genereer_en_creeer(server: RunningServer, capsys: pytest.CaptureFixture[str]) -> None:
    basis = ["--endpoint", server.base_url]
    assert main([*basis, "genereer-zaakidentificatie"]) == 0
    assert len(capsys.readouterr().out.strip()) >= 5
    assert main([*basis, "creeer-gezinsplan", "--variant", "A"]) == 0
    zaak = capsys.readouterr().out.strip().splitlines()[-1]
    assert main([*basis, "zet-status", zaak]) == 0
    assert main([*basis, "geef-zaakstatus", zaak]) == 0
    assert "Gezinsplan opgesteld" in capsys.readouterr().out
    assert main([*basis, "update-zaak", "ONBEKEND-ZAAK-1"]) == 1
    assert "geweigerd" in capsys.readouterr().err


def test_regiesysteem_flow_zegt_dat_de_wachttijd_verliep(
    server: RunningServer, capsys: pytest.CaptureFixture[str]
) -> None:
    """Our server is a zaaksysteem: nobody answers the overdracht with a Du01, so the wait times out
    and the flow says exactly that (a timeout is not a refusal)."""
    argv = ["--endpoint", server.base_url, "regiesysteem-flow", "--luister-port", "0", "--wacht", "0.2"]
    assert main(argv) == 1
    uit = capsys.readouterr().out
    assert "wachttijd verlopen: overdragenZaak_Du01 niet ontvangen binnen 0.2 s (--wacht)" in uit
    assert "geweigerd: overdragenZaak_Du01" not in uit
    assert not [regel for regel in uit.splitlines() if regel.startswith("geweigerd:")], uit
