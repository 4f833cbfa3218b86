"""`hisab verify`: is this machine and configuration ready to serve? Each failure says how to fix it."""

from __future__ import annotations

import asyncio
import sqlite3
import sys
from collections.abc import Awaitable
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import typer
from pydantic import ValidationError

from hisab.access.adapters.tokens import check_secret
from hisab.bootstrap import kafka_options
from hisab.cli.output import redacted
from hisab.config import ConfigurationError, Settings
from hisab.infrastructure.migrations import current_revision, schema_state
from hisab.infrastructure.token_keys import jwt_secret
from hisab.infrastructure.wire_checks import ProbeError, kafka_metadata, redis_ping

MIN_PYTHON = (3, 11)
MIN_POSTGRES = 13
MIN_SQLITE = (3, 35, 0)  # RETURNING, which the counters need
CONNECT_TIMEOUT_SECONDS = 5


@dataclass(frozen=True, slots=True)
class Finding:
    check: str
    ok: bool
    detail: str
    fix: str | None = None


def verify() -> None:
    """Check Python, the settings, the database and its migrations, Redis and Kafka when set, and the JWT secret."""
    try:
        settings = Settings()
    except ValidationError as error:
        _report([_python(), Finding("settings", False, str(error), "correct the HISAB_* variables named above")])
        raise typer.Exit(code=1) from error
    findings = [_python(), *asyncio.run(_services(settings)), _jwt(settings)]
    _report(findings)
    if not all(finding.ok for finding in findings):
        raise typer.Exit(code=1)


def _report(findings: list[Finding]) -> None:
    for finding in findings:
        mark, colour = ("ok  ", typer.colors.GREEN) if finding.ok else ("FAIL", typer.colors.RED)
        typer.secho(f"{mark} {finding.check:<11} {finding.detail}", fg=colour)
        if finding.fix is not None:
            typer.secho(f"     {'':<11} fix: {finding.fix}", fg=typer.colors.YELLOW)
    failed = sum(not finding.ok for finding in findings)
    summary = f"{failed} check(s) failed" if failed else "every check passed"
    typer.secho(summary, fg=typer.colors.RED if failed else typer.colors.GREEN, bold=True)


def _python() -> Finding:
    running = ".".join(map(str, sys.version_info[:3]))
    if sys.version_info[:2] >= MIN_PYTHON:
        return Finding("python", True, running)
    return Finding("python", False, running, f"install Python {'.'.join(map(str, MIN_PYTHON))} or newer")


async def _services(settings: Settings) -> list[Finding]:
    findings = await _database(settings)
    if settings.redis_url is not None:
        findings.append(await _probe("redis", redis_ping(settings.redis_url), "HISAB_REDIS_URL"))
    if settings.kafka_bootstrap is not None:
        # The relay's own options, HISAB_KAFKA_CLIENT_CONFIG (TLS, SASL) included.
        checked = kafka_metadata(kafka_options(settings))
        findings.append(await _probe("kafka", checked, "HISAB_KAFKA_BOOTSTRAP and HISAB_KAFKA_CLIENT_CONFIG"))
    return findings


async def _probe(check: str, probe: Awaitable[str], variables: str) -> Finding:
    try:
        return Finding(check, True, await probe)
    except ProbeError as error:
        return Finding(check, False, str(error), f"start the server, or correct {variables}")


async def _database(settings: Settings) -> list[Finding]:
    url = settings.database_url
    reached = _sqlite(url) if settings.is_sqlite else await _postgres(url)
    if not reached.ok:
        return [reached]
    fresh = settings.is_sqlite and not _sqlite_file(url).exists()
    return [reached, await _migrations(settings, fresh)]


async def _postgres(url: str) -> Finding:
    fix = "start PostgreSQL, or correct host, port, user, password and database in HISAB_DATABASE_URL"
    try:
        connection = await asyncpg.connect(url, timeout=CONNECT_TIMEOUT_SECONDS)
    except (OSError, TimeoutError, asyncpg.PostgresError) as error:
        return Finding("database", False, f"{redacted(url)}: {error.__class__.__name__}: {error}", fix)
    try:
        version = connection.get_server_version()
    finally:
        await connection.close()
    detail = f"{redacted(url)}: PostgreSQL {version.major}.{version.minor}"
    if version.major < MIN_POSTGRES:
        return Finding("database", False, detail, f"upgrade to PostgreSQL {MIN_POSTGRES} or newer")
    return Finding("database", True, detail)


def _sqlite_file(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


def _sqlite(url: str) -> Finding:
    path = _sqlite_file(url)
    detail = f"{path} with SQLite {sqlite3.sqlite_version}"
    if sqlite3.sqlite_version_info < MIN_SQLITE:
        return Finding("database", False, detail, "use a Python built with SQLite 3.35 or newer")
    directory = path.parent if path.parent != Path() else Path.cwd()
    if not path.exists() and directory.exists() and not directory.is_dir():
        return Finding("database", False, detail, f"{directory} is not a directory: correct HISAB_DATABASE_URL")
    return Finding("database", True, detail if path.exists() else f"{detail} (created on first start)")


async def _migrations(settings: Settings, fresh: bool) -> Finding:
    # A database file that does not exist yet has no migration; connecting would create it.
    state = schema_state(None if fresh else await current_revision(settings.database_url))
    if state.at_head:
        return Finding("migrations", True, state.describe())
    if state.ahead:
        fix = "deploy the release that wrote this migration, or downgrade with it (`hisab migrate downgrade`)"
        return Finding("migrations", False, state.describe(), fix)
    if settings.migrates_on_start:
        return Finding("migrations", True, f"{state.describe()}; applied on start (HISAB_AUTO_MIGRATE)")
    return Finding("migrations", False, state.describe(), "run `hisab migrate`")


def _jwt(settings: Settings) -> Finding:
    try:
        secret = jwt_secret(settings)
        check_secret(secret)
    except (ConfigurationError, ValueError) as error:
        return Finding("jwt", False, str(error), "set HISAB_JWT_SECRET, e.g. to `openssl rand -base64 48`")
    source = "HISAB_JWT_SECRET" if settings.jwt_secret is not None else f"generated in {settings.data_dir}"
    return Finding("jwt", True, f"HS256 secret of {len(secret.encode())} bytes ({source})")
