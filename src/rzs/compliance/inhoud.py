"""Content checks written in scenario data (``[[stap.controle]]``), and keeping answer values.

Paths are ElementPath expressions relative to the answer's root element with the prefixes StUF,
ZKN, BG, RZS, ZDS and VZ (our voorzieningen, docs/voorzieningen.md), e.g.
``ZKN:antwoord/ZKN:object/ZKN:heeft/ZKN:gerelateerde/ZKN:volgnummer``.
``gelijk`` may be a literal, ``${naam}`` (a value filled into a template of this run) or
``@ctx`` (a context value).
"""

from __future__ import annotations

import string
from collections.abc import Mapping

from lxml import etree

from rzs import ns
from rzs.compliance import vergelijk
from rzs.compliance.context import Context, ContextOntbreekt
from rzs.compliance.scenario import Controle

PREFIXEN = {
    "StUF": ns.STUF,
    "ZKN": ns.ZKN,
    "BG": ns.BG,
    "RZS": ns.RZS,
    "ZDS": ns.ZDS,
    "VZ": ns.VOORZIENING,
}
#: Characters ZDS forbids in identificaties (CMIS folder names, DIGEST f.1).
_VERBODEN = set('\\/"*?:<>|')


def verwachting(waarde: str, waarden: Mapping[str, str], ctx: Context) -> str:
    """Resolve ``@ctx`` references and ``${naam}`` placeholders in an expected value."""
    if waarde.startswith("@"):
        return ctx.los_op(waarde)
    try:
        return string.Template(waarde).substitute(waarden)
    except KeyError as exc:
        fout = f"verwachte waarde {waarde!r} noemt onbekende waarde {exc.args[0]}"
        raise ContextOntbreekt("", fout) from None


def _vind(root: etree._Element, pad: str) -> list[etree._Element]:
    return list(root.iterfind(pad, namespaces=PREFIXEN))


def identificatie_fouten(waarde: str, eerder: list[str]) -> list[str]:
    """An issued identificatie: 5..40 characters, none of ``\\ / " * ? : < > |``, never issued before."""
    redenen = []
    if not 5 <= len(waarde) <= 40:
        redenen.append(f"identificatie {waarde!r} heeft {len(waarde)} tekens; toegestaan 5..40 (DIGEST f.1)")
    if _VERBODEN & set(waarde):
        redenen.append(
            f"identificatie {waarde!r} bevat verboden tekens {''.join(sorted(_VERBODEN & set(waarde)))}"
        )
    if waarde in eerder:
        redenen.append(f"identificatie {waarde!r} is eerder in deze run uitgegeven; nooit hergebruiken")
    return redenen


def controleer(
    root: etree._Element, controles: tuple[Controle, ...], waarden: Mapping[str, str], ctx: Context
) -> list[str]:
    redenen: list[str] = []
    for controle in controles:
        gevonden = _vind(root, controle.pad)
        try:
            gevonden_redenen = _een(controle, gevonden, waarden, ctx)
        except ContextOntbreekt as exc:
            gevonden_redenen = [f"{controle.pad}: kan niet controleren, {exc}"]
        uitleg = f" ({controle.uitleg})" if controle.uitleg else ""
        redenen += [reden + uitleg for reden in gevonden_redenen]
    return redenen


def _een(
    controle: Controle, gevonden: list[etree._Element], waarden: Mapping[str, str], ctx: Context
) -> list[str]:
    pad = controle.pad
    if controle.soort == "nieuwe_identificatie":
        if len(gevonden) != 1:
            return [f"{pad}: verwacht precies één identificatie, gevonden {len(gevonden)}"]
        return identificatie_fouten(gevonden[0].text or "", ctx.lijst(controle.lijst or ""))
    if controle.soort == "zelfde_als_verzonden":
        return _zelfde_als_verzonden(controle, gevonden, ctx)
    if controle.aantal is not None and len(gevonden) != controle.aantal:
        return [f"{pad}: {len(gevonden)} keer aanwezig, verwacht {controle.aantal}"]
    if controle.aanwezig is not None and bool(gevonden) != controle.aanwezig:
        return [f"{pad}: {'ontbreekt' if controle.aanwezig else 'is aanwezig maar hoort er niet te zijn'}"]
    if controle.gelijk is not None:
        verwacht = verwachting(controle.gelijk, waarden, ctx)
        if not gevonden:
            return [f"{pad}: ontbreekt, verwacht {verwacht!r}"]
        teksten = [(e.text or "").strip() for e in gevonden]
        if verwacht not in teksten:
            return [f"{pad}: {' | '.join(repr(t) for t in teksten)}, verwacht {verwacht!r}"]
    return []


def _zelfde_als_verzonden(controle: Controle, gevonden: list[etree._Element], ctx: Context) -> list[str]:
    """The element at ``pad`` equals, field by field, what step ``stap`` sent at ``verzonden_pad``."""
    verzoek = ctx.verzonden.get(controle.stap or 0)
    if verzoek is None:
        return [f"{controle.pad}: kan niet vergelijken, stap {controle.stap} is niet verstuurd"]
    verzonden = _vind(verzoek, controle.verzonden_pad or "")
    if len(verzonden) != 1:
        aantal = f"vindt {len(verzonden)} elementen in stap {controle.stap}"
        return [f"verzonden_pad {controle.verzonden_pad!r} {aantal} (fout in de scenariodata)"]
    if len(gevonden) > 1:
        return [f"{controle.pad}: {len(gevonden)} keer aanwezig, verwacht 1"]
    return vergelijk.verschillen(verzonden[0], gevonden[0] if gevonden else None, controle.pad)


def lees(root: etree._Element, pad: str) -> list[str]:
    """The texts at ``pad`` in an answer (for ``bewaar_antwoord``)."""
    return [(e.text or "").strip() for e in _vind(root, pad)]
