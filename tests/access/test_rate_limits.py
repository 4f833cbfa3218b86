"""The in-process token bucket on a clock the test moves, and the fallback when Redis fails."""

from __future__ import annotations

import logging

import pytest

from hisab.access.adapters.rate_limits import FallbackRateLimiter, InMemoryRateLimiter
from hisab.access.application.ports import RateDecision, RateLimit
from hisab.kernel.errors import UnavailableError

LIMIT = RateLimit(per_second=2.0, burst=4)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class SwitchableLimiter:
    """A shared limiter that is up or down as the test says, and counts what reached it."""

    def __init__(self) -> None:
        self.up = True
        self.calls = 0

    async def acquire(self, key: str, limit: RateLimit, cost: int = 1) -> RateDecision:
        self.calls += 1
        if not self.up:
            raise UnavailableError("Redis: ConnectionError")
        return RateDecision(allowed=False, retry_after_seconds=7.0)


async def test_a_bucket_refills_at_its_rate_up_to_its_burst() -> None:
    clock = Clock()
    limiter = InMemoryRateLimiter(clock)
    assert [(await limiter.acquire("k", LIMIT)).allowed for _ in range(5)] == [True] * 4 + [False]

    clock.now += 1.0
    assert [(await limiter.acquire("k", LIMIT)).allowed for _ in range(3)] == [True, True, False]

    clock.now += 3600
    assert [(await limiter.acquire("k", LIMIT)).allowed for _ in range(5)] == [True] * 4 + [False]


async def test_a_refusal_says_when_a_token_is_back() -> None:
    clock = Clock()
    limiter = InMemoryRateLimiter(clock)
    for _ in range(4):
        await limiter.acquire("k", LIMIT)
    assert (await limiter.acquire("k", LIMIT)).retry_after_seconds == pytest.approx(0.5)


async def test_past_its_key_limit_the_least_recently_used_bucket_is_forgotten() -> None:
    limiter = InMemoryRateLimiter(Clock(), max_keys=2)
    for _ in range(4):
        await limiter.acquire("old", LIMIT)
    await limiter.acquire("b", LIMIT)
    await limiter.acquire("c", LIMIT)
    assert (await limiter.acquire("old", LIMIT)).allowed


async def test_while_the_shared_limiter_is_down_the_local_one_limits_and_the_outage_is_logged_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = Clock()
    shared = SwitchableLimiter()
    limiter = FallbackRateLimiter(shared, InMemoryRateLimiter(clock), pause_seconds=5, clock=clock)
    shared.up = False

    with caplog.at_level(logging.WARNING, logger="hisab.access.adapters.rate_limits"):
        local = [(await limiter.acquire("k", LIMIT)).allowed for _ in range(5)]
        clock.now += 6
        await limiter.acquire("k", LIMIT)
        shared.up = True
        clock.now += 6
        recovered = await limiter.acquire("k", LIMIT)

    assert local == [True] * 4 + [False]
    assert shared.calls == 3  # not one per request while paused
    assert recovered == RateDecision(allowed=False, retry_after_seconds=7.0)
    messages = [record.getMessage() for record in caplog.records]
    assert sum("unavailable" in message for message in messages) == 1
    assert sum("answers again" in message for message in messages) == 1
