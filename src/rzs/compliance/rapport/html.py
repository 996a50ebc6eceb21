"""One self-contained HTML report: inline CSS, no scripts, no external resources.

Built with lxml (never from strings), so every message and reason is escaped. Per scenario a table
of the official steps with verdict and reasons, and per step the exchanged message, pretty-printed
in a ``<details>`` block; BSNs masked unless ``toon_bsn``.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from rzs.compliance.rapport import kop
from rzs.compliance.rapport.berichten import Masker, mooi
from rzs.compliance.resultaat import FAIL, PASS, Rapport, ScenarioResultaat, StapResultaat

CSS = """
body { font-family: system-ui, sans-serif; margin: 1em 2em; color: #1b1b1b; max-width: 100%; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0; table-layout: auto; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.5em; text-align: left; vertical-align: top;
  overflow-wrap: break-word; }
th { background: #f0f0f0; }
td:last-child, table.breek td { overflow-wrap: anywhere; }
table.kop th { width: 16em; }
tr:first-child th { white-space: nowrap; }
.status { font-weight: bold; white-space: nowrap; }
.PASS { color: #11622d; } .FAIL { color: #a1001b; } .NIET-ONDERSTEUND { color: #8a5a00; }
.OVERGESLAGEN { color: #555; }
pre { background: #f7f7f7; padding: 0.5em; font-size: 0.85em; white-space: pre-wrap;
  overflow-wrap: anywhere; max-height: 40em; overflow-y: auto; }
.toelichting { color: #444; white-space: pre-line; }
.http { color: #444; font-size: 0.85em; margin: 0 0 0.3em 0; }
ul { margin: 0; padding-left: 1.2em; }
"""


def sub(ouder: etree._Element, tag: str, tekst: str | None = None, **attributen: str) -> etree._Element:
    element = etree.SubElement(ouder, tag, attrib=attributen)
    if tekst is not None:
        element.text = tekst
    return element


def statuslabel(ouder: etree._Element, status: str) -> None:
    sub(ouder, "span", status, **{"class": f"status {status.replace(' ', '-')}"})


def _kop(body: etree._Element, rapport: Rapport) -> None:
    sub(body, "h1", f"RZS compliance-rapport — rol {rapport.titel}")
    tabel = sub(body, "table", **{"class": "kop"})
    for naam, waarde in kop.regels(rapport):
        rij = sub(tabel, "tr")
        sub(rij, "th", naam)
        cel = sub(rij, "td")
        if naam == "Oordeel":
            statuslabel(cel, waarde)
            cel[-1].set("class", f"status {PASS if rapport.geslaagd else FAIL}")
        else:
            cel.text = waarde


def _overzicht(body: etree._Element, rapport: Rapport, masker: Masker) -> None:
    sub(body, "h2", "Overzicht")
    tabel = sub(body, "table")
    kop = sub(tabel, "tr")
    for titel in ("Scenario", "Titel", "Resultaat", "Eerste reden"):
        sub(kop, "th", titel)
    for scenario in rapport.scenarios:
        rij = sub(tabel, "tr")
        sub(sub(rij, "td"), "a", scenario.id, href=f"#{scenario.id}")
        sub(rij, "td", scenario.titel + (" (optioneel)" if scenario.optioneel else ""))
        statuslabel(sub(rij, "td"), scenario.status)
        sub(rij, "td", masker.tekst(scenario.reden))


def _scenario(body: etree._Element, scenario: ScenarioResultaat, masker: Masker) -> None:
    kop = sub(body, "h2", f"{scenario.id} {scenario.titel} — ", id=scenario.id)
    statuslabel(kop, scenario.status)
    if scenario.toelichting:
        sub(body, "p", scenario.toelichting, **{"class": "toelichting"})
    tabel = sub(body, "table")
    kopregel = sub(tabel, "tr")
    for titel in ("Stap", "Richting", "Berichttype", "Actie", "Resultaat", "Redenen en bericht"):
        sub(kopregel, "th", titel)
    for stap in scenario.stappen:
        rij = sub(tabel, "tr")
        sub(rij, "td", str(stap.nr))
        sub(rij, "td", stap.richting)
        sub(rij, "td", stap.berichttype)
        sub(
            rij,
            "td",
            " ".join(d for d in (stap.actie, stap.variant and f"({stap.variant})", stap.profiel) if d),
        )
        statuslabel(sub(rij, "td"), stap.status)
        cel = sub(rij, "td")
        http = _http(stap)
        if http:
            sub(cel, "p", http, **{"class": "http"})
        if stap.redenen or stap.opmerkingen:
            lijst = sub(cel, "ul")
            for reden in [*stap.redenen, *stap.opmerkingen]:
                sub(lijst, "li", masker.tekst(reden))
        if stap.bericht:
            details = sub(cel, "details")
            sub(
                details, "summary", "verzonden bericht" if stap.richting == "STP→TTA" else "ontvangen bericht"
            )
            sub(details, "pre", masker.tekst(mooi(stap.bericht)))


def _http(stap: StapResultaat) -> str:
    """The HTTP facts of the step (audit record): what we sent, or what came back."""
    delen = []
    if stap.http_status:
        delen.append(f"HTTP {stap.http_status}")
    if stap.soapaction:
        delen.append(f"SOAPAction {stap.soapaction}")
    if stap.content_type:
        delen.append(f"Content-Type {stap.content_type}")
    return " · ".join(delen)


def bouw(rapport: Rapport, *, toon_bsn: bool = False) -> str:
    masker = Masker.voor(rapport, toon_bsn=toon_bsn)
    html = etree.Element("html", lang="nl")
    head = sub(html, "head")
    sub(head, "meta", charset="utf-8")
    sub(head, "title", f"RZS compliance — {rapport.titel}")
    sub(head, "style", CSS)
    body = sub(html, "body")
    _kop(body, rapport)
    if not toon_bsn:
        sub(
            body,
            "p",
            "BSN's zijn vervangen door testnummers (999 99x xxx) die de elfproef doorstaan: elke BSN "
            "heeft in het hele rapport hetzelfde vervangnummer, zodat de berichten geldig blijven.",
        )
    _overzicht(body, rapport, masker)
    for scenario in rapport.scenarios:
        _scenario(body, scenario, masker)
    return etree.tostring(html, method="html", encoding="unicode", doctype="<!DOCTYPE html>")


def schrijf(rapport: Rapport, pad: Path, *, toon_bsn: bool = False) -> None:
    pad.write_text(bouw(rapport, toon_bsn=toon_bsn), encoding="utf-8")
