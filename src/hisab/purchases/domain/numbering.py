"""How bills are numbered: BILL/2026-27/000001, gapless per tenant and fiscal year of the received date."""

from __future__ import annotations

from hisab.kernel.fiscal_year import FiscalYear


def bill_series(fiscal_year: FiscalYear) -> str:
    return f"bill:{fiscal_year.label}"


def format_bill_number(fiscal_year: FiscalYear, serial: int) -> str:
    return f"BILL/{fiscal_year.short_label}/{serial:06d}"


def supplier_invoice_hold_key(supplier_party_id: str, supplier_invoice_number: str) -> str:
    """What recording a bill holds (EventStore.hold): its supplier's invoice, so two requests recording the same
    one are decided one after the other and the second finds the first."""
    return f"supplier-invoice:{supplier_party_id}:{supplier_invoice_number}"
