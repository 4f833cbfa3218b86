"""The server with its relay in process: the broker stops, readiness goes red, nothing is lost."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from hisab.bootstrap import open_outbox
from hisab.config import Settings
from hisab.event_store.messages import StoredEvent
from hisab.event_store.ports import Database
from hisab.infrastructure.kafka.consumer import ReceivedEvent
from tests.broker import Broker, consume_until, new_topic
from tests.conftest import start_broker
from tests.databases import open_database
from tests.e2e.server import running_server, settings_for
from tests.relaying import RELAY_ENVIRONMENT, assert_delivered, run_commands, stored_events

pytestmark = pytest.mark.kafka
TENANTS = ["tenant-a", "tenant-b"]
OUTAGE_SECONDS = 3.0


@pytest.fixture
def broker(tmp_path: Path) -> Iterator[Broker]:
    """A broker of this test's own, since the test stops it."""
    broker = start_broker(tmp_path)
    yield broker
    broker.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'hisab.db'}"
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
def topic() -> str:
    return new_topic()


@pytest.fixture
def base_url(database_url: str, broker: Broker, topic: str, tmp_path: Path) -> Iterator[str]:
    relay = {key.removeprefix("HISAB_").lower(): value for key, value in RELAY_ENVIRONMENT.items()}
    fields = {**settings_for(database_url, tmp_path).model_dump(), **relay}
    settings = Settings.model_validate({**fields, "kafka_bootstrap": broker.bootstrap, "kafka_topic": topic,
                                        "relay_in_process": True})  # fmt: skip
    with running_server(settings) as url:
        yield url


@pytest.fixture
async def database(database_url: str, base_url: str) -> AsyncIterator[Database[Any]]:
    """A second connection beside the server's, to write commands fast and read what is stored."""
    async with open_database(database_url) as opened:
        yield opened


async def _readiness_becomes(http: httpx.AsyncClient, status: int, seconds: float = 30) -> dict[str, Any]:
    deadline = asyncio.get_running_loop().time() + seconds
    while (response := await http.get("/health/ready")).status_code != status:
        assert asyncio.get_running_loop().time() < deadline, f"readiness stayed {response.json()}"
        await asyncio.sleep(0.05)
    body: dict[str, Any] = response.json()
    return body


async def _published_up_to(database_url: str, topic: str, position: int, seconds: float = 30) -> None:
    outbox = await open_outbox(Settings(database_url=database_url, kafka_topic=topic))
    try:
        deadline = asyncio.get_running_loop().time() + seconds
        while (record := await outbox.record(topic)) is None or record.position < position:
            assert asyncio.get_running_loop().time() < deadline, f"the relay's record stayed {record}"
            await asyncio.sleep(0.05)
    finally:
        await outbox.close()


async def _consume(broker: Broker, topic: str, events: list[StoredEvent]) -> list[ReceivedEvent]:
    return await asyncio.to_thread(consume_until, broker.bootstrap, topic, [s.event_id for s in events])


async def test_a_broker_outage_turns_readiness_red_and_back_green_and_loses_nothing(
    database: Database[Any], database_url: str, base_url: str, broker: Broker, topic: str
) -> None:
    async with httpx.AsyncClient(base_url=base_url, timeout=10) as http:
        assert (await _readiness_becomes(http, 200))["checks"]["relay"]["status"] == "ok"
        await run_commands(database, 100, TENANTS, seed=31)
        before = await stored_events(database)
        await _published_up_to(database_url, topic, before[-1].position)
        # Tansu keeps messages in memory and comes back empty: read what it holds before stopping it.
        delivered_before = await _consume(broker, topic, before)

        broker.stop()
        await run_commands(database, 100, TENANTS, seed=32)
        down = await _readiness_becomes(http, 503)
        assert down["checks"]["relay"]["detail"].startswith("failing")
        assert down["checks"]["database"]["status"] == "ok"
        await asyncio.sleep(OUTAGE_SECONDS)
        broker.start()
        await _readiness_becomes(http, 200)

    after = [s for s in await stored_events(database) if s.position > before[-1].position]
    assert len(after) >= 100
    assert_delivered(delivered_before, before)
    assert_delivered(await _consume(broker, topic, after), after)
