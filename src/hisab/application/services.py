"""What every handler is given: the database port, the rate table, the clock and ids."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from hisab.application.ports import Database
from hisab.application.relay_monitor import RelayMonitor
from hisab.domain.vat import RateTable


@dataclass(frozen=True, slots=True)
class Services:
    database: Database
    rates: RateTable
    clock: Callable[[], datetime]
    new_id: Callable[[], str]
    issuing_unit: str
    concurrency_retries: int = 5
    relay: RelayMonitor | None = None  # set when the relay runs inside this process
