"""The Prometheus metrics of the server, defined once (issue 13): what is counted where.

Counted where it happens: requests, faults, latency and sizes in ``wire/dispatch.py``, tolerant
repairs in ``stuf/tolerantie.py``, delivery attempts in ``notify/worker.py``. Read at scrape time
from the database (outbox depth, oldest pending, dead rows): ``bewaking/metrieken.py``.

Several gunicorn workers: ``rzs serve`` sets ``PROMETHEUS_MULTIPROC_DIR`` to a private directory
before this module is first imported, so every process (HTTP workers and the delivery child) writes
its values to files there and ``/metrics`` adds them up (prometheus_client multiprocess mode).
Labels carry operation names, StUF codes, repair names and sender identities: never person data.
"""

from __future__ import annotations

from typing import Final

from prometheus_client import Counter, Histogram

#: Upper bounds of the latency buckets, in seconds: a Di02 takes milliseconds, a 100 MB document seconds.
_DUUR: Final = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
#: Upper bounds of the size buckets, in bytes: 1 KiB to 128 MiB.
_GROOTTE: Final = tuple(float(1024 * 4**n) for n in range(9))

VERZOEKEN: Final = Counter(
    "rzs_verzoeken",
    "SOAP requests handled, per operation and outcome (reply or StUF code)",
    ["operatie", "resultaat"],
)
FOUTEN: Final = Counter("rzs_fouten", "Fo02/Fo03 replies per StUF foutcode", ["code"])
DUUR: Final = Histogram(
    "rzs_verzoek_duur_seconden", "Time to handle one SOAP request, per operation", ["operatie"], buckets=_DUUR
)
BERICHTGROOTTE: Final = Histogram(
    "rzs_bericht_bytes", "Size of request bodies as received (document content included)", buckets=_GROOTTE
)
DOCUMENTGROOTTE: Final = Histogram(
    "rzs_document_bytes", "Size of document content received (decoded)", buckets=_GROOTTE
)
REPARATIES: Final = Counter(
    "rzs_tolerante_reparaties",
    "Tolerant-mode repairs applied, per repair and sender",
    ["reparatie", "organisatie", "applicatie"],
)
BEZORGPOGINGEN: Final = Counter(
    "rzs_bezorgpogingen", "Outbox delivery attempts per result (bezorgd, opnieuw, dead)", ["resultaat"]
)
