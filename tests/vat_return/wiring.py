"""Every context wired over a backend with the return entries in memory, and a clock a test moves."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from hisab.access.adapters.rate_limits import InMemoryRateLimiter
from hisab.access.adapters.sql import SqlRefreshTokenLedger
from hisab.access.application.dependencies import Access
from hisab.bootstrap import Rules, sql_adapters, wire
from hisab.event_store.ports import Database
from hisab.kernel.readiness import Readiness
from hisab.kernel.services import Services
from tests.builders import RATES
from tests.fakes import FakeDatabase, FakeRefreshTokenLedger, memory_adapters
from tests.vat_return.memory_entries import MemoryReturnEntries


class SettableClock:
    """Now is where the test put it, a second later at each reading (every event its own time)."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def set(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


def vat_services(database: Database[Any], entries: MemoryReturnEntries, clock: SettableClock) -> Services:
    rules = Rules(RATES, "HO", clock)
    if isinstance(database, FakeDatabase):
        adapters: Any = memory_adapters()
        access = Access(InMemoryRateLimiter(), FakeRefreshTokenLedger())
    else:
        adapters = sql_adapters()
        access = Access(InMemoryRateLimiter(), SqlRefreshTokenLedger(database))
    return wire(database, replace(adapters, return_entries=lambda _: entries), rules, access, Readiness())
