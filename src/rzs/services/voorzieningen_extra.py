"""Fallback for senders that cannot send ``StUF:aanvullendeElementen``: named ``StUF:extraElement``s.

A sender on the official RZS 1.0 schemas (which have no aanvullendeElementen, docs/
schema-differences.md) can send each value of a voorziening as
``<StUF:extraElement naam="voorziening.1.product.categorie">45</StUF:extraElement>``: ``voorziening``,
the position of the voorziening in the message (1, 2, ...), and the pad of the value as in
:data:`~rzs.services.voorzieningen_xml.PADEN` (docs/voorzieningen.md "extraElementen"). An empty
value is ``xsi:nil="true"`` with ``StUF:noValue``, as everywhere in StUF.

The mapping is off by default (issue 9); a setting in ``config.py`` will switch it on. It builds the
same ``VZ:voorzieningen`` element the aanvullendeElementen form carries, validates it against our
schema and reads it with the same reader: both forms give the same model, and a value that our
XSD refuses is refused here too, with StUF055.
"""

from __future__ import annotations

import re

from lxml import etree

from rzs import ns
from rzs.domain.voorziening import Voorzieningen
from rzs.fouten import OngeldigBericht
from rzs.services.voorzieningen_xml import PADEN, Waarden, lees, nieuwe_container, schrijf_voorziening
from rzs.stuf.novalue import NoValue, is_nil
from rzs.stuf.validatie import Schema

#: ``voorziening.<positie>.<pad>``.
_NAAM = re.compile(r"^voorziening\.([1-9][0-9]{0,3})\.(.+)$")
_VOORVOEGSEL = "voorziening."


def lees_extra_elementen(zaak: etree._Element, schema: Schema) -> Voorzieningen | None:
    """The voorzieningen named in the ``StUF:extraElementen`` of a ZAK object; None when there are
    none. Raises StUF055 for an unknown pad, a value given twice, or content our XSD refuses."""
    container = als_voorzieningen(zaak.find(ns.stuf("extraElementen")))
    if container is None:
        return None
    schema.controleer(container)
    return lees(container)


def als_voorzieningen(extra_elementen: etree._Element | None) -> etree._Element | None:
    """The ``VZ:voorzieningen`` element the ``voorziening.*`` extraElementen describe (unvalidated),
    or None when there are none; other extraElementen are left alone."""
    if extra_elementen is None:
        return None
    per_positie: dict[int, tuple[Waarden, Waarden]] = {}
    for extra in extra_elementen.iter(ns.stuf("extraElement")):
        naam = extra.get("naam", "")
        if not naam.startswith(_VOORVOEGSEL):
            continue
        positie, pad = _ontleed(naam)
        waarden, leeg = per_positie.setdefault(positie, ({}, {}))
        if pad in waarden or pad in leeg:
            raise OngeldigBericht(f"extraElement {naam} komt meer dan eens voor")
        if is_nil(extra):
            reden = extra.get(ns.NOVALUE)
            if reden not in {n.value for n in NoValue}:
                raise OngeldigBericht(f"extraElement {naam} is leeg zonder geldige StUF:noValue")
            leeg[pad] = str(reden)
        else:
            waarden[pad] = extra.text or ""
    if not per_positie:
        return None
    container = nieuwe_container()
    for positie in sorted(per_positie):
        schrijf_voorziening(container, *per_positie[positie])
    return container


def _ontleed(naam: str) -> tuple[int, str]:
    gevonden = _NAAM.match(naam)
    if gevonden is None or gevonden.group(2) not in PADEN:
        raise OngeldigBericht(
            f"extraElement {naam}: verwacht voorziening.<positie>.<pad> met een pad uit docs/voorzieningen.md"
        )
    return int(gevonden.group(1)), gevonden.group(2)
