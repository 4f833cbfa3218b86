"""The composition root: the one place that picks adapters from settings."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

from starlette.applications import Starlette

from hisab.api.http import create_app
from hisab.application.ports import Database
from hisab.application.services import Services
from hisab.config import Settings
from hisab.infrastructure.migrations import ensure_at_head, migrate
from hisab.infrastructure.postgres.database import PostgresDatabase
from hisab.infrastructure.rate_table_file import load_rate_table
from hisab.infrastructure.sqlite.database import SQLiteDatabase


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
        yield Services(
            database=database,
            rates=load_rate_table(settings.vat_rates_file),
            clock=lambda: datetime.now(UTC),
            new_id=lambda: str(uuid.uuid4()),
            issuing_unit=settings.issuing_unit,
        )
    finally:
        await database.close()


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
