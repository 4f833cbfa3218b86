"""`hisab relay` as operators run it: killed mid-stream, two at once, and `hisab consume`."""

from __future__ import annotations

import asyncio
import json
import signal
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from hisab.bootstrap import open_outbox
from hisab.config import Settings
from hisab.event_store.outbox import RelayRecord
from hisab.event_store.ports import Database
from tests.broker import Broker, consume_until, new_topic
from tests.databases import open_database
from tests.relaying import assert_delivered, relay_environment, run_commands, spoil, stored_events

pytestmark = pytest.mark.kafka
HISAB = str(Path(sys.executable).with_name("hisab"))
TENANTS = ["tenant-a", "tenant-b", "tenant-c"]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{request.getfixturevalue('sqlite_path')}"
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
async def database(database_url: str) -> AsyncIterator[Database[Any]]:
    async with open_database(database_url) as opened:
        yield opened


@contextmanager
def relay_process(environment: dict[str, str], log_dir: Path) -> Iterator[subprocess.Popen[bytes]]:
    """`hisab relay` in a process of its own, ended (if still running) when the block ends."""
    log = log_dir / f"relay-{uuid.uuid4().hex[:6]}.log"
    with log.open("wb") as output:
        process = subprocess.Popen([HISAB, "relay"], env=environment, stdout=output, stderr=subprocess.STDOUT)
    try:
        yield process
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=15)


class RecordWatch:
    """The relay's recorded state, read again at every look."""

    def __init__(self, database_url: str, topic: str) -> None:
        self._settings = Settings(database_url=database_url, kafka_topic=topic)
        self.last: RelayRecord | None = None

    async def refresh(self) -> RelayRecord | None:
        outbox = await open_outbox(self._settings)
        try:
            self.last = await outbox.record(self._settings.kafka_topic)
        finally:
            await outbox.close()
        return self.last

    async def until(self, check: Callable[[RelayRecord], bool], seconds: float = 30) -> RelayRecord:
        deadline = asyncio.get_running_loop().time() + seconds
        while (record := await self.refresh()) is None or not check(record):
            assert asyncio.get_running_loop().time() < deadline, f"the relay's record stayed {record}"
            await asyncio.sleep(0.05)
        return record


def held_by(process: subprocess.Popen[bytes]) -> Callable[[RelayRecord], bool]:
    return lambda record: record.owner is not None and f"/{process.pid}/" in record.owner


async def test_a_relay_killed_mid_stream_and_restarted_loses_nothing(
    database: Database[Any], database_url: str, kafka_broker: Broker, tmp_path: Path
) -> None:
    topic = new_topic()
    environment = {**relay_environment(database_url, kafka_broker.bootstrap, topic), "HISAB_RELAY_BATCH_SIZE": "10"}
    watch = RecordWatch(database_url, topic)
    writing = asyncio.create_task(run_commands(database, 600, TENANTS, seed=11, workers=4))
    with relay_process(environment, tmp_path) as first:
        await watch.until(lambda record: record.position > 0)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    await writing
    killed_at = (await watch.refresh() or pytest.fail("no record")).position
    stored = await stored_events(database)
    assert killed_at < stored[-1].position, "the relay was killed after it had published everything"
    with relay_process(environment, tmp_path):
        received = await asyncio.to_thread(consume_until, kafka_broker.bootstrap, topic, [s.event_id for s in stored])
    assert_delivered(received, stored)


async def test_of_two_relays_one_publishes_and_the_other_takes_over_when_it_dies(
    database: Database[Any], database_url: str, kafka_broker: Broker, tmp_path: Path
) -> None:
    topic = new_topic()
    environment = relay_environment(database_url, kafka_broker.bootstrap, topic)
    watch = RecordWatch(database_url, topic)
    with relay_process(environment, tmp_path) as leader:
        await watch.until(held_by(leader))
        with relay_process(environment, tmp_path) as standby:
            await run_commands(database, 150, TENANTS, seed=12)
            published = (await stored_events(database))[-1].position
            record = await watch.until(lambda record: record.position == published)
            assert held_by(leader)(record), "the lease changed hands while both relays ran"
            assert standby.poll() is None
            leader.send_signal(signal.SIGKILL)
            leader.wait(timeout=10)
            await run_commands(database, 150, TENANTS, seed=13)
            await watch.until(held_by(standby), seconds=15)
            stored = await stored_events(database)
            wanted = [s.event_id for s in stored]
            received = await asyncio.to_thread(consume_until, kafka_broker.bootstrap, topic, wanted)
    assert_delivered(received, stored)


async def test_hisab_consume_prints_envelopes_that_round_trip(
    database: Database[Any], database_url: str, kafka_broker: Broker, tmp_path: Path
) -> None:
    topic = new_topic()
    environment = relay_environment(database_url, kafka_broker.bootstrap, topic)
    await run_commands(database, 20, TENANTS, seed=14)
    stored = await stored_events(database)
    with relay_process(environment, tmp_path):
        consumed = await asyncio.to_thread(
            subprocess.run, [HISAB, "consume", "--print", "--max-events", str(len(stored))],
            env=environment, capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
    assert consumed.returncode == 0, consumed.stderr
    assert f"{len(stored)} events read, {len(stored)} round-trip" in consumed.stderr
    printed = [json.loads(line) for line in consumed.stdout.splitlines()]
    assert sorted(envelope["event_id"] for envelope in printed) == sorted(s.event_id for s in stored)


async def test_a_poison_event_stops_hisab_relay_with_a_command_to_inspect_it(
    database: Database[Any], database_url: str, kafka_broker: Broker
) -> None:
    environment = relay_environment(database_url, kafka_broker.bootstrap, new_topic())
    await run_commands(database, 5, TENANTS, seed=15)
    poison = (await stored_events(database))[4]
    await spoil(database_url, poison.position)

    def hisab(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([HISAB, *args], env=environment, capture_output=True, text=True, timeout=60, check=False)

    stopped = await asyncio.to_thread(hisab, "relay")
    assert stopped.returncode == 2, stopped.stderr
    assert f"inspect it with `hisab relay inspect {poison.position}`" in stopped.stderr
    inspected = await asyncio.to_thread(hisab, "relay", "inspect")
    assert inspected.returncode == 1
    assert json.loads(inspected.stdout)["event_id"] == poison.event_id
    assert "cannot be published: UnknownEventTypeError: InvoiceRefunded.v9" in inspected.stderr
    status = await asyncio.to_thread(hisab, "relay", "status")
    assert status.returncode == 1
    assert "stopped" in status.stdout
    assert f"position   {poison.position - 1}" in status.stdout
