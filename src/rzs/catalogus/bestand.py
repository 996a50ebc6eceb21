"""The zaaktype catalogue as a TOML file: read with checks, written back in the same shape.

One format for the shipped ``zaaktypen.toml``, a gemeente's own file (``RZS_ZAAKTYPEN``) and
``rzs zaaktypen import|export``, so an export can be edited and imported again. Reading is
strict on purpose: a misspelt key or a code longer than ``ZKN:Code`` allows (10 characters,
DIGEST e.3) would otherwise only show up as a rejected creeerZaak much later.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterable
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any, TypeVar

from rzs.config import STANDAARD_ZAAKTYPEN
from rzs.domain.zaaktype import (
    AanvullendeNamespace,
    Besluittype,
    Documenttype,
    PlanSoort,
    Resultaattype,
    Statustype,
    Zaaktype,
)

#: The catalogue shipped with the package; where it lives is config's to say (one default, one place).
STANDAARD = STANDAARD_ZAAKTYPEN

#: ``ZKN:Code`` and ``ZKN:Omschrijving`` maximum lengths (zkn0310.xsd).
MAX_CODE = 10
MAX_OMSCHRIJVING = 80
#: A namespace URI in ``aanvullende_elementen``: generous, only to catch a pasted document.
MAX_NAMESPACE = 400

_DATUM = re.compile(r"^[0-9]{8}$")
_ZAAKTYPE_SLEUTELS = {
    "code",
    "omschrijving",
    "plansoort",
    "ingangsdatum",
    "statustypen",
    "resultaattypen",
    "documenttypen",
    "besluittypen",
    "aanvullende_elementen",
    "voorzieningdomein",
}
#: The domeinen of voorzieningen (``rzs.domain.voorziening.Domein``; issue 9).
_VOORZIENINGDOMEINEN = {"WMO", "JEUGD"}


_Type = TypeVar("_Type", Resultaattype, Documenttype, Besluittype)


class CatalogusFout(ValueError):
    """The catalogue file is not usable; the message names the file, the zaaktype and the problem."""


def laad(pad: Path = STANDAARD) -> list[Zaaktype]:
    try:
        tekst = pad.read_text(encoding="utf-8")
    except OSError as error:
        raise CatalogusFout(f"{pad}: kan het bestand niet lezen ({error.strerror})") from None
    return lees(tekst, bron=str(pad))


def lees(tekst: str, *, bron: str = "zaaktypen") -> list[Zaaktype]:
    try:
        data = tomllib.loads(tekst)
    except tomllib.TOMLDecodeError as error:
        raise CatalogusFout(f"{bron}: geen geldige TOML ({error})") from None
    onbekend = set(data) - {"zaaktype"}
    if onbekend:
        raise CatalogusFout(f"{bron}: onbekende sleutel(s) {', '.join(sorted(onbekend))}")
    items = data.get("zaaktype", [])
    if not isinstance(items, list):
        raise CatalogusFout(f"{bron}: 'zaaktype' moet een lijst van tabellen zijn ([[zaaktype]])")
    zaaktypen = [_zaaktype(item, f"{bron}: zaaktype {nummer}") for nummer, item in enumerate(items, 1)]
    _uniek((z.code for z in zaaktypen), f"{bron}: zaaktypecode")
    return zaaktypen


def _zaaktype(item: Any, plek: str) -> Zaaktype:
    if not isinstance(item, dict):
        raise CatalogusFout(f"{plek}: moet een tabel zijn")
    code = _tekst(item, "code", plek, maximum=MAX_CODE)
    plek = f"{plek} ({code})"
    onbekend = set(item) - _ZAAKTYPE_SLEUTELS
    if onbekend:
        raise CatalogusFout(f"{plek}: onbekende sleutel(s) {', '.join(sorted(onbekend))}")
    plansoort = item.get("plansoort", PlanSoort.OVERIG.value)
    if plansoort not in {p.value for p in PlanSoort}:
        toegestaan = ", ".join(p.value for p in PlanSoort)
        raise CatalogusFout(f"{plek}: plansoort {plansoort!r} is niet een van {toegestaan}")
    ingangsdatum = item.get("ingangsdatum")
    if ingangsdatum is not None and not (isinstance(ingangsdatum, str) and _DATUM.match(ingangsdatum)):
        raise CatalogusFout(f"{plek}: ingangsdatum moet een datum JJJJMMDD zijn (tekst)")
    zaaktype = Zaaktype(
        code=code,
        omschrijving=_tekst(item, "omschrijving", plek, maximum=MAX_OMSCHRIJVING),
        plansoort=PlanSoort(plansoort),
        ingangsdatum=ingangsdatum,
        statustypen=tuple(
            _statustype(s, f"{plek} statustype")
            for s in _lijst(item, "statustypen", plek, {"volgnummer", "omschrijving", "code"})
        ),
        resultaattypen=_omschrijvingtypen(Resultaattype, item, "resultaattypen", plek),
        documenttypen=_omschrijvingtypen(Documenttype, item, "documenttypen", plek),
        besluittypen=_omschrijvingtypen(Besluittype, item, "besluittypen", plek),
        aanvullende_elementen=_aanvullende_elementen(item, plek),
        voorzieningdomein=_optioneel(item, "voorzieningdomein", plek),
    )
    if zaaktype.voorzieningdomein not in {None, *_VOORZIENINGDOMEINEN}:
        raise CatalogusFout(f"{plek}: voorzieningdomein moet WMO of JEUGD zijn")
    _uniek((str(s.volgnummer) for s in zaaktype.statustypen), f"{plek}: statustype volgnummer")
    if any(r.archiefnominatie not in {None, "J", "N"} for r in zaaktype.resultaattypen):
        raise CatalogusFout(f"{plek} resultaattypen: archiefnominatie moet J of N zijn")
    if any(b.code is not None and len(b.code) > MAX_CODE for b in zaaktype.besluittypen):
        raise CatalogusFout(f"{plek} besluittypen: code is langer dan {MAX_CODE} tekens")
    return zaaktype


def _omschrijvingtypen(cls: type[_Type], item: dict[str, Any], sleutel: str, plek: str) -> tuple[_Type, ...]:
    """Resultaat- or documenttypen: text fields named as the dataclass fields, omschrijving required
    and unique within the zaaktype (that is how a reload finds the stored row again)."""
    plek = f"{plek} {sleutel}"
    namen = [f.name for f in fields(cls)]
    typen: list[_Type] = []
    for element in _lijst(item, sleutel, plek, set(namen)):
        waarden = {naam: _optioneel(element, naam, plek) for naam in namen}
        omschrijving = waarden.pop("omschrijving")
        if not omschrijving:
            raise CatalogusFout(f"{plek}: omschrijving is verplicht")
        typen.append(cls(omschrijving=omschrijving, **waarden))
    _uniek((t.omschrijving for t in typen), f"{plek}: omschrijving")
    return tuple(typen)


def _aanvullende_elementen(item: dict[str, Any], plek: str) -> tuple[AanvullendeNamespace, ...]:
    """``aanvullende_elementen = [{ namespace = "urn:...", versies = ["1.0"], verplicht = false }]``."""
    plek = f"{plek} aanvullende_elementen"
    namespaces: list[AanvullendeNamespace] = []
    for element in _lijst(item, "aanvullende_elementen", plek, {"namespace", "versies", "verplicht"}):
        namespace = _tekst(element, "namespace", plek, maximum=MAX_NAMESPACE)
        versies = element.get("versies", [])
        if not isinstance(versies, list) or not all(isinstance(v, str) and v for v in versies):
            raise CatalogusFout(f"{plek} {namespace}: versies moet een lijst van teksten zijn")
        verplicht = element.get("verplicht", False)
        if not isinstance(verplicht, bool):
            raise CatalogusFout(f"{plek} {namespace}: verplicht moet true of false zijn")
        namespaces.append(AanvullendeNamespace(namespace, tuple(versies), verplicht))
    _uniek((a.namespace for a in namespaces), f"{plek}: namespace")
    return tuple(namespaces)


def _statustype(item: dict[str, Any], plek: str) -> Statustype:
    volgnummer = item.get("volgnummer")
    if not isinstance(volgnummer, int) or isinstance(volgnummer, bool) or not 1 <= volgnummer <= 9999:
        raise CatalogusFout(f"{plek}: volgnummer moet een geheel getal van 1 tot 9999 zijn")
    return Statustype(
        volgnummer=volgnummer,
        omschrijving=_tekst(item, "omschrijving", f"{plek} {volgnummer}", maximum=MAX_OMSCHRIJVING),
        code=_optioneel(item, "code", f"{plek} {volgnummer}", maximum=MAX_CODE),
    )


def _lijst(item: dict[str, Any], sleutel: str, plek: str, toegestaan: set[str]) -> list[dict[str, Any]]:
    waarde = item.get(sleutel, [])
    if not isinstance(waarde, list) or not all(isinstance(element, dict) for element in waarde):
        raise CatalogusFout(f"{plek}: {sleutel} moet een lijst van tabellen zijn")
    for element in waarde:
        onbekend = set(element) - toegestaan
        if onbekend:
            raise CatalogusFout(f"{plek}: {sleutel}: onbekende sleutel(s) {', '.join(sorted(onbekend))}")
    return waarde


def _tekst(item: dict[str, Any], sleutel: str, plek: str, *, maximum: int) -> str:
    waarde = _optioneel(item, sleutel, plek, maximum=maximum)
    if not waarde:
        raise CatalogusFout(f"{plek}: {sleutel} is verplicht")
    return waarde


def _optioneel(
    item: dict[str, Any], sleutel: str, plek: str, *, maximum: int = MAX_OMSCHRIJVING
) -> str | None:
    waarde = item.get(sleutel)
    if waarde is None:
        return None
    if not isinstance(waarde, str) or waarde != waarde.strip():
        raise CatalogusFout(f"{plek}: {sleutel} moet tekst zijn, zonder spaties aan begin of eind")
    if len(waarde) > maximum:
        raise CatalogusFout(f"{plek}: {sleutel} is langer dan {maximum} tekens")
    return waarde


def _uniek(waarden: Iterable[str], wat: str) -> None:
    gezien: set[str] = set()
    for waarde in waarden:
        if waarde in gezien:
            raise CatalogusFout(f"{wat} {waarde!r} komt meer dan eens voor")
        gezien.add(waarde)


# --- writing ---------------------------------------------------------------------------------


def schrijf(zaaktypen: Iterable[Zaaktype]) -> str:
    """The catalogue as TOML that :func:`lees` reads back to the same zaaktypen."""
    regels = [
        "# Zaaktypecatalogus van stuf-rzs (rzs zaaktypen export). Lees in met: rzs zaaktypen import BESTAND",
    ]
    for zaaktype in zaaktypen:
        regels += ["", "[[zaaktype]]"]
        regels += [
            f"{sleutel} = {_toml(waarde)}"
            for sleutel, waarde in (
                ("code", zaaktype.code),
                ("omschrijving", zaaktype.omschrijving),
                ("plansoort", zaaktype.plansoort.value),
                ("ingangsdatum", zaaktype.ingangsdatum),
                ("voorzieningdomein", zaaktype.voorzieningdomein),
            )
            if waarde is not None
        ]
        for sleutel, typen in (
            ("statustypen", zaaktype.statustypen),
            ("resultaattypen", zaaktype.resultaattypen),
            ("documenttypen", zaaktype.documenttypen),
            ("besluittypen", zaaktype.besluittypen),
            ("aanvullende_elementen", zaaktype.aanvullende_elementen),
        ):
            regels += _tabellen(sleutel, (asdict(t) for t in typen))
    return "\n".join(regels) + "\n"


def _tabellen(sleutel: str, rijen: Iterable[dict[str, Any]]) -> list[str]:
    inline = [
        "  { " + ", ".join(f"{k} = {_toml(v)}" for k, v in rij.items() if v is not None) + " },"
        for rij in rijen
    ]
    return [f"{sleutel} = [", *inline, "]"] if inline else []


def _toml(waarde: str | int | bool | tuple[str, ...]) -> str:
    """A TOML value: JSON's string escapes (``\\"``, ``\\\\``, ``\\n``, ``\\uXXXX``) are TOML's too."""
    return json.dumps(waarde, ensure_ascii=False)
