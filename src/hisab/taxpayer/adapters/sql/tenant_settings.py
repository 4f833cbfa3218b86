"""Tenant settings and used refresh tokens, over any driver that can fetch rows."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from datetime import UTC, datetime

from hisab.access.application.ports import Redemption
from hisab.event_store.adapters.sql.params import Params, Style
from hisab.event_store.adapters.sql.types import Fetch
from hisab.event_store.adapters.sql.values import ValueCodec
from hisab.taxpayer.domain.policy import TenantPolicy

# A committed transaction acting for one tenant, seen as the function that runs its statements.
TenantSession = Callable[[str], AbstractAsyncContextManager[Fetch]]


class SqlTenantSettings:
    def __init__(self, fetch: Fetch, style: Style, codec: ValueCodec) -> None:
        self._fetch = fetch
        self._style = style
        self._codec = codec

    async def get(self, tenant_id: str) -> TenantPolicy:
        params = Params(self._style)
        rows = await self._fetch(
            f"SELECT creator_may_approve FROM tenant_settings WHERE tenant_id = {params.add(tenant_id)}",
            params.values,
        )
        return TenantPolicy(creator_may_approve=bool(rows[0][0])) if rows else TenantPolicy()

    async def save(self, tenant_id: str, policy: TenantPolicy, updated_by: str, updated_at: datetime) -> None:
        params = Params(self._style)
        row = (tenant_id, policy.creator_may_approve, updated_by, self._codec.datetime_in(updated_at))
        values = ", ".join(params.add(value) for value in row)
        await self._fetch(
            f"INSERT INTO tenant_settings (tenant_id, creator_may_approve, updated_by, updated_at) VALUES ({values}) "
            "ON CONFLICT (tenant_id) DO UPDATE SET creator_may_approve = excluded.creator_may_approve, "
            "updated_by = excluded.updated_by, updated_at = excluded.updated_at",
            params.values,
        )


class SqlRefreshTokenLedger:
    def __init__(
        self,
        session: TenantSession,
        style: Style,
        codec: ValueCodec,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._session = session
        self._style = style
        self._codec = codec
        self._clock = clock

    async def redeem(self, tenant_id: str, token_id: str, family_id: str, remember_until: datetime) -> Redemption:
        async with self._session(tenant_id) as fetch:
            if await self._run(fetch, _REVOKED, tenant_id, family_id):
                return Redemption.FAMILY_REVOKED
            expiry = self._codec.datetime_in(remember_until)
            if await self._run(fetch, _USE, tenant_id, token_id, family_id, expiry):
                # Rows past their token's expiry guard nothing: the token is refused for its age.
                now = self._codec.datetime_in(self._clock())
                for statement in _FORGET_EXPIRED:
                    await self._run(fetch, statement, tenant_id, now)
                return Redemption.FIRST_USE
            await self._run(fetch, _REVOKE, tenant_id, family_id, expiry)
            return Redemption.REUSED

    async def _run(self, fetch: Fetch, template: str, *values: object) -> bool:
        """Run a statement whose `{}` are parameters; true if it returned a row."""
        params = Params(self._style)
        rows = await fetch(template.format(*(params.add(v) for v in values)), params.values)
        return bool(rows)


_REVOKED = "SELECT 1 FROM refresh_token_families_revoked WHERE tenant_id = {} AND family_id = {}"
_USE = (
    "INSERT INTO refresh_tokens_used (tenant_id, token_id, family_id, remember_until) VALUES ({}, {}, {}, {}) "
    "ON CONFLICT DO NOTHING RETURNING token_id"
)
_REVOKE = (
    "INSERT INTO refresh_token_families_revoked (tenant_id, family_id, remember_until) VALUES ({}, {}, {}) "
    "ON CONFLICT DO NOTHING"
)
_FORGET_EXPIRED = tuple(
    f"DELETE FROM {table} WHERE tenant_id = {{}} AND remember_until < {{}}"
    for table in ("refresh_tokens_used", "refresh_token_families_revoked")
)
