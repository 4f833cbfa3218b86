"""A real Hisab server for the browser tests, its users, and a GraphQL caller to set up data quickly.

The browser drives what a test is about; what it only needs to exist (a customer, an issued
invoice) a test may make over GraphQL as the same tenant, which is faster and just as real.
"""

from __future__ import annotations

import re
import secrets
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import httpx

from hisab.bootstrap import open_database, user_accounts
from hisab.config import Settings
from tests.conftest import run_to_end
from tests.e2e.server import Caller

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass(frozen=True, slots=True)
class WebUser:
    tenant_id: str
    username: str
    password: str
    roles: tuple[str, ...]


@dataclass
class WebServer:
    url: str
    settings: Settings
    http: httpx.Client = field(repr=False)

    def user(self, *roles: str, tenant_id: str | None = None, name: str = "") -> WebUser:
        """A new local user (of a new tenant unless one is given) with the roles (default: admin)."""
        tenant = tenant_id or f"tenant-{uuid.uuid4().hex[:12]}"
        username = f"user-{uuid.uuid4().hex[:10]}"
        password = secrets.token_urlsafe(12)
        granted = roles or ("admin",)
        run_to_end(_add_user(self.settings, tenant, username, password, granted, name))
        return WebUser(tenant, username, password, granted)

    def colleague(self, of: WebUser, *roles: str, name: str = "") -> WebUser:
        """Another user of the same tenant: a checker for a maker."""
        return self.user(*(roles or of.roles), tenant_id=of.tenant_id, name=name)

    @contextmanager
    def signed_in(self, user: WebUser) -> Iterator[httpx.Client]:
        """An HTTP client holding `user`'s session cookie, for what a test checks below the browser
        (a refusal's status, a download's bytes); it sends the session's CSRF token as X-CSRF-Token."""
        with httpx.Client(base_url=self.url, timeout=30) as client:
            token = _CSRF.search(client.get("/sign-in").text)
            assert token is not None
            form = {"csrf_token": token[1], "username": user.username, "password": user.password}
            signed_in = client.post("/sign-in", data=form)
            assert signed_in.status_code == 303, signed_in.text
            csrf = _CSRF.search(client.get("/").text)
            assert csrf is not None
            client.headers["X-CSRF-Token"] = csrf[1]
            yield client

    def graphql(self, user: WebUser) -> Caller:
        """The same tenant over GraphQL, as another user (so the browser's user may approve what it makes)."""
        return Caller(self.http, user.tenant_id, f"setup-{user.username}")


async def _add_user(
    settings: Settings, tenant_id: str, username: str, password: str, roles: tuple[str, ...], name: str
) -> None:
    database = await open_database(settings)
    try:
        await user_accounts(settings, database).add(tenant_id, username, password, roles, name)
    finally:
        await database.close()
