"""approveInvoice: issue the tax invoice (assigns the Mushak-6.3 serial)."""

from __future__ import annotations

from hisab.edge.context import Info
from hisab.invoicing.application.commands import ApproveInvoice
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.handlers import approve_invoice
from hisab.invoicing.application.views import InvoiceView


async def resolve_approve_invoice(
    _: None,
    info: Info,
    id: str,
    expected_version: int | None = None,
) -> InvoiceView:
    context = info.context
    return await approve_invoice(ApproveInvoice(id, expected_version), context.actor, context.services.get(Invoicing))
