"""The outbox relay: publishes stored events in position order, at least once.

One relay per topic publishes at a time: it holds a lease in the database and renews it on
every step, so a crashed leader is replaced once its lease runs out. The position is
recorded only after the broker acknowledged a batch, so a crash repeats events and never
loses one. A broker or database that does not answer is retried with capped exponential
backoff; an event that cannot be decoded stops the relay (PoisonEventError propagates).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from hisab.event_store.outbox import EventPublisher, Outbox, PoisonEventError, PublishError
from hisab.event_store.relay_monitor import RelayMonitor

_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RelaySettings:
    topic: str
    batch_size: int = 500
    poll_interval: float = 0.2
    lease_seconds: float = 5.0
    backoff_initial: float = 0.5
    backoff_max: float = 30.0
    retention: timedelta | None = None  # how far back a relay with no recorded position starts


def backoff_delay(failures: int, initial: float, maximum: float, jitter: float) -> float:
    """Capped exponential backoff; `jitter` in [0, 1] spreads relays that failed together."""
    exponential: float = initial * 2 ** max(failures - 1, 0)
    return min(maximum, exponential) * (0.5 + jitter / 2)


class Relay:
    def __init__(
        self,
        outbox: Outbox,
        publisher: EventPublisher,
        monitor: RelayMonitor,
        settings: RelaySettings,
        owner: str,
        clock: Callable[[], datetime],
    ) -> None:
        self._outbox = outbox
        self._publisher = publisher
        self.monitor = monitor
        self._settings = settings
        self._owner = owner
        self._clock = clock
        self._failures = 0
        self._start: int | None = None
        self._leading = False

    async def run(self, stop: asyncio.Event) -> None:
        """Publish until `stop` is set; raises PoisonEventError after recording it."""
        try:
            while not stop.is_set():
                await self._pause(stop, await self._step())
        finally:
            if self._leading:
                try:
                    await self._outbox.release(self._settings.topic, self._owner)
                except Exception:  # the lease then simply runs out
                    _log.exception("relay: could not give up its lease")

    async def _step(self) -> float:
        """One claim-read-publish-record round; returns how long to wait before the next."""
        try:
            return await self._publish_next()
        except PoisonEventError as poison:
            await self._stop_on(poison)
            raise
        except PublishError as error:
            return await self._failed(f"the broker did not acknowledge: {error}")
        except Exception as error:  # the database or anything unforeseen: log, report, retry
            _log.exception("relay step failed")
            return await self._failed(f"{error.__class__.__name__}: {error}")

    async def _publish_next(self) -> float:
        topic = self._settings.topic
        position = await self._claim()
        if position is None:
            self.monitor.standing_by()
            return self._settings.lease_seconds / 3
        batch = await self._outbox.pending(position, self._settings.batch_size)
        if not batch:
            await self._measure_lag(position)
            self.monitor.caught_up(position)
            return self._settings.poll_interval
        async with self._renewing():
            await self._publisher.publish(batch)
        if not await self._outbox.advance(topic, self._owner, batch[-1].position):
            _log.warning("relay %s lost its lease while publishing; another relay continues", self._owner)
            self._leading = False
            return 0.0
        if self._failures:
            self._failures = 0
            await self._outbox.report(topic, self._owner, "publishing", None)
        self.monitor.published(len(batch), batch[-1].position)
        await self._measure_lag(batch[-1].position)
        return 0.0

    async def _claim(self) -> int | None:
        if self._start is None:
            since = self._clock() - self._settings.retention if self._settings.retention else None
            self._start = await self._outbox.start_position(since)
        s = self._settings
        position = await self._outbox.claim(s.topic, self._owner, s.lease_seconds, self._start)
        leading = position is not None
        if leading != self._leading:
            _log.info("relay %s %s the lease of %s", self._owner, "took" if leading else "lost", self._settings.topic)
            self._leading = leading
            if leading:
                await self._outbox.report(self._settings.topic, self._owner, "publishing", None)
        return position

    async def _measure_lag(self, position: int) -> None:
        backlog = await self._outbox.backlog(position)
        age = (self._clock() - backlog.oldest).total_seconds() if backlog.oldest else 0.0
        self.monitor.lagging(backlog.events, max(age, 0.0))

    async def _failed(self, detail: str) -> float:
        self._failures += 1
        self.monitor.failed(detail)
        _log.warning("relay: %s (attempt %d)", detail, self._failures)
        if self._leading:
            try:
                await self._outbox.report(self._settings.topic, self._owner, "failing", detail)
            except Exception:
                _log.exception("relay: could not record its failing status either")
        s = self._settings
        return backoff_delay(self._failures, s.backoff_initial, s.backoff_max, random.random())

    async def _stop_on(self, poison: PoisonEventError) -> None:
        detail = f"{poison}; inspect it with `hisab relay inspect {poison.position}`"
        self.monitor.stopped(detail)
        _log.error("relay stopped: %s", detail)
        await self._outbox.report(self._settings.topic, self._owner, "stopped", detail)

    async def _pause(self, stop: asyncio.Event, seconds: float) -> None:
        """Wait, renewing the lease meanwhile so a long backoff does not hand it over."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + seconds
        while not stop.is_set() and (remaining := deadline - loop.time()) > 0:
            slice_ = min(remaining, self._settings.lease_seconds / 3)
            try:
                await asyncio.wait_for(stop.wait(), slice_)
            except TimeoutError:
                if self._leading and remaining > slice_:
                    await self._renew()

    @asynccontextmanager
    async def _renewing(self) -> AsyncIterator[None]:
        """Keep the lease while a publish waits for the broker (up to its delivery timeout)."""

        async def renew() -> None:
            while True:
                await asyncio.sleep(self._settings.lease_seconds / 3)
                await self._renew()

        renewal = asyncio.create_task(renew())
        try:
            yield
        finally:
            renewal.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await renewal

    async def _renew(self) -> None:
        try:
            await self._claim()
        except Exception:
            _log.exception("relay: could not renew its lease")
