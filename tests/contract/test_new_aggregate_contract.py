"""The reshape's proof: an aggregate written only in tests/ gets the whole event store for free.

`tally.py` holds everything a new aggregate writes: its events (registered by type name), its
decisions, and its projection. This test adds nothing to the event store, the databases, the fake
or the composition root, yet on every backend the tally is recorded through the one write path, its
read model is kept in the command's transaction, a lost race is retried, and `rebuild --verify`
replays and compares its table like every other.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime
from typing import Any

import pytest

from hisab.event_store.adapters.codec import decode_event, encode_event
from hisab.event_store.messages import DomainEvent, StoredEvent
from hisab.event_store.ports import Database, Transaction
from hisab.event_store.projections import Projection, Projections
from hisab.event_store.streams import Recorded, Streams
from hisab.kernel.errors import ConcurrencyError, InvalidInputError
from tests.builders import actor
from tests.contract.tally import (
    CREATE_TALLIES,
    TALLIES,
    MemoryTallyProjection,
    SqlTallyProjection,
    Tally,
    TallyCounted,
    TallyOpened,
)
from tests.fakes import FakeDatabase


def _projection(database: Database[Any]) -> Projection[Any]:
    return MemoryTallyProjection() if isinstance(database, FakeDatabase) else SqlTallyProjection()


@pytest.fixture
async def tallies(database: Database[Any]) -> AsyncIterator[Streams[Any]]:
    """The write path over the backend with the tally's projection registered, and (SQL) its table."""
    sql = not isinstance(database, FakeDatabase)
    if sql:
        await _run(database, CREATE_TALLIES)
    yield Streams(database, Projections([_projection(database)]), lambda: datetime.now(UTC))
    if sql:
        await _run(database, "DROP TABLE test_tallies")


async def _run(database: Database[Any], statement: str) -> None:
    async with database.transaction("tenant-a") as transaction:
        await transaction.tables.fetch(statement, ())
        await transaction.commit()


async def _open(streams: Streams[Any], tally_id: str, name: str = "bricks") -> Recorded:
    async def decide(transaction: Transaction[Any], history: list[StoredEvent]) -> Sequence[DomainEvent]:
        return [TallyOpened(tally_id, name)]

    return await streams.start(actor(), lambda: tally_id, decide)


async def _count(streams: Streams[Any], tally_id: str, by: int, expected_version: int | None = None) -> Recorded:
    async def decide(transaction: Transaction[Any], history: list[StoredEvent]) -> Sequence[DomainEvent]:
        return [Tally.from_events([s.event for s in history]).count(by)]

    return await streams.change(actor(), tally_id, decide, noun="tally", expected_version=expected_version)


async def _row(database: Database[Any], tally_id: str) -> object:
    async with database.reading("tenant-a", "tallies.get") as tables:
        if isinstance(database, FakeDatabase):
            found: Tally = tables.table(TALLIES.name)[("tenant-a", tally_id)]
            return (found.name, found.total)
        rows = await tables.fetch(
            "SELECT name, total FROM test_tallies WHERE tally_id = " + tables.params().add(tally_id), (tally_id,)
        )
        return (rows[0][0], rows[0][1])


async def test_a_new_aggregates_events_are_stored_under_their_type_names() -> None:
    event = TallyCounted("t-1", 3)
    assert decode_event("TallyCounted.v1", encode_event(event)) == event


async def test_its_read_model_is_kept_in_the_commands_transaction(
    database: Database[Any], tallies: Streams[Any]
) -> None:
    await _open(tallies, "t-1")
    recorded = await _count(tallies, "t-1", 2)
    await _count(tallies, "t-1", 5)

    assert recorded.version == 2
    assert await _row(database, "t-1") == ("bricks", 7)


async def test_a_refused_decision_records_nothing(database: Database[Any], tallies: Streams[Any]) -> None:
    await _open(tallies, "t-1")
    with pytest.raises(InvalidInputError):
        await _count(tallies, "t-1", 0)

    assert len(await tallies.read("tenant-a", "t-1")) == 1
    assert await _row(database, "t-1") == ("bricks", 0)


async def test_concurrent_changes_without_a_version_are_retried_until_each_lands(
    database: Database[Any], tallies: Streams[Any]
) -> None:
    await _open(tallies, "t-1")
    await asyncio.gather(*(_count(tallies, "t-1", 1) for _ in range(5)))

    assert await _row(database, "t-1") == ("bricks", 5)


async def test_a_stale_expected_version_is_refused(tallies: Streams[Any]) -> None:
    await _open(tallies, "t-1")
    await _count(tallies, "t-1", 1)
    with pytest.raises(ConcurrencyError):
        await _count(tallies, "t-1", 1, expected_version=1)


async def test_the_rebuild_replays_and_verifies_the_new_read_model(
    database: Database[Any], tallies: Streams[Any]
) -> None:
    projections = Projections([_projection(database)])
    await _open(tallies, "t-1")
    await _count(tallies, "t-1", 4)
    assert await database.rebuild(projections, verify_only=True) == []

    async with database.transaction("tenant-a") as transaction:
        doctored = [s for s in await transaction.events.read_stream("tenant-a", "t-1")][:1]
        await projections.apply(transaction.tables, doctored, doctored)
        await transaction.commit()
    assert await database.rebuild(projections, verify_only=True) != []

    await database.rebuild(projections, verify_only=False)
    assert await database.rebuild(projections, verify_only=True) == []
    assert await _row(database, "t-1") == ("bricks", 4)
