"""The per-operation scenarios of scripts/bench and the identificaties they use.

Every request is rendered from the test templates (tests/messages, through ``support.messages``)
before the clock starts. Identificaties and referentienummers derive from the run's seed, so a rerun
against the same database is neither a duplicate message (the duplicate store keys on the content)
nor a duplicate zaak. The server accepts client-chosen zaak- and documentidentificaties of 5-40
characters with the gemeentecode prefix (domain/regels.controleer_identificatie, DIGEST f.1), so no
genereerZaakIdentificatie round trip is needed per zaak: an identificatie is
``gemeentecode + seed (9 digits) + kind (1 digit) + number (8 digits)``, 22 characters, which
never collides with the 16-character ones the server issues itself.
"""

from __future__ import annotations

import base64
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "scripts"))

from bench_klant import Verzoek, verzoek  # noqa: E402

from rzs import ns  # noqa: E402
from support import inhoud, messages  # noqa: E402

GEMEENTECODE = "0000"
#: The kinds of identificatie (one digit in the identificatie, so the sets never overlap).
NIEUW, POOL, PREFILL, DOCUMENT, BRON = 1, 2, 3, 4, 5
DOCUMENT_BYTES = 1024 * 1024
#: The numbers of one prefill level: level k uses k * NIVEAU + 1 onwards (8 digits: at most 9 levels).
NIVEAU = 10_000_000


def prefix(seed: int, soort: int) -> str:
    """``gemeentecode + seed + kind``: what precedes the 8-digit number (bench_vulling.identificatie)."""
    return f"{GEMEENTECODE}{seed % 1_000_000_000:09d}{soort}"


def ident(seed: int, soort: int, nummer: int) -> str:
    return f"{prefix(seed, soort)}{nummer:08d}"


@dataclass(frozen=True)
class Scenario:
    """One operation: endpoint, SOAPAction, and how request i is rendered."""

    naam: str
    pad: str
    operatie: str
    #: Request i (0-based) as a SOAP body; ``zaken`` are the pre-created zaken it may act on.
    maak: Callable[[Bench, int], bytes | tuple[bytes, ...]]
    #: How many pre-created zaken n requests need (0: none).
    pool: Callable[[int], int]


@dataclass
class Bench:
    """What the renderers need: the seed, the host header, the pool of zaken, the shared document."""

    seed: int
    host: str
    zaken: list[str]
    document: tuple[bytes, bytes] | None = None
    #: Added to every number: each prefill level of one run (``--prefill 0,100000``) sends new zaken.
    offset: int = 0

    def referentie(self, scenario: str, i: int) -> str:
        return f"B{self.seed % 1_000_000_000:09d}-{scenario[:6]}-{self.offset + i}"


def _envelope(template: str, **waarden: object) -> bytes:
    envelope: bytes = messages.envelope(messages.message(template, **waarden))
    return envelope


def _creeer(b: Bench, i: int) -> bytes:
    return _envelope(
        "zaken/creeerZaak_gezinsplan_uitgebreid",
        zaak_identificatie=ident(b.seed, NIEUW, b.offset + i + 1),
        referentienummer=b.referentie("creeer", i),
    )


def _update(b: Bench, i: int) -> bytes:
    return _envelope(
        "zaken/updateZaak_omschrijving",
        zaak_identificatie=b.zaken[i],
        referentienummer=b.referentie("update", i),
    )


def _vraag(b: Bench, i: int) -> bytes:
    return _envelope(
        "vragen/geefZaakdetails_alles",
        zaak_identificatie=b.zaken[i % len(b.zaken)],
        referentienummer=b.referentie("vraag", i),
    )


def _document(b: Bench, i: int) -> tuple[bytes, ...]:
    """The request in three parts: its own head and tail around the shared base64 of the document."""
    if b.document is None:
        data = random.Random(b.seed).randbytes(DOCUMENT_BYTES)
        b.document = (inhoud.MARKER.encode(), base64.b64encode(data))
    marker, base64_inhoud = b.document
    body = _envelope(
        "documenten/voegZaakdocumentToe",
        zaak_identificatie=b.zaken[i % len(b.zaken)],
        document_identificatie=ident(b.seed, DOCUMENT, b.offset + i + 1),
        referentienummer=b.referentie("document", i),
        inhoud=inhoud.MARKER,
    )
    voor, gevonden, na = body.partition(marker)
    assert gevonden, "voegZaakdocumentToe template without ${inhoud}"
    return voor, base64_inhoud, na


def _een_per_verzoek(n: int) -> int:
    return n


def _gedeeld(n: int) -> int:
    return min(n, 1000)


SCENARIOS: dict[str, Scenario] = {
    s.naam: s
    for s in (
        Scenario("creeerZaak", "/zkn/OntvangAsynchroon", "creeerZaak_Lk01", _creeer, lambda n: 0),
        # was/wordt: each update changes the omschrijving a creeerZaak stored, so one zaak each
        Scenario("updateZaak", "/zkn/OntvangAsynchroon", "updateZaak_Lk01", _update, _een_per_verzoek),
        Scenario("geefZaakdetails", "/zkn/BeantwoordVraag", "geefZaakdetails_Lv01", _vraag, _gedeeld),
        Scenario(
            "voegZaakdocumentToe", "/zkn/OntvangAsynchroon", "voegZaakdocumentToe_Lk01", _document, _gedeeld
        ),
    )
}


def verzoeken(scenario: Scenario, b: Bench, aantal: int) -> list[Verzoek]:
    """``aantal`` complete requests of a scenario, rendered now (before any clock starts)."""
    actie = ns.ZKN_ACTION + scenario.operatie
    return [verzoek(b.host, scenario.pad, actie, scenario.maak(b, i)) for i in range(aantal)]


def opwarmen(b: Bench, zaak: str, aantal: int) -> list[Verzoek]:
    """geefZaakdetails of one zaak (read-only, so it changes nothing the scenarios measure): sent
    before the first scenario, so every worker thread has compiled its schema, filled its caches
    and opened its connection before anything counts."""
    actie = ns.ZKN_ACTION + "geefZaakdetails_Lv01"
    return [
        verzoek(
            b.host,
            "/zkn/BeantwoordVraag",
            actie,
            _envelope(
                "vragen/geefZaakdetails_alles",
                zaak_identificatie=zaak,
                referentienummer=b.referentie("warm", i),
            ),
        )
        for i in range(aantal)
    ]


def creeer_bericht(seed: int, soort: int, nummer: int) -> bytes:
    """A creeerZaak set up before measuring: the zaak bench_vulling copies (``BRON``), or a pool zaak
    when the pool is created through HTTP (an external server)."""
    return _envelope(
        "zaken/creeerZaak_gezinsplan_uitgebreid",
        zaak_identificatie=ident(seed, soort, nummer),
        referentienummer=f"B{seed % 1_000_000_000:09d}-{soort}-{nummer}",
    )
