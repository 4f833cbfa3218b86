"""The receivables ageing: what each customer owed on a day, by how long past due."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from hisab.event_store.messages import Actor
from hisab.receivables.application.dependencies import Receivables
from hisab.receivables.application.ports import Customer
from hisab.receivables.domain.ageing import DEFAULT_BOUNDS, AgeingReport, validate_bounds

EVERY_CUSTOMER = Customer()


async def receivables_ageing(
    as_of: date,
    actor: Actor,
    receivables: Receivables,
    bounds: Sequence[int] = DEFAULT_BOUNDS,
    customer: Customer = EVERY_CUSTOMER,
) -> AgeingReport:
    checked = validate_bounds(bounds)
    rows = await receivables.reports.ageing(actor.tenant_id, as_of, checked, customer)
    return AgeingReport(as_of, checked, tuple(rows))
