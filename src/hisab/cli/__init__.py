"""The `hisab` command: serve, migrate, mint tokens, rebuild projections, relay and consume events.

Further command groups live in modules of this package and are added to `app` here.
"""

from __future__ import annotations

import asyncio
import sys
from typing import Annotated

import typer
import uvicorn

from hisab.api.tokens import mint_token
from hisab.bootstrap import ConfigurationError, build_app, jwt_secret, open_database
from hisab.cli.consume import consume
from hisab.cli.relay import relay
from hisab.config import Settings
from hisab.infrastructure.migrations import SchemaNotAtHeadError, ensure_at_head, migrate

app = typer.Typer(help="Hisab: VAT-compliant invoicing for Bangladesh.", no_args_is_help=True, add_completion=False)
projections = typer.Typer(help="The read model projected from the event store.", no_args_is_help=True)
app.add_typer(projections, name="projections")
app.add_typer(relay, name="relay")
app.command()(consume)

DEV_TENANT, DEV_USER = "dev-tenant", "dev-user"


def _fail(message: str) -> typer.Exit:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    return typer.Exit(code=1)


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on [HISAB_HOST].")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on [HISAB_PORT].")] = None,
) -> None:
    """Run the HTTP/GraphQL server."""
    settings = Settings()
    settings = settings.model_copy(update={"host": host or settings.host, "port": port or settings.port})
    try:
        if not settings.migrates_on_start:
            asyncio.run(ensure_at_head(settings.database_url))
        application = build_app(settings)
    except (SchemaNotAtHeadError, ConfigurationError) as error:
        raise _fail(str(error)) from error
    if settings.environment != "production":
        _print_development_access(settings)
    uvicorn.run(application, host=settings.host, port=settings.port, log_level="info", proxy_headers=True)


def _print_development_access(settings: Settings) -> None:
    token = mint_token(jwt_secret(settings), DEV_TENANT, DEV_USER, settings.dev_token_ttl_seconds)
    base = f"http://{settings.host}:{settings.port}"
    typer.echo(f"Hisab ({settings.environment}) on {base}, database {_redacted(settings.database_url)}")
    typer.echo(f"GraphiQL:  {base}/graphql")
    typer.echo(f"Development token (tenant {DEV_TENANT}, user {DEV_USER}); send it as 'Authorization: Bearer <token>':")
    typer.echo(token)


@app.command("migrate")
def migrate_command() -> None:
    """Apply every pending database migration."""
    settings = Settings()
    asyncio.run(migrate(settings.database_url))
    typer.echo(f"{_redacted(settings.database_url)} is migrated to head")


@app.command()
def token(
    tenant: Annotated[str, typer.Option(help="The tenant the token acts for.")],
    user: Annotated[str, typer.Option(help="The user the token identifies.")],
    ttl: Annotated[int, typer.Option(help="Lifetime in seconds.")] = 3600,
) -> None:
    """Print a signed access token."""
    settings = Settings()
    try:
        typer.echo(mint_token(jwt_secret(settings), tenant, user, ttl))
    except (ConfigurationError, ValueError) as error:
        raise _fail(str(error)) from error


@projections.command("rebuild")
def rebuild(
    verify: Annotated[bool, typer.Option("--verify", help="Only compare a fresh replay with the live tables.")] = False,
) -> None:
    """Replay every event into fresh read-model tables (or, with --verify, compare only)."""
    differences = asyncio.run(_rebuild(Settings(), verify))
    for difference in differences:
        typer.echo(difference)
    if verify and differences:
        raise _fail(f"the read model differs from a replay of the event store ({len(differences)} differences)")
    typer.echo("verified: the read model equals a replay of the event store" if verify else "read model rebuilt")


async def _rebuild(settings: Settings, verify: bool) -> list[str]:
    database = await open_database(settings)
    try:
        return await database.admin.rebuild(verify_only=verify)
    finally:
        await database.close()


def _redacted(url: str) -> str:
    """The URL without its password, for printing."""
    scheme, _, rest = url.partition("://")
    credentials, at, location = rest.rpartition("@")
    return f"{scheme}://{credentials.split(':')[0]}{at}{location}" if at else url


def main() -> None:
    try:
        app()
    except SchemaNotAtHeadError as error:
        typer.secho(f"error: {error}", fg=typer.colors.RED, err=True)
        sys.exit(1)
