"""What the books' use cases are given."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from hisab.event_store.streams import Streams
from hisab.kernel.telemetry import Telemetry
from hisab.ledger.application.ports import BooksTables, LedgerQueries
from hisab.ledger.domain.books import ChartTemplate


@dataclass(frozen=True, slots=True)
class Ledger:
    streams: Streams[Any]
    queries: LedgerQueries
    tables: BooksTables[Any]
    template: ChartTemplate
    clock: Callable[[], datetime]
    new_id: Callable[[], str]
    telemetry: Telemetry = field(default_factory=Telemetry)
