"""A customer's statement of account over a period, each document dated, with a running balance."""

from __future__ import annotations

from datetime import date

from hisab.event_store.messages import Actor
from hisab.kernel.errors import InvalidInputError
from hisab.receivables.application.dependencies import Receivables
from hisab.receivables.application.ports import Customer, UndoneReceipt
from hisab.receivables.domain.events import ChequeBounced, ReceiptReversed
from hisab.receivables.domain.statement import Statement, StatementEntry, build_statement, check_period


async def customer_statement(
    customer: Customer, from_day: date, to_day: date, actor: Actor, receivables: Receivables
) -> Statement:
    if customer.customer_id is None and customer.customer_party_id is None:
        raise InvalidInputError.single("customer_id", "required", "give customerId or customerPartyId")
    check_period(from_day, to_day)
    facts = await receivables.reports.statement_facts(actor.tenant_id, customer, to_day)
    entries = list(facts.entries)
    for receipt in facts.undone:
        entries += await _undoing(receipt, actor, receivables)
    return build_statement(entries, from_day, to_day, facts.unapplied_advance)


async def _undoing(receipt: UndoneReceipt, actor: Actor, receivables: Receivables) -> list[StatementEntry]:
    """The day the receipt was undone is in its stream only: the read model keeps its status, not when."""
    for stored in await receivables.streams.read(actor.tenant_id, receipt.receipt_id):
        event = stored.event
        if isinstance(event, ChequeBounced):
            return [receipt.entry(event.bounced_on)]
        if isinstance(event, ReceiptReversed):
            return [receipt.entry(event.reversed_on)]
    return []
