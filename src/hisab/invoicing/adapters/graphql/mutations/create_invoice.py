"""createInvoice: validate and record a new draft invoice."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hisab.edge.context import Info
from hisab.edge.errors import fields_under
from hisab.edge.exact_numbers import exact_decimal
from hisab.invoicing.application.commands import CreateInvoice
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.handlers import create_invoice
from hisab.invoicing.application.views import InvoiceView
from hisab.invoicing.domain.draft import InvoiceDraft, LineInput


async def resolve_create_invoice(_: None, info: Info, input: dict[str, Any]) -> InvoiceView:
    context = info.context
    command = CreateInvoice(draft(input), idempotency_key=context.idempotency_key)
    with fields_under("input"):
        return await create_invoice(command, context.actor, context.services.get(Invoicing))


def draft(raw: dict[str, Any]) -> InvoiceDraft:
    """The domain's draft, from the coerced `CreateInvoiceInput` (its keys in snake_case)."""
    return InvoiceDraft(
        vendor_id=raw["vendor_id"],
        customer_id=raw.get("customer_id") or "",
        invoice_date=raw["invoice_date"],
        due_date=raw["due_date"],
        lines=tuple(line(given) for given in raw["line_items"]),
        vendor_tin=raw.get("vendor_tin"),
        vendor_bin=raw.get("vendor_bin"),
        customer_tin=raw.get("customer_tin"),
        customer_bin=raw.get("customer_bin"),
        buyer_name=raw.get("buyer_name"),
        buyer_address=raw.get("buyer_address"),
        delivery_destination=raw.get("delivery_destination"),
        customer_party_id=raw.get("customer_party_id"),
    )


def line(raw: dict[str, Any]) -> LineInput:
    """The domain's line, from a coerced `LineItemInput`; what it leaves out may come from its item."""
    # Explicit nulls take the schema defaults: the input type's defaults only fill absent fields.
    return LineInput(
        description=raw.get("description"),
        quantity=exact_decimal(raw["quantity"]),
        unit_price=_optional(raw.get("unit_price")),
        currency=raw.get("currency") or "BDT",
        vat_category=raw.get("vat_category"),
        vat_rate=_optional(raw.get("vat_rate")),
        supplementary_duty_rate=_optional(raw.get("supplementary_duty_rate")),
        advance_income_tax_rate=_optional(raw.get("advance_income_tax_rate")),
        hs_code=raw.get("hs_code"),
        unit_of_supply=raw.get("unit_of_supply"),
        item_id=raw.get("item_id"),
        service_code=raw.get("service_code"),
        project=raw.get("project"),
        cost_center=raw.get("cost_center"),
    )


def _optional(value: float | int | None) -> Decimal | None:
    return exact_decimal(value) if value is not None else None
