"""A real Hisab server on a free loopback port, run by uvicorn in a thread, and a client for it."""

from __future__ import annotations

import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from pydantic import SecretStr
from starlette.applications import Starlette

from hisab.access.adapters.tokens import Identity, SigningKey, TokenIssuer
from hisab.bootstrap import build_app
from hisab.config import Settings
from tests.conftest import PostgresRoles

JWT_SECRET = "e2e-secret-that-is-long-enough-for-hs256-0123456789"
JWT_REFRESH_SECRET = "e2e-refresh-secret-that-is-long-enough-0123456789"
SESSION_SECRET = "e2e-session-secret-that-is-long-enough-0123456789"
ISSUER = TokenIssuer(SigningKey("HS256", JWT_SECRET), JWT_REFRESH_SECRET, 600, 3600)
STARTUP_TIMEOUT_SECONDS = 20


def settings_for(database: str | PostgresRoles, data_dir: Path, **changes: Any) -> Settings:
    """Test settings; a PostgreSQL database is served as its app role and migrated as its owner.

    Many tests share one server and one client address, and the benchmark's smoke run sends
    hundreds of requests a second as one user, so both buckets are large here; the tests of
    rate limiting make them small on servers of their own.
    """
    database_urls: dict[str, Any] = {"database_url": database}
    if isinstance(database, PostgresRoles):
        database_urls = {
            "database_url": database.app_url,
            "migration_database_url": database.owner_url,
            "database_app_role": database.app_role,
        }
    settings = Settings(
        environment="test",
        data_dir=data_dir,
        jwt_secret=SecretStr(JWT_SECRET),
        jwt_refresh_secret=SecretStr(JWT_REFRESH_SECRET),
        session_secret=SecretStr(SESSION_SECRET),
        auto_migrate=True,
        db_pool_min_size=1,
        db_pool_max_size=5,
        auth_failure_burst=10_000,
        rate_limit_burst=100_000,
        **database_urls,
    )
    return settings.model_copy(update=changes)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def running_server(settings: Settings) -> Iterator[str]:
    """Serve the app built by `hisab.bootstrap` until the block ends; yield its base URL."""
    with running_app(build_app(settings)) as url:
        yield url


@contextmanager
def running_app(app: Starlette) -> Iterator[str]:
    """Serve an app with uvicorn in a thread of its own until the block ends; yield its base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the server did not start; see the log above")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=STARTUP_TIMEOUT_SECONDS)


@dataclass
class Caller:
    """One user of one tenant, speaking GraphQL over HTTP."""

    http: httpx.Client
    tenant_id: str
    user_id: str = "user-1"
    roles: tuple[str, ...] = ("admin",)
    permissions: tuple[str, ...] = ()

    @property
    def token(self) -> str:
        return ISSUER.access_token(Identity(self.tenant_id, self.user_id, self.roles, self.permissions))

    def checker(self) -> Caller:
        """Another user of the same tenant, who may approve what this one created."""
        return Caller(self.http, self.tenant_id, "checker-1", self.roles, self.permissions)

    def post(
        self, query: str, variables: dict[str, Any] | None = None, headers: dict[str, str] | None = None
    ) -> httpx.Response:
        sent = {"Authorization": f"Bearer {self.token}", **(headers or {})}
        return self.http.post("/graphql", json={"query": query, "variables": variables or {}}, headers=sent)

    def graphql(
        self, query: str, variables: dict[str, Any] | None = None, headers: dict[str, str] | None = None
    ) -> dict[str, Any]:
        response = self.post(query, variables, headers)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    def data(
        self, query: str, variables: dict[str, Any] | None = None, headers: dict[str, str] | None = None
    ) -> dict[str, Any]:
        """The data of a request that must succeed."""
        body = self.graphql(query, variables, headers)
        assert "errors" not in body, body["errors"]
        data: dict[str, Any] = body["data"]
        return data


def new_tenant() -> str:
    """Each test works in a tenant of its own, so tests sharing a server never see each other."""
    return f"tenant-{uuid.uuid4().hex[:12]}"


def only_error(body: dict[str, Any], code: str) -> dict[str, Any]:
    """The one error of a response, checked to carry `code`."""
    errors: list[dict[str, Any]] = body.get("errors") or []
    assert len(errors) == 1, body
    error = errors[0]
    assert error["extensions"]["code"] == code, error
    return error


def violated(body: dict[str, Any]) -> set[tuple[str, str]]:
    """The (field, rule) pairs of a BAD_USER_INPUT response."""
    error = only_error(body, "BAD_USER_INPUT")
    return {(v["field"], v["rule"]) for v in error["extensions"]["violations"]}
