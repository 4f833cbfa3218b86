"""What purchases asks of its bill read model: a bill, a page of bills, and (in a command's transaction)
whether a supplier's invoice is recorded already."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol, TypeVar

from hisab.purchases.application.bill_views import BillView

S_contra = TypeVar("S_contra", contravariant=True)


@dataclass(frozen=True, slots=True)
class BillFilter:
    supplier_party_id: str | None = None
    # The received date, both ends included.
    date_from: date | None = None
    date_to: date | None = None
    # Within the bill's number, the supplier's invoice number or the supplier's name, ignoring case.
    search: str | None = None


@dataclass(frozen=True, slots=True)
class BillPage:
    bills: list[BillView]
    has_next_page: bool
    total_count: int


class BillQueries(Protocol):
    async def get(self, tenant_id: str, bill_id: str) -> BillView | None: ...

    async def list(self, tenant_id: str, filter: BillFilter, first: int, after_sequence: int | None) -> BillPage:
        """Newest recorded first (by `sequence`), strictly after the given sequence when one is given."""


class BillTables(Protocol[S_contra]):
    """The bills as a command's own transaction sees them."""

    async def bill_number_of_supplier_invoice(
        self, tables: S_contra, tenant_id: str, supplier_party_id: str, supplier_invoice_number: str
    ) -> str | None:
        """The number of the bill that records this supplier's invoice, if one does."""
