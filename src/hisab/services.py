"""What every handler and the API are given: the ports, the rate table, the clock and ids, telemetry."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from hisab.access.application.ports import RateLimiter, RefreshTokenLedger
from hisab.event_store.ports import Database
from hisab.event_store.relay_monitor import RelayMonitor
from hisab.kernel.readiness import Readiness
from hisab.kernel.telemetry import Metrics, NullMetrics, NullTracer, Tracer
from hisab.kernel.vat import RateTable


@dataclass(frozen=True, slots=True)
class Services:
    database: Database
    rates: RateTable
    clock: Callable[[], datetime]
    new_id: Callable[[], str]
    issuing_unit: str
    rate_limiter: RateLimiter
    refresh_tokens: RefreshTokenLedger
    concurrency_retries: int = 5
    tracer: Tracer = field(default_factory=NullTracer)
    metrics: Metrics = field(default_factory=NullMetrics)
    readiness: Readiness = field(default_factory=Readiness)
    relay: RelayMonitor | None = None  # set when the relay runs inside this process
