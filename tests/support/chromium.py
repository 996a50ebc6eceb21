"""Headless Debian chromium for the tests of what a person sees: the HTML report and the consumer page.

No network beyond what the page itself loads (a file or our own loopback server), a throwaway
profile per call, a normal laptop window. Without chromium the calling test skips locally and
fails under CI (``CI`` set): CI must install the Debian package ``chromium``.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import lxml.html
import pytest

CHROMIUM = Path("/usr/bin/chromium")
VENSTER = (1280, 800)


def chromium() -> Path:
    if not CHROMIUM.is_file():
        reden = f"{CHROMIUM} ontbreekt: installeer het Debian-pakket 'chromium' (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(reden)
        pytest.skip(reden)
    return CHROMIUM


def dom(adres: str, profiel: Path) -> lxml.html.HtmlElement:
    """Render ``adres`` (a ``file://`` or ``http://127.0.0.1`` URL) and return the DOM chromium built."""
    resultaat = subprocess.run(
        [
            str(chromium()),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profiel}",
            f"--window-size={VENSTER[0]},{VENSTER[1]}",
            "--dump-dom",
            adres,
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    return lxml.html.document_fromstring(resultaat.stdout)


def zichtbare_tekst(adres: str, profiel: Path) -> str:
    """The text of the DOM, without style, script and head."""
    document = dom(adres, profiel)
    for verborgen in document.xpath("//style | //script | //head"):
        verborgen.getparent().remove(verborgen)
    return " ".join(document.text_content().split())


def breedte(html: bytes, map_: Path) -> int:
    """The page width chromium lays ``html`` out at in the window: a copy gets one script that
    writes ``scrollWidth`` into the DOM (the pages themselves have no scripts)."""
    document = lxml.html.document_fromstring(html)
    meting = lxml.html.fragment_fromstring(
        "<script>document.body.setAttribute('data-breedte', document.documentElement.scrollWidth)</script>"
    )
    document.body.append(meting)
    pad = map_ / "meting.html"
    pad.write_bytes(lxml.html.tostring(document))
    waarde = dom(pad.as_uri(), map_ / "profiel").body.get("data-breedte")
    assert waarde is not None, "chromium ran no script"
    return int(waarde)
