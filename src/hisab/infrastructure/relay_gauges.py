"""The in-process relay, reported: its readiness check and its gauges on /metrics."""

from __future__ import annotations

from hisab.event_store.relay_monitor import RelayMonitor
from hisab.infrastructure.telemetry.prometheus import PrometheusMetrics
from hisab.kernel.readiness import NotReadyError, ReadinessCheck


def relay_check(monitor: RelayMonitor) -> ReadinessCheck:
    """Ready while the relay publishes (or stands by for another); not while the broker fails."""

    async def check() -> str:
        metrics = monitor.snapshot()
        described = f"{metrics.state.value}, {metrics.lag_events} events ({metrics.lag_seconds:.1f} s) waiting"
        if not monitor.healthy:
            raise NotReadyError(f"{described}: {metrics.detail or 'not publishing'}")
        return described

    return check


def export_relay_metrics(monitor: RelayMonitor, metrics: PrometheusMetrics) -> None:
    async def lag_events() -> float:
        return float(monitor.snapshot().lag_events)

    async def lag_seconds() -> float:
        return monitor.snapshot().lag_seconds

    async def publish_rate() -> float:
        return monitor.snapshot().publish_rate

    async def failures() -> float:
        return float(monitor.snapshot().publish_failures_total)

    metrics.gauge_on_scrape("outbox_lag_events", "Events stored but not yet published to Kafka.", lag_events)
    metrics.gauge_on_scrape("outbox_lag_seconds", "Age of the oldest event not yet published.", lag_seconds)
    metrics.gauge_on_scrape("outbox_publish_rate", "Events published per second over the last minute.", publish_rate)
    metrics.gauge_on_scrape("outbox_publish_failures", "Failed publish attempts since start.", failures)
