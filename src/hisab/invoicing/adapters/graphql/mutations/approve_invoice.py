"""approveInvoice: issue the tax invoice (assigns the Mushak-6.3 serial), or, under an approval policy,
approve the current level (issuing on the last)."""

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
    command = ApproveInvoice(id, expected_version, context.principal.roles)
    return await approve_invoice(command, context.actor, context.services.get(Invoicing))
