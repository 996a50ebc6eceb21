"""The two body forms a zaaksysteem may speak: ZDS 1.1 (= RZS 1.0, StUF-ZKN 0310) and ZDS 1.2.

ZDS 1.2 sends the same operations under the same SOAPActions, but in zds0120 wrappers: a specific
root per operation (``ZDS:creeerZaak_ZakLk01`` instead of ``ZKN:zakLk01``), and for the vrije
berichten the root and its direct children in the zds0120 namespace (mapping sheet
``mapping_zds11_zds12.xlsx``, DIGEST section f). The forms are data: ``--zds 1.2`` sends
``compliance/templates/zds12/<template>.xml`` where ``compliance/templates/<template>.xml`` is
sent otherwise (RZS messages have one form and no ``zds12`` copy). Answers are expected in the
form of the request (:func:`rzs.compliance.checks.verwachte_root`); content checks read them as
their ZDS 1.1 counterpart, so one set of scenario paths serves both forms.

``--zds auto`` asks the system once, before the run, with a genereerZaakIdentificatie_Di02 in each
form (:func:`detecteer`) and runs in the form it accepts, saying so in the report header.

A system that speaks the other form usually refuses our message as an unknown root or
namespace; :func:`herken` turns that into advice instead of sixteen unexplained failures.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

from lxml import etree

from rzs import ns
from rzs.compliance import bronnen, checks, templates
from rzs.compliance.client import SoapClient
from rzs.compliance.context import Context

VORMEN = ("1.1", "1.2")
NAMEN = {
    "1.1": "ZDS 1.1 / RZS 1.0 (StUF-ZKN 0310, bijv. ZKN:zakLk01)",
    "1.2": "ZDS 1.2 (zds0120, bijv. ZDS:creeerZaak_ZakLk01)",
}

#: Fault texts of a system that does not know the root it got (CXF, .NET, lxml, StUF055 details).
_ONBEKEND = re.compile(
    r"unexpected|unknown|not recogni[sz]ed|no matching|cannot find|can ?not find|no such|"
    r"onbekend|niet herkend|niet gevonden|geen operatie|not declared|no dispatch",
    re.IGNORECASE,
)
#: Root names that only ZDS 1.2 has (the specific wrappers).
_ZDS12_ROOT = re.compile(r"\b[a-z][A-Za-z]+_(?:Zak|Edc|Bsl)L[kva]0\d\b")
_ZDS11_ROOT = re.compile(r"\b(?:zak|edc)L[kva]0\d\b")


def template(templates_dir: Path, naam: str, zds: str) -> Path:
    """The template file of ``naam`` in form ``zds`` (the ZDS 1.1 file when there is no other)."""
    if zds == "1.2":
        kandidaat = templates_dir / "zds12" / f"{naam}.xml"
        if kandidaat.is_file():
            return kandidaat
    return templates_dir / f"{naam}.xml"


def vorm_van(element: etree._Element) -> str:
    """``1.2`` for a zds0120 root, ``1.1`` otherwise."""
    return "1.2" if ns.namespace_of(element.tag) == ns.ZDS else "1.1"


def inhoudelijk(antwoord: etree._Element) -> etree._Element:
    """The answer as its ZDS 1.1 counterpart, for content checks written once for both forms
    (``StUF:aanvullendeElementen`` kept: the voorzieningen role checks them)."""
    return bronnen.als_zds11(antwoord)


def herken(fouttekst: str, verzonden: etree._Element) -> str | None:
    """When a refusal says our root or namespace is unknown: which form the system seems to want."""
    gestuurd = vorm_van(verzonden)
    andere = "1.1" if gestuurd == "1.2" else "1.2"
    spreekt_andere = (
        ns.ZDS in fouttekst or "zds0120" in fouttekst or _ZDS12_ROOT.search(fouttekst) is not None
        if andere == "1.2"
        else ns.ZKN in fouttekst or "zkn0310" in fouttekst or _ZDS11_ROOT.search(fouttekst) is not None
    )
    root = ns.local_name(verzonden.tag)
    onbekend = _ONBEKEND.search(fouttekst) is not None and (
        root in fouttekst or ns.namespace_of(verzonden.tag) in fouttekst
    )
    if spreekt_andere:
        return (
            f"het systeem lijkt {NAMEN[andere]} te verwachten en niet {NAMEN[gestuurd]}: "
            f"draai opnieuw met --zds {andere}"
        )
    if onbekend:
        return (
            f"het systeem herkent de root {root} ({NAMEN[gestuurd]}) niet; "
            f"spreekt het misschien {NAMEN[andere]}? Probeer --zds {andere}"
        )
    return None


#: The probe of ``--zds auto`` (operation = template): harmless, answered synchronously, in both
#: forms; it costs the system one identificatie, as every ZS-01 step does.
_PROEF = "genereerZaakIdentificatie_Di02"


def detecteer(client: SoapClient, templates_dir: Path, waarden: dict[str, str]) -> tuple[str, str]:
    """Which form the system accepts: (``1.1`` or ``1.2``, how that was decided, for the header)."""
    ctx = Context("RZSDETECT")
    bevindingen: list[str] = []
    for zds in VORMEN:
        body = templates.fill(
            template(templates_dir, _PROEF, zds),
            {**waarden, "referentienummer": ctx.referentienummer(), "tijdstipBericht": ctx.tijdstip()},
        )
        verzonden = copy.deepcopy(body)
        uitwisseling = client.stuur(_PROEF, body)
        antwoord, redenen = checks.ontleed(uitwisseling, client.opties.soap)
        if not redenen and antwoord.body is not None:
            if antwoord.body.tag == checks.verwachte_root(verzonden, "Du02"):
                uitleg = f"automatisch bepaald: {_PROEF} in ZDS {zds} geaccepteerd"
                return zds, ", ".join([uitleg, *bevindingen])
            redenen = [f"antwoord {ns.local_name(antwoord.body.tag)}"]
        elif antwoord.fault is not None:
            redenen = [" ".join(" ".join(antwoord.fault.itertext()).split())[:200]]
        bevindingen.append(f"in ZDS {zds} geweigerd ({redenen[0] if redenen else '?'})")
    geen = "automatisch bepaald: geen vorm geaccepteerd, de run gebruikt ZDS 1.1"
    return "1.1", ", ".join([geen, *bevindingen])
