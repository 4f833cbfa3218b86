"""Fiscal periods: which are open, closing and reopening them, and closing a fiscal year."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from hisab.event_store.messages import Actor, DomainEvent, StoredEvent
from hisab.event_store.ports import Transaction
from hisab.kernel.fiscal_year import FiscalYear
from hisab.ledger.application.books import change_books
from hisab.ledger.application.dependencies import Ledger
from hisab.ledger.application.ports import BalanceQuery
from hisab.ledger.application.postings import closing_entry_id
from hisab.ledger.application.views import JournalEntryView
from hisab.ledger.domain.books import Books, books_stream_id
from hisab.ledger.domain.closing import closing_content
from hisab.ledger.domain.events import FiscalYearClosed, PeriodClosed, PeriodReopened
from hisab.ledger.domain.periods import FiscalPeriod


@dataclass(frozen=True, slots=True)
class PeriodView:
    period: FiscalPeriod
    closed: bool
    closed_by: str | None = None
    closed_at: datetime | None = None
    reopen_reason: str | None = None
    reopened_by: str | None = None
    reopened_at: datetime | None = None

    @property
    def first_day(self) -> date:
        return self.period.first_day

    @property
    def last_day(self) -> date:
        return self.period.last_day


@dataclass(frozen=True, slots=True)
class FiscalYearCloseView:
    fiscal_year: FiscalYear
    closing_entry: JournalEntryView | None
    periods: tuple[PeriodView, ...]


def period_views(stream: Sequence[StoredEvent], fiscal_year: FiscalYear) -> tuple[PeriodView, ...]:
    """Each period of the year with who closed or reopened it last, from the books' events."""
    views = {period: PeriodView(period, False) for period in FiscalPeriod.all_of(fiscal_year)}
    for stored in stream:
        event, who, when = stored.event, stored.metadata.user_id, stored.metadata.occurred_at
        match event:
            case PeriodClosed(fiscal_year=year, number=number) if year == fiscal_year.start_year:
                period = FiscalPeriod(fiscal_year, number)
                views[period] = replace(views[period], closed=True, closed_by=who, closed_at=when)
            case PeriodReopened(fiscal_year=year, number=number, reason=reason) if year == fiscal_year.start_year:
                period = FiscalPeriod(fiscal_year, number)
                views[period] = replace(
                    views[period], closed=False, reopen_reason=reason, reopened_by=who, reopened_at=when
                )
            case FiscalYearClosed(fiscal_year=year) if year == fiscal_year.start_year:
                for period, view in views.items():
                    if not view.closed:
                        views[period] = replace(view, closed=True, closed_by=who, closed_at=when)
    return tuple(views[period] for period in FiscalPeriod.all_of(fiscal_year))


async def fiscal_periods(fiscal_year: FiscalYear, actor: Actor, ledger: Ledger) -> tuple[PeriodView, ...]:
    stream = await ledger.streams.read(actor.tenant_id, books_stream_id(actor.tenant_id))
    return period_views(stream, fiscal_year)


async def close_period(period: FiscalPeriod, actor: Actor, ledger: Ledger) -> PeriodView:
    async def decide(books: Books, transaction: Transaction[Any]) -> Sequence[DomainEvent]:
        return books.close_period(period, ledger.template)

    stream = await change_books(actor, ledger, decide, alone=True)
    return _period_of(stream, period)


async def reopen_period(period: FiscalPeriod, reason: str, actor: Actor, ledger: Ledger) -> PeriodView:
    async def decide(books: Books, transaction: Transaction[Any]) -> Sequence[DomainEvent]:
        return books.reopen_period(period, reason, ledger.template)

    stream = await change_books(actor, ledger, decide, alone=True)
    return _period_of(stream, period)


async def close_fiscal_year(fiscal_year: FiscalYear, actor: Actor, ledger: Ledger) -> FiscalYearCloseView:
    """Close every period of the year, and post the entry that moves its income and expense into
    Retained Earnings (in the same transaction, with postings held off while the balances are read)."""

    async def decide(books: Books, transaction: Transaction[Any]) -> Sequence[DomainEvent]:
        query = BalanceQuery(through=fiscal_year.last_day)
        balances = await ledger.tables.movements(transaction.tables, actor.tenant_id, query)
        content = closing_content(fiscal_year, {c: (m.debit, m.credit) for c, m in balances.items()}, books)
        entry_id = closing_entry_id(actor.tenant_id, fiscal_year) if content is not None else None
        return books.close_year(fiscal_year, entry_id, ledger.template)

    stream = await change_books(actor, ledger, decide, alone=True)
    closed = next(
        s.event
        for s in reversed(stream)
        if isinstance(s.event, FiscalYearClosed) and s.event.fiscal_year == fiscal_year.start_year
    )
    entry = await ledger.queries.entry(actor.tenant_id, closed.closing_entry_id) if closed.closing_entry_id else None
    return FiscalYearCloseView(fiscal_year, entry, period_views(stream, fiscal_year))


def _period_of(stream: Sequence[StoredEvent], period: FiscalPeriod) -> PeriodView:
    return period_views(stream, period.fiscal_year)[period.number - 1]
