"""The relay against a real broker: every event arrives, in order per invoice."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from hisab.event_store.ports import Database
from tests.broker import Broker, consume_until, new_topic
from tests.relaying import assert_delivered, database_url, relay_settings, run_commands, running_relay, stored_events

pytestmark = pytest.mark.kafka


async def test_a_thousand_commands_over_several_tenants_arrive_once_each_and_in_order(
    database: Database[Any], backend: tuple[str, str], kafka_broker: Broker
) -> None:
    topic = new_topic()
    async with running_relay(relay_settings(database_url(backend), kafka_broker.bootstrap, topic)) as relay:
        await run_commands(database, 1000, ["tenant-a", "tenant-b", "tenant-c", "tenant-d"], seed=4)
        stored = await stored_events(database)
        received = await asyncio.to_thread(consume_until, kafka_broker.bootstrap, topic, [s.event_id for s in stored])
    assert_delivered(received, stored)
    assert len({s.metadata.tenant_id for s in stored}) == 4
    metrics = relay.monitor.snapshot()
    assert metrics.published_events_total >= len(stored)
    assert metrics.last_published_position == stored[-1].position
