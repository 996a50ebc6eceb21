"""The voorziening model: status transitions and the iWmo change semantics (new version, intrekken,
verwijderen, the newest toewijzing wins)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from rzs.domain.voorziening import (
    OPEN,
    Gebeurtenis,
    Toewijzing,
    VerzoekOmToewijzing,
    VoorzieningStatus,
    Wijziging,
    gebeurtenissen,
    intrekken,
    is_verwijderd,
    nieuwste,
    overgang_toegestaan,
    soort_wijziging,
    verwijderen,
)

from .test_voorzieningregels import BASIS

S = VoorzieningStatus


@pytest.mark.parametrize(
    "pad",
    [
        [S.AANGEVRAAGD, S.TOEGEKEND, S.TOEGEWEZEN, S.GELEVERD, S.BEEINDIGD],
        [S.AANGEVRAAGD, S.AFGEWEZEN],
        [S.AANGEVRAAGD, S.AANGEVRAAGD, S.TOEGEKEND, S.TOEGEKEND],
    ],
)
def test_levensloop_toegestaan(pad: list[VoorzieningStatus]) -> None:
    assert all(overgang_toegestaan(van, naar) for van, naar in zip(pad, pad[1:], strict=False))


@pytest.mark.parametrize("status", list(S))
def test_eerste_versie_mag_elke_status(status: VoorzieningStatus) -> None:
    assert overgang_toegestaan(None, status)


@pytest.mark.parametrize("van", list(S))
def test_intrekken_alleen_vanuit_open_status(van: VoorzieningStatus) -> None:
    assert overgang_toegestaan(van, S.INGETROKKEN) is (van in OPEN or van is S.INGETROKKEN)


@pytest.mark.parametrize(
    "van, naar",
    [
        (S.AANGEVRAAGD, S.TOEGEWEZEN),
        (S.TOEGEKEND, S.AFGEWEZEN),
        (S.AFGEWEZEN, S.TOEGEKEND),
        (S.GELEVERD, S.TOEGEWEZEN),
        (S.BEEINDIGD, S.GELEVERD),
        (S.INGETROKKEN, S.AANGEVRAAGD),
    ],
)
def test_verboden_overgangen(van: VoorzieningStatus, naar: VoorzieningStatus) -> None:
    assert not overgang_toegestaan(van, naar)


def test_intrekken_is_kortere_einddatum_met_reden() -> None:
    nieuw = intrekken(BASIS, einddatum="20240430", reden_wijziging="05")
    assert (nieuw.einddatum, nieuw.reden_wijziging, nieuw.status) == ("20240430", "05", S.INGETROKKEN)
    assert replace(nieuw, einddatum=BASIS.einddatum, reden_wijziging=None, status=BASIS.status) == BASIS
    assert soort_wijziging(BASIS, nieuw) is Wijziging.INGETROKKEN


def test_intrekken_vergeet_geen_waarde_van_einddatum() -> None:
    open_einde = replace(BASIS, einddatum=None, geen_waarde=(("einddatum", "waardeOnbekend"),))
    assert intrekken(open_einde, einddatum="20240430", reden_wijziging="05").geen_waarde == ()


def test_verwijderen_is_einddatum_gelijk_aan_ingangsdatum_met_reden_13() -> None:
    toewijzing = Toewijzing("20240301", "120000")
    nieuw = verwijderen(BASIS, toewijzing=toewijzing)
    assert nieuw.einddatum == BASIS.ingangsdatum and nieuw.reden_wijziging == "13"
    assert nieuw.toewijzing == toewijzing
    assert is_verwijderd(nieuw) and not is_verwijderd(BASIS)
    assert soort_wijziging(BASIS, nieuw) is Wijziging.VERWIJDERD


def test_soort_wijziging_nieuw_en_gewijzigd() -> None:
    assert soort_wijziging(None, BASIS) is Wijziging.NIEUW
    langer = replace(BASIS, einddatum="20241231", reden_wijziging="04")
    assert soort_wijziging(BASIS, langer) is Wijziging.GEWIJZIGD
    korter_zonder_reden = replace(BASIS, einddatum="20240601")
    assert soort_wijziging(BASIS, korter_zonder_reden) is Wijziging.GEWIJZIGD


def test_nieuwste_toewijzing_wint() -> None:
    oud = replace(BASIS, toewijzing=Toewijzing("20240126", "091500"))
    nieuw = replace(BASIS, einddatum="20240630", toewijzing=Toewijzing("20240126", "091501"))
    zonder = replace(BASIS, toewijzing=None)
    assert nieuwste([nieuw, oud, zonder]) == nieuw
    assert nieuwste([zonder]) == zonder
    assert nieuwste([]) is None
    gelijk = replace(oud, commentaar="later in het bericht")
    assert nieuwste([oud, gelijk]) == gelijk


def test_gebeurtenissen_van_de_levensloop() -> None:
    aangevraagd = replace(
        BASIS,
        status=S.AANGEVRAAGD,
        beschikking=None,
        toewijzing=None,
        aanbieder=None,
        verzoek_om_toewijzing=None,
    )
    toegekend = replace(aangevraagd, status=S.TOEGEKEND, beschikking=BASIS.beschikking)
    verzoek = replace(toegekend, verzoek_om_toewijzing=VerzoekOmToewijzing("JW315-00042", "20240120083000"))
    toegewezen = replace(verzoek, status=S.TOEGEWEZEN, toewijzing=BASIS.toewijzing, aanbieder=BASIS.aanbieder)
    geleverd = replace(toegewezen, status=S.GELEVERD)
    beeindigd = replace(geleverd, status=S.BEEINDIGD)
    assert gebeurtenissen(None, aangevraagd) == (Gebeurtenis.AANGEVRAAGD,)
    assert gebeurtenissen(aangevraagd, toegekend) == (Gebeurtenis.BESCHIKKING_AFGEGEVEN,)
    assert gebeurtenissen(toegekend, verzoek) == (Gebeurtenis.VERZOEK_OM_TOEWIJZING_ONTVANGEN,)
    assert gebeurtenissen(verzoek, toegewezen) == (Gebeurtenis.TOEWIJZING_VERSTUURD,)
    assert gebeurtenissen(toegewezen, geleverd) == (Gebeurtenis.LEVERING_GESTART,)
    assert gebeurtenissen(geleverd, beeindigd) == (Gebeurtenis.LEVERING_BEEINDIGD,)
    assert gebeurtenissen(geleverd, intrekken(geleverd, einddatum="20240430", reden_wijziging="05")) == (
        Gebeurtenis.INGETROKKEN,
    )
    assert gebeurtenissen(geleverd, replace(geleverd, commentaar="correctie")) == ()
    assert [g.value for g in Gebeurtenis][0] == "Voorziening aangevraagd"
