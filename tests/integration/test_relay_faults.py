"""The relay when things go wrong: a transaction that commits late, an event it cannot decode."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest

from hisab.bootstrap import open_outbox, open_relay
from hisab.event_store.adapters.postgres.database import PostgresDatabase
from hisab.event_store.outbox import PoisonEventError
from hisab.event_store.ports import Database
from hisab.event_store.relay_monitor import RelayState
from tests.broker import Broker, consume_until, new_topic
from tests.builders import metadata, opening_events
from tests.relaying import (
    assert_delivered,
    database_url,
    eventually,
    relay_settings,
    run_commands,
    running_relay,
    spoil,
    stored_events,
)

pytestmark = pytest.mark.kafka
TENANTS = ["tenant-a", "tenant-b"]


@pytest.fixture
async def postgres(postgres_url: str) -> AsyncIterator[Database[Any]]:
    """PostgreSQL alone: SQLite's single writer cannot hold one transaction open while others commit."""
    database = await PostgresDatabase.open(postgres_url, min_size=1, max_size=12)
    yield database
    await database.close()


@pytest.mark.postgres
async def test_the_relay_waits_for_a_transaction_that_commits_late_and_never_skips_it(
    postgres: Database[Any], postgres_url: str, kafka_broker: Broker
) -> None:
    topic, database = new_topic(), postgres
    async with running_relay(relay_settings(postgres_url, kafka_broker.bootstrap, topic)) as relay:
        await run_commands(database, 30, TENANTS, seed=21)
        async with database.transaction("tenant-late") as late:
            held = await late.events.append("late-invoice", 0, opening_events("late-invoice"), metadata("tenant-late"))
            await run_commands(database, 60, TENANTS, seed=22)
            hole = held[0].position
            before = max(s.position for s in await stored_events(database) if s.position < hole)
            await eventually(lambda: relay.monitor.snapshot().last_published_position == before)
            await asyncio.sleep(0.3)  # several polls of the relay, with every later event committed
            assert relay.monitor.snapshot().last_published_position == before
            await late.commit()
        stored = await stored_events(database)
        assert stored[-1].position > hole
        received = await asyncio.to_thread(consume_until, kafka_broker.bootstrap, topic, [s.event_id for s in stored])
    assert_delivered(received, stored)


async def test_a_poison_event_stops_the_relay_loudly_after_publishing_what_came_before(
    database: Database[Any], backend: tuple[str, str], kafka_broker: Broker
) -> None:
    topic, url = new_topic(), database_url(backend)
    await run_commands(database, 10, TENANTS, seed=23)
    stored = await stored_events(database)
    poison = stored[len(stored) // 2]
    settings = relay_settings(url, kafka_broker.bootstrap, topic)
    outbox = await open_outbox(settings)
    try:
        await spoil(url, poison.position)
        async with open_relay(settings) as relay:
            with pytest.raises(PoisonEventError) as raised:
                await relay.run(asyncio.Event())
        record = await outbox.record(topic)
    finally:
        await outbox.close()
    assert raised.value.position == poison.position
    assert relay.monitor.snapshot().state is RelayState.STOPPED
    assert not relay.monitor.healthy
    assert record is not None
    assert (record.status, record.position) == ("stopped", poison.position - 1)
    assert f"hisab relay inspect {poison.position}" in (record.detail or "")
    before = [s for s in stored if s.position < poison.position]
    received = await asyncio.to_thread(consume_until, kafka_broker.bootstrap, topic, [s.event_id for s in before])
    assert_delivered(received, before)
