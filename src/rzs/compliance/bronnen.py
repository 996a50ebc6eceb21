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
from importlib import metadata
from pathlib import Path

from lxml import etree

from rzs import ns

REPO: Path = Path(__file__).resolve().parents[3]

#: ZDS 1.2 wrapper root -> the RZS 1.0 message it wraps (the official set has no ZDS 1.2 schema, so
#: a wrapper is checked as its counterpart). The STP spells geefZaakdocumentBewerken with a capital B.
ZDS_NAAR_OFFICIEEL: dict[str, str] = {
    "creeerZaak_ZakLk01": ns.zkn("zakLk01"),
    "updateZaak_ZakLk01": ns.zkn("zakLk01"),
    "actualiseerZaakstatus_ZakLk01": ns.zkn("zakLk01"),
    "geefZaakstatus_ZakLv01": ns.zkn("zakLv01"),
    "geefZaakstatus_ZakLa01": ns.zkn("zakLa01"),
    "geefZaakdetails_ZakLv01": ns.zkn("zakLv01"),
    "geefZaakdetails_ZakLa01": ns.zkn("zakLa01"),
    "geefLijstZaakdocumenten_ZakLv01": ns.zkn("zakLv01"),
    "geefLijstZaakdocumenten_ZakLa01": ns.zkn("zakLa01"),
    "geefZaakdocumentLezen_EdcLv01": ns.zkn("edcLv01"),
    "geefZaakdocumentLezen_EdcLa01": ns.zkn("edcLa01"),
    "voegZaakdocumentToe_EdcLk01": ns.zkn("edcLk01"),
    "maakZaakdocument_EdcLk01": ns.zkn("edcLk01"),
    "genereerZaakIdentificatie_Di02": ns.zkn("genereerZaakIdentificatie_Di02"),
    "genereerZaakIdentificatie_Du02": ns.zkn("genereerZaakIdentificatie_Du02"),
    "genereerDocumentIdentificatie_Di02": ns.zkn("genereerDocumentIdentificatie_Di02"),
    "genereerDocumentIdentificatie_Du02": ns.zkn("genereerDocumentIdentificatie_Du02"),
    "geefZaakdocumentbewerken_Di02": ns.zkn("geefZaakdocumentbewerken_Di02"),
    "geefZaakdocumentBewerken_Di02": ns.zkn("geefZaakdocumentbewerken_Di02"),
    "geefZaakdocumentbewerken_Du02": ns.zkn("geefZaakdocumentbewerken_Du02"),
    "geefZaakdocumentBewerken_Du02": ns.zkn("geefZaakdocumentbewerken_Du02"),
    "updateZaakdocument_Di02": ns.zkn("updateZaakdocument_Di02"),
    "cancelCheckout_Di02": ns.zkn("cancelCheckout_Di02"),
    "updateBesluit_BslLk01": ns.zkn("bslLk01"),
    "geefBesluitDetails_BslLv01": ns.zkn("bslLv01"),
    "geefBesluitDetails_BslLa01": ns.zkn("bslLa01"),
    "geefLijstBesluiten_ZakLv01": ns.zkn("zakLv01"),
    "geefLijstBesluiten_ZakLa01": ns.zkn("zakLa01"),
    "overdragenZaak_Di01": ns.rzs("overdragenZaak_Di01"),
    "overdragenZaak_Du01": ns.rzs("overdragenZaak_Du01"),
}
#: ZDS 1.2 additions without an RZS 1.0 counterpart, left out before asking the official set.
_ALLEEN_ZDS = {"versioningState"}

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
    """The message as the official set can judge it: a ZDS 1.2 wrapper as the RZS 1.0 message it
    wraps (the official set has no ZDS schema), without ``StUF:aanvullendeElementen``.

    Every ZDS-namespaced descendant moves to ZKN (the vrije berichten of ZDS 1.2 use ZDS children),
    direct children of an RZS message to RZS, and ZDS-only additions are dropped. A wrapper not in
    the table is returned unchanged: the official set will then say what is wrong with it.
    """
    return als_zds11(zonder_aanvullende_elementen(element))


def als_zds11(element: etree._Element) -> etree._Element:
    """A ZDS 1.2 wrapper as the RZS 1.0 / ZDS 1.1 message it wraps, ``StUF:aanvullendeElementen``
    kept (the content checks of an extension read them); any other message unchanged."""
    if ns.namespace_of(element.tag) != ns.ZDS:
        return element
    doel = ZDS_NAAR_OFFICIEEL.get(ns.local_name(element.tag))
    if doel is None:
        return element
    kopie = copy.deepcopy(element)
    kopie.tag = doel
    rzs_bericht = ns.namespace_of(doel) == ns.RZS
    for kind in list(kopie.iter()):
        if kind is kopie or not isinstance(kind.tag, str):
            continue
        naam, namespace = ns.local_name(kind.tag), ns.namespace_of(kind.tag)
        if namespace == ns.ZDS and naam in _ALLEEN_ZDS:
            ouder = kind.getparent()
            if ouder is not None:
                ouder.remove(kind)
            continue
        if namespace == ns.ZDS:
            kind.tag = ns.zkn(naam)
        if rzs_bericht and kind.getparent() is kopie and namespace in (ns.ZKN, ns.ZDS):
            kind.tag = ns.rzs(naam)
    if ns.local_name(doel) == "genereerDocumentIdentificatie_Di02":
        # ZDS 1.2 added an optional parameters element to this Di02.
        for parameters in kopie.findall(ns.zkn("parameters")):
            kopie.remove(parameters)
    return kopie


def heeft_aanvullende_elementen(element: etree._Element) -> bool:
    return next(element.iter(ns.stuf("aanvullendeElementen")), None) is not None


def zonder_aanvullende_elementen(element: etree._Element) -> etree._Element:
    """A copy without ``StUF:aanvullendeElementen`` (our extension, docs/schema-differences.md), so
    the official set judges the rest of the message; the element itself when it has none."""
    if not heeft_aanvullende_elementen(element):
        return element
    kopie = copy.deepcopy(element)
    for aanvullend in list(kopie.iter(ns.stuf("aanvullendeElementen"))):
        ouder = aanvullend.getparent()
        if ouder is not None:
            ouder.remove(aanvullend)
    return kopie


def _fouten(schema: etree.XMLSchema, element: etree._Element, bron: str) -> list[str]:
    with _lock:  # an XMLSchema object is not safe to share between threads
        if schema.validate(element):
            return []
        return [f"schema ({bron}) regel {fout.line}: {fout.message}" for fout in schema.error_log][:5]


def schemasets() -> str:
    """Which schema sets judge the messages of this run, in words for the report header (PC-2)."""
    eigen = f"eigen set ({xsd_dir() / 'all.xsd'}): altijd"
    oracle = oracle_dir()
    if oracle is None or officieel_schema("zkn") is None:
        waar = os.environ.get("RZS_ORACLE") or str(REPO.parent / "shared" / "standard" / "oracle")
        return f"{eigen}; officiële set: NIET gebruikt (niet gevonden op {waar}; zet RZS_ORACLE)"
    return f"{eigen}; officiële set ({oracle}): ook, ZKN en RZS als twee validators"


def versie() -> str:
    """The harness version (the stuf-rzs distribution), for the report header."""
    try:
        return metadata.version("stuf-rzs")
    except metadata.PackageNotFoundError:
        return "onbekend (niet geïnstalleerd)"


def schemafouten(element: etree._Element, *, officieel: bool = True) -> list[str]:
    """PC-2: every finding of our schema set and, when present, the official set (empty = valid)."""
    fouten = _fouten(eigen_schema(), element, "eigen xsd/all.xsd")
    if officieel:
        familie = "rzs" if ns.namespace_of(element.tag) == ns.RZS else "zkn"
        schema = officieel_schema(familie)
        if schema is not None:
            fouten += _fouten(schema, als_officieel_bericht(element), "officiële set")
    return fouten
