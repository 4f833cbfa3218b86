"""createInvoice: validate and record a new draft invoice."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hisab.api.context import Info
from hisab.api.errors import fields_under
from hisab.api.exact_numbers import exact_decimal
from hisab.invoicing.application.commands import CreateInvoice
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.handlers import create_invoice
from hisab.invoicing.application.views import InvoiceView
from hisab.invoicing.domain.draft import InvoiceDraft, LineInput
from hisab.kernel.vat import VATCategory


async def resolve_create_invoice(_: None, info: Info, input: dict[str, Any]) -> InvoiceView:
    context = info.context
    command = CreateInvoice(draft(input), idempotency_key=context.idempotency_key)
    with fields_under("input"):
        return await create_invoice(command, context.actor, context.services.get(Invoicing))


def draft(raw: dict[str, Any]) -> InvoiceDraft:
    """The domain's draft, from the coerced `CreateInvoiceInput`."""
    return InvoiceDraft(
        vendor_id=raw["vendorId"],
        customer_id=raw["customerId"],
        invoice_date=raw["invoiceDate"],
        due_date=raw["dueDate"],
        lines=tuple(_line(line) for line in raw["lineItems"]),
        vendor_tin=raw.get("vendorTIN"),
        vendor_bin=raw.get("vendorBIN"),
        customer_tin=raw.get("customerTIN"),
        customer_bin=raw.get("customerBIN"),
        buyer_name=raw.get("buyerName"),
        buyer_address=raw.get("buyerAddress"),
        delivery_destination=raw.get("deliveryDestination"),
    )


def _line(raw: dict[str, Any]) -> LineInput:
    # Explicit nulls take the schema defaults: the input type's defaults only fill absent fields.
    return LineInput(
        description=raw["description"],
        quantity=exact_decimal(raw["quantity"]),
        unit_price=exact_decimal(raw["unitPrice"]),
        currency=raw.get("currency") or "BDT",
        vat_category=raw.get("vatCategory") or VATCategory.STANDARD,
        vat_rate=_optional(raw.get("vatRate")),
        supplementary_duty_rate=_optional(raw.get("supplementaryDutyRate")),
        advance_income_tax_rate=_optional(raw.get("advanceIncomeTaxRate")),
        hs_code=raw.get("hsCode"),
        unit_of_supply=raw.get("unitOfSupply"),
    )


def _optional(value: float | int | None) -> Decimal | None:
    return exact_decimal(value) if value is not None else None
