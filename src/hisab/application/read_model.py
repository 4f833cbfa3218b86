"""The invoice read model: what queries return, projected from a stream's events."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from hisab.domain.events import InvoiceApproved, InvoiceCancelled, InvoiceCreated
from hisab.domain.invoice import Invoice, InvoiceStatus, Line, Totals
from hisab.domain.vat import VATCategory

if TYPE_CHECKING:
    from hisab.application.ports import StoredEvent


@dataclass(frozen=True, slots=True)
class LineView:
    line_id: str
    position: int
    description: str
    quantity: Decimal
    unit_price: Decimal
    vat_category: VATCategory
    vat_rate: Decimal
    supplementary_duty_rate: Decimal
    advance_income_tax_rate: Decimal
    hs_code: str | None
    unit_of_supply: str | None
    value: Decimal
    supplementary_duty: Decimal
    vat: Decimal
    advance_income_tax: Decimal

    @property
    def total(self) -> Decimal:
        return self.value + self.supplementary_duty + self.vat


@dataclass(frozen=True, slots=True)
class InvoiceView:
    tenant_id: str
    invoice_id: str
    sequence: int
    invoice_number: str
    status: InvoiceStatus
    vendor_id: str
    customer_id: str
    vendor_tin: str | None
    vendor_bin: str | None
    customer_tin: str | None
    customer_bin: str | None
    invoice_date: date
    due_date: date
    fiscal_year: int
    currency: str
    totals: Totals
    mushak_number: str | None
    issued_at: datetime | None
    cancelled_at: datetime | None
    cancellation_reason: str | None
    created_at: datetime
    updated_at: datetime
    created_by: str
    approved_by: str | None
    cancelled_by: str | None
    version: int
    lines: tuple[LineView, ...]


def project(stored: Sequence[StoredEvent]) -> InvoiceView:
    """The view of one invoice, from all of its stream's events (in version order)."""
    first, last = stored[0], stored[-1]
    invoice = Invoice.from_events(first.stream_id, (s.event for s in stored))
    actors = {type(s.event): s.metadata.user_id for s in stored}
    creation = next(s for s in stored if isinstance(s.event, InvoiceCreated))
    return InvoiceView(
        tenant_id=first.metadata.tenant_id,
        invoice_id=invoice.invoice_id,
        sequence=creation.position,
        invoice_number=invoice.invoice_number,
        status=invoice.status,
        vendor_id=invoice.vendor_id,
        customer_id=invoice.customer_id,
        vendor_tin=invoice.vendor_tin,
        vendor_bin=invoice.vendor_bin,
        customer_tin=invoice.customer_tin,
        customer_bin=invoice.customer_bin,
        invoice_date=invoice.invoice_date,
        due_date=invoice.due_date,
        fiscal_year=invoice.fiscal_year.start_year,
        currency=invoice.currency,
        totals=invoice.totals,
        mushak_number=invoice.mushak_number,
        issued_at=invoice.issued_at,
        cancelled_at=invoice.cancelled_at,
        cancellation_reason=invoice.cancellation_reason,
        created_at=first.metadata.occurred_at,
        updated_at=last.metadata.occurred_at,
        created_by=actors[InvoiceCreated],
        approved_by=actors.get(InvoiceApproved),
        cancelled_by=actors.get(InvoiceCancelled),
        version=invoice.version,
        lines=tuple(_line_view(line) for line in invoice.lines),
    )


def _line_view(line: Line) -> LineView:
    return LineView(
        line_id=line.line_id,
        position=line.position,
        description=line.description,
        quantity=line.quantity,
        unit_price=line.unit_price,
        vat_category=line.vat_category,
        vat_rate=line.vat_rate,
        supplementary_duty_rate=line.supplementary_duty_rate,
        advance_income_tax_rate=line.advance_income_tax_rate,
        hs_code=line.hs_code,
        unit_of_supply=line.unit_of_supply,
        value=line.amounts.value,
        supplementary_duty=line.amounts.supplementary_duty,
        vat=line.amounts.vat,
        advance_income_tax=line.amounts.advance_income_tax,
    )
