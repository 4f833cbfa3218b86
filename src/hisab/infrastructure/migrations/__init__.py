"""Schema migrations (Alembic) for SQLite and PostgreSQL, and the check that a database is at head."""

from __future__ import annotations

import asyncio
import functools
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection
from sqlalchemy.ext.asyncio import create_async_engine


class SchemaNotAtHeadError(Exception):
    """The database is not migrated to the revision this code needs."""


SCRIPT_LOCATION = "hisab.infrastructure:migrations"


def alembic_config(database_url: str, script_location: str = SCRIPT_LOCATION) -> Config:
    config = Config()
    config.set_main_option("script_location", script_location)
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
    return _release()[0]


@dataclass(frozen=True, slots=True)
class Revision:
    revision: str
    message: str


def history() -> list[Revision]:
    """Every migration this release carries, oldest first."""
    scripts = list(_scripts().walk_revisions())
    return [Revision(s.revision, (s.doc or "").strip()) for s in reversed(scripts)]


@dataclass(frozen=True, slots=True)
class SchemaState:
    """Where a database's schema stands against the migrations of this release."""

    current: str | None
    head: str | None
    known: frozenset[str]

    @property
    def at_head(self) -> bool:
        return self.current == self.head

    @property
    def ahead(self) -> bool:
        """At a revision this release does not know: a newer release's migration was applied."""
        return self.current is not None and self.current not in self.known

    def describe(self) -> str:
        if self.at_head:
            return f"at head ({self.head})"
        if self.ahead:
            return f"at {self.current}, newer than this release's head {self.head}"
        return f"at {self.current or 'no migration'}, behind this release's head {self.head}"


def schema_state(current: str | None) -> SchemaState:
    head, known = _release()
    return SchemaState(current, head, known)


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


async def downgrade(database_url: str, revision: str) -> None:
    """Undo migrations down to `revision` (`base` undoes them all)."""
    await asyncio.to_thread(command.downgrade, alembic_config(database_url), revision)


def new_revision(message: str, script_location: str = SCRIPT_LOCATION) -> Path:
    """Write an empty migration after the head, numbered like the others; return its path."""
    config = alembic_config("sqlite://", script_location)
    head = ScriptDirectory.from_config(config).get_current_head()
    number = int(head) + 1 if head is not None and head.isdigit() else 1
    script = command.revision(config, message=message, rev_id=f"{number:04d}")
    if script is None or isinstance(script, list):
        raise RuntimeError("Alembic wrote no single revision")
    return Path(script.path)


def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config("sqlite://"))


@functools.cache
def _release() -> tuple[str | None, frozenset[str]]:
    """This release's head and every revision it knows; read from disk once, since probes ask often."""
    scripts = _scripts()
    return scripts.get_current_head(), frozenset(s.revision for s in scripts.walk_revisions())


def _revision_of(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()
