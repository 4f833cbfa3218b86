"""What receivables' use cases are given."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from hisab.event_store.streams import Streams
from hisab.invoicing.application.dependencies import Invoicing
from hisab.kernel.telemetry import Telemetry
from hisab.receivables.application.ports import ReceivableQueries, ReceivableReports, ReceivablesTables
from hisab.receivables.application.reconciliation import BankStatementQueries, BankStatementTables


@dataclass(frozen=True, slots=True)
class Receivables:
    streams: Streams[Any]
    queries: ReceivableQueries
    tables: ReceivablesTables[Any]
    # The customers and invoices come from invoicing; the tenant's tolerance from its settings.
    invoicing: Invoicing
    clock: Callable[[], datetime]
    new_id: Callable[[], str]
    telemetry: Telemetry = field(default_factory=Telemetry)
    # Bank statements and their lines, and what matching reads in its own transaction.
    bank: BankStatementQueries = field(kw_only=True)
    bank_tables: BankStatementTables[Any] = field(kw_only=True)
    # The ageing and the statements (issue 14, scenario 6).
    reports: ReceivableReports = field(kw_only=True)
