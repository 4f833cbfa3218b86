"""Summaries of latency samples: nearest-rank percentiles, written down once."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


def percentile(sorted_values: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile: the smallest sample with at least `fraction` of samples at or below it."""
    if not sorted_values:
        raise ValueError("no samples")
    if not 0 < fraction <= 1:
        raise ValueError("the fraction is in (0, 1]")
    rank = math.ceil(fraction * len(sorted_values))
    return sorted_values[rank - 1]


@dataclass(frozen=True, slots=True)
class Summary:
    operation: str
    concurrency: int
    count: int
    errors: int
    seconds: float
    min_ms: float
    mean_ms: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    client_cpu_share: float
    # What one request does: 1, or the invoices of one bulk import. Throughput counts these.
    per_request: int = 1

    @property
    def throughput(self) -> float:
        """Successful operations (an import's invoices) per second of wall time."""
        return (self.count - self.errors) * self.per_request / self.seconds if self.seconds else 0.0


def summarize(
    operation: str,
    concurrency: int,
    latencies: Sequence[float],
    errors: int,
    seconds: float,
    client_cpu: float,
    per_request: int = 1,
) -> Summary:
    """Latencies in seconds in, milliseconds out; `client_cpu` is the client's CPU seconds meanwhile."""
    ordered = sorted(latency * 1000 for latency in latencies)
    if not ordered:
        ordered = [math.nan]
    return Summary(
        operation=operation,
        concurrency=concurrency,
        count=len(latencies),
        errors=errors,
        seconds=seconds,
        min_ms=ordered[0],
        mean_ms=sum(ordered) / len(ordered),
        p50_ms=percentile(ordered, 0.50),
        p95_ms=percentile(ordered, 0.95),
        p99_ms=percentile(ordered, 0.99),
        max_ms=ordered[-1],
        client_cpu_share=client_cpu / seconds if seconds else 0.0,
        per_request=per_request,
    )
