"""Field-by-field comparison of what the harness sent with what the system gives back.

"Returns it identical" (issue 9: a voorziening read back with geefZaakdetails) is judged per
field, not as one C14N hash, so the reason says which field came back wrong: ``VZ:voorziening
[nummer=1001]/VZ:omvang/VZ:volume: '3', verzonden '4'``. A field is a leaf element: its path, its
text and its ``xsi:nil``/``StUF:noValue`` (StUF 03.01: no value is a value of its own). Repeated
elements with a ``nummer`` child (a voorziening) are matched on it, not on their position, since a
system may return them in another order. Attributes of the compared element itself (``versie``)
count as fields too, except namespaced ones (``StUF:schemaLocation`` may name another location).
"""

from __future__ import annotations

from lxml import etree

from rzs import ns

Veld = tuple[str, str]
_NIL = ns.qname(ns.XSI, "nil")


def _naam(element: etree._Element) -> str:
    prefix = {ns.VOORZIENING: "VZ", ns.STUF: "StUF", ns.ZKN: "ZKN", ns.BG: "BG"}.get(
        ns.namespace_of(element.tag), ""
    )
    return f"{prefix}:{ns.local_name(element.tag)}" if prefix else ns.local_name(element.tag)


def _sleutel(element: etree._Element, index: int) -> str:
    nummer = next((k for k in element if isinstance(k.tag, str) and ns.local_name(k.tag) == "nummer"), None)
    if nummer is not None and len(nummer) == 0:
        return f"{_naam(element)}[nummer={(nummer.text or '').strip()}]"
    return f"{_naam(element)}[{index}]" if index > 1 else _naam(element)


def _waarde(element: etree._Element) -> str:
    if element.get(_NIL) in ("true", "1"):
        return f"geen waarde ({element.get(ns.stuf('noValue')) or 'xsi:nil'})"
    return (element.text or "").strip()


def velden(element: etree._Element, pad: str = "") -> dict[str, str]:
    """Every leaf below ``element`` (and its own attributes) as path -> value."""
    uit: dict[str, str] = {}
    if not pad:
        for attribuut, waarde in sorted(element.attrib.items()):
            if not str(attribuut).startswith("{"):  # versie; not StUF:schemaLocation (a location)
                uit[f"@{attribuut}"] = waarde
    gezien: dict[str, int] = {}
    for kind in element:
        if not isinstance(kind.tag, str):
            continue
        gezien[kind.tag] = gezien.get(kind.tag, 0) + 1
        sub = f"{pad}/{_sleutel(kind, gezien[kind.tag])}" if pad else _sleutel(kind, gezien[kind.tag])
        if len(kind) == 0:
            uit[sub] = _waarde(kind)
        else:
            uit.update(velden(kind, sub))
    return uit


def verschillen(verzonden: etree._Element, gevonden: etree._Element | None, pad: str) -> list[str]:
    """What differs between the sent element and the one found at ``pad`` in the answer."""
    verwacht = velden(verzonden)
    if gevonden is None:
        voorzieningen = sorted({veld.split("/")[0] for veld in verwacht if not veld.startswith("@")})
        namen = ", ".join(voorzieningen)
        return [f"{pad}: ontbreekt in het antwoord; verzonden: {namen} ({len(verwacht)} velden)"]
    kregen = velden(gevonden)
    redenen = []
    for veld, waarde in verwacht.items():
        if veld not in kregen:
            redenen.append(f"{pad}/{veld}: ontbreekt, verzonden {waarde!r}")
        elif kregen[veld] != waarde:
            redenen.append(f"{pad}/{veld}: {kregen[veld]!r}, verzonden {waarde!r}")
    redenen += [
        f"{pad}/{veld}: {waarde!r} is aanwezig maar niet verzonden"
        for veld, waarde in kregen.items()
        if veld not in verwacht
    ]
    return redenen
