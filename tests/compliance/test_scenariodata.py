"""The scenario data set itself: every rol loads, every template is a valid message."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rzs.compliance import bronnen, scenario, templates
from rzs.compliance.context import Context, ContextOntbreekt

_PLACEHOLDER = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
TEMPLATES = sorted((bronnen.data_dir() / "templates").glob("*.xml"))


def _waarden() -> dict[str, str]:
    """The defaults of a rol plus a value for the placeholders that steps fill themselves."""
    waarden = dict(scenario.laad_rol("zaaksysteem").waarden)
    waarden.update(
        referentienummer="RZSC-TEST-000001",
        tijdstipBericht="20240115101500000",
        zaak_identificatie="000000000001",
        gezinsplan_identificatie="000000000002",
        levensdomeinplan_identificatie="000000000003",
        document_identificatie="000000000004",
        omschrijving_oud="Oud",
        omschrijving_nieuw="Nieuw",
        zaaktype_code="GZP",
        zaaktype_omschrijving="Opstellen en uitvoeren gezinsplan",
        status_volgnummer="2",
        status_omschrijving="Gezinsplan opgesteld",
        checkedOutId="CHECKOUT-1",
        gebeurtenis="Creeer zaak",
        crossRefnummer="RZSC-TEST-000000",
        zendende_applicatie="BACKOFFICE-STP",
    )
    return waarden


@pytest.mark.parametrize("rol", scenario.rollen())
def test_rol_laadt(rol: str) -> None:
    geladen = scenario.laad_rol(rol)
    assert geladen.scenarios
    for s in geladen.scenarios:
        assert [stap.nr for stap in s.stappen] == list(range(1, 2 * len(s.stappen), 2)), s.id


def test_zaaksysteem_heeft_zestien_scenarios() -> None:
    assert [s.id for s in scenario.laad_rol("zaaksysteem").scenarios] == [f"ZS-{n:02d}" for n in range(1, 17)]


@pytest.mark.parametrize("pad", TEMPLATES, ids=[p.stem for p in TEMPLATES])
def test_template_is_een_geldig_bericht(pad: Path) -> None:
    waarden = _waarden()
    assert set(_PLACEHOLDER.findall(pad.read_text(encoding="utf-8"))) <= set(waarden)
    assert bronnen.schemafouten(templates.fill(pad, waarden)) == []


def test_onbekende_template_stopt_het_laden(tmp_path: Path) -> None:
    rol = tmp_path / "proef"
    rol.mkdir()
    (rol / "rol.toml").write_text('titel = "Proef"\nscenarios = ["P-01"]\n', encoding="utf-8")
    (rol / "P-01.toml").write_text(
        'titel = "p"\n[[stap]]\nnr = 1\noperatie = "creeerZaak_Lk01"\ntemplate = "bestaat_niet"\n'
        'actie = "a"\nantwoord = "Bv03"\n',
        encoding="utf-8",
    )
    with pytest.raises(scenario.ScenarioFout, match="bestaat_niet"):
        scenario.laad_rol("proef", tmp_path)


def test_context_noemt_wat_ontbreekt() -> None:
    ctx = Context()
    ctx.voeg_toe("zaakIds", "0000001", "ZS-01 stap 2")
    assert ctx.los_op("@zaakIds[0]") == "0000001"
    assert ctx.los_op("gewone waarde") == "gewone waarde"
    with pytest.raises(ContextOntbreekt, match=r"zaakIds\[3\].*ZS-01 stap 2 leverde er 1"):
        ctx.los_op("@zaakIds[3]")
    with pytest.raises(ContextOntbreekt, match="docIds"):
        ctx.los_op("@docIds[0]")


def test_tijdstip_stijgt_strikt() -> None:
    ctx = Context()
    tijdstippen = [ctx.tijdstip() for _ in range(50)]
    assert tijdstippen == sorted(set(tijdstippen))
    assert all(len(t) == 17 for t in tijdstippen)
