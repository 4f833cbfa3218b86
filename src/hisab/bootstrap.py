"""The composition root: the one place that picks adapters from settings."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from starlette.applications import Starlette

from hisab.api.http import create_app
from hisab.api.telemetry import Observability
from hisab.application.instrumented import InstrumentedDatabase
from hisab.application.ports import Database
from hisab.application.readiness import NotReadyError, Probe, Readiness
from hisab.application.services import Services
from hisab.config import Settings
from hisab.infrastructure.migrations import ensure_at_head, migrate, schema_state
from hisab.infrastructure.postgres.database import PostgresDatabase
from hisab.infrastructure.rate_table_file import load_rate_table
from hisab.infrastructure.sqlite.database import SQLiteDatabase
from hisab.infrastructure.telemetry.logs import configure_logging
from hisab.infrastructure.telemetry.prometheus import PrometheusMetrics
from hisab.infrastructure.telemetry.tracing import OpenTelemetryTracer, tracer_from_environment


class ConfigurationError(Exception):
    """The settings cannot work together; the message says what to change."""


@dataclass(frozen=True, slots=True)
class Telemetry:
    """The metrics and tracing adapters of one app: the HTTP layer and the use cases share them."""

    metrics: PrometheusMetrics
    tracer: OpenTelemetryTracer

    @classmethod
    def from_environment(cls) -> Telemetry:
        return cls(PrometheusMetrics.from_environment(), tracer_from_environment())


async def prepare_database(settings: Settings) -> None:
    """Migrate the database if the settings say so; raise SchemaNotAtHeadError unless it is at head."""
    if settings.migrates_on_start:
        if settings.is_sqlite:
            _sqlite_path(settings.database_url).parent.mkdir(parents=True, exist_ok=True)
        await migrate(settings.database_url)
    await ensure_at_head(settings.database_url)


async def open_database(settings: Settings) -> Database:
    """Connect to the configured database, migrating it first if the settings say so."""
    await prepare_database(settings)
    if settings.is_sqlite:
        return await SQLiteDatabase.open(_sqlite_path(settings.database_url))
    return await PostgresDatabase.open(
        settings.database_url, min_size=settings.db_pool_min_size, max_size=settings.db_pool_max_size
    )


@asynccontextmanager
async def open_services(settings: Settings, telemetry: Telemetry | None = None) -> AsyncIterator[Services]:
    telemetry = telemetry or Telemetry.from_environment()
    database = await open_database(settings)
    readiness = Readiness()
    readiness.register("migrations", schema_probe(database))
    try:
        yield Services(
            database=InstrumentedDatabase(database, telemetry.tracer, telemetry.metrics),
            rates=load_rate_table(settings.vat_rates_file),
            clock=lambda: datetime.now(UTC),
            new_id=lambda: str(uuid.uuid4()),
            issuing_unit=settings.issuing_unit,
            tracer=telemetry.tracer,
            metrics=telemetry.metrics,
            readiness=readiness,
        )
    finally:
        await database.close()
        telemetry.tracer.shutdown()


def schema_probe(database: Database) -> Probe:
    """Ready at this release's head, or ahead of it: a rolling upgrade may migrate before replacing us.

    The new release's migrations must keep the old code working (expand, then contract a
    release later; docs/operations.md), so a schema that is ahead does not take us out of service.
    """

    async def probe() -> str:
        state = schema_state(await database.schema_revision())
        if state.at_head or state.ahead:
            return state.describe()
        raise NotReadyError(f"the schema is {state.describe()}: run `hisab migrate`")

    return probe


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


def build_app(settings: Settings, telemetry: Telemetry | None = None) -> Starlette:
    telemetry = telemetry or Telemetry.from_environment()
    observability = Observability(telemetry.metrics, telemetry.tracer)
    return create_app(settings, lambda: open_services(settings, telemetry), jwt_secret(settings), observability)


def app_from_environment() -> Starlette:
    """The app factory uvicorn calls in each worker process (`hisab serve --workers N`)."""
    settings = Settings()
    configure_logging(json=settings.json_logs, level=settings.log_level)
    return build_app(settings)


def _sqlite_path(database_url: str) -> Path:
    """`sqlite:///relative.db` and `sqlite:////absolute.db`, as SQLAlchemy writes them."""
    path = database_url.removeprefix("sqlite:///")
    if path == database_url or not path:
        raise ConfigurationError("an SQLite URL looks like sqlite:///path/to/hisab.db")
    return Path(path)
