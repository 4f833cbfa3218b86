"""updateInvoice: correct a draft; only the fields given are replaced."""

from __future__ import annotations

from typing import Any

from hisab.edge.context import Info
from hisab.edge.errors import fields_under
from hisab.invoicing.adapters.graphql.mutations.create_invoice import line
from hisab.invoicing.application.commands import UpdateInvoice
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.handlers import update_invoice
from hisab.invoicing.application.views import InvoiceView
from hisab.kernel.errors import InvalidInputError, Violation

# Fields that a draft cannot be without: null is refused rather than taken as "clear it".
_REQUIRED = {"due_date": "dueDate", "customer_id": "customerId", "line_items": "lineItems"}


async def resolve_update_invoice(
    _: None, info: Info, id: str, input: dict[str, Any], expected_version: int | None = None
) -> InvoiceView:
    context = info.context
    command = UpdateInvoice(id, expected_version, _changes(input))
    with fields_under("input"):
        return await update_invoice(command, context.actor, context.services.get(Invoicing))


def _changes(raw: dict[str, Any]) -> dict[str, Any]:
    nulls = [name for name in _REQUIRED if name in raw and raw[name] is None]
    if nulls:
        raise InvalidInputError(
            [Violation(f"input.{_REQUIRED[name]}", "required", "a draft cannot be without it") for name in nulls]
        )
    changes = {name: value for name, value in raw.items() if name != "line_items"}
    if "line_items" in raw:
        changes["lines"] = tuple(line(given) for given in raw["line_items"])
    return changes
