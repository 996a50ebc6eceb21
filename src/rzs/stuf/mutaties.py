"""Pairing the ``oud`` and ``huidig`` objects of a W kennisgeving (DIGEST c.7.1-c.7.3).

StUF describes a change as two objects: what was and what becomes. Attribute elements present in
either object change; relations of the same element name are paired by position, and the pair's
``verwerkingssoort`` says what to do (T add, V remove, E end, R replace, W change, I identify
only). This module only reads the XML; what a change means for a zaak is the service's business.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import zip_longest

from lxml import etree

from rzs import ns
from rzs.fouten import OngeldigBericht
from rzs.stuf.novalue import is_nil


@dataclass(frozen=True, slots=True)
class Relatiemutatie:
    element: str
    verwerkingssoort: str
    #: The relation as it was (None for an added relation's placeholder).
    oud: etree._Element | None
    #: The relation as it becomes (None for a removed relation's placeholder).
    huidig: etree._Element | None


@dataclass(frozen=True, slots=True)
class Objectmutatie:
    #: Attribute/group elements of ``huidig`` by local name; a name may repeat (kenmerk).
    attributen: dict[str, list[etree._Element]]
    relaties: list[Relatiemutatie]


def _is_relatie(element: etree._Element) -> bool:
    return element.get(ns.ENTITEITTYPE) is not None and ns.local_name(element.tag) not in {"object"}


def _inhoudelijk(element: etree._Element | None) -> etree._Element | None:
    """A nil placeholder relation stands for 'nothing here'."""
    if element is None or (is_nil(element) and len(element) == 0):
        return None
    return element


def _splits(obj: etree._Element) -> tuple[dict[str, list[etree._Element]], dict[str, list[etree._Element]]]:
    attributen: dict[str, list[etree._Element]] = defaultdict(list)
    relaties: dict[str, list[etree._Element]] = defaultdict(list)
    for child in obj:
        if not isinstance(child.tag, str) or ns.namespace_of(child.tag) == ns.STUF:
            continue  # tijdvakGeldigheid, tijdstipRegistratie, extraElementen: no zaak data
        doel = relaties if _is_relatie(child) else attributen
        doel[ns.local_name(child.tag)].append(child)
    return attributen, relaties


def paar(oud: etree._Element | None, huidig: etree._Element) -> Objectmutatie:
    """Pair an oud/huidig object couple (oud may be None: the lenient single-object form)."""
    # Attribute elements only in oud are left as they are: huidig states what becomes.
    _, oud_rel = _splits(oud) if oud is not None else ({}, {})
    hdg_attr, hdg_rel = _splits(huidig)
    mutaties: list[Relatiemutatie] = []
    for naam in list(dict.fromkeys([*oud_rel, *hdg_rel])):
        for o, h in zip_longest(oud_rel.get(naam, []), hdg_rel.get(naam, [])):
            soort = (h if h is not None else o).get(ns.VERWERKINGSSOORT) or ""
            if o is not None and h is not None and (o.get(ns.VERWERKINGSSOORT) or soort) != soort:
                raise OngeldigBericht(
                    f"Relatie {naam}: verwerkingssoort in oud ({o.get(ns.VERWERKINGSSOORT)}) "
                    f"en huidig ({soort}) "
                    "verschillen; relaties van hetzelfde type moeten in dezelfde volgorde staan"
                )
            mutaties.append(Relatiemutatie(naam, soort, _inhoudelijk(o), _inhoudelijk(h)))
    return Objectmutatie(
        attributen=dict(hdg_attr),
        relaties=mutaties,
    )
