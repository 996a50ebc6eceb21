"""The iWmo/iJw code lists as TOML files, one list per file, read strictly.

A gemeente updates these files for a new iStandaarden release, not the code (issue 9): the
shipped set is ``src/rzs/catalogus/codelijsten/*.toml`` (:data:`STANDAARD`). Reading is strict, as
for the zaaktype catalogue (:mod:`rzs.catalogus.bestand`): a misspelt key, a code in the wrong
form or a list given twice would otherwise only show up much later, as a voorziening refused (or
accepted) for the wrong reason. Every error names the file and the problem.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any, TypeVar

from rzs.config import STANDAARD_CODELIJSTEN
from rzs.domain.codelijst import Code, Codelijst, Codelijsten, Soort
from rzs.domain.voorziening import Domein

STANDAARD = STANDAARD_CODELIJSTEN

_Keuze = TypeVar("_Keuze", Soort, Domein)

_LIJST_SLEUTELS = {"soort", "domein", "bron", "release", "gesloten", "codes"}
_CODE_SLEUTELS = {"code", "omschrijving", "vervallen", "categorie", "frequenties"}
#: The form of a code per list (the XSD fixes the same forms on the wire).
_VORM = {
    Soort.PRODUCTCATEGORIE: re.compile(r"^[0-9]{2}$"),
    Soort.PRODUCTCODE: re.compile(r"^[0-9A-Za-z]{1,5}$"),
    Soort.EENHEID: re.compile(r"^[0-9]{2}$"),
    Soort.FREQUENTIE: re.compile(r"^[0-9]$"),
    Soort.REDEN_WIJZIGING: re.compile(r"^[0-9]{2}$"),
}


class CodelijstFout(ValueError):
    """A code list file is not usable; the message names the file and the problem."""


def laad(map_: Path = STANDAARD) -> Codelijsten:
    """Every ``*.toml`` in ``map_``; each soort must be there for Wmo and for Jeugd."""
    bestanden = sorted(map_.glob("*.toml")) if map_.is_dir() else []
    if not bestanden:
        raise CodelijstFout(f"{map_}: geen codelijsten (*.toml) gevonden")
    lijsten = tuple(lees(_tekst(pad), bron=str(pad)) for pad in bestanden)
    gezien: dict[tuple[Soort, Domein | None], str] = {}
    for pad, lijst in zip(bestanden, lijsten, strict=True):
        sleutel = (lijst.soort, lijst.domein)
        if sleutel in gezien:
            raise CodelijstFout(f"{pad}: {_naam(*sleutel)} staat ook al in {gezien[sleutel]}")
        gezien[sleutel] = pad.name
    codelijsten = Codelijsten(lijsten)
    for soort in Soort:
        for domein in Domein:
            if codelijsten.lijst(soort, domein) is None:
                raise CodelijstFout(f"{map_}: geen codelijst {soort} voor {domein}")
    return codelijsten


def lees(tekst: str, *, bron: str = "codelijst") -> Codelijst:
    try:
        data = tomllib.loads(tekst)
    except tomllib.TOMLDecodeError as error:
        raise CodelijstFout(f"{bron}: geen geldige TOML ({error})") from None
    _alleen(data, _LIJST_SLEUTELS, bron)
    soort = _keuze(data, "soort", Soort, bron)
    domein = _keuze(data, "domein", Domein, bron) if "domein" in data else None
    gesloten = data.get("gesloten", False)
    if not isinstance(gesloten, bool):
        raise CodelijstFout(f"{bron}: gesloten moet true of false zijn")
    codes = data.get("codes")
    if not isinstance(codes, list) or not codes or not all(isinstance(c, dict) for c in codes):
        raise CodelijstFout(f"{bron}: codes moet een niet-lege lijst van tabellen zijn")
    lijst = Codelijst(
        soort=soort,
        domein=domein,
        bron=_verplicht(data, "bron", bron),
        release=_verplicht(data, "release", bron),
        gesloten=gesloten,
        codes=tuple(_code(c, soort, f"{bron}: code {nummer}") for nummer, c in enumerate(codes, 1)),
    )
    dubbel = sorted({c.code for c in lijst.codes if sum(d.code == c.code for d in lijst.codes) > 1})
    if dubbel:
        raise CodelijstFout(f"{bron}: code(s) {', '.join(dubbel)} komen meer dan eens voor")
    return lijst


def _code(item: dict[str, Any], soort: Soort, plek: str) -> Code:
    _alleen(item, _CODE_SLEUTELS, plek)
    code = _verplicht(item, "code", plek)
    if not _VORM[soort].match(code):
        raise CodelijstFout(f"{plek}: {code!r} heeft niet de vorm van een {soort}")
    plek = f"{plek} ({code})"
    categorie = item.get("categorie")
    if (categorie is not None) != (soort is Soort.PRODUCTCODE):
        raise CodelijstFout(f"{plek}: categorie hoort bij een productcode, en alleen daar")
    if categorie is not None and not _VORM[Soort.PRODUCTCATEGORIE].match(str(categorie)):
        raise CodelijstFout(f"{plek}: categorie moet twee cijfers zijn (tekst)")
    frequenties = item.get("frequenties", [])
    if frequenties and soort is not Soort.EENHEID:
        raise CodelijstFout(f"{plek}: frequenties horen alleen bij een eenheid")
    if not isinstance(frequenties, list) or not all(
        isinstance(f, str) and _VORM[Soort.FREQUENTIE].match(f) for f in frequenties
    ):
        raise CodelijstFout(f"{plek}: frequenties moet een lijst van frequentiecodes (tekst) zijn")
    vervallen = item.get("vervallen", False)
    if not isinstance(vervallen, bool):
        raise CodelijstFout(f"{plek}: vervallen moet true of false zijn")
    omschrijving = item.get("omschrijving", "")
    if not isinstance(omschrijving, str):
        raise CodelijstFout(f"{plek}: omschrijving moet tekst zijn")
    return Code(code, omschrijving, vervallen, categorie, tuple(frequenties))


def _tekst(pad: Path) -> str:
    try:
        return pad.read_text(encoding="utf-8")
    except OSError as error:
        raise CodelijstFout(f"{pad}: kan het bestand niet lezen ({error.strerror})") from None


def _alleen(item: dict[str, Any], toegestaan: set[str], plek: str) -> None:
    onbekend = set(item) - toegestaan
    if onbekend:
        raise CodelijstFout(f"{plek}: onbekende sleutel(s) {', '.join(sorted(onbekend))}")


def _verplicht(item: dict[str, Any], sleutel: str, plek: str) -> str:
    waarde = item.get(sleutel)
    if not isinstance(waarde, str) or not waarde.strip():
        raise CodelijstFout(f"{plek}: {sleutel} is verplicht (tekst)")
    return waarde


def _keuze(item: dict[str, Any], sleutel: str, soort: type[_Keuze], plek: str) -> _Keuze:
    waarde = item.get(sleutel)
    waarden = [e.value for e in soort]
    if waarde not in waarden:
        raise CodelijstFout(f"{plek}: {sleutel} {waarde!r} is niet een van {', '.join(waarden)}")
    return soort(waarde)


def _naam(soort: Soort, domein: Domein | None) -> str:
    return f"de codelijst {soort} voor {domein or 'Wmo en Jeugd'}"
