"""What a supplier's note may not do to what a bill's payments settled: a reaction in the note's transaction.

A supplier's credit note (a Mushak-6.7 received) may not take a bill's total below what payments
already paid and withheld of it (it would owe less than nothing), nor its VAT below the VDS already
withheld from it. The payments hold the bill's stream while they decide; a note that holds it too
(`Streams.change(..., exclusive=True)`) is decided before or after them, never between.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from hisab.event_store.messages import Actor, DomainEvent, StoredEvent
from hisab.event_store.ports import Transaction
from hisab.event_store.reactions import Consequence
from hisab.kernel.errors import IllegalTransitionError
from hisab.purchases.application.payment_ports import PaymentTables
from hisab.purchases.domain.bill import Bill
from hisab.purchases.domain.events import SupplierNoteRecorded


@dataclass(frozen=True, slots=True)
class PaidBillGuard:
    tables: PaymentTables[Any]
    name: str = "paid_bill_guard"
    follows: frozenset[type[DomainEvent]] = frozenset({SupplierNoteRecorded})

    async def react(
        self, transaction: Transaction[Any], actor: Actor, stream: Sequence[StoredEvent], new: Sequence[StoredEvent]
    ) -> Sequence[Consequence]:
        bill = Bill.from_events(s.event for s in stream)
        settled = (await self.tables.settled_within(transaction.tables, actor.tenant_id, [bill.bill_id])).get(
            bill.bill_id
        )
        if settled is None:
            return []
        number = bill.recorded.bill_number
        if bill.vat < settled.vds:
            raise IllegalTransitionError(
                f"bill {number} had {settled.vds} of VAT withheld at source; the note would leave it {bill.vat} of VAT"
            )
        if bill.total < settled.settled:
            raise IllegalTransitionError(
                f"bill {number} has {settled.settled} paid and withheld; the note would leave its total at "
                f"{bill.total}: record at most what it still owes"
            )
        return []
