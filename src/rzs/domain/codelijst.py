"""Code lists of the iStandaarden (iWmo/iJw) that voorzieningen refer to, as data.

A gemeente updates the lists for a new iStandaarden release by editing files, not code
(issue 9): :mod:`rzs.catalogus.codelijstbestand` reads them into these classes, and the rules in
:mod:`rzs.domain.voorzieningregels` look codes up here. Each list names the release it comes from
(``release``) and its iStandaarden id (``bron``, e.g. ``WMO020``), so a finding can say which
version of which list refused a code.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from rzs.domain.voorziening import Domein


class Soort(StrEnum):
    """Which element of a voorziening a list is for (the file's ``soort``)."""

    PRODUCTCATEGORIE = "productcategorie"
    PRODUCTCODE = "productcode"
    EENHEID = "eenheid"
    FREQUENTIE = "frequentie"
    REDEN_WIJZIGING = "redenWijziging"


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    omschrijving: str
    #: Still in the release's enumeration but not to be used (e.g. redenWijziging 01, CS336).
    vervallen: bool = False
    #: Product codes only: the categorie the code belongs to (TR381).
    categorie: str | None = None
    #: Eenheden only: the frequenties allowed with this eenheid (CS338); empty = every frequentie.
    frequenties: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Codelijst:
    soort: Soort
    #: None: the list applies to Wmo and Jeugd alike (WJ756, WMO757).
    domein: Domein | None
    bron: str
    release: str
    #: Product codes: True when only listed codes are allowed. False: a code outside the list is
    #: accepted when its form fits the categorie (a gemeente's own codes, IV075).
    gesloten: bool
    codes: tuple[Code, ...]

    def zoek(self, code: str) -> Code | None:
        return next((c for c in self.codes if c.code == code), None)

    def __str__(self) -> str:
        return f"{self.bron} ({self.release})"


@dataclass(frozen=True, slots=True)
class Codelijsten:
    lijsten: tuple[Codelijst, ...]

    def lijst(self, soort: Soort, domein: Domein) -> Codelijst | None:
        """The list of ``soort`` for ``domein``: the domain's own list, else the shared one."""
        eigen = [lijst for lijst in self.lijsten if lijst.soort is soort and lijst.domein is domein]
        gedeeld = [lijst for lijst in self.lijsten if lijst.soort is soort and lijst.domein is None]
        return next(iter(eigen + gedeeld), None)
