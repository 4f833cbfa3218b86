"""What every command on an invoice's stream shares: how it is traced, and how its decision is recorded."""

from __future__ import annotations

from typing import Any, Protocol

from hisab.event_store.messages import Actor
from hisab.event_store.streams import Decide
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.views import InvoiceView, project

NOUN = "invoice"


class NamesAnInvoice(Protocol):
    @property
    def invoice_id(self) -> str: ...


def view_id(view: InvoiceView) -> str:
    """The invoice a command's answer is about, for its trace."""
    return view.invoice_id


def named(command: NamesAnInvoice) -> str:
    """The invoice a command names, for its trace."""
    return command.invoice_id


async def change_invoice(
    invoice_id: str,
    expected_version: int | None,
    decide: Decide[Any],
    actor: Actor,
    invoicing: Invoicing,
    *,
    exclusive: bool = False,
) -> InvoiceView:
    """Record what `decide` makes of the invoice's history, and answer with the invoice as it is then."""
    recorded = await invoicing.streams.change(
        actor, invoice_id, decide, noun=NOUN, expected_version=expected_version, exclusive=exclusive
    )
    return project(recorded.stream)
