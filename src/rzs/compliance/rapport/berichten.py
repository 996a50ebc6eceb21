"""Exchanged messages made readable: pretty-printed and with BSNs masked."""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import etree

from rzs import ns, safexml
from rzs.compliance.resultaat import Rapport

_BSN_ELEMENTEN = {"inp.bsn", "bsn"}


def bsns_in(data: bytes) -> list[str]:
    """The values of every ``inp.bsn`` element in a message, in document order, each once."""
    try:
        root = safexml.parse(data)
    except safexml.OngeldigeXml:
        return []
    gevonden = (
        (e.text or "").strip()
        for e in root.iter()
        if isinstance(e.tag, str) and ns.local_name(e.tag) in _BSN_ELEMENTEN
    )
    return list(dict.fromkeys(b for b in gevonden if b))


def elfproef(bsn: str) -> bool:
    """The BSN check (9 digits; weights 9..2 and -1, sum divisible by 11)."""
    if len(bsn) != 9 or not bsn.isdigit():
        return False
    som = sum(int(c) * w for c, w in zip(bsn[:8], range(9, 1, -1), strict=True)) - int(bsn[8])
    return som % 11 == 0


def _vervanger(na: int, vermijd: Iterable[str]) -> tuple[str, int]:
    """The next test BSN (999 99x xxx, the range kept for testing) above ``na`` that passes the
    elfproef and is not in ``vermijd``; with the number to continue from."""
    kandidaat = na + 1
    while not elfproef(str(kandidaat)) or str(kandidaat) in vermijd:
        kandidaat += 1
    return str(kandidaat), kandidaat


class Masker:
    """Replaces every BSN that occurred in the run's messages, wherever it shows up.

    Each BSN gets its own substitute from the test range that passes the elfproef, in order of
    first appearance, the same one throughout the run (progress lines and every report): recorded
    messages stay schema-valid (``BG:BSN`` is nine digits) and a reader can still follow one
    person from step to step without learning who it is.
    """

    def __init__(self, bsns: Iterable[str] = (), *, toon_bsn: bool = False) -> None:
        self.toon_bsn = toon_bsn
        self.vervanging: dict[str, str] = {}
        self._laatste = 999989999
        self._patroon: re.Pattern[str] | None = None
        self.voeg_toe(bsns)

    def voeg_toe(self, bsns: Iterable[str]) -> None:
        nieuw = [b for b in bsns if b and b not in self.vervanging]
        for bsn in nieuw:
            vervanger, self._laatste = _vervanger(self._laatste, self.vervanging)
            self.vervanging[bsn] = vervanger
        if nieuw:
            gesorteerd = sorted(self.vervanging, key=len, reverse=True)
            keuze = "|".join(re.escape(b) for b in gesorteerd)
            self._patroon = re.compile(rf"(?<!\d)(?:{keuze})(?!\d)")

    @classmethod
    def voor(cls, rapport: Rapport, *, toon_bsn: bool = False) -> Masker:
        masker = cls(toon_bsn=toon_bsn)
        for scenario in rapport.scenarios:
            for stap in scenario.stappen:
                masker.voeg_toe(bsns_in(stap.bericht))
        return masker

    def tekst(self, tekst: str) -> str:
        if self.toon_bsn or self._patroon is None:
            return tekst
        return self._patroon.sub(lambda m: self.vervanging[m.group(0)], tekst)


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
