"""Token buckets in this process, and the fallback to them when a shared limiter fails."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from hisab.access.application.ports import RateDecision, RateLimit, RateLimiter
from hisab.kernel.errors import UnavailableError

_log = logging.getLogger(__name__)


class InMemoryRateLimiter:
    """Buckets of one process. The least recently used are forgotten past `max_keys` (a full bucket again)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, max_keys: int = 100_000) -> None:
        self._clock = clock
        self._max_keys = max_keys
        self._buckets: dict[str, tuple[float, float]] = {}

    async def acquire(self, key: str, limit: RateLimit, cost: int = 1) -> RateDecision:
        now = self._clock()
        tokens, at = self._buckets.pop(key, (float(limit.burst), now))
        tokens = min(float(limit.burst), tokens + max(0.0, now - at) * limit.per_second)
        needed = max(cost, 1)
        decision = RateDecision(allowed=tokens >= needed)
        if decision.allowed:
            tokens -= cost
        else:
            decision = RateDecision(allowed=False, retry_after_seconds=(needed - tokens) / limit.per_second)
        self._buckets[key] = (tokens, now)  # re-inserted last: dicts keep insertion order, so this is LRU
        if len(self._buckets) > self._max_keys:
            del self._buckets[next(iter(self._buckets))]
        return decision


class FallbackRateLimiter:
    """A shared limiter (Redis) while it answers; this process's own buckets while it does not.

    The service keeps serving when Redis is down, reads and writes alike: each process then
    enforces the limits on its own, so a client spread over N processes gets up to N times the
    rate. After a failure the shared limiter is left alone for `pause_seconds`, so that an outage
    does not add a connection timeout to every request; the outage and the recovery are logged once.
    """

    def __init__(
        self,
        shared: RateLimiter,
        local: RateLimiter,
        pause_seconds: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._shared = shared
        self._local = local
        self._pause_seconds = pause_seconds
        self._clock = clock
        self._paused_until: float | None = None

    async def acquire(self, key: str, limit: RateLimit, cost: int = 1) -> RateDecision:
        if self._paused_until is None or self._clock() >= self._paused_until:
            try:
                decision = await self._shared.acquire(key, limit, cost)
            except UnavailableError as error:
                if self._paused_until is None:
                    _log.error("shared rate limiter unavailable (%s): limiting per process until it answers", error)
                self._paused_until = self._clock() + self._pause_seconds
            else:
                if self._paused_until is not None:
                    _log.warning("shared rate limiter answers again: limits are shared once more")
                    self._paused_until = None
                return decision
        return await self._local.acquire(key, limit, cost)
