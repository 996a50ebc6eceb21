"""Where the harness finds its files, and the schema validators it judges every message with.

The harness may not import ``rzs.config`` (it tests any implementation, ours included), so it
locates our ``xsd/``, ``wsdl/`` and ``compliance/`` trees itself: beside ``src/`` in a source
checkout, under ``share/stuf-rzs`` in an installed wheel. The official schema set is used as a
second oracle when ``../shared/standard/oracle`` exists beside the checkout (or ``RZS_ORACLE``
names it); it compiles only through the oracle hub schemas and as two validators, ZKN and RZS,
because the two sets clash (DIGEST c.13, TECH-NOTES 0).
"""

from __future__ import annotations

import copy
import os
import sys
import threading
from functools import cache
from pathlib import Path

from lxml import etree

from rzs import ns

REPO: Path = Path(__file__).resolve().parents[3]

_ZDS_NAAR_ZKN = {
    "ZakLk01": "zakLk01",
    "ZakLv01": "zakLv01",
    "ZakLa01": "zakLa01",
    "EdcLk01": "edcLk01",
    "EdcLv01": "edcLv01",
    "EdcLa01": "edcLa01",
}

_lock = threading.Lock()


def _map(naam: str) -> Path:
    for kandidaat in (REPO / naam, Path(sys.prefix) / "share" / "stuf-rzs" / naam):
        if kandidaat.is_dir():
            return kandidaat
    raise FileNotFoundError(f"Kan de map {naam}/ van stuf-rzs niet vinden")


def xsd_dir() -> Path:
    return _map("xsd")


def wsdl_dir() -> Path:
    return _map("wsdl")


def data_dir() -> Path:
    """``compliance/``: one folder per rol with scenario TOML files, plus ``templates/``."""
    return _map("compliance")


def oracle_dir() -> Path | None:
    gezet = os.environ.get("RZS_ORACLE")
    pad = Path(gezet) if gezet else REPO.parent / "shared" / "standard" / "oracle"
    return pad if pad.is_dir() else None


def _compileer(pad: Path) -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
    return etree.XMLSchema(etree.parse(str(pad), parser))


@cache
def eigen_schema() -> etree.XMLSchema:
    return _compileer(xsd_dir() / "all.xsd")


@cache
def officieel_schema(familie: str) -> etree.XMLSchema | None:
    oracle = oracle_dir()
    if oracle is None:
        return None
    pad = oracle / ("rzs0310_all.xsd" if familie == "rzs" else "zkn0310_all.xsd")
    return _compileer(pad) if pad.is_file() else None


def als_officieel_bericht(element: etree._Element) -> etree._Element:
    """A ZDS 1.2 wrapper renamed to the ZKN message it wraps: the official set has no ZDS schema."""
    if ns.namespace_of(element.tag) != ns.ZDS:
        return element
    kopie = copy.deepcopy(element)
    naam = ns.local_name(kopie.tag)
    kopie.tag = ns.zkn(_ZDS_NAAR_ZKN.get(naam.rsplit("_", 1)[-1], naam))
    for kind in kopie:
        if isinstance(kind.tag, str) and ns.namespace_of(kind.tag) == ns.ZDS:
            kind.tag = ns.zkn(ns.local_name(kind.tag))
    return kopie


def _fouten(schema: etree.XMLSchema, element: etree._Element, bron: str) -> list[str]:
    with _lock:  # an XMLSchema object is not safe to share between threads
        if schema.validate(element):
            return []
        return [f"schema ({bron}) regel {fout.line}: {fout.message}" for fout in schema.error_log][:5]


def schemafouten(element: etree._Element, *, officieel: bool = True) -> list[str]:
    """PC-2: every finding of our schema set and, when present, the official set (empty = valid)."""
    fouten = _fouten(eigen_schema(), element, "eigen xsd/all.xsd")
    if officieel:
        familie = "rzs" if ns.namespace_of(element.tag) == ns.RZS else "zkn"
        schema = officieel_schema(familie)
        if schema is not None:
            fouten += _fouten(schema, als_officieel_bericht(element), "officiële set")
    return fouten
