"""The relay's health and metrics, as counters and gauges a metrics exporter can read.

`RelayMonitor.snapshot()` is the whole reading API: an exporter (Prometheus or another)
turns its fields into counters and gauges; readiness uses `healthy`.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

RATE_WINDOW_SECONDS = 60.0


class RelayState(StrEnum):
    STARTING = "starting"
    STANDBY = "standby"  # another relay holds the lease; this one waits to take over
    PUBLISHING = "publishing"  # this relay holds the lease and the broker answers
    FAILING = "failing"  # the broker or the database does not answer; retrying with backoff
    STOPPED = "stopped"  # a poison event; an operator must look (`hisab relay inspect`)


@dataclass(frozen=True, slots=True)
class RelayMetrics:
    state: RelayState
    detail: str | None
    published_events_total: int  # counter
    publish_failures_total: int  # counter: failed attempts (batches), each retried
    lag_events: int  # gauge: positions waiting after the published one (an upper bound)
    lag_seconds: float  # gauge: age of the oldest waiting event, 0 when caught up
    publish_rate: float  # gauge: events per second over the last minute
    last_published_position: int


class RelayMonitor:
    """Written by the relay loop, read by readiness and by metrics exporters."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._state = RelayState.STARTING
        self._detail: str | None = None
        self._published = 0
        self._failures = 0
        self._lag_events = 0
        self._lag_seconds = 0.0
        self._position = 0
        self._recent: deque[tuple[float, int]] = deque()

    @property
    def healthy(self) -> bool:
        """Ready unless the relay cannot publish (broker or database down) or has stopped."""
        return self._state not in (RelayState.FAILING, RelayState.STOPPED)

    def snapshot(self) -> RelayMetrics:
        return RelayMetrics(
            state=self._state,
            detail=self._detail,
            published_events_total=self._published,
            publish_failures_total=self._failures,
            lag_events=self._lag_events,
            lag_seconds=self._lag_seconds,
            publish_rate=self._rate(),
            last_published_position=self._position,
        )

    def standing_by(self) -> None:
        self._set(RelayState.STANDBY, None)

    def published(self, count: int, position: int) -> None:
        self._published += count
        self._position = position
        self._recent.append((self._clock(), count))
        self._set(RelayState.PUBLISHING, None)

    def caught_up(self, position: int) -> None:
        self._position = position
        self._set(RelayState.PUBLISHING, None)

    def lagging(self, events: int, seconds: float) -> None:
        self._lag_events = events
        self._lag_seconds = seconds

    def failed(self, detail: str) -> None:
        self._failures += 1
        self._set(RelayState.FAILING, detail)

    def stopped(self, detail: str) -> None:
        self._set(RelayState.STOPPED, detail)

    def _set(self, state: RelayState, detail: str | None) -> None:
        self._state = state
        self._detail = detail

    def _rate(self) -> float:
        horizon = self._clock() - RATE_WINDOW_SECONDS
        while self._recent and self._recent[0][0] < horizon:
            self._recent.popleft()
        return sum(count for _, count in self._recent) / RATE_WINDOW_SECONDS
