"""Used refresh tokens and revoked token families in Redis, recorded atomically by one Lua script."""

from __future__ import annotations

from datetime import datetime

from redis.asyncio import Redis
from redis.exceptions import RedisError

from hisab.access.adapters.redis import key_part
from hisab.access.application.ports import Redemption
from hisab.kernel.errors import UnavailableError

# Returns 0 for a first use, 1 for a reuse (which revokes the family), 2 for a revoked family.
_REDEEM = """
if redis.call('EXISTS', KEYS[2]) == 1 then return 2 end
if redis.call('SET', KEYS[1], '1', 'NX', 'PXAT', ARGV[1]) then return 0 end
redis.call('SET', KEYS[2], '1', 'PXAT', ARGV[1])
return 1
"""
_OUTCOMES = (Redemption.FIRST_USE, Redemption.REUSED, Redemption.FAMILY_REVOKED)


class RedisRefreshTokenLedger:
    def __init__(self, client: Redis, prefix: str) -> None:
        self._redeem = client.register_script(_REDEEM)
        self._prefix = prefix

    async def redeem(self, tenant_id: str, token_id: str, family_id: str, remember_until: datetime) -> Redemption:
        tenant = f"{self._prefix}refresh:{key_part(tenant_id)}"
        keys = [f"{tenant}:used:{token_id}", f"{tenant}:revoked:{family_id}"]
        try:
            outcome = await self._redeem(keys=keys, args=[int(remember_until.timestamp() * 1000)])
        except (RedisError, OSError) as error:
            raise UnavailableError(f"Redis: {error.__class__.__name__}") from error
        return _OUTCOMES[int(outcome)]
