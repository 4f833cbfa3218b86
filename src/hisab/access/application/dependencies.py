"""What access control is given: the rate limiter, the ledger of used refresh tokens, and the web app's users."""

from __future__ import annotations

from dataclasses import dataclass

from hisab.access.application.ports import RateLimiter, RefreshTokenLedger
from hisab.access.application.user_ports import PreferenceStore
from hisab.access.application.users import UserAccounts


@dataclass(frozen=True, slots=True)
class Access:
    rate_limiter: RateLimiter
    refresh_tokens: RefreshTokenLedger
    users: UserAccounts
    preferences: PreferenceStore
