"""How receipts are numbered: RCT/2026-27/000001, gapless per tenant and fiscal year of the receipt's date."""

from __future__ import annotations

from hisab.kernel.fiscal_year import FiscalYear


def receipt_series(fiscal_year: FiscalYear) -> str:
    return f"receipt:{fiscal_year.label}"


def format_receipt_number(fiscal_year: FiscalYear, serial: int) -> str:
    return f"RCT/{fiscal_year.short_label}/{serial:06d}"


def write_off_stream_id(invoice_id: str) -> str:
    """An invoice's write-offs are a stream of their own, beside the invoice's (which is invoicing's)."""
    return f"write-off:{invoice_id}"


def invoice_hold_key(invoice_id: str) -> str:
    """What settling an invoice holds (EventStore.hold): the invoice's own stream, which its notes and its
    cancellation hold too, so a receipt, a note and a cancellation of one invoice are decided one at a time."""
    return invoice_id
