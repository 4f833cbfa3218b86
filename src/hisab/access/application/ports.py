"""What access control needs: refresh-token ledgers and rate limiters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol


class Redemption(StrEnum):
    FIRST_USE = "first_use"
    REUSED = "reused"
    FAMILY_REVOKED = "family_revoked"


class RefreshTokenLedger(Protocol):
    """Refresh tokens work once. A token's family is every token refreshed from one sign-in."""

    async def redeem(self, tenant_id: str, token_id: str, family_id: str, remember_until: datetime) -> Redemption:
        """Record a token as used. A second use revokes its family, so the thief and the owner both
        have to sign in again; a token of a revoked family is refused even on its first use.

        Records may be forgotten after `remember_until`, by when every token of the family has
        expired. Raise UnavailableError if the ledger cannot be reached.
        """


@dataclass(frozen=True, slots=True)
class RateLimit:
    """A token bucket: `burst` tokens at most, refilled at `per_second`."""

    per_second: float
    burst: int


@dataclass(frozen=True, slots=True)
class RateDecision:
    allowed: bool
    retry_after_seconds: float = 0.0


class RateLimiter(Protocol):
    async def acquire(self, key: str, limit: RateLimit, cost: int = 1) -> RateDecision:
        """Take `cost` tokens from the key's bucket if it holds at least that many (and at least one).

        A cost of 0 only asks whether the bucket is empty. A refusal says how long until enough
        tokens are back.
        """
