"""In-memory bills: the contract suite holds them to the SQL read model's behaviour."""

from __future__ import annotations

import builtins
from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any

from hisab.event_store.messages import StoredEvent
from hisab.event_store.projections import ReadModelTable
from hisab.purchases.adapters.sql.bills import BILLS
from hisab.purchases.application.bill_ports import BillFilter, BillPage
from hisab.purchases.application.bill_views import BILL_VIEW_EVENTS, BillView, project_bill, search_term, search_text
from hisab.purchases.application.bills import duplicate_supplier_invoice

MemoryReading = Callable[[str, str], AbstractAsyncContextManager[Any]]


class MemoryBillProjection:
    """Like the SQL table's unique index: a supplier's invoice is recorded by one bill of a tenant."""

    name = "bills"
    follows = BILL_VIEW_EVENTS
    tables: tuple[ReadModelTable, ...] = (BILLS,)

    async def apply(self, tables: Any, stream: Sequence[StoredEvent], new: Sequence[StoredEvent]) -> None:
        view = project_bill(stream)
        bills: dict[tuple[str, str], BillView] = tables.table(BILLS.name)
        if any(_same_invoice(other, view) for key, other in bills.items() if key != (view.tenant_id, view.bill_id)):
            raise duplicate_supplier_invoice(view.supplier.name, view.supplier_invoice_number, None)
        bills[(view.tenant_id, view.bill_id)] = view


def _same_invoice(one: BillView, other: BillView) -> bool:
    return (one.tenant_id, one.supplier.party_id, one.supplier_invoice_number) == (
        other.tenant_id, other.supplier.party_id, other.supplier_invoice_number
    )  # fmt: skip


class MemoryBillTables:
    async def bill_number_of_supplier_invoice(
        self, tables: Any, tenant_id: str, supplier_party_id: str, supplier_invoice_number: str
    ) -> str | None:
        bills: dict[tuple[str, str], BillView] = tables.table(BILLS.name)
        return next(
            (
                view.bill_number
                for view in bills.values()
                if (view.tenant_id, view.supplier.party_id, view.supplier_invoice_number)
                == (tenant_id, supplier_party_id, supplier_invoice_number)
            ),
            None,
        )


class MemoryBillQueries:
    def __init__(self, reading: MemoryReading) -> None:
        self._reading = reading

    async def get(self, tenant_id: str, bill_id: str) -> BillView | None:
        async with self._reading(tenant_id, "bills.get") as tables:
            found: BillView | None = tables.table(BILLS.name).get((tenant_id, bill_id))
        return found

    async def list(self, tenant_id: str, filter: BillFilter, first: int, after_sequence: int | None) -> BillPage:
        async with self._reading(tenant_id, "bills.list") as tables:
            views: builtins.list[BillView] = list(tables.table(BILLS.name).values())
        matching = [view for view in views if view.tenant_id == tenant_id and _matches(view, filter)]
        newest = sorted(matching, key=lambda view: view.sequence, reverse=True)
        after = [view for view in newest if after_sequence is None or view.sequence < after_sequence]
        return BillPage(after[:first], has_next_page=len(after) > first, total_count=len(matching))


def _matches(view: BillView, where: BillFilter) -> bool:
    term = search_term(where.search) if where.search else ""
    return (
        where.supplier_party_id in (None, view.supplier.party_id)
        and (where.date_from is None or view.received_date >= where.date_from)
        and (where.date_to is None or view.received_date <= where.date_to)
        and (not term or term in search_text(view))
    )
