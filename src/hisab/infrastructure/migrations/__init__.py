"""Schema migrations (Alembic) for SQLite and PostgreSQL, and the check that a database is at head."""

from __future__ import annotations

import asyncio

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection
from sqlalchemy.ext.asyncio import create_async_engine


class SchemaNotAtHeadError(Exception):
    """The database is not migrated to the revision this code needs."""


def alembic_config(database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", "hisab.infrastructure:migrations")
    config.attributes["database_url"] = sqlalchemy_url(database_url)
    return config


def sqlalchemy_url(database_url: str) -> str:
    """Our URLs name no driver; Alembic is given the async drivers the service uses."""
    if database_url.startswith("sqlite:"):
        return "sqlite+aiosqlite:" + database_url.removeprefix("sqlite:")
    for scheme in ("postgresql:", "postgres:"):
        if database_url.startswith(scheme):
            return "postgresql+asyncpg:" + database_url.removeprefix(scheme)
    raise ValueError("the database URL must start with sqlite: or postgresql:")


def upgrade_to_head(database_url: str) -> None:
    """Apply every pending migration (blocking; call it off the event loop)."""
    command.upgrade(alembic_config(database_url), "head")


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


async def current_revision(database_url: str) -> str | None:
    engine = create_async_engine(sqlalchemy_url(database_url))
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(_revision_of)
    finally:
        await engine.dispose()


async def ensure_at_head(database_url: str) -> None:
    current, head = await current_revision(database_url), head_revision()
    if current != head:
        raise SchemaNotAtHeadError(
            f"the database is at migration {current or 'none'} but this version of Hisab needs {head}; "
            "run `hisab migrate` first"
        )


async def migrate(database_url: str) -> None:
    await asyncio.to_thread(upgrade_to_head, database_url)


def _revision_of(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()
