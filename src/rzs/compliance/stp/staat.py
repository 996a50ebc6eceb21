"""What the TTA created during a consumer run: zaken, statussen, documenten, checkouts.

The STP answers questions (geefZaakstatus, geefZaakdetails, ...) with the data the tester sent
earlier (SCENARIOS 1, PC-5 for consumer roles), so the harness keeps a small in-memory picture:
the object of each creeerZaak with later updateZaak changes applied, the statuses set, and each
document with its content. It is deliberately simple: enough to answer like the STP, not a
zaaksysteem.
"""

from __future__ import annotations

import copy
import itertools
import time
from dataclasses import dataclass, field

from lxml import etree

from rzs import ns

PREFIXEN = {"StUF": ns.STUF, "ZKN": ns.ZKN, "BG": ns.BG, "RZS": ns.RZS}
#: Relations of a zaak whose gerelateerde identifies them (DIGEST c.7.3 kerngegevens).
_KERN = ("BG:inp.bsn", "ZKN:identificatie", "BG:vestigingsNummer")


def tekst(element: etree._Element | None, pad: str) -> str:
    if element is None:
        return ""
    gevonden = element.find(pad, namespaces=PREFIXEN)
    return "" if gevonden is None else (gevonden.text or "").strip()


def kern(relatie: etree._Element) -> str:
    """The kerngegeven of a relation's gerelateerde: BSN, medewerker- or vestigingsnummer."""
    for gerelateerde in relatie.iterfind("ZKN:gerelateerde", PREFIXEN):
        for pad in _KERN:
            waarde = tekst(gerelateerde, f".//{pad}")
            if waarde:
                return waarde
    return ""


@dataclass
class Zaak:
    identificatie: str
    object: etree._Element
    statussen: list[etree._Element] = field(default_factory=list)

    @property
    def zaaktype_code(self) -> str:
        return tekst(self.object, "ZKN:isVan/ZKN:gerelateerde/ZKN:code")

    @property
    def clients(self) -> set[str]:
        return {
            tekst(r, "ZKN:gerelateerde/ZKN:natuurlijkPersoon/BG:inp.bsn")
            for r in self.object.iterfind("ZKN:heeftBetrekkingOp", PREFIXEN)
            if tekst(r, "ZKN:omschrijving") == "Client"
        }


@dataclass
class Document:
    identificatie: str
    zaak: str
    object: etree._Element
    checked_out_id: str | None = None


class Staat:
    def __init__(self, organisatie: str = "0000", gezinsplan_code: str = "GZP") -> None:
        self.organisatie = organisatie
        self.gezinsplan_code = gezinsplan_code
        self.zaken: dict[str, Zaak] = {}
        self.documenten: dict[str, Document] = {}
        self.zaakidentificaties: list[str] = []
        self.documentidentificaties: list[str] = []
        self._teller = itertools.count(1)
        self._basis = f"{int(time.time()) % 10**8:08d}"

    def nieuwe_identificatie(self, soort: str) -> str:
        """A fresh identificatie (gemeentecode prefix, DIGEST f.1), never issued twice in a run."""
        waarde = f"{self.organisatie}{soort}{self._basis}{next(self._teller):04d}"
        (self.zaakidentificaties if soort == "Z" else self.documentidentificaties).append(waarde)
        return waarde

    def verwerk(self, operatie: str, body: etree._Element) -> None:
        """Apply an accepted kennisgeving or vrij bericht to the picture."""
        objecten = body.findall("ZKN:object", PREFIXEN)
        if operatie == "creeerZaak_Lk01" and objecten:
            obj = copy.deepcopy(objecten[0])
            self.zaken[tekst(obj, "ZKN:identificatie")] = Zaak(tekst(obj, "ZKN:identificatie"), obj)
        elif operatie in ("updateZaak_Lk01", "actualiseerZaakstatus_Lk01") and len(objecten) == 2:
            zaak = self.zaken.get(tekst(objecten[1], "ZKN:identificatie"))
            if zaak is not None:
                self._wijzig(zaak, objecten[0], objecten[1])
        elif operatie in ("voegZaakdocumentToe_Lk01", "maakZaakdocument_Lk01") and objecten:
            obj = copy.deepcopy(objecten[0])
            ident = tekst(obj, "ZKN:identificatie")
            relevant = tekst(obj, "ZKN:isRelevantVoor/ZKN:gerelateerde/ZKN:identificatie")
            self.documenten[ident] = Document(ident, relevant, obj)
        elif operatie == "updateZaakdocument_Di02":
            huidig = body.findall("ZKN:edcLk02/ZKN:object", PREFIXEN)
            document = self.documenten.get(tekst(huidig[-1], "ZKN:identificatie")) if huidig else None
            if document is not None:
                _vervang_attributen(document.object, huidig[-1])
                document.checked_out_id = None

    def _wijzig(self, zaak: Zaak, oud: etree._Element, huidig: etree._Element) -> None:
        _vervang_attributen(zaak.object, huidig)
        oude = {ns.local_name(r.tag): r for r in oud if isinstance(r.tag, str)}
        for relatie in huidig:
            if not isinstance(relatie.tag, str) or not len(relatie) and relatie.get(ns.NIL) != "true":
                continue
            naam, soort = ns.local_name(relatie.tag), relatie.get(ns.VERWERKINGSSOORT)
            if naam == "heeft" and soort == "T" and len(relatie):
                zaak.statussen.append(copy.deepcopy(relatie))
                continue
            if soort in ("V", "E", "R") and naam in oude:
                weg = kern(oude[naam])
                for bestaand in zaak.object.findall(f"ZKN:{naam}", PREFIXEN):
                    if kern(bestaand) == weg:
                        zaak.object.remove(bestaand)
            if soort in ("T", "R") and len(relatie):
                zaak.object.append(copy.deepcopy(relatie))


def _vervang_attributen(doel: etree._Element, huidig: etree._Element) -> None:
    """Simple elements of ``huidig`` (no children) replace those of ``doel``."""
    for element in huidig:
        if not isinstance(element.tag, str) or len(element) or ns.local_name(element.tag) == "identificatie":
            continue
        bestaand = doel.find(element.tag)
        if bestaand is not None:
            doel.replace(bestaand, copy.deepcopy(element))
        else:
            doel.append(copy.deepcopy(element))
