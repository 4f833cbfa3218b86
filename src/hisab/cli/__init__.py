"""The `hisab` command: serve, migrate, verify, mint tokens, rebuild projections, relay and consume events.

Command groups and the larger commands live in modules of this package and are added to `app` here.
"""

from __future__ import annotations

import asyncio
import sys
from typing import Annotated

import typer

from hisab.bootstrap import open_database
from hisab.bootstrap import projections as registered_projections
from hisab.cli import migrate, serve, verify
from hisab.cli.bench import bench
from hisab.cli.consume import consume
from hisab.cli.output import fail
from hisab.cli.relay import relay
from hisab.cli.token import token
from hisab.cli.users import users
from hisab.config import Settings
from hisab.infrastructure.migrations import SchemaNotAtHeadError

app = typer.Typer(help="Hisab: VAT-compliant invoicing for Bangladesh.", no_args_is_help=True, add_completion=False)
projections = typer.Typer(help="The read model projected from the event store.", no_args_is_help=True)
app.add_typer(projections, name="projections")
app.add_typer(migrate.app, name="migrate")
app.add_typer(bench, name="bench")
app.add_typer(users, name="users")
app.command("verify")(verify.verify)
app.command()(token)
app.add_typer(relay, name="relay")
app.command()(consume)


@app.command("serve")
def serve_command(
    host: Annotated[str | None, typer.Option(help="Address to listen on [HISAB_HOST].")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on [HISAB_PORT].")] = None,
    workers: Annotated[int | None, typer.Option(min=1, help="Worker processes [HISAB_WORKERS].")] = None,
) -> None:
    """Run the HTTP/GraphQL server."""
    settings = Settings()
    overrides = {"host": host, "port": port, "workers": workers}
    serve.serve(settings.model_copy(update={k: v for k, v in overrides.items() if v is not None}))


@projections.command("rebuild")
def rebuild(
    verify: Annotated[bool, typer.Option("--verify", help="Only compare a fresh replay with the live tables.")] = False,
) -> None:
    """Replay every event into fresh read-model tables (or, with --verify, compare only)."""
    differences = asyncio.run(_rebuild(Settings(), verify))
    for difference in differences:
        typer.echo(difference)
    if verify and differences:
        raise fail(f"the read model differs from a replay of the event store ({len(differences)} differences)")
    typer.echo("verified: the read model equals a replay of the event store" if verify else "read model rebuilt")


async def _rebuild(settings: Settings, verify: bool) -> list[str]:
    # As the tables' owner: row-level security would hide every tenant's events from the service role.
    database = await open_database(settings, as_owner=True)
    try:
        return await database.rebuild(registered_projections(), verify_only=verify)
    finally:
        await database.close()


def main() -> None:
    try:
        app()
    except SchemaNotAtHeadError as error:
        typer.secho(f"error: {error}", fg=typer.colors.RED, err=True)
        sys.exit(1)
