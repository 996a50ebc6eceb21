"""Exchanged messages made readable: pretty-printed and with BSNs masked."""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import etree

from rzs import ns, safexml
from rzs.compliance.resultaat import Rapport

_BSN_ELEMENTEN = {"inp.bsn", "bsn"}


def bsns_in(data: bytes) -> set[str]:
    """The values of every ``inp.bsn`` element in a message."""
    try:
        root = safexml.parse(data)
    except safexml.OngeldigeXml:
        return set()
    return {
        (e.text or "").strip()
        for e in root.iter()
        if isinstance(e.tag, str) and ns.local_name(e.tag) in _BSN_ELEMENTEN and (e.text or "").strip()
    }


class Masker:
    """Replaces every BSN that occurred in the run's messages, wherever it shows up."""

    def __init__(self, bsns: Iterable[str], *, toon_bsn: bool = False) -> None:
        self.toon_bsn = toon_bsn
        gesorteerd = sorted({b for b in bsns if b}, key=len, reverse=True)
        self._patroon = re.compile("|".join(re.escape(b) for b in gesorteerd)) if gesorteerd else None

    @classmethod
    def voor(cls, rapport: Rapport, *, toon_bsn: bool = False) -> Masker:
        bsns: set[str] = set()
        for scenario in rapport.scenarios:
            for stap in scenario.stappen:
                bsns |= bsns_in(stap.bericht)
        return cls(bsns, toon_bsn=toon_bsn)

    def tekst(self, tekst: str) -> str:
        if self.toon_bsn or self._patroon is None:
            return tekst
        return self._patroon.sub(lambda m: "*" * (len(m.group(0)) - 2) + m.group(0)[-2:], tekst)


def mooi(data: bytes) -> str:
    """Indented XML for humans; bytes that are not XML are shown as text."""
    if not data:
        return ""
    try:
        root = safexml.parse(data)
    except safexml.OngeldigeXml:
        return data.decode("utf-8", "replace")
    etree.indent(root, space="  ")
    return etree.tostring(root, encoding="unicode")
