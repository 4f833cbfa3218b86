"""Every context wired over a backend with the return entries in memory, and a clock a test moves."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from hisab.bootstrap import Rules, sql_adapters, wire
from hisab.event_store.ports import Database
from hisab.kernel.readiness import Readiness
from hisab.kernel.services import Services
from tests.builders import RATES
from tests.fakes import FakeDatabase, memory_adapters
from tests.fakes_users import access_for
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
    adapters: Any = memory_adapters() if isinstance(database, FakeDatabase) else sql_adapters()
    return wire(database, replace(adapters, return_entries=lambda _: entries), rules, access_for(database), Readiness())
