"""Invoice events: immutable facts, each with a stable, versioned type name.

The type name (not the import path) is what the event store keeps, so classes may move
and be renamed; changing a payload's shape means a new version suffix."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import ClassVar

from hisab.event_store.registry import EVENT_TYPES, Payload
from hisab.invoicing.domain.printing import CopyKind
from hisab.kernel.language import Language
from hisab.kernel.vat import VATCategory


@dataclass(frozen=True, slots=True)
class InvoiceCreated:
    """v2 added the buyer's name and address and the delivery destination (v1 events are upcast)."""

    event_type: ClassVar[str] = "InvoiceCreated.v2"

    invoice_id: str
    invoice_number: str
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
    buyer_name: str | None = None
    buyer_address: str | None = None
    delivery_destination: str | None = None


@dataclass(frozen=True, slots=True)
class LineItemAdded:
    event_type: ClassVar[str] = "LineItemAdded.v1"

    invoice_id: str
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


@dataclass(frozen=True, slots=True)
class LineCalculation:
    line_id: str
    value: Decimal
    supplementary_duty: Decimal
    vat: Decimal
    advance_income_tax: Decimal


@dataclass(frozen=True, slots=True)
class InvoiceCalculated:
    """The amounts as computed when the invoice was made; they never change afterwards."""

    event_type: ClassVar[str] = "InvoiceCalculated.v1"

    invoice_id: str
    lines: tuple[LineCalculation, ...]
    subtotal: Decimal
    supplementary_duty: Decimal
    vat: Decimal
    grand_total: Decimal
    advance_income_tax: Decimal
    net_receivable: Decimal


@dataclass(frozen=True, slots=True)
class InvoiceApproved:
    """The tax invoice was issued: it carries its Mushak-6.3 serial from now on."""

    event_type: ClassVar[str] = "InvoiceApproved.v1"

    invoice_id: str
    mushak_number: str
    mushak_serial: int
    mushak_fiscal_year: int
    issued_at: datetime


@dataclass(frozen=True, slots=True)
class InvoiceCancelled:
    event_type: ClassVar[str] = "InvoiceCancelled.v1"

    invoice_id: str
    reason: str
    cancelled_at: datetime


@dataclass(frozen=True, slots=True)
class InvoicePrinted:
    """A tax invoice was put on paper (as a PDF): which copies, in which language, by whom."""

    event_type: ClassVar[str] = "InvoicePrinted.v1"

    invoice_id: str
    copies: tuple[CopyKind, ...]
    language: Language
    printed_by: str
    printed_at: datetime


InvoiceEvent = InvoiceCreated | LineItemAdded | InvoiceCalculated | InvoiceApproved | InvoiceCancelled | InvoicePrinted


def _invoice_created_v1(payload: Payload) -> Payload:
    """v1 had no buyer name, buyer address or delivery destination."""
    return {"buyer_name": None, "buyer_address": None, "delivery_destination": None, **payload}


EVENT_TYPES.register(
    (InvoiceCreated, LineItemAdded, InvoiceCalculated, InvoiceApproved, InvoiceCancelled, InvoicePrinted)
)
EVENT_TYPES.upcast("InvoiceCreated.v1", "InvoiceCreated.v2", _invoice_created_v1)
