"""cancelInvoice: cancel a draft or an approved invoice, with a reason."""

from __future__ import annotations

from hisab.edge.context import Info
from hisab.invoicing.application.commands import CancelInvoice
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.handlers import cancel_invoice
from hisab.invoicing.application.views import InvoiceView


async def resolve_cancel_invoice(
    _: None,
    info: Info,
    id: str,
    reason: str,
    expected_version: int | None = None,
) -> InvoiceView:
    context = info.context
    return await cancel_invoice(
        CancelInvoice(id, reason, expected_version), context.actor, context.services.get(Invoicing)
    )
