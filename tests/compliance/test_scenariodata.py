"""The scenario data set itself: every rol loads, every template is a valid message."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from rzs import ns, safexml
from rzs.compliance import bronnen, inhoud, scenario, templates, vormen
from rzs.compliance.context import Context, ContextOntbreekt, Identificaties

_PLACEHOLDER = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
TEMPLATES = sorted((bronnen.data_dir() / "templates").glob("*.xml"))
ZDS12 = sorted((bronnen.data_dir() / "templates" / "zds12").glob("*.xml"))
#: The versions of the voorzieningen role (fragments); ``weiger_*`` break a rule or the schema on purpose.
FRAGMENTEN = sorted((bronnen.data_dir() / "templates" / "voorzieningen").glob("*.xml"))
#: A fragment for every ``<fragment naam>`` of the envelope templates (creeerZaak, updateZaak).
STANDAARD_FRAGMENT = bronnen.data_dir() / "templates" / "voorzieningen" / "wmo_huishoudelijke_hulp_1.xml"


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


def _vul(pad: Path, waarden: dict[str, str], fragment: Path = STANDAARD_FRAGMENT) -> etree._Element:
    return templates.fill(pad, waarden, dict.fromkeys(("voorziening", "was", "wordt"), fragment))


@pytest.mark.parametrize("rol", scenario.rollen())
def test_rol_laadt(rol: str) -> None:
    geladen = scenario.laad_rol(rol)
    assert geladen.scenarios
    for s in geladen.scenarios:
        assert [stap.nr for stap in s.stappen] == list(range(1, 2 * len(s.stappen), 2)), s.id


def test_zaaksysteem_heeft_zestien_scenarios() -> None:
    assert [s.id for s in scenario.laad_rol("zaaksysteem").scenarios] == [f"ZS-{n:02d}" for n in range(1, 17)]


@pytest.mark.parametrize(
    "pad", TEMPLATES + ZDS12, ids=[p.stem for p in TEMPLATES] + [f"zds12-{p.stem}" for p in ZDS12]
)
def test_template_is_een_geldig_bericht(pad: Path) -> None:
    waarden = _waarden()
    assert set(_PLACEHOLDER.findall(pad.read_text(encoding="utf-8"))) <= set(waarden)
    assert bronnen.schemafouten(_vul(pad, waarden)) == []


@pytest.mark.parametrize("pad", FRAGMENTEN, ids=[p.stem for p in FRAGMENTEN])
def test_voorziening_fragment_maakt_een_geldig_bericht(pad: Path) -> None:
    """Every version of the voorzieningen role is valid in a creeerZaak, except the schema error."""
    bericht = _vul(bronnen.data_dir() / "templates" / "creeerZaak_voorziening.xml", _waarden(), pad)
    assert bericht.find(f".//{ns.vz('voorziening')}") is not None
    assert (bronnen.schemafouten(bericht) != []) == (pad.stem == "weiger_iso_datum")


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


def test_context_noemt_wat_ontbreekt_in_woorden_van_de_leverancier() -> None:
    ctx = Context()
    ctx.voeg_toe("zaakIds", "0000001", "ZS-01 stap 2")
    assert ctx.los_op("@zaakIds[0]") == "0000001"
    assert ctx.los_op("gewone waarde") == "gewone waarde"
    with pytest.raises(ContextOntbreekt, match=r"^geen zaakidentificatie: .*--gegeven zaakId=") as fout:
        ctx.los_op("@zaakIds[3]")
    assert "ctx." not in str(fout.value)
    assert ctx.vervang("checkedOutId", lijst=False, oorzaak="ZS-07 stap 2 faalde") is None
    with pytest.raises(ContextOntbreekt, match=r"^geen checkedOutId .*: ZS-07 stap 2 faalde"):
        ctx.los_op("@checkedOutId")


def test_context_vult_aan_met_gegeven_en_zelfgemaakte_identificaties() -> None:
    ctx = Context(gegeven={"zaakId": ("0363Z1",)}, identificaties=Identificaties("0363"))
    notitie = ctx.vervang("zaakIds", lijst=True, oorzaak="ZS-01 stap 2 faalde")
    assert notitie == "zaakidentificatie '0363Z1' opgegeven met --gegeven, omdat ZS-01 stap 2 faalde"
    notitie = ctx.vervang("zaakIds", lijst=True, oorzaak="ZS-01 stap 4 faalde")
    zelf = ctx.lijst("zaakIds")[1]
    assert notitie == f"zaakidentificatie {zelf!r} door de harness gemaakt, omdat ZS-01 stap 4 faalde"
    assert ctx.los_op("@zaakIds[2]").startswith("0363Z") and len(set(ctx.lijst("zaakIds"))) == 3
    assert all(inhoud.identificatie_fouten(i, []) == [] for i in ctx.lijst("zaakIds")[1:])
    assert ctx.los_op("@docIds[0]").startswith("0363D")


def test_tijdstip_stijgt_strikt() -> None:
    ctx = Context()
    tijdstippen = [ctx.tijdstip() for _ in range(50)]
    assert tijdstippen == sorted(set(tijdstippen))
    assert all(len(t) == 17 for t in tijdstippen)


@pytest.mark.parametrize("pad", TEMPLATES, ids=[p.stem for p in TEMPLATES])
def test_zds12_vorm_is_hetzelfde_bericht(pad: Path) -> None:
    """Every ZKN template has a ZDS 1.2 twin that says the same (mapping_zds11_zds12.xlsx)."""
    waarden = _waarden()
    zds11 = _vul(pad, waarden)
    if ns.namespace_of(zds11.tag) != ns.ZKN:
        assert not (pad.parent / "zds12" / pad.name).exists()  # RZS messages have one form
        return
    zds12 = _vul(vormen.template(pad.parent, pad.stem, "1.2"), waarden)
    assert ns.namespace_of(zds12.tag) == ns.ZDS
    assert safexml.infoset_sha256(bronnen.als_zds11(zds12)) == safexml.infoset_sha256(zds11)


@pytest.mark.parametrize("rol", ["zaaksysteem", "zakenmagazijn", "extra", "servicebus", "voorzieningen"])
def test_zds12_root_past_bij_de_operatie(rol: str) -> None:
    """``ZDS:updateZaak_ZakLk01`` under updateZaak_Lk01: the wrapper names the operation."""
    geladen = scenario.laad_rol(rol)
    for s in geladen.scenarios:
        for stap in s.stappen:
            if stap.consument:
                continue
            root = _vul(vormen.template(geladen.templates_dir, stap.template, "1.2"), _waarden())
            naam = ns.local_name(root.tag)
            for tussen in ("_Zak", "_Edc"):
                naam = naam.replace(tussen, "_")
            rzs_bericht = ns.namespace_of(root.tag) == ns.RZS
            assert naam.lower() == stap.operatie.lower() or rzs_bericht, (s.id, stap.nr)
