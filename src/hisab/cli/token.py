"""`hisab token`: mint tokens for development and tests, signed with the configured keys."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from hisab.access.adapters.tokens import Identity, TokenIssuer
from hisab.config import ConfigurationError, Settings
from hisab.infrastructure.token_keys import token_issuer


def issuer_or_fail(settings: Settings) -> TokenIssuer:
    issuer = token_issuer(settings)
    if issuer is None:
        raise ConfigurationError("no signing key: set HISAB_JWT_PRIVATE_KEY_FILE to mint RS256/ES256 tokens")
    return issuer


def token(
    tenant: Annotated[str, typer.Option(help="The tenant the token acts for.")],
    user: Annotated[str, typer.Option(help="The user the token identifies.")],
    role: Annotated[list[str] | None, typer.Option(help="A role to grant (repeatable); default: admin.")] = None,
    permission: Annotated[list[str] | None, typer.Option(help="A permission to grant (repeatable).")] = None,
    ttl: Annotated[int, typer.Option(help="Lifetime of the access token in seconds.")] = 3600,
    refresh: Annotated[
        bool, typer.Option("--refresh", help="Mint a refresh token too; prints both as JSON, as /auth/refresh does.")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Mint even with a production configuration.")] = False,
) -> None:
    """Print a signed access token (or, with --refresh, an access and refresh token pair)."""
    settings = Settings()
    if settings.is_production and not force:
        raise typer.BadParameter("refusing to mint tokens with a production configuration; add --force if you mean it")
    roles = ("admin",) if role is None and permission is None else tuple(role or ())
    try:
        issuer = issuer_or_fail(settings)
        identity = Identity(tenant, user, roles, tuple(permission or ()))
        if refresh:
            typer.echo(json.dumps(issuer.pair(identity).as_json()))
        else:
            typer.echo(issuer.access_token(identity, ttl))
    except (ConfigurationError, ValueError, OSError) as error:
        typer.secho(f"error: {error}", fg=typer.colors.RED, err=True)
        raise typer.Exit(code=1) from error
