"""`hisab serve`: uvicorn with production settings, one process or several workers.

Each worker builds the app itself (`hisab.bootstrap:app_from_environment`), from the same
environment. On SIGTERM uvicorn stops accepting, lets in-flight requests finish for up to
HISAB_SHUTDOWN_TIMEOUT_SECONDS, closes the database pool, and the command exits 0.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import typer
import uvicorn

from hisab.access.adapters.tokens import Identity
from hisab.bootstrap import prepare_database
from hisab.cli.development import DEVELOPMENT_USERS, ensure_development_tenant
from hisab.cli.output import fail, redacted
from hisab.cli.token import issuer_or_fail
from hisab.config import ConfigurationError, Settings
from hisab.infrastructure.migrations import SchemaNotAtHeadError
from hisab.infrastructure.telemetry.logs import configure_logging
from hisab.infrastructure.telemetry.prometheus import MULTIPROCESS_DIRECTORY_VARIABLE, reset_multiprocess_directory
from hisab.infrastructure.token_keys import session_secret, token_issuer, token_verifier

APP_FACTORY = "hisab.bootstrap:app_from_environment"
DEV_TENANT, DEV_MAKER, DEV_CHECKER = "dev-tenant", "dev-user", "dev-checker"
# One user per level of the approval policy of docs/api.md, to walk an invoice through it by hand.
DEV_APPROVERS = (("dev-approver", "approver"), ("dev-manager", "manager"), ("dev-cfo", "cfo"))


class GracefulServer(uvicorn.Server):
    """uvicorn re-raises a caught SIGTERM once it has shut down, so the process would die by it.

    A SIGTERM is how every supervisor asks for a stop, and the stop was clean: exit 0 instead.
    """

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        with super().capture_signals():
            try:
                yield
            finally:
                self._captured_signals = [s for s in self._captured_signals if s != signal.SIGTERM]


def serve(settings: Settings) -> None:
    """Check what can be checked before binding the port, then serve until told to stop."""
    try:
        # Once, here: workers that each migrated a new SQLite file at start would race.
        asyncio.run(prepare_database(settings))
        # The token configuration is checked here too, so a mistake stops the start, not every request.
        token_verifier(settings, token_issuer(settings))
        # And the web app's session secret, which production must set.
        session_secret(settings)
        if not settings.is_production:
            _print_development_access(settings)
    except (SchemaNotAtHeadError, ConfigurationError, ValueError) as error:
        raise fail(str(error)) from error
    configure_logging(json=settings.json_logs, level=settings.log_level)
    options = _uvicorn_options(settings)
    with _metrics_directory(shared=settings.workers > 1):
        if settings.workers > 1:
            uvicorn.run(APP_FACTORY, workers=settings.workers, **options)
            return
        server = GracefulServer(uvicorn.Config(APP_FACTORY, **options))
        server.run()
    if not server.started:
        raise typer.Exit(code=1)


def _uvicorn_options(settings: Settings) -> dict[str, Any]:
    return {
        "factory": True,
        "host": settings.host,
        "port": settings.port,
        # Behind a proxy, the client's address and scheme come from X-Forwarded-* headers,
        # trusted only from the addresses in HISAB_FORWARDED_ALLOW_IPS.
        "proxy_headers": True,
        "forwarded_allow_ips": settings.forwarded_allow_ips,
        "timeout_graceful_shutdown": settings.shutdown_timeout_seconds,
        "timeout_keep_alive": settings.keep_alive_timeout_seconds,
        "limit_concurrency": settings.limit_concurrency,
        "server_header": False,
        # Our middleware writes the access log (with tenant, route and trace id); our logging
        # configuration formats uvicorn's own lines.
        "access_log": False,
        "log_config": None,
    }


@contextlib.contextmanager
def _metrics_directory(*, shared: bool) -> Iterator[None]:
    """Workers count into files in one directory, so that a scrape sees them all.

    That is prometheus-client's multiprocess mode; it needs the directory emptied at start.
    Several workers get a temporary one unless PROMETHEUS_MULTIPROC_DIR names one.
    """
    configured = os.environ.get(MULTIPROCESS_DIRECTORY_VARIABLE)
    if not configured and not shared:
        yield
        return
    directory = Path(configured) if configured else Path(tempfile.mkdtemp(prefix="hisab-metrics-"))
    reset_multiprocess_directory(directory)
    os.environ[MULTIPROCESS_DIRECTORY_VARIABLE] = str(directory)
    try:
        yield
    finally:
        if not configured:
            shutil.rmtree(directory, ignore_errors=True)


def _print_development_access(settings: Settings) -> None:
    """Two users with every permission: by segregation of duties, one approves what the other created;
    and one user for each level of an approval policy (approver, manager, cfo)."""
    issuer = issuer_or_fail(settings)
    base = f"http://{settings.host}:{settings.port}"
    typer.echo(f"Hisab ({settings.environment}) on {base}, database {redacted(settings.database_url)}")
    typer.echo(f"GraphiQL:  {base}/graphql")
    typer.echo(f"Development tokens (tenant {DEV_TENANT}); send one as 'Authorization: Bearer <token>'.")
    duties = (
        (DEV_MAKER, "maker: creates invoices and journal entries"),
        (DEV_CHECKER, "checker: approves and posts the maker's"),
    )
    for user, duty in duties:
        typer.echo(f"{user} ({duty}):")
        typer.echo(issuer.access_token(Identity(DEV_TENANT, user, ("admin",)), settings.dev_token_ttl_seconds))
    for user, role in DEV_APPROVERS:
        typer.echo(f"{user} ({role}: approves one level under an approval policy):")
        typer.echo(issuer.access_token(Identity(DEV_TENANT, user, (role,)), settings.dev_token_ttl_seconds))
    _print_development_sign_in(settings, base)


def _print_development_sign_in(settings: Settings, base: str) -> None:
    passwords = asyncio.run(ensure_development_tenant(settings, DEV_TENANT))
    typer.echo("")
    typer.secho(f"Open {base}/ in a browser and sign in (tenant {DEV_TENANT}):", bold=True)
    for user in DEVELOPMENT_USERS:
        password = passwords[user.username]
        shown = f"password {password}" if password else "password as printed when it was added"
        typer.echo(f"  {user.username:<8} {shown:<40} {user.duty}")
    if any(passwords.values()):
        typer.echo("These passwords are printed only now; `hisab users passwd maker` sets a new one.")
