"""The tenant's books (chart, posting accounts, periods) as commands read and change them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from hisab.event_store.messages import Actor, DomainEvent, StoredEvent
from hisab.event_store.ports import Transaction
from hisab.ledger.application.dependencies import Ledger
from hisab.ledger.domain.books import Books, ChartTemplate, books_stream_id

NOUN = "books"
DecideBooks = Callable[[Books, Transaction[Any]], Awaitable[Sequence[DomainEvent]]]


async def read_books(tenant_id: str, ledger: Ledger) -> Books:
    """The books as committed; a tenant that never changed them has its template's."""
    stored = await ledger.streams.read(tenant_id, books_stream_id(tenant_id))
    return Books.from_events((s.event for s in stored), ledger.template)


async def books_within(transaction: Transaction[Any], tenant_id: str, template: ChartTemplate) -> Books:
    """The books as they are in the caller's transaction (read after any lock it holds)."""
    stored = await transaction.events.read_stream(tenant_id, books_stream_id(tenant_id))
    return Books.from_events((s.event for s in stored), template)


async def change_books(actor: Actor, ledger: Ledger, decide: DecideBooks, *, alone: bool = False) -> list[StoredEvent]:
    """Record what `decide` makes of the books; `alone` first waits for every posting in flight (and
    keeps new ones waiting), for the decisions a concurrent posting could contradict."""

    async def decision(transaction: Transaction[Any], history: list[StoredEvent]) -> Sequence[DomainEvent]:
        if alone:
            await ledger.tables.hold(transaction.tables, actor.tenant_id)
            return await decide(await books_within(transaction, actor.tenant_id, ledger.template), transaction)
        return await decide(Books.from_events((s.event for s in history), ledger.template), transaction)

    stream_id = books_stream_id(actor.tenant_id)
    recorded = await ledger.streams.change(actor, stream_id, decision, noun=NOUN, may_be_new=True)
    return recorded.stream
