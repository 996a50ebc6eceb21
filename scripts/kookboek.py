"""Copies every example of docs/clients/ into docs/clients.md, in the block after its marker.

    .venv/bin/python scripts/kookboek.py

docs/clients.md quotes each file verbatim in the fenced block after ``<!-- docs/clients/<file> -->``;
tests/test_clients_cookbook.py fails when a quote and its file differ. Run this after changing an
example (the markers themselves, and the prose around them, are written by hand).
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KOOKBOEK = ROOT / "docs" / "clients.md"
_MARKER = re.compile(r"<!-- docs/clients/(\S+) -->\n```python\n")


def ververs(tekst: str) -> str:
    delen: list[str] = []
    positie = 0
    for marker in _MARKER.finditer(tekst):
        delen.append(tekst[positie : marker.end()])
        delen.append((ROOT / "docs" / "clients" / marker.group(1)).read_text(encoding="utf-8"))
        leeg = tekst.startswith("```\n", marker.end())
        positie = marker.end() if leeg else tekst.index("\n```\n", marker.end()) + 1
    delen.append(tekst[positie:])
    return "".join(delen)


if __name__ == "__main__":
    KOOKBOEK.write_text(ververs(KOOKBOEK.read_text(encoding="utf-8")), encoding="utf-8")
