"""What access control is given: the rate limiter and the ledger of used refresh tokens."""

from __future__ import annotations

from dataclasses import dataclass

from hisab.access.application.ports import RateLimiter, RefreshTokenLedger


@dataclass(frozen=True, slots=True)
class Access:
    rate_limiter: RateLimiter
    refresh_tokens: RefreshTokenLedger
