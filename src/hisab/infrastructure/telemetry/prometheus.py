"""Prometheus metrics: every exported name is defined here, in one registry per app.

With several worker processes (`hisab serve --workers N`), `PROMETHEUS_MULTIPROC_DIR` names a
directory the workers share; each scrape then sums every worker's files, whichever worker
answers it. The per-process collectors (CPU, memory, GC) cannot be summed, so they are exported
only with one process per container, which is how the Kubernetes manifests run.
"""

from __future__ import annotations

import asyncio
import logging
import math
import os
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    GC_COLLECTOR,
    PLATFORM_COLLECTOR,
    PROCESS_COLLECTOR,
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

MULTIPROCESS_DIRECTORY_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"
# From a cached read (1 ms) to a slow approval under load (10 s).
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
SCRAPE_GAUGE_TIMEOUT_SECONDS = 2.0
ScrapeGauge = Callable[[], Awaitable[float]]
_log = logging.getLogger(__name__)

# The `_created` series double what a scrape carries and no dashboard of ours reads them.
disable_created_metrics()  # type: ignore[no-untyped-call]


class PrometheusMetrics:
    """The application's `Metrics` port and the HTTP layer's, exported in Prometheus' format."""

    def __init__(self, multiprocess_directory: Path | None = None) -> None:
        self.multiprocess_directory = multiprocess_directory
        self.registry = CollectorRegistry()
        if multiprocess_directory is None:
            for collector in (PROCESS_COLLECTOR, PLATFORM_COLLECTOR, GC_COLLECTOR):
                self.registry.register(collector)
        self._gauges = ScrapeGauges()
        self.registry.register(self._gauges)
        registry = self.registry
        self._requests = Counter(
            "http_requests", "HTTP requests answered, by route template.", ["method", "route", "status"],
            registry=registry,
        )  # fmt: skip
        self._request_seconds = Histogram(
            "http_request_duration_seconds", "Time to answer an HTTP request.", ["method", "route"],
            buckets=LATENCY_BUCKETS, registry=registry,
        )  # fmt: skip
        self._graphql_seconds = Histogram(
            "graphql_operations_duration_seconds", "Time to execute a GraphQL operation.", ["operation", "type"],
            buckets=LATENCY_BUCKETS, registry=registry,
        )  # fmt: skip
        self._append_seconds = Histogram(
            "eventstore_append_duration_seconds", "Time to append a command's events to a stream.",
            buckets=LATENCY_BUCKETS, registry=registry,
        )  # fmt: skip
        self._database_seconds = Histogram(
            "database_query_duration_seconds", "Time of one database operation, by operation.", ["operation"],
            buckets=LATENCY_BUCKETS, registry=registry,
        )  # fmt: skip
        self._commands = Counter(
            "invoice_commands", "Invoice commands handled, by command and outcome.", ["command", "outcome"],
            registry=registry,
        )  # fmt: skip

    @classmethod
    def from_environment(cls) -> PrometheusMetrics:
        directory = os.environ.get(MULTIPROCESS_DIRECTORY_VARIABLE)
        return cls(Path(directory) if directory else None)

    def command_handled(self, command: str, outcome: str) -> None:
        self._commands.labels(command, outcome).inc()

    def events_appended(self, seconds: float) -> None:
        self._append_seconds.observe(seconds)

    def database_operation(self, operation: str, seconds: float) -> None:
        self._database_seconds.labels(operation).observe(seconds)

    def request_served(self, method: str, route: str, status: int, seconds: float) -> None:
        self._requests.labels(method, route, str(status)).inc()
        self._request_seconds.labels(method, route).observe(seconds)

    def graphql_operation(self, operation: str, kind: str, seconds: float) -> None:
        self._graphql_seconds.labels(operation, kind).observe(seconds)

    def gauge_on_scrape(self, name: str, documentation: str, read: ScrapeGauge) -> None:
        """Export a gauge whose value is read (for example from the database) at each scrape.

        This is the hook for values no request produces, such as the outbox relay's lag.
        """
        self._gauges.add(name, documentation, read)

    async def exposition(self) -> tuple[bytes, str]:
        """The text a scrape receives, and its content type."""
        await self._gauges.refresh()
        registry = self.registry
        if self.multiprocess_directory is not None:
            registry = CollectorRegistry()
            MultiProcessCollector(registry, path=str(self.multiprocess_directory))  # type: ignore[no-untyped-call]
            registry.register(PLATFORM_COLLECTOR)
            registry.register(self._gauges)
        return generate_latest(registry), CONTENT_TYPE_LATEST


class ScrapeGauges(Collector):
    """Gauges read by async callbacks just before a scrape renders; a failed read is left out."""

    def __init__(self) -> None:
        self._reads: dict[str, tuple[str, ScrapeGauge]] = {}
        self._values: dict[str, float] = {}

    def add(self, name: str, documentation: str, read: ScrapeGauge) -> None:
        if name in self._reads:
            raise ValueError(f"a gauge named {name!r} is already registered")
        self._reads[name] = (documentation, read)

    async def refresh(self) -> None:
        for name, (_, read) in self._reads.items():
            try:
                async with asyncio.timeout(SCRAPE_GAUGE_TIMEOUT_SECONDS):
                    self._values[name] = await read()
            except Exception:
                _log.warning("could not read the gauge %s for a scrape", name, exc_info=True)
                self._values[name] = math.nan

    def describe(self) -> Iterable[Metric]:
        return []

    def collect(self) -> Iterable[Metric]:
        for name, (documentation, _) in self._reads.items():
            value = self._values.get(name, math.nan)
            if not math.isnan(value):
                yield GaugeMetricFamily(name, documentation, value=value)


def reset_multiprocess_directory(directory: Path) -> None:
    """Remove a previous run's files: counters would otherwise resume from a dead process's values."""
    directory.mkdir(parents=True, exist_ok=True)
    for stale in directory.glob("*.db"):
        stale.unlink()
