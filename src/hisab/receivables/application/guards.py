"""What an invoice's own changes may not do to what it owes: a reaction in the invoice's transaction.

A credit note may not take an invoice's total below what receipts and withholdings already settled
of it (it would owe less than nothing), and a settled invoice may not be cancelled. Both commands
hold the invoice's stream, as settling it does, so the balance read here is the one that stands.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from hisab.event_store.messages import Actor, DomainEvent, StoredEvent
from hisab.event_store.ports import Transaction
from hisab.event_store.reactions import Consequence
from hisab.invoicing.domain.events import InvoiceCancelled
from hisab.invoicing.domain.note_events import CreditNoteIssued
from hisab.kernel.errors import IllegalTransitionError
from hisab.receivables.application.ports import ReceivablesTables


@dataclass(frozen=True, slots=True)
class SettledInvoiceGuard:
    tables: ReceivablesTables[Any]
    name: str = "settled_invoice_guard"
    follows: frozenset[type[DomainEvent]] = frozenset({CreditNoteIssued, InvoiceCancelled})

    async def react(
        self, transaction: Transaction[Any], actor: Actor, stream: Sequence[StoredEvent], new: Sequence[StoredEvent]
    ) -> Sequence[Consequence]:
        invoice_id = stream[0].stream_id
        balances = await self.tables.balances_within(transaction.tables, actor.tenant_id, [invoice_id])
        balance = balances.get(invoice_id)
        if balance is None or not balance.settled:
            return []
        if any(isinstance(s.event, InvoiceCancelled) for s in new):
            raise IllegalTransitionError(
                f"invoice {balance.mushak_number} has {balance.settled} paid, withheld or written off: "
                "reverse those receipts before cancelling it, or issue a credit note for what it still owes"
            )
        if balance.adjusted_vat < balance.withheld_vds:
            raise IllegalTransitionError(
                f"invoice {balance.mushak_number} had {balance.withheld_vds} of VAT withheld at source; the credit "
                f"would leave it {balance.adjusted_vat} of VAT: reverse the receipt that withheld it first"
            )
        if balance.adjusted_total < balance.settled:
            raise IllegalTransitionError(
                f"invoice {balance.mushak_number} has {balance.settled} paid, withheld or written off; the credit "
                f"would leave it at {balance.adjusted_total}: credit at most what it owes, or reverse a receipt first"
            )
        return []
