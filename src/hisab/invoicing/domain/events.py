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
    """v2 added the buyer's name and address and the delivery destination; v3 the registered
    customer party (earlier events are upcast)."""

    event_type: ClassVar[str] = "InvoiceCreated.v3"

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
    customer_party_id: str | None = None


@dataclass(frozen=True, slots=True)
class LineItemAdded:
    """v2 added the item the line was taken from and the service code; v3 the project and cost centre
    the line's sale is accounted under (earlier events are upcast)."""

    event_type: ClassVar[str] = "LineItemAdded.v3"

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
    item_id: str | None = None
    service_code: str | None = None
    project: str | None = None
    cost_center: str | None = None


@dataclass(frozen=True, slots=True)
class InvoiceDetailsChanged:
    """A draft's customer, buyer and due date were corrected: their whole new state, not a difference."""

    event_type: ClassVar[str] = "InvoiceDetailsChanged.v1"

    invoice_id: str
    customer_id: str
    customer_party_id: str | None
    customer_tin: str | None
    customer_bin: str | None
    buyer_name: str | None
    buyer_address: str | None
    delivery_destination: str | None
    due_date: date


@dataclass(frozen=True, slots=True)
class InvoiceLinesCleared:
    """A draft's lines were replaced: this removes the old ones; LineItemAdded events follow."""

    event_type: ClassVar[str] = "InvoiceLinesCleared.v1"

    invoice_id: str


@dataclass(frozen=True, slots=True)
class LineCalculation:
    line_id: str
    value: Decimal
    supplementary_duty: Decimal
    vat: Decimal
    advance_income_tax: Decimal


@dataclass(frozen=True, slots=True)
class InvoiceCalculated:
    """The amounts as computed when the invoice was made, or its draft's lines were replaced."""

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


InvoiceEvent = (
    InvoiceCreated
    | LineItemAdded
    | InvoiceCalculated
    | InvoiceDetailsChanged
    | InvoiceLinesCleared
    | InvoiceApproved
    | InvoiceCancelled
    | InvoicePrinted
)


def _invoice_created_v1(payload: Payload) -> Payload:
    """v1 had no buyer name, buyer address or delivery destination."""
    return {"buyer_name": None, "buyer_address": None, "delivery_destination": None, **payload}


def _invoice_created_v2(payload: Payload) -> Payload:
    """v2 named no registered customer party."""
    return {"customer_party_id": None, **payload}


def _line_item_added_v1(payload: Payload) -> Payload:
    """v1 lines were never taken from an item and had no service code."""
    return {"item_id": None, "service_code": None, **payload}


def _line_item_added_v2(payload: Payload) -> Payload:
    """v2 lines named no project or cost centre."""
    return {"project": None, "cost_center": None, **payload}


EVENT_TYPES.register(
    (
        InvoiceCreated,
        LineItemAdded,
        InvoiceCalculated,
        InvoiceDetailsChanged,
        InvoiceLinesCleared,
        InvoiceApproved,
        InvoiceCancelled,
        InvoicePrinted,
    )
)
EVENT_TYPES.upcast("InvoiceCreated.v1", "InvoiceCreated.v2", _invoice_created_v1)
EVENT_TYPES.upcast("InvoiceCreated.v2", "InvoiceCreated.v3", _invoice_created_v2)
EVENT_TYPES.upcast("LineItemAdded.v1", "LineItemAdded.v2", _line_item_added_v1)
EVENT_TYPES.upcast("LineItemAdded.v2", "LineItemAdded.v3", _line_item_added_v2)
