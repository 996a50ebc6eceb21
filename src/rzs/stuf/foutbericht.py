"""StufFout -> Fo02/Fo03 bericht: the only place a foutbericht is built (DIGEST c.10, c.11).

Fo02 answers synchronous messages (Lv01, Di02) and carries only a berichtcode in its stuurgegevens;
Fo03 answers asynchronous ones (Lk01, Di01, Du01) with full mirrored stuurgegevens and a
crossRefnummer. The SOAP Fault around it is the wire layer's business (its shape differs per
SOAP version).
"""

from __future__ import annotations

from enum import StrEnum

from lxml import etree

from rzs import ns
from rzs.fouten import StufFout
from rzs.stuf import stuurgegevens as sg
from rzs.stuf.berichten import Afzender, asynchroon_antwoord
from rzs.stuf.stuurgegevens import Stuurgegevens

_MAX_DETAILS = 1000
_MAX_OMSCHRIJVING = 200


class Foutsoort(StrEnum):
    FO02 = "Fo02"
    FO03 = "Fo03"


_SYNCHROON = {"Lv01", "Di02", "Lv02", "Lv03", "Lv04", "Lv05", "Lv06", "Lv07", "Lv08", "Lv09", "Lv10"}


def soort_voor(berichtcode: str | None) -> Foutsoort:
    """Fo02 for synchronous messages, Fo03 for asynchronous ones (and when we cannot tell)."""
    return Foutsoort.FO02 if berichtcode in _SYNCHROON else Foutsoort.FO03


def bouw(
    fout: StufFout,
    soort: Foutsoort,
    verzoek: Stuurgegevens | None,
    afzender: Afzender,
    correlatie: str | None = None,
) -> etree._Element:
    """The Fo02/Fo03; ``correlatie`` (the request id of our log lines, issue 13) ends its details,
    so an operator finds the log lines of any fault a sender reports."""
    if soort is Foutsoort.FO02:
        root = etree.Element(ns.stuf("Fo02Bericht"), nsmap={"StUF": ns.STUF})
        sg.schrijf(root, "Fo02")
    else:
        root = asynchroon_antwoord("Fo03", verzoek, afzender)
    body = etree.SubElement(root, ns.stuf("body"))
    etree.SubElement(body, ns.stuf("code")).text = fout.code
    etree.SubElement(body, ns.stuf("plek")).text = fout.plek.value
    etree.SubElement(body, ns.stuf("omschrijving")).text = fout.foutcode.omschrijving[:_MAX_OMSCHRIJVING]
    achter = f" (correlatie-id {correlatie})" if correlatie else ""
    if fout.details or achter:
        details = (fout.details or "")[: _MAX_DETAILS - len(achter)] + achter
        etree.SubElement(body, ns.stuf("details")).text = details.strip()
    return root
