"""What payments' use cases are given."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from hisab.event_store.streams import Streams
from hisab.invoicing.application.ports import PartyQueries
from hisab.kernel.telemetry import Telemetry
from hisab.purchases.application.payment_ports import PaymentQueries, PaymentTables
from hisab.purchases.domain.withholding_rates import WithholdingRates
from hisab.taxpayer.application.dependencies import Taxpayer


@dataclass(frozen=True, slots=True)
class Payments:
    streams: Streams[Any]
    queries: PaymentQueries
    tables: PaymentTables[Any]
    # The suppliers are invoicing's parties; the withholding-entity switch and the 6.6's issuer are the taxpayer's.
    parties: PartyQueries
    taxpayer: Taxpayer
    rates: WithholdingRates
    # HISAB_ISSUING_UNIT: it prefixes the Mushak-6.6's serial as it does the tax invoice's.
    issuing_unit: str
    clock: Callable[[], datetime]
    new_id: Callable[[], str]
    telemetry: Telemetry = field(default_factory=Telemetry)
