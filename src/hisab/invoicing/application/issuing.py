"""Issuing the tax invoice: the Mushak-6.3 serial is allocated only here, in the approving transaction."""

from __future__ import annotations

from typing import Any

from hisab.event_store.messages import Actor
from hisab.event_store.ports import Transaction
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.domain.events import InvoiceApproved
from hisab.invoicing.domain.invoice import Invoice
from hisab.invoicing.domain.numbering import format_mushak_number, mushak_series
from hisab.kernel.fiscal_year import BANGLADESH_TIME, FiscalYear


async def issue_tax_invoice(
    transaction: Transaction[Any], invoice: Invoice, actor: Actor, invoicing: Invoicing
) -> InvoiceApproved:
    """The next gapless serial of the fiscal year, taken in the transaction that appends the approval,
    so a failed approval leaves no gap."""
    issued_at = invoicing.clock().astimezone(BANGLADESH_TIME)
    fiscal_year = FiscalYear.of_moment(issued_at)
    serial = await transaction.counters.next_value(actor.tenant_id, mushak_series(fiscal_year))
    mushak_number = format_mushak_number(invoicing.issuing_unit, fiscal_year, serial)
    return invoice.approve(mushak_number, serial, issued_at)
