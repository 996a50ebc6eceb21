"""rzs.domain.plannen without a server: what the wire cannot reach, and how the rules are combined."""

from __future__ import annotations

from dataclasses import replace

import pytest

from rzs.domain import plannen, planregels
from rzs.domain.betrokkenen import Betrokkene, Medewerker, NatuurlijkPersoon, Rol, Zaakobject
from rzs.domain.zaak import Zaak, ZaakRelatie, ZaakRelatieSoort
from rzs.domain.zaaktype import PlanSoort, Zaaktype
from rzs.fouten import Bedrijfsregel

#: A gemeente's own codes: what makes a plan is the plansoort, never the code (DIGEST e.3, g.6).
GEZINSPLAN = Zaaktype("ZK-0815", "Gezinsplan", PlanSoort.GEZINSPLAN)
LEVENSDOMEINPLAN = Zaaktype("ZK-0816", "Levensdomeinplan", PlanSoort.LEVENSDOMEINPLAN)
WMO = Zaaktype("ZK-0100", "Wmo", PlanSoort.OVERIG)
BSN = "123456782"


def zaak(identificatie: str, zaaktype: Zaaktype, *ouders: str, bsn: str = BSN) -> Zaak:
    return Zaak(
        identificatie=identificatie,
        zaaktype=zaaktype,
        zaakobjecten=[Zaakobject(NatuurlijkPersoon(bsn, geslachtsnaam="Jansen"), omschrijving="Client")],
        betrokkenen=[Betrokkene(Rol.INITIATOR, Medewerker("MDW1", "Visser"))],
        relaties=[ZaakRelatie(ZaakRelatieSoort.BETREKKING_OP_ANDERE, o) for o in ouders],
    )


class Zaken:
    """The lookup the service passes in (``repos.zaken.get``), counting calls."""

    def __init__(self, *zaken: Zaak) -> None:
        self.zaken = {z.identificatie: z for z in zaken}
        self.gevraagd: list[str] = []

    def __call__(self, identificatie: str) -> Zaak | None:
        self.gevraagd.append(identificatie)
        return self.zaken.get(identificatie)


def test_plansoort_niet_code_bepaalt_het_plan() -> None:
    gzp, ldp = zaak("G", GEZINSPLAN), zaak("L", LEVENSDOMEINPLAN, "G")
    zaken = Zaken(gzp, ldp)
    assert plannen.plan_van(gzp, ()) is plannen.Plan.GEZINSPLAN
    assert plannen.plan_van(zaak("D", WMO, "G"), (("G", gzp),)) is plannen.Plan.DEELPLAN
    assert plannen.plan_van(zaak("W", WMO, "X"), (("X", zaak("X", WMO)),)) is None
    assert planregels.controleer(zaak("D", WMO, "G", "L"), oud=None, opzoeken=zaken) == []
    assert zaken.gevraagd.count("L") == 1  # looked up once, although two rules need it


def test_gewone_zaak_krijgt_geen_planregels() -> None:
    gewoon = replace(zaak("W", WMO), zaakobjecten=[], betrokkenen=[])
    assert planregels.controleer(gewoon, oud=None, opzoeken=Zaken()) == []


def test_client_zonder_bsn() -> None:
    """The reader refuses a person without BSN (StUF055); the rule does not rely on that."""
    gzp = replace(
        zaak("G", GEZINSPLAN), zaakobjecten=[Zaakobject(NatuurlijkPersoon(""), omschrijving="Client")]
    )
    with pytest.raises(Bedrijfsregel, match=r"^StUF058: BR-05a: heeftBetrekkingOp 1 .* BSN"):
        planregels.controleer(gzp, oud=None, opzoeken=Zaken())


def test_alle_overtredingen_in_een_fout_en_waarschuwingen_apart() -> None:
    ldp = replace(
        zaak("L", LEVENSDOMEINPLAN),
        betrokkenen=[
            Betrokkene(Rol.INITIATOR, Medewerker(achternaam="Visser")),
            Betrokkene(Rol.BELANGHEBBENDE, NatuurlijkPersoon(BSN)),
        ],
    )
    with pytest.raises(Bedrijfsregel) as fout:
        planregels.controleer(ldp, oud=None, opzoeken=Zaken())
    assert [deel.split(":")[0] for deel in fout.value.details.split("; ")] == ["BR-04a", "BR-06"]
    assert BSN not in fout.value.details

    gewijzigd = planregels.controleer(
        replace(ldp, relaties=[ZaakRelatie(ZaakRelatieSoort.BETREKKING_OP_ANDERE, "G")]),
        oud=ldp,
        opzoeken=Zaken(zaak("G", GEZINSPLAN)),
    )
    assert [(b.code, b.blokkerend) for b in gewijzigd] == [("BR-10", False)]


def test_een_deelplan_blijft_een_deelplan() -> None:
    """Unlinking does not turn a deelplan back into an ordinary zaak (d.4): BR-07."""
    zaken = Zaken(zaak("G", GEZINSPLAN))
    deelplan = zaak("D", WMO, "G")
    with pytest.raises(Bedrijfsregel, match="BR-07: "):
        planregels.controleer(replace(deelplan, relaties=[]), oud=deelplan, opzoeken=zaken)


@pytest.mark.parametrize("strikt", [False, True])
def test_levensdomeinplan_van_ander_gezinsplan(strikt: bool) -> None:
    zaken = Zaken(zaak("G1", GEZINSPLAN), zaak("G2", GEZINSPLAN), zaak("L2", LEVENSDOMEINPLAN, "G2"))
    deelplan = zaak("D", WMO, "G1", "L2")
    if strikt:
        with pytest.raises(Bedrijfsregel, match="BR-07a: levensdomeinplan L2 hoort niet bij gezinsplan G1"):
            planregels.controleer(deelplan, oud=None, opzoeken=zaken, strikte_levensdomeinplan=True)
    else:
        (waarschuwing,) = planregels.controleer(deelplan, oud=None, opzoeken=zaken)
        assert waarschuwing.code == "BR-07a" and not waarschuwing.blokkerend


def test_ontbrekende_omschrijving_telt_alleen_in_updates_als_client() -> None:
    """g.15: a heeftBetrekkingOp without omschrijving is a cliënt after an update, not at creation."""
    zonder = replace(
        zaak("G", GEZINSPLAN), zaakobjecten=[Zaakobject(NatuurlijkPersoon(BSN, geslachtsnaam="Jansen"))]
    )
    assert plannen.clienten(zonder) == [NatuurlijkPersoon(BSN, geslachtsnaam="Jansen")]
    assert planregels.controleer(zonder, oud=zaak("G", GEZINSPLAN), opzoeken=Zaken()) == []
    with pytest.raises(Bedrijfsregel, match="BR-05a: "):
        planregels.controleer(zonder, oud=None, opzoeken=Zaken())
