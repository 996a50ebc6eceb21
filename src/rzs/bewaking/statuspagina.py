"""``GET /beheer``: one read-only HTML page for operators (issue 13).

Shows what the server is (version, identities, gemeentecode, validation mode), its zaken per
zaaktype, the faults it answered per StUF code and the tolerant-mode repairs per sender since it
started (from the metrics of all its processes: ``bewaking/metrieken.py``; a restart starts them
at zero, which is what "recent" means here), and the outbox as it is now (from the database).
Aggregates and codes only: no BSN, no name, no zaak identificatie. Built with lxml, never from
strings; no script, no outside resources.
"""

from __future__ import annotations

from lxml import etree
from lxml.html import builder as E

import rzs
from rzs.bewaking.metrieken import stand, tellers
from rzs.config import Settings
from rzs.store import Store
from rzs.wire.dispatch import Antwoord

_CSS = (
    "body{font-family:sans-serif;margin:2em;max-width:60em}"
    "table{border-collapse:collapse;margin-bottom:1.5em}"
    "th,td{border:1px solid #bbb;padding:.25em .75em;text-align:left}"
    "td.getal{text-align:right}"
)


def _tabel(kop: tuple[str, ...], rijen: list[tuple[object, ...]], leeg: str) -> etree._Element:
    if not rijen:
        return E.P(leeg)
    return E.TABLE(
        E.THEAD(E.TR(*[E.TH(k) for k in kop])),
        E.TBODY(
            *[
                E.TR(*[E.TD(str(w), E.CLASS("getal")) if isinstance(w, int) else E.TD(str(w)) for w in rij])
                for rij in rijen
            ]
        ),
    )


_REPARATIE = ("reparatie", "organisatie", "applicatie")


class Statuspagina:
    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings

    def __call__(self) -> Antwoord:
        with self.store.unit_of_work(alleen_lezen=True) as repos:
            zaaktypen = repos.overzicht.zaken_per_zaaktype()
            outbox = repos.overzicht.outbox()
        registry = tellers()
        fouten = sorted((code, int(n)) for (code,), n in stand(registry, "rzs_fouten", ("code",)).items())
        reparaties = sorted(
            (naam, f"{org}/{app}" if org != "-" else app, int(n))
            for (naam, org, app), n in stand(registry, "rzs_tolerante_reparaties", _REPARATIE).items()
        )
        s = self.settings
        pagina = E.HTML(
            E.HEAD(E.META(charset="utf-8"), E.TITLE("stuf-rzs beheer"), E.STYLE(_CSS)),
            E.BODY(
                E.H1("stuf-rzs beheer"),
                _tabel(
                    ("instelling", "waarde"),
                    [
                        ("versie", rzs.__version__),
                        ("identiteiten", ", ".join(map(str, s.effective_identiteiten))),
                        ("gemeentecode", s.gemeentecode),
                        ("validatie", s.validatie),
                    ],
                    "",
                ),
                E.H2("Zaken per zaaktype"),
                _tabel(("zaaktype", "omschrijving", "zaken"), list(zaaktypen), "Geen zaaktypen."),
                E.H2("Foutberichten sinds de start"),
                _tabel(("code", "aantal"), list(fouten), "Geen foutberichten."),
                E.H2("Outbox"),
                _tabel(
                    ("wachtend", "dead", "oudste wachtende (s)"),
                    [(outbox.pending, outbox.dead, int(outbox.oudste_seconden))],
                    "",
                ),
                E.H2("Tolerante reparaties sinds de start"),
                _tabel(("reparatie", "zender", "aantal"), list(reparaties), "Geen reparaties."),
            ),
        )
        html = etree.tostring(pagina, method="html", encoding="utf-8", doctype="<!DOCTYPE html>")
        return Antwoord(200, "text/html; charset=utf-8", html)
