"""One contract for every outbox: the fake, SQLite and PostgreSQL.

Each backend's subclass opens a database and its outbox, and says how to spoil an event so
that it can no longer be decoded (as an event written by a newer Hisab would look).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiosqlite
import asyncpg
import pytest

from hisab.event_store.adapters.postgres.database import PostgresDatabase
from hisab.event_store.adapters.postgres.outbox import PostgresOutbox
from hisab.event_store.adapters.sqlite.database import SQLiteDatabase
from hisab.event_store.adapters.sqlite.outbox import SQLiteOutbox
from hisab.event_store.messages import StoredEvent
from hisab.event_store.outbox import Outbox, PoisonEventError
from hisab.event_store.ports import Database
from tests.builders import metadata, opening_events
from tests.fakes import FakeDatabase, FakeOutbox

Spoil = Callable[[int], Awaitable[None]]
MOMENT = datetime(2026, 11, 26, 6, 0, tzinfo=UTC)


@dataclass
class Backend:
    database: Database[Any]
    outbox: Outbox
    spoil: Spoil


async def _append(backend: Backend, stream_id: str, tenant: str = "tenant-a") -> list[StoredEvent]:
    async with backend.database.transaction(tenant) as uow:
        stored = await uow.events.append(stream_id, 0, opening_events(stream_id), metadata(tenant))
        await uow.commit()
    return stored


class OutboxContract:
    @pytest.fixture
    def backend(self) -> Backend:
        """Each backend's subclass opens a fresh, empty database and its outbox here."""
        raise NotImplementedError

    async def test_pending_events_come_in_position_order_after_a_position(self, backend: Backend) -> None:
        written = [*await _append(backend, "inv-1"), *await _append(backend, "inv-2", "tenant-b")]
        assert await backend.outbox.pending(0, 100) == written
        assert await backend.outbox.pending(written[1].position, 2) == written[2:4]
        assert await backend.outbox.pending(written[-1].position, 100) == []

    async def test_a_poison_event_stops_reading_where_it_stands(self, backend: Backend) -> None:
        written = [*await _append(backend, "inv-1"), *await _append(backend, "inv-2")]
        await backend.spoil(written[4].position)
        assert await backend.outbox.pending(0, 100) == written[:4]
        with pytest.raises(PoisonEventError) as raised:
            await backend.outbox.pending(written[3].position, 100)
        assert raised.value.position == written[4].position
        assert raised.value.event_type == "LineItemAdded.v3"

    async def test_an_event_can_be_inspected_as_stored(self, backend: Backend) -> None:
        written = await _append(backend, "inv-1")
        raw = await backend.outbox.inspect(written[1].position)
        assert raw is not None
        assert (raw.event_id, raw.stream_id, raw.version, raw.event_type) == (
            written[1].event_id, "inv-1", 2, "LineItemAdded.v3",
        )  # fmt: skip
        assert "Steel Rods" in raw.payload
        assert await backend.outbox.inspect(written[-1].position + 100) is None

    async def test_the_backlog_counts_waiting_positions_and_dates_the_oldest(self, backend: Backend) -> None:
        assert await backend.outbox.backlog(0) == (await backend.outbox.backlog(5))
        written = await _append(backend, "inv-1")
        backlog = await backend.outbox.backlog(written[0].position)
        assert backlog.events == 2
        assert backlog.oldest == MOMENT
        assert (await backend.outbox.backlog(written[-1].position)).events == 0

    async def test_a_new_relay_starts_at_the_retention_horizon(self, backend: Backend) -> None:
        written = await _append(backend, "inv-1")
        assert await backend.outbox.start_position(None) == 0
        assert await backend.outbox.start_position(MOMENT - timedelta(days=1)) == written[0].position - 1
        assert await backend.outbox.start_position(MOMENT + timedelta(days=1)) == written[-1].position

    async def test_one_owner_holds_the_lease_and_only_it_records_a_position(self, backend: Backend) -> None:
        outbox = backend.outbox
        assert await outbox.claim("topic", "relay-a", 30, 7) == 7
        assert await outbox.claim("topic", "relay-b", 30, 0) is None
        assert await outbox.advance("topic", "relay-b", 9) is False
        assert await outbox.advance("topic", "relay-a", 9) is True
        assert await outbox.claim("topic", "relay-a", 30, 0) == 9
        await outbox.report("topic", "relay-a", "failing", "broker down")
        await outbox.report("topic", "relay-b", "publishing", None)
        record = await outbox.record("topic")
        assert record is not None
        assert (record.position, record.owner, record.status, record.detail) == (9, "relay-a", "failing", "broker down")
        assert 0 < record.lease_seconds_left <= 30
        assert await outbox.record("another-topic") is None

    async def test_a_released_or_expired_lease_is_taken_over(self, backend: Backend) -> None:
        outbox = backend.outbox
        assert await outbox.claim("topic", "relay-a", 30, 3) == 3
        await outbox.release("topic", "relay-a")
        assert await outbox.claim("topic", "relay-b", 0.05, 0) == 3
        await asyncio.sleep(0.1)  # the lease of relay-b runs out
        assert await outbox.claim("topic", "relay-c", 30, 0) == 3
        assert await outbox.advance("topic", "relay-b", 5) is False


class TestFakeOutbox(OutboxContract):
    @pytest.fixture
    async def backend(self) -> Backend:
        database = FakeDatabase()
        outbox = FakeOutbox(database)

        async def spoil(position: int) -> None:
            outbox.poison.add(position)

        return Backend(database, outbox, spoil)


_SPOIL = "UPDATE events SET event_type = 'Line' || 'ItemAdded.v3', payload = {payload} WHERE position = {position}"


class TestSQLiteOutbox(OutboxContract):
    @pytest.fixture
    async def backend(self, sqlite_path: Path) -> AsyncIterator[Backend]:
        database = await SQLiteDatabase.open(sqlite_path)
        outbox = await SQLiteOutbox.open(sqlite_path)

        async def spoil(position: int) -> None:
            async with aiosqlite.connect(sqlite_path) as connection:
                await connection.execute(_SPOIL.format(payload='\'{"quantity": "many"}\'', position="?"), (position,))
                await connection.commit()

        yield Backend(database, outbox, spoil)
        await outbox.close()
        await database.close()


@pytest.mark.postgres
class TestPostgresOutbox(OutboxContract):
    @pytest.fixture
    async def backend(self, postgres_url: str) -> AsyncIterator[Backend]:
        database = await PostgresDatabase.open(postgres_url, min_size=1, max_size=4)
        outbox = await PostgresOutbox.open(postgres_url)

        async def spoil(position: int) -> None:
            connection = await asyncpg.connect(postgres_url)
            try:
                await connection.execute(_SPOIL.format(payload='\'{"quantity": "many"}\'', position="$1"), position)
            finally:
                await connection.close()

        yield Backend(database, outbox, spoil)
        await outbox.close()
        await database.close()
