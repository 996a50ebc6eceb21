"""The rules every stored besluit meets (BSL-01..04, docs/errors.md)."""

from __future__ import annotations

import pytest

from rzs.domain import besluit as regels
from rzs.domain.besluit import Besluit
from rzs.domain.zaaktype import Besluittype
from rzs.fouten import Bedrijfsregel


def _besluit(**waarden: str | None) -> Besluit:
    basis: dict[str, str | None] = {
        "identificatie": "0000000000000300",
        "datum_beslissing": "20240115",
        "ingangsdatum_werking": "20240201",
        "einddatum_werking": "20250131",
    }
    basis.update(waarden)
    identificatie = basis.pop("identificatie") or ""
    return Besluit(identificatie=identificatie, besluittype=Besluittype("Beschikking jeugdhulp"), **basis)


def test_een_volledig_besluit_is_goed() -> None:
    regels.controleer(_besluit(), ingangsdatum_vereist=True)


@pytest.mark.parametrize(
    ("waarden", "vereist", "regel"),
    [
        ({"identificatie": ""}, False, "BSL-01"),
        ({"identificatie": "1" * 41}, False, "BSL-01"),
        ({"datum_beslissing": None}, False, "BSL-02"),
        ({"ingangsdatum_werking": None}, True, "BSL-03"),
        ({"einddatum_werking": "20240131"}, False, "BSL-04"),
    ],
)
def test_regels(waarden: dict[str, str | None], vereist: bool, regel: str) -> None:
    with pytest.raises(Bedrijfsregel) as fout:
        regels.controleer(_besluit(**waarden), ingangsdatum_vereist=vereist)
    assert str(fout.value.details).startswith(regel)


def test_zonder_ingangsdatum_mag_buiten_voeg_besluit_toe() -> None:
    """leidtTot carries only the kerngegevens: no ingangsdatumWerking (zkn0310 BSL-kerngegevens)."""
    regels.controleer(_besluit(ingangsdatum_werking=None, einddatum_werking=None))
