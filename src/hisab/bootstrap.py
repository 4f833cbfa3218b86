"""The composition root: the one place that picks adapters from settings."""

from __future__ import annotations

import asyncio
import contextlib
import os
import secrets
import socket
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from starlette.applications import Starlette

from hisab.api.http import create_app
from hisab.application.outbox import Outbox
from hisab.application.ports import Database
from hisab.application.relay import Relay, RelaySettings
from hisab.application.relay_monitor import RelayMonitor
from hisab.application.services import Services
from hisab.config import Settings
from hisab.infrastructure.kafka.client import KafkaOptions
from hisab.infrastructure.kafka.consumer import KafkaEventConsumer
from hisab.infrastructure.kafka.publisher import KafkaEventPublisher
from hisab.infrastructure.migrations import ensure_at_head, migrate
from hisab.infrastructure.postgres.database import PostgresDatabase
from hisab.infrastructure.postgres.outbox import PostgresOutbox
from hisab.infrastructure.rate_table_file import load_rate_table
from hisab.infrastructure.sqlite.database import SQLiteDatabase
from hisab.infrastructure.sqlite.outbox import SQLiteOutbox


class ConfigurationError(Exception):
    """The settings cannot work together; the message says what to change."""


async def open_database(settings: Settings) -> Database:
    """Connect to the configured database, migrating it first if the settings say so."""
    if settings.migrates_on_start:
        if settings.is_sqlite:
            _sqlite_path(settings.database_url).parent.mkdir(parents=True, exist_ok=True)
        await migrate(settings.database_url)
    await ensure_at_head(settings.database_url)
    if settings.is_sqlite:
        return await SQLiteDatabase.open(_sqlite_path(settings.database_url))
    return await PostgresDatabase.open(
        settings.database_url, min_size=settings.db_pool_min_size, max_size=settings.db_pool_max_size
    )


@asynccontextmanager
async def open_services(settings: Settings) -> AsyncIterator[Services]:
    database = await open_database(settings)
    try:
        async with _relay_in_process(settings) as monitor:
            yield Services(
                database=database,
                rates=load_rate_table(settings.vat_rates_file),
                clock=lambda: datetime.now(UTC),
                new_id=lambda: str(uuid.uuid4()),
                issuing_unit=settings.issuing_unit,
                relay=monitor,
            )
    finally:
        await database.close()


def kafka_options(settings: Settings) -> KafkaOptions:
    if settings.kafka_bootstrap is None:
        raise ConfigurationError(
            "HISAB_KAFKA_BOOTSTRAP is not set: the relay is off and events wait in the outbox until it is"
        )
    return KafkaOptions(
        bootstrap=settings.kafka_bootstrap,
        topic=settings.kafka_topic,
        partitions=settings.kafka_partitions,
        replication_factor=settings.kafka_replication_factor,
        delivery_timeout_ms=settings.kafka_delivery_timeout_ms,
        session_timeout_ms=settings.kafka_session_timeout_ms,
        extra=settings.kafka_client_config,
    )


async def open_outbox(settings: Settings) -> Outbox:
    """The relay's own connection, at HISAB_RELAY_DATABASE_URL (or HISAB_DATABASE_URL)."""
    url = settings.relay_url
    await ensure_at_head(url)
    if url.startswith("sqlite"):
        return await SQLiteOutbox.open(_sqlite_path(url))
    return await PostgresOutbox.open(url)


@asynccontextmanager
async def open_relay(settings: Settings, monitor: RelayMonitor | None = None) -> AsyncIterator[Relay]:
    """A relay wired to the configured database and broker, closed when the block ends."""
    options = kafka_options(settings)
    outbox = await open_outbox(settings)
    publisher = KafkaEventPublisher(options)
    relay_settings = RelaySettings(
        topic=options.topic,
        batch_size=settings.relay_batch_size,
        poll_interval=settings.relay_poll_interval_seconds,
        lease_seconds=settings.relay_lease_seconds,
        backoff_max=settings.relay_backoff_max_seconds,
        retention=timedelta(days=settings.outbox_retention_days) if settings.outbox_retention_days else None,
    )
    owner = f"{socket.gethostname()}/{os.getpid()}/{uuid.uuid4().hex[:8]}"
    try:
        yield Relay(outbox, publisher, monitor or RelayMonitor(), relay_settings, owner, lambda: datetime.now(UTC))
    finally:
        await publisher.close()
        await outbox.close()


def open_consumer(settings: Settings, group: str | None) -> KafkaEventConsumer:
    return KafkaEventConsumer(kafka_options(settings), group)


@asynccontextmanager
async def _relay_in_process(settings: Settings) -> AsyncIterator[RelayMonitor | None]:
    """With HISAB_RELAY_IN_PROCESS the server runs the relay beside it; readiness reports it."""
    if not settings.relay_in_process:
        yield None
        return
    monitor, stop = RelayMonitor(), asyncio.Event()
    async with open_relay(settings, monitor) as relay:
        task = asyncio.create_task(relay.run(stop), name="hisab-relay")
        try:
            yield monitor
        finally:
            stop.set()
            # A poison event already ended the task, logged and reported; shutdown goes on.
            with contextlib.suppress(Exception):
                await task


def jwt_secret(settings: Settings) -> str:
    """The configured secret; outside production, a generated one kept in the data directory."""
    if settings.jwt_secret is not None:
        return settings.jwt_secret.get_secret_value()
    if settings.environment == "production":
        raise ConfigurationError("HISAB_JWT_SECRET must be set in production")
    path = settings.data_dir / "jwt-secret"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(48))
    return path.read_text().strip()


def build_app(settings: Settings) -> Starlette:
    return create_app(settings, lambda: open_services(settings), jwt_secret(settings))


def _sqlite_path(database_url: str) -> Path:
    """`sqlite:///relative.db` and `sqlite:////absolute.db`, as SQLAlchemy writes them."""
    path = database_url.removeprefix("sqlite:///")
    if path == database_url or not path:
        raise ConfigurationError("an SQLite URL looks like sqlite:///path/to/hisab.db")
    return Path(path)
