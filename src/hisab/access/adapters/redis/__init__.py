"""Redis: rate-limit buckets and used refresh tokens shared by every process of the service."""

from __future__ import annotations

from redis.asyncio import Redis

# A request waits this long at most for Redis before the service treats it as down.
TIMEOUT_SECONDS = 0.5


def connect(url: str) -> Redis:
    """A client for `url`; it connects on first use, so a Redis that is down does not stop startup."""
    return Redis.from_url(url, socket_timeout=TIMEOUT_SECONDS, socket_connect_timeout=TIMEOUT_SECONDS)


def key_part(value: str) -> str:
    """A key segment that cannot run into the next one, whatever characters the value has."""
    return f"{len(value)}:{value}"
