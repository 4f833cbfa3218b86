"""Verification keys from a JSON Web Key Set, read from a file or fetched from a URL, and cached.

A token naming a key id the cache does not hold makes one reload (an identity provider has
rotated its keys), but not more than one per `min_reload_seconds`: otherwise every forged token
with a made-up `kid` would make this service fetch the set again.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import jwt

_log = logging.getLogger(__name__)
FETCH_TIMEOUT_SECONDS = 5.0
MAX_JWKS_BYTES = 1024 * 1024


class KeysUnavailableError(Exception):
    """The key set cannot be read, and no earlier copy is cached."""


class UnknownKeyError(Exception):
    """The token names a key that the key set does not hold."""


class JwksKeys:
    def __init__(
        self,
        source: str,
        algorithm: str,
        cache_seconds: float,
        min_reload_seconds: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._source = source
        self._algorithm = algorithm
        self._cache_seconds = cache_seconds
        self._min_reload_seconds = min_reload_seconds
        self._clock = clock
        self._keys: dict[str | None, jwt.PyJWK] = {}
        self._loaded_at: float | None = None
        self._lock = asyncio.Lock()

    async def key_for(self, key_id: str | None) -> jwt.PyJWK:
        """The key a token's `kid` names (or the only key, for a token that names none)."""
        stale = self._loaded_at is None or self._clock() - self._loaded_at >= self._cache_seconds
        if stale or (key_id not in self._keys and self._may_reload()):
            await self._reload(seen=self._loaded_at)
        key = self._keys.get(key_id)
        if key is None and key_id is None and len(self._keys) == 1:
            key = next(iter(self._keys.values()))
        if key is None:
            raise UnknownKeyError(key_id)
        return key

    def _may_reload(self) -> bool:
        return self._loaded_at is None or self._clock() - self._loaded_at >= self._min_reload_seconds

    async def _reload(self, seen: float | None) -> None:
        async with self._lock:
            if self._loaded_at != seen:
                return  # another request reloaded while this one waited for the lock
            started = self._clock()
            try:
                key_set = jwt.PyJWKSet.from_json(await self._read())
            except (OSError, httpx.HTTPError, jwt.PyJWTError, ValueError) as error:
                if not self._keys:
                    raise KeysUnavailableError(f"cannot read the JWKS: {error.__class__.__name__}") from error
                _log.error("cannot reload the JWKS (%s); keeping the keys read before", error.__class__.__name__)
                self._loaded_at = started
                return
            # Only keys of the configured algorithm: a key of another kind must not verify anything.
            self._keys = {key.key_id: key for key in key_set.keys if key.algorithm_name == self._algorithm}
            self._loaded_at = started

    async def _read(self) -> str:
        if self._source.startswith(("https://", "http://")):
            async with httpx.AsyncClient(timeout=FETCH_TIMEOUT_SECONDS, follow_redirects=False) as client:
                response = await client.get(self._source)
                response.raise_for_status()
                if len(response.content) > MAX_JWKS_BYTES:
                    raise ValueError("the JWKS is larger than 1 MiB")
                return response.text
        return await asyncio.to_thread(Path(self._source).read_text)
