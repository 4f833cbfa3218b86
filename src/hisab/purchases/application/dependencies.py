"""What purchases' bill use cases are given."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from hisab.event_store.streams import Streams
from hisab.invoicing.application.dependencies import Invoicing
from hisab.kernel.telemetry import Telemetry
from hisab.kernel.vat import RateTable
from hisab.purchases.application.bill_ports import BillQueries, BillTables
from hisab.taxpayer.application.dependencies import Taxpayer


@dataclass(frozen=True, slots=True)
class Purchases:
    streams: Streams[Any]
    bills: BillQueries
    # What recording a bill reads in its own transaction: whether the supplier's invoice is recorded already.
    bill_tables: BillTables[Any]
    # The suppliers are invoicing's parties; the input-credit rules are the tenant's settings.
    invoicing: Invoicing
    taxpayer: Taxpayer
    rates: RateTable
    clock: Callable[[], datetime]
    new_id: Callable[[], str]
    telemetry: Telemetry = field(default_factory=Telemetry)
