"""Helpers of the relay tests: settings, a relay running in this process, commands, checks."""

from __future__ import annotations

import asyncio
import os
import random
from collections import defaultdict
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiosqlite
import asyncpg

from hisab.bootstrap import open_relay
from hisab.config import Settings
from hisab.event_store.messages import StoredEvent
from hisab.event_store.ports import Database
from hisab.event_store.relay import Relay
from hisab.infrastructure.kafka.consumer import ReceivedEvent
from hisab.infrastructure.kafka.envelope import encode_envelope
from hisab.invoicing.application.commands import ApproveInvoice, CancelInvoice, CreateInvoice
from hisab.invoicing.application.handlers import approve_invoice, cancel_invoice, create_invoice
from hisab.kernel.errors import ConflictError, IllegalTransitionError
from tests.builders import actor, checker, invoicing, steel_rods_draft

# Short times so that the tests take seconds: a lost leader is replaced after a second.
RELAY_ENVIRONMENT = {
    "HISAB_RELAY_LEASE_SECONDS": "1.0",
    "HISAB_RELAY_POLL_INTERVAL_SECONDS": "0.05",
    "HISAB_RELAY_BACKOFF_MAX_SECONDS": "0.5",
    "HISAB_RELAY_BATCH_SIZE": "50",
    "HISAB_KAFKA_DELIVERY_TIMEOUT_MS": "2000",
    "HISAB_KAFKA_PARTITIONS": "4",
    "HISAB_OUTBOX_RETENTION_DAYS": "0",
}


def relay_environment(database_url: str, bootstrap: str, topic: str) -> dict[str, str]:
    """The environment of a `hisab relay` subprocess: no HISAB_* of the caller's leaks in."""
    kept = {k: v for k, v in os.environ.items() if not k.startswith("HISAB_")}
    return {**kept, **RELAY_ENVIRONMENT, "HISAB_DATABASE_URL": database_url, "HISAB_KAFKA_BOOTSTRAP": bootstrap,
            "HISAB_KAFKA_TOPIC": topic}  # fmt: skip


def relay_settings(database_url: str, bootstrap: str, topic: str, data_dir: Path | None = None) -> Settings:
    fields: dict[str, object] = {key.removeprefix("HISAB_").lower(): value for key, value in RELAY_ENVIRONMENT.items()}
    if data_dir is not None:
        fields["data_dir"] = data_dir
    return Settings.model_validate(
        {**fields, "database_url": database_url, "kafka_bootstrap": bootstrap, "kafka_topic": topic}
    )


def database_url(backend: tuple[str, str]) -> str:
    kind, location = backend
    return f"sqlite:///{location}" if kind == "sqlite" else location


@asynccontextmanager
async def running_relay(settings: Settings) -> AsyncIterator[Relay]:
    stop = asyncio.Event()
    async with open_relay(settings) as relay:
        task = asyncio.create_task(relay.run(stop))
        try:
            yield relay
        finally:
            stop.set()
            await task


async def run_commands(
    database: Database[Any], count: int, tenants: Sequence[str], seed: int, workers: int = 8
) -> None:
    """`count` commands (creates, approvals, cancellations) over the tenants, `workers` at a time."""
    app = invoicing(database)
    chooser = random.Random(seed)
    owned: dict[str, list[str]] = defaultdict(list)
    plan = [(chooser.choice(tenants), chooser.random(), chooser.random()) for _ in range(count)]

    async def worker(share: list[tuple[str, float, float]]) -> None:
        for tenant, roll, pick in share:
            ids = owned[tenant]
            try:
                if roll < 0.5 or not ids:
                    ids.append((await create_invoice(CreateInvoice(steel_rods_draft()), actor(tenant), app)).invoice_id)
                elif roll < 0.8:
                    await approve_invoice(ApproveInvoice(ids[int(pick * len(ids))]), checker(tenant), app)
                else:
                    await cancel_invoice(CancelInvoice(ids[int(pick * len(ids))], "test"), actor(tenant), app)
            except (IllegalTransitionError, ConflictError):
                pass

    await asyncio.gather(*(worker(plan[n::workers]) for n in range(workers)))


async def eventually(check: Callable[[], bool], seconds: float = 30) -> None:
    """Wait until `check()` is true; fail if it does not come true within `seconds`."""
    deadline = asyncio.get_running_loop().time() + seconds
    while not check():
        assert asyncio.get_running_loop().time() < deadline, "the condition did not come true in time"
        await asyncio.sleep(0.02)


async def stored_events(database: Database[Any]) -> list[StoredEvent]:
    async with database.transaction("any") as uow:
        return await uow.events.read_all(0, 1_000_000)


def assert_delivered(received: Sequence[ReceivedEvent], stored: Sequence[StoredEvent]) -> None:
    """Every event exactly once in content (a repeat must be an identical re-send), each
    invoice's events in order on one partition, positions increasing on every partition."""
    expected = {s.event_id: encode_envelope(s) for s in stored}
    seen: dict[str, ReceivedEvent] = {}
    for message in received:
        assert message.value == expected.get(message.stored.event_id), f"unexpected {message.stored}"
        seen.setdefault(message.stored.event_id, message)
    assert set(seen) == set(expected), f"{len(set(expected) - set(seen))} events never arrived"
    firsts = sorted(seen.values(), key=lambda m: (m.partition, m.offset))
    per_stream: dict[str, list[ReceivedEvent]] = defaultdict(list)
    per_partition: dict[int, list[int]] = defaultdict(list)
    for message in firsts:
        per_stream[message.stored.stream_id].append(message)
        per_partition[message.partition].append(message.stored.position)
    for stream_id, messages in per_stream.items():
        assert len({m.partition for m in messages}) == 1, f"{stream_id} is spread over partitions"
        assert [m.stored.version for m in messages] == list(range(1, len(messages) + 1)), stream_id
    for partition, positions in per_partition.items():
        assert positions == sorted(positions), f"positions out of order on partition {partition}"


async def spoil(database_url: str, position: int) -> None:
    """Make the event at a position one this Hisab cannot decode, as a newer version might write."""
    statement = "UPDATE events SET event_type = 'InvoiceRefunded.v9' WHERE position = {}"
    if database_url.startswith("sqlite"):
        async with aiosqlite.connect(database_url.removeprefix("sqlite:///")) as connection:
            await connection.execute(statement.format("?"), (position,))
            await connection.commit()
        return
    connection = await asyncpg.connect(database_url)
    try:
        await connection.execute(statement.format("$1"), position)
    finally:
        await connection.close()
