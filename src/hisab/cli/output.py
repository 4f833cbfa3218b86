"""How the command line reports: errors in red on stderr, URLs without their passwords."""

from __future__ import annotations

import typer


def fail(message: str) -> typer.Exit:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    return typer.Exit(code=1)


def redacted(url: str) -> str:
    """The URL without its password, for printing."""
    scheme, _, rest = url.partition("://")
    credentials, at, location = rest.rpartition("@")
    return f"{scheme}://{credentials.split(':')[0]}{at}{location}" if at else url
