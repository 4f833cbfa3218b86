"""Used refresh tokens in SQL, for either database (the ledger when no Redis is configured)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from hisab.access.application.ports import Redemption
from hisab.event_store.adapters.sql.session import SqlSession
from hisab.event_store.ports import Database


class SqlRefreshTokenLedger:
    def __init__(
        self, database: Database[SqlSession], clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    ) -> None:
        self._database = database
        self._clock = clock

    async def redeem(self, tenant_id: str, token_id: str, family_id: str, remember_until: datetime) -> Redemption:
        async with self._database.transaction(tenant_id) as transaction:
            redemption = await self._redeem(transaction.tables, tenant_id, token_id, family_id, remember_until)
            await transaction.commit()
        return redemption

    async def _redeem(
        self, session: SqlSession, tenant_id: str, token_id: str, family_id: str, remember_until: datetime
    ) -> Redemption:
        if await _run(session, _REVOKED, tenant_id, family_id):
            return Redemption.FAMILY_REVOKED
        expiry = session.codec.datetime_in(remember_until)
        if await _run(session, _USE, tenant_id, token_id, family_id, expiry):
            # Rows past their token's expiry guard nothing: the token is refused for its age.
            now = session.codec.datetime_in(self._clock())
            for statement in _FORGET_EXPIRED:
                await _run(session, statement, tenant_id, now)
            return Redemption.FIRST_USE
        await _run(session, _REVOKE, tenant_id, family_id, expiry)
        return Redemption.REUSED


async def _run(session: SqlSession, template: str, *values: object) -> bool:
    """Run a statement whose `{}` are parameters; true if it returned a row."""
    params = session.params()
    rows = await session.fetch(template.format(*(params.add(v) for v in values)), params.values)
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
