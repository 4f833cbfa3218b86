"""PostgreSQL commits positions out of order; the outbox never reads past one that may still come."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from hisab.event_store.adapters.postgres.database import PostgresDatabase
from hisab.event_store.adapters.postgres.outbox import PostgresOutbox
from hisab.event_store.messages import StoredEvent
from tests.builders import metadata, opening_events

pytestmark = pytest.mark.postgres


@pytest.fixture
async def database(postgres_url: str) -> AsyncIterator[PostgresDatabase]:
    database = await PostgresDatabase.open(postgres_url, min_size=1, max_size=4)
    yield database
    await database.close()


@pytest.fixture
async def outbox(postgres_url: str) -> AsyncIterator[PostgresOutbox]:
    outbox = await PostgresOutbox.open(postgres_url)
    yield outbox
    await outbox.close()


async def test_a_transaction_that_commits_late_is_read_before_later_ones(
    database: PostgresDatabase, outbox: PostgresOutbox
) -> None:
    async with database.transaction("tenant-a") as late:
        held = await late.events.append("late", 0, opening_events("late"), metadata())
        async with database.transaction("tenant-b") as early:
            committed = await early.events.append("early", 0, opening_events("early"), metadata("tenant-b"))
            await early.commit()
        assert min(s.position for s in held) < min(s.position for s in committed)
        assert await outbox.pending(0, 100) == []
        await late.commit()
    assert await outbox.pending(0, 100) == [*held, *committed]


async def test_a_rolled_back_hole_is_passed_once_the_transactions_running_when_it_was_seen_end(
    database: PostgresDatabase, outbox: PostgresOutbox
) -> None:
    async with database.transaction("tenant-a") as bystander:
        await bystander.counters.next_value("tenant-a", "anything")  # holds a transaction id, writes no event
        async with database.transaction("tenant-a") as doomed:
            await doomed.events.append("doomed", 0, opening_events("doomed"), metadata())
            async with database.transaction("tenant-b") as later:
                committed = await later.events.append("later", 0, opening_events("later"), metadata("tenant-b"))
                await later.commit()
        assert await outbox.pending(0, 100) == []  # the hole may belong to the bystander
        await bystander.commit()
    assert await _pending_once_settled(outbox) == committed


async def _pending_once_settled(outbox: PostgresOutbox) -> list[StoredEvent]:
    """What the outbox reads once no older transaction on the server is running.

    Snapshots are server-wide: a transaction of another database on the same server (another
    test run, a benchmark) also holds the horizon back for a moment, so the read is retried.
    """
    for _ in range(100):
        if pending := await outbox.pending(0, 100):
            return pending
        await asyncio.sleep(0.1)
    return []
