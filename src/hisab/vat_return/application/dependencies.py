"""What the VAT return's use cases are given."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from hisab.event_store.streams import Streams
from hisab.invoicing.application.ports import InvoiceQueries, NoteQueries
from hisab.kernel.telemetry import Telemetry
from hisab.receivables.application.ports import ReceivableQueries
from hisab.taxpayer.application.dependencies import Taxpayer
from hisab.vat_return.application.entry_ports import ReturnEntryQueries
from hisab.vat_return.application.ledger_port import VatLedger
from hisab.vat_return.application.ports import ReturnQueries, ReturnTables
from hisab.vat_return.domain.calendar import TaxCalendar


@dataclass(frozen=True, slots=True)
class VatReturns:
    streams: Streams[Any]
    returns: ReturnQueries
    # The lock a filing holds alone while it computes what it files (documents share it).
    tables: ReturnTables[Any]
    # The figures: the return entries (the registers' projection).
    entries: ReturnEntryQueries
    # The tenant's frequency and deadline, and its profile for Part 1.
    taxpayer: Taxpayer
    calendar: TaxCalendar
    clock: Callable[[], datetime]
    new_id: Callable[[], str]
    # The cross-checks: the books' VAT accounts, the invoices and notes issued, customers' VDS uncertified.
    ledger: VatLedger = field(kw_only=True)
    invoices: InvoiceQueries = field(kw_only=True)
    notes: NoteQueries = field(kw_only=True)
    receivables: ReceivableQueries = field(kw_only=True)
    telemetry: Telemetry = field(default_factory=Telemetry)
