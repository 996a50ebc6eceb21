"""``GET /metrics``: the counters of ``rzs.metriek`` plus what is read from the database at scrape
time (outbox depth, oldest pending row, dead rows), in Prometheus text format (issue 13).

Under ``rzs serve`` every process writes its values to files in ``PROMETHEUS_MULTIPROC_DIR`` and
the collector adds up all of them, so any HTTP worker answers for the whole server. Without that
directory (a single process: the tests' in-process server) the process's own registry is read.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from prometheus_client import REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

from rzs.store import Store
from rzs.wire.dispatch import Antwoord

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


class _Proces(Collector):
    """The metrics of this process (the default registry), when there is no multiprocess directory."""

    def collect(self) -> Iterator[Metric]:
        yield from REGISTRY.collect()


class _Database(Collector):
    """The outbox as it is now, read at scrape time: the truth is in the database, shared by every
    server and worker, not in any one process's counters."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def collect(self) -> Iterator[Metric]:
        bereikbaar = GaugeMetricFamily("rzs_database_bereikbaar", "1 when the database answered this scrape")
        try:
            with self.store.unit_of_work(alleen_lezen=True) as repos:
                stand = repos.overzicht.outbox()
        except Exception:  # the scrape still answers; readiness and this gauge say what is wrong
            bereikbaar.add_metric([], 0)
            yield bereikbaar
            return
        bereikbaar.add_metric([], 1)
        yield bereikbaar
        yield GaugeMetricFamily("rzs_outbox_pending", "Outbox rows waiting for delivery", value=stand.pending)
        yield GaugeMetricFamily(
            "rzs_outbox_dead", "Outbox rows given up (rzs outbox retry)", value=stand.dead
        )
        yield GaugeMetricFamily(
            "rzs_outbox_oudste_pending_seconden", "Age of the oldest waiting row", value=stand.oudste_seconden
        )


def tellers() -> CollectorRegistry:
    """The counters of every process of this server (multiprocess directory) or of this one."""
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    else:
        registry.register(_Proces())
    return registry


def stand(registry: CollectorRegistry, naam: str, labels: tuple[str, ...]) -> dict[tuple[str, ...], float]:
    """The ``_total`` values of counter ``naam`` per values of ``labels``, in that order (``/beheer``;
    the multiprocess collector does not keep the order the labels were declared in)."""
    uitkomst: dict[tuple[str, ...], float] = {}
    for metric in registry.collect():
        if metric.name != naam:
            continue
        for sample in metric.samples:
            if sample.name == naam + "_total":
                sleutel = tuple(sample.labels.get(label, "") for label in labels)
                uitkomst[sleutel] = uitkomst.get(sleutel, 0.0) + sample.value
    return uitkomst


class Metrics:
    def __init__(self, store: Store) -> None:
        self.store = store

    def __call__(self) -> Antwoord:
        registry = tellers()
        registry.register(_Database(self.store))
        return Antwoord(200, CONTENT_TYPE, generate_latest(registry))
