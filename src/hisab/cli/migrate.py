"""`hisab migrate`: apply migrations; `status`, `downgrade REV` and `new MESSAGE`."""

from __future__ import annotations

import asyncio
from typing import Annotated

import typer
from alembic.util.exc import CommandError

from hisab.bootstrap import migrate_database
from hisab.cli.output import fail, redacted
from hisab.config import Settings
from hisab.infrastructure.migrations import (
    current_revision,
    downgrade,
    history,
    new_revision,
    schema_state,
)

app = typer.Typer(help="Database migrations. With no subcommand: apply every pending one.")


@app.callback(invoke_without_command=True)
def upgrade(context: typer.Context) -> None:
    """Apply every pending database migration."""
    if context.invoked_subcommand is not None:
        return
    settings = Settings()
    asyncio.run(migrate_database(settings))
    typer.echo(f"{redacted(settings.owner_database_url)} is migrated to head")


@app.command()
def status() -> None:
    """Show the database's revision and every migration of this release, applied or pending."""
    settings = Settings()
    state = schema_state(asyncio.run(current_revision(settings.owner_database_url)))
    typer.echo(f"database {redacted(settings.owner_database_url)} is {state.describe()}")
    applied = state.current is not None and not state.ahead
    for revision in history():
        marker = "applied" if applied else "pending"
        typer.echo(f"  {revision.revision}  {marker:8} {revision.message.splitlines()[0] if revision.message else ''}")
        if revision.revision == state.current:
            applied = False


@app.command("downgrade")
def downgrade_command(
    revision: Annotated[str, typer.Argument(help="The revision to go back to; `base` undoes every migration.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Undo migrations down to REVISION. Tables a migration created are dropped with their data."""
    settings = Settings()
    current = asyncio.run(current_revision(settings.owner_database_url))
    if current is None:
        raise fail("the database has no migration applied; there is nothing to downgrade")
    if not yes:
        question = (
            f"Downgrade {redacted(settings.owner_database_url)} from {current} to {revision}? "
            "Tables and columns the undone migrations added are dropped, with their data."
        )
        typer.confirm(question, abort=True)
    try:
        asyncio.run(downgrade(settings.owner_database_url, revision))
    except CommandError as error:
        raise fail(f"{error} (see `hisab migrate status` for the revisions)") from error
    after = asyncio.run(current_revision(settings.owner_database_url))
    typer.echo(f"{redacted(settings.owner_database_url)} is now at {after or 'base (no migration)'}")


@app.command("new")
def new(message: Annotated[str, typer.Argument(help="What the migration does, in a few words.")]) -> None:
    """Write an empty migration after the head, for a developer to fill in."""
    path = new_revision(message)
    typer.echo(f"created {path}")
