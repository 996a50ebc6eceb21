"""The repairs of the tolerant validation mode: a fixed list, each for one deviation real senders make.

Why repairs at all: we are strict, which is right for a reference, but a gemeente that puts us
behind existing applications must accept what they really send (issue 10). The production Java
bridge lets invalid messages through unvalidated ("soft-fail"); we repair a *named* deviation,
validate again, and refuse what is still invalid (``stuf/tolerantie.py``).

The rules every repair keeps (docs/tolerant.md):

* It serves a deviation with public evidence (``../shared/standard/REAL-SENDERS.md``, the corpus).
* It never changes what the message means: it only adds what the schema fixes to one value, or
  removes what carries no meaning where it stands. A deviation whose repair would have to guess
  (a missing ``StUF:verwerkingssoort``, a nil in a selection, an unexpected element) is not
  repaired.
* It acts only on the elements the validator named (:class:`~rzs.stuf.validatie.Schemafout`), so
  a valid part of the message is never touched.

A repair is a :class:`Reparatie`: a stable ``naam`` (logged, counted, named in the La01 melding),
the ``reden``, the ``bewijs``, and ``herstel(body, fouten) -> changed``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from lxml import etree

from rzs import ns
from rzs.stuf.validatie import Schemafout

#: ``herstel(body, fouten)``: repair the body in place where ``fouten`` point; True if it changed.
Herstel = Callable[[etree._Element, Sequence[Schemafout]], bool]

_METAGEGEVEN = ns.stuf("metagegeven")
_SCOPE_ELEMENT = ns.zkn("scope")


@dataclass(frozen=True, slots=True)
class Reparatie:
    #: Stable name: in the log line, the counter and the La01 melding. Never renamed.
    naam: str
    #: What is repaired and why that does not change the meaning of the message.
    reden: str
    #: The public evidence that real senders send this deviation.
    bewijs: str
    herstel: Herstel


def _genoemd(body: etree._Element, fouten: Sequence[Schemafout], kenmerk: str) -> Iterator[etree._Element]:
    """The elements of ``body`` that a finding containing ``kenmerk`` names (by name and line).

    A tree read by the streaming parser (requests over 4 MiB) has no line numbers, and libxml2
    then reports line 0: such a finding names every element of that name.
    """
    for fout in fouten:
        if fout.element is None or kenmerk not in fout.melding:
            continue
        for element in body.iter(fout.element):
            if fout.regel in (0, element.sourceline) or element.sourceline is None:
                yield element


def _metagegeven_aanvullen(body: etree._Element, fouten: Sequence[Schemafout]) -> bool:
    gewijzigd = False
    for element in _genoemd(body, fouten, f"attribute '{_METAGEGEVEN}' is required but missing"):
        if element.get(_METAGEGEVEN) is None:
            element.set(_METAGEGEVEN, "true")
            gewijzigd = True
    return gewijzigd


def _in_scope(element: etree._Element) -> bool:
    return any(voorouder.tag == _SCOPE_ELEMENT for voorouder in element.iterancestors())


def _scope_nil_weglaten(body: etree._Element, fouten: Sequence[Schemafout]) -> bool:
    gewijzigd = False
    for element in _genoemd(body, fouten, "The element is not 'nillable'"):
        if _in_scope(element) and element.get(ns.NIL) is not None:
            del element.attrib[ns.NIL]
            element.attrib.pop(ns.NOVALUE, None)
            gewijzigd = True
    return gewijzigd


#: The repairs of ``rzs serve --validatie tolerant``, in the order they are tried.
REPARATIES: tuple[Reparatie, ...] = (
    Reparatie(
        naam="metagegeven-aanvullen",
        reden=(
            "BG:authentiek without StUF:metagegeven: the schema requires the attribute and fixes "
            "its value to 'true' (stuf0301 attribute metagegeven, fixed='true'), so adding it adds "
            "nothing the sender could have meant otherwise"
        ),
        bewijs="open-formulieren/open-forms #6171, #5643 (PR #5807): REAL-SENDERS.md",
        herstel=_metagegeven_aanvullen,
    ),
    Reparatie(
        naam="scope-nil-weglaten",
        reden=(
            "xsi:nil (with or without StUF:noValue) on an element the schema does not declare "
            "nillable, inside a vraag's scope: there an element asks for that element by being "
            "present, its value means nothing, so the nil is dropped and the question stays the "
            "same. Outside a scope (a selection, a kennisgeving) a nil says 'no value' and is "
            "never repaired"
        ),
        bewijs=(
            "Haarlem corpus maykin_geefZaakdocumentLezen/*_taiga378.xml, *_taiga399.xml "
            "(<inhoud xsi:nil='true'/> in the scope); zeep #1091, #753: REAL-SENDERS.md"
        ),
        herstel=_scope_nil_weglaten,
    ),
)


def repareer(body: etree._Element, fouten: Sequence[Schemafout]) -> list[str]:
    """Apply every repair to ``body`` in place; the names of those that changed something."""
    return [reparatie.naam for reparatie in REPARATIES if reparatie.herstel(body, fouten)]


#: The one place a melding may stand in a La01 (zkn0310 ``*-La01``: after the parameters).
_LA01_VOOR_MELDING = (ns.zkn("stuurgegevens"), ns.zkn("parameters"), ns.zkn("melding"))
MELDING_MAX = 250


def meld(antwoord: etree._Element, namen: Sequence[str]) -> None:
    """Name the repairs in a ``ZKN:melding`` of a La01 answer (plain or ZDS 1.2 wrapper).

    Only a La01 has room for a melding after its parameters (zkn0310 ``ZAK-La01``, ``EDC-La01``);
    a Bv03 or Du02 answer is left as it is: the repair is still logged and counted.
    """
    kinderen = [kind for kind in antwoord if isinstance(kind.tag, str)]
    berichtcode = antwoord.findtext(f"{ns.zkn('stuurgegevens')}/{ns.stuf('berichtcode')}")
    if not namen or berichtcode != "La01" or not any(k.tag == ns.zkn("parameters") for k in kinderen):
        return
    voorgaand = [k for k in kinderen if k.tag in _LA01_VOOR_MELDING][-1]
    melding = etree.Element(ns.zkn("melding"))
    melding.text = f"Bericht hersteld (rzs tolerant): {', '.join(namen)}"[:MELDING_MAX]
    voorgaand.addnext(melding)
