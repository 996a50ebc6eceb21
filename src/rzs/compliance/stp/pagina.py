"""The consumer-mode page: what the tester must send next, what arrived, and each verdict, live.

The StUF Testplatform ran its consumer tests in a browser; ``rzs-compliance serve`` serves this
page at ``/`` of the STP (GET with a browser). It is the report's HTML (same CSS, built with lxml,
every value escaped, BSNs replaced as in the reports) without scripts: it reloads itself every
two seconds (``meta refresh``) until the run is over.
"""

from __future__ import annotations

from lxml import etree

from rzs.compliance.rapport.berichten import Masker, bsns_in, mooi
from rzs.compliance.rapport.html import CSS, sub
from rzs.compliance.rapport.html import statuslabel as label
from rzs.compliance.resultaat import StapResultaat
from rzs.compliance.stp.sessie import Item, Ontvangst, Sessie

#: Seconds between reloads while the run is open.
VERVERS = 2


def bouw(sessie: Sessie, *, toon_bsn: bool = False) -> bytes:
    items, ontvangen = sessie.stand()
    masker = Masker(toon_bsn=toon_bsn)
    for item in items:
        for stap in item.resultaat or ():
            masker.voeg_toe(bsns_in(stap.bericht))
    klaar = all(i.resultaat is not None for i in items)
    html = etree.Element("html", lang="nl")
    head = sub(html, "head")
    sub(head, "meta", charset="utf-8")
    if not klaar:
        sub(head, "meta", **{"http-equiv": "refresh", "content": str(VERVERS)})
    sub(head, "title", f"STP — {sessie.rol.titel}")
    sub(head, "style", CSS)
    body = sub(html, "body")
    sub(body, "h1", f"STP (consumentmodus) — rol {sessie.rol.titel}")
    sub(body, "p", f"STP-identiteit (de ontvanger in uw berichten): {'/'.join(sessie.opties.stp)}")
    _volgende(body, sessie, items, klaar)
    _stappen(body, sessie, items, masker)
    _ontvangen(body, ontvangen)
    return etree.tostring(html, method="html", encoding="UTF-8", doctype="<!DOCTYPE html>")


def _volgende(body: etree._Element, sessie: Sessie, items: list[Item], klaar: bool) -> None:
    sub(body, "h2", "Nu te versturen")
    volgende = next((i for i in items if i.resultaat is None), None)
    if klaar or volgende is None:
        sub(body, "p", "Alle stappen hebben een oordeel; de run is klaar.", id="volgende")
        return
    sub(body, "p", sessie.instructie(volgende), id="volgende")


def _stappen(body: etree._Element, sessie: Sessie, items: list[Item], masker: Masker) -> None:
    sub(body, "h2", "Stappen en oordelen")
    tabel = sub(body, "table", id="stappen")
    kop = sub(tabel, "tr")
    for titel in ("Scenario", "Stap", "Wat", "Oordeel", "Redenen en bericht"):
        sub(kop, "th", titel)
    for item in items:
        for nr, richting, wat, stap in _regels(sessie, item):
            rij = sub(tabel, "tr")
            sub(rij, "td", item.scenario.id)
            sub(rij, "td", f"{nr} {richting}")
            sub(rij, "td", wat)
            label(sub(rij, "td"), "OPEN" if stap is None else stap.status)
            cel = sub(rij, "td")
            if stap is not None and stap.redenen:
                lijst = sub(cel, "ul")
                for reden in stap.redenen:
                    sub(lijst, "li", masker.tekst(reden))
            if stap is not None and stap.bericht:
                details = sub(cel, "details")
                sub(details, "summary", "bericht")
                sub(details, "pre", masker.tekst(mooi(stap.bericht)))


def _regels(sessie: Sessie, item: Item) -> list[tuple[int, str, str, StapResultaat | None]]:
    stap = item.stap
    if item.resultaat is None:
        return [(stap.nr, "→", sessie.instructie(item), None)]
    verzoek, antwoord = item.resultaat
    return [
        (verzoek.nr, verzoek.richting, f"{verzoek.berichttype}: {verzoek.actie}", verzoek),
        (antwoord.nr, antwoord.richting, f"{antwoord.berichttype}: {antwoord.actie}", antwoord),
    ]


def _ontvangen(body: etree._Element, ontvangen: list[Ontvangst]) -> None:
    sub(body, "h2", "Ontvangen berichten")
    if not ontvangen:
        sub(body, "p", "Nog niets ontvangen.", id="ontvangen")
        return
    tabel = sub(body, "table", id="ontvangen", **{"class": "breek"})
    kop = sub(tabel, "tr")
    for titel in ("Tijd (UTC)", "Eindpunt", "SOAPAction", "Bericht", "Genomen als"):
        sub(kop, "th", titel)
    for o in ontvangen:
        rij = sub(tabel, "tr")
        for waarde in (o.tijd, o.pad, o.soapaction or "(leeg)", o.root, o.stap):
            sub(rij, "td", waarde)
