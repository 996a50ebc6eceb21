"""Scale-out, proven (issue 13): two ``rzs serve`` and two ``rzs worker`` processes on one
PostgreSQL under concurrent load. Identificaties stay unique, every successful creeerZaak is
stored (no lost update), every notification reaches the live subscriber exactly once, and a
document stored through one server is read through the other.

Document content lives in files named by sha256 (``store/blobs.py``); the servers share one
directory (``RZS_INHOUD_DIR``, docs/deploy.md "Several servers"). SQLite is one file on one machine,
so this test runs only on PostgreSQL (CI's PostgreSQL stage).
"""

from __future__ import annotations

import base64
import os
import signal
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

from rzs import ns, safexml
from rzs.app import prepare_store
from rzs.domain.notificatie import Abonnement
from rzs.store import Store
from support.abonnee import abonnee
from support.bezorging import eigen_database, instellingen
from support.proces import RZS, rzs_serve, stuur

pytestmark = pytest.mark.skipif(
    not os.environ.get("RZS_TEST_DATABASE_URL"),
    reason="several servers share one database only on PostgreSQL (set RZS_TEST_DATABASE_URL)",
)

#: Concurrent senders, each making a zaak with one document.
AANTAL = 24
_ZKN = {"ZKN": ns.ZKN}


@contextmanager
def _worker(url: str, env: dict[str, str]) -> Iterator[None]:
    proc = subprocess.Popen(
        [str(RZS), "worker", "--database", url], env={**os.environ, **env}, stderr=subprocess.DEVNULL
    )
    try:
        yield
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)


def _tekst(antwoord: bytes, pad: str) -> str:
    return safexml.parse(antwoord).findtext(f".//{pad}", namespaces=_ZKN) or ""


def _afzender(schrijf: str, lees: str, n: int) -> tuple[str, str, bool, bool]:
    """One sender: a zaak created on one server, a document added there and read on the other."""
    genereer = stuur(
        schrijf, "identificaties/genereerZaakIdentificatie_Di02", "genereerZaakIdentificatie_Di02"
    )
    zaak = _tekst(genereer.content, "ZKN:zaak/ZKN:identificatie")
    gemaakt = stuur(lees, "zaken/creeerZaak_gezinsplan_minimaal", "creeerZaak_Lk01", zaak_identificatie=zaak)
    document = _tekst(
        stuur(
            schrijf, "documenten/genereerDocumentIdentificatie_Di02", "genereerDocumentIdentificatie_Di02"
        ).content,
        "ZKN:document/ZKN:identificatie",
    )
    inhoud = base64.b64encode(f"document {n} van zaak {zaak}\n".encode()).decode()
    toegevoegd = stuur(
        schrijf,
        "documenten/voegZaakdocumentToe",
        "voegZaakdocumentToe_Lk01",
        zaak_identificatie=zaak,
        document_identificatie=document,
        inhoud=inhoud,
    )
    gelezen = stuur(
        lees,
        "documenten/geefZaakdocumentLezen_alles",
        "geefZaakdocumentLezen_Lv01",
        document_identificatie=document,
    )
    leesbaar = toegevoegd.status_code == 200 and _tekst(gelezen.content, "ZKN:inhoud") == inhoud
    return zaak, document, gemaakt.status_code == 200, leesbaar


def test_twee_servers_en_twee_workers_op_een_postgresql(tmp_path: Path) -> None:
    gedeeld = {"RZS_INHOUD_DIR": str(tmp_path / "inhoud"), "RZS_BEZORGING_POLL_INTERVAL": "0.05"}
    with eigen_database(tmp_path) as url, abonnee("WMO") as wmo, ExitStack() as stapel:
        store = prepare_store(instellingen(url, tmp_path))
        with store.unit_of_work() as repos:
            repos.abonnementen.add(Abonnement("*", "*", wmo.url, "WMO"))
        servers = []
        for naam in ("a", "b"):
            (tmp_path / naam).mkdir()
            _proc, basis, _uitvoer = stapel.enter_context(
                rzs_serve(url, tmp_path / naam, "--zonder-bezorging", "--workers", "2", env=gedeeld)
            )
            servers.append(basis)
            stapel.enter_context(_worker(url, {**gedeeld, "RZS_DATA_DIR": str(tmp_path / naam)}))
        with ThreadPoolExecutor(8) as pool:
            uitkomsten = list(
                pool.map(lambda n: _afzender(servers[n % 2], servers[(n + 1) % 2], n), range(AANTAL))
            )
        zaken = [zaak for zaak, _doc, gemaakt, _l in uitkomsten if gemaakt]
        documenten = [doc for _z, doc, _g, _l in uitkomsten]
        assert len(set(zaken)) == len(zaken) == AANTAL  # unique identificaties, every zaak made
        assert len(set(documenten)) == AANTAL and all(d.startswith("0000") for d in documenten)
        assert all(leesbaar for *_rest, leesbaar in uitkomsten)  # written on one server, read on the other
        with store.unit_of_work() as repos:
            opgeslagen = sum(aantal for _code, _oms, aantal in repos.overzicht.zaken_per_zaaktype())
        assert opgeslagen == len(zaken)  # no lost update: every Bv03 is a stored zaak
        _wacht_tot_bezorgd(store)
        ontvangen = wmo.berichten()
        referenties = Counter(o.referentienummer for o in ontvangen)
        assert referenties and max(referenties.values()) == 1  # exactly once
        with store.unit_of_work() as repos:
            assert len(ontvangen) == len(repos.outbox.alle(status="delivered"))
            assert repos.outbox.aantal("dead") == 0
        aangemaakt = Counter(o.zaak for o in ontvangen if o.gebeurtenis == "Creeer zaak")
        assert aangemaakt == Counter(zaken)
        store.dispose()


def _wacht_tot_bezorgd(store: Store, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with store.unit_of_work() as repos:
            if repos.outbox.aantal("pending") == 0:
                return
        time.sleep(0.2)
    raise AssertionError("de outbox raakte niet leeg")
