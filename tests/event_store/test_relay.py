"""The relay loop against the in-memory outbox and publisher: retries, leases, poison."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from hisab.event_store.outbox import PoisonEventError
from hisab.event_store.relay import Relay, RelaySettings, backoff_delay
from hisab.event_store.relay_monitor import RelayMonitor, RelayState
from tests.builders import metadata, opening_events
from tests.fakes import FakeDatabase, FakeOutbox, FakePublisher
from tests.relaying import eventually

FAST = RelaySettings(topic="events", batch_size=2, poll_interval=0.01, lease_seconds=0.3, backoff_initial=0.01,
                     backoff_max=0.02)  # fmt: skip


async def _write(database: FakeDatabase, *streams: str) -> None:
    for stream in streams:
        async with database.transaction("tenant-a") as uow:
            await uow.events.append(stream, 0, opening_events(stream), metadata())
            await uow.commit()


def _relay(
    outbox: FakeOutbox, publisher: FakePublisher, owner: str = "relay-a", retention: timedelta | None = None
) -> Relay:
    settings = replace(FAST, retention=retention)
    return Relay(outbox, publisher, RelayMonitor(), settings, owner, lambda: datetime(2026, 11, 27, tzinfo=UTC))


@asynccontextmanager
async def _running(relay: Relay) -> AsyncIterator[asyncio.Task[None]]:
    stop = asyncio.Event()
    task = asyncio.create_task(relay.run(stop))
    try:
        yield task
    finally:
        stop.set()
        await task


def test_backoff_doubles_from_the_initial_delay_up_to_the_cap() -> None:
    assert [backoff_delay(n, 0.5, 4.0, jitter=1.0) for n in range(1, 6)] == [0.5, 1.0, 2.0, 4.0, 4.0]
    assert backoff_delay(3, 0.5, 4.0, jitter=0.0) == 1.0


async def test_a_broker_that_fails_is_retried_until_every_event_is_published_in_order() -> None:
    database, publisher = FakeDatabase(), FakePublisher()
    outbox = FakeOutbox(database)
    await _write(database, "inv-1", "inv-2")
    publisher.failures = 3
    relay = _relay(outbox, publisher)
    async with _running(relay):
        await eventually(lambda: len(publisher.published) == 6)
        record = await outbox.record("events")
    assert publisher.published == database.state.events
    assert record is not None
    assert record.position == 6
    metrics = relay.monitor.snapshot()
    assert (metrics.publish_failures_total, metrics.published_events_total) == (3, 6)
    assert relay.monitor.healthy


async def test_while_the_broker_fails_the_position_stays_and_the_relay_is_unhealthy() -> None:
    database, publisher = FakeDatabase(), FakePublisher()
    outbox = FakeOutbox(database)
    await _write(database, "inv-1")
    publisher.failures = 1_000_000
    relay = _relay(outbox, publisher)
    async with _running(relay):
        await eventually(lambda: relay.monitor.snapshot().publish_failures_total >= 3)
        assert relay.monitor.snapshot().state is RelayState.FAILING
        assert not relay.monitor.healthy
        record = await outbox.record("events")
        assert record is not None
        assert (record.position, record.status) == (0, "failing")
        publisher.failures = 0
        await eventually(lambda: relay.monitor.healthy and len(publisher.published) == 3)


async def test_a_second_relay_stands_by_and_takes_over_when_the_first_stops() -> None:
    database, first_publisher, second_publisher = FakeDatabase(), FakePublisher(), FakePublisher()
    outbox = FakeOutbox(database)
    await _write(database, "inv-1")
    first, second = _relay(outbox, first_publisher, "relay-a"), _relay(outbox, second_publisher, "relay-b")
    async with _running(first):
        await eventually(lambda: len(first_publisher.published) == 3)
        async with _running(second):
            await eventually(lambda: second.monitor.snapshot().state is RelayState.STANDBY)
            await _write(database, "inv-2")
            await eventually(lambda: len(first_publisher.published) == 6)
    assert second_publisher.published == []
    async with _running(second):
        await _write(database, "inv-3")
        await eventually(lambda: len(second_publisher.published) == 3)
    assert [e.stream_id for e in second_publisher.published] == ["inv-3"] * 3


async def test_a_leader_keeps_its_lease_while_a_slow_broker_acknowledges() -> None:
    database, slow, other = FakeDatabase(), FakePublisher(), FakePublisher()
    outbox = FakeOutbox(database)
    await _write(database, "inv-1")
    slow.delay = 3 * FAST.lease_seconds
    first, second = _relay(outbox, slow, "relay-a"), _relay(outbox, other, "relay-b")
    async with _running(first):
        await eventually(lambda: slow.attempts > 0)  # it holds the lease and waits for the broker
        async with _running(second):
            await eventually(lambda: len(slow.published) == 3)
    assert other.published == []


async def test_a_poison_event_stops_the_relay_after_what_came_before() -> None:
    database, publisher = FakeDatabase(), FakePublisher()
    outbox = FakeOutbox(database)
    await _write(database, "inv-1", "inv-2")
    outbox.poison.add(5)
    relay = _relay(outbox, publisher)
    with pytest.raises(PoisonEventError):
        await relay.run(asyncio.Event())
    assert [e.position for e in publisher.published] == [1, 2, 3, 4]
    assert relay.monitor.snapshot().state is RelayState.STOPPED
    record = await outbox.record("events")
    assert record is not None
    assert (record.status, record.owner) == ("stopped", None)
    assert "hisab relay inspect 5" in (record.detail or "")


async def test_a_new_relay_starts_at_the_retention_horizon() -> None:
    database, publisher = FakeDatabase(), FakePublisher()
    outbox = FakeOutbox(database)
    await _write(database, "old")
    # The relay's clock reads a day after the events: a half-day retention leaves them out.
    relay = _relay(outbox, publisher, retention=timedelta(hours=12))
    async with _running(relay):
        await eventually(lambda: relay.monitor.snapshot().state is RelayState.PUBLISHING)
        await _write(database, "new")
        await eventually(lambda: len(publisher.published) == 3)
    assert {e.stream_id for e in publisher.published} == {"new"}


def test_the_monitor_reports_a_rate_over_the_last_minute() -> None:
    now = [1000.0]
    monitor = RelayMonitor(clock=lambda: now[0])
    monitor.published(120, 120)
    now[0] += 30
    monitor.published(60, 180)
    assert monitor.snapshot().publish_rate == 3.0
    now[0] += 45
    assert monitor.snapshot().publish_rate == 1.0
