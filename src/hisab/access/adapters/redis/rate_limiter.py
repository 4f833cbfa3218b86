"""A token bucket per key in Redis, taken atomically by one Lua script, on Redis's own clock."""

from __future__ import annotations

from redis.asyncio import Redis
from redis.exceptions import RedisError

from hisab.access.application.ports import RateDecision, RateLimit
from hisab.kernel.errors import UnavailableError

# The server's TIME is the one clock every process agrees on. The bucket expires once it would
# be full again, so idle keys cost nothing. Lua numbers come back as integers, hence the string.
_TAKE = """
local rate, burst, cost = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
local needed = math.max(cost, 1)
local allowed, retry = 0, (needed - tokens) / rate
if tokens >= needed then
  tokens, allowed, retry = tokens - cost, 1, 0
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
return {allowed, tostring(retry)}
"""


class RedisRateLimiter:
    def __init__(self, client: Redis, prefix: str) -> None:
        self._take = client.register_script(_TAKE)
        self._prefix = prefix

    async def acquire(self, key: str, limit: RateLimit, cost: int = 1) -> RateDecision:
        try:
            allowed, retry = await self._take(
                keys=[f"{self._prefix}bucket:{key}"], args=[repr(limit.per_second), limit.burst, cost]
            )
        except (RedisError, OSError) as error:
            raise UnavailableError(f"Redis: {error.__class__.__name__}") from error
        return RateDecision(allowed=bool(allowed), retry_after_seconds=float(retry))
