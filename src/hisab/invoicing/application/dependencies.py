"""What invoicing's use cases are given: its streams and queries, the rules it applies, and who it asks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from hisab.event_store.streams import Streams
from hisab.invoicing.application.ports import (
    ApprovalQueueQueries,
    InvoiceQueries,
    ItemQueries,
    NoteQueries,
    PartyQueries,
)
from hisab.kernel.telemetry import Telemetry
from hisab.kernel.vat import RateTable
from hisab.taxpayer.application.dependencies import Taxpayer


@dataclass(frozen=True, slots=True)
class Invoicing:
    streams: Streams[Any]
    invoices: InvoiceQueries
    parties: PartyQueries
    items: ItemQueries
    approval_queue: ApprovalQueueQueries
    notes: NoteQueries
    # The registered person and the tenant's rules (segregation of duties) come from their own context.
    taxpayer: Taxpayer
    rates: RateTable
    clock: Callable[[], datetime]
    new_id: Callable[[], str]
    issuing_unit: str
    telemetry: Telemetry = field(default_factory=Telemetry)
