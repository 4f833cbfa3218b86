"""What every handler and the API are given: the ports, the rate table, the clock and ids."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from hisab.application.ports import Database, RateLimiter, RefreshTokenLedger
from hisab.domain.vat import RateTable


@dataclass(frozen=True, slots=True)
class Services:
    database: Database
    rates: RateTable
    clock: Callable[[], datetime]
    new_id: Callable[[], str]
    issuing_unit: str
    rate_limiter: RateLimiter
    refresh_tokens: RefreshTokenLedger
    concurrency_retries: int = 5
