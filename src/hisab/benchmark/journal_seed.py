"""`hisab bench seed --journal-lines N`: posted journal entries at scale, through the one write path.

Each entry is checked by the domain (`validate_content`, the chart's postable accounts, an open
period, debits equal to credits), numbered from the tenant's gapless per-kind, per-year counters,
and recorded as its `JournalEntryDrafted` and `JournalEntryPosted` events by `Streams.start_many`,
so the journal projection (entries, lines, per-day balances) runs exactly as in production.
Only the batching differs: a batch of entries is one transaction, as an invoice import's is.
Like Hisab's own automatic entries, a seeded entry is drafted and posted in one transaction, by
the seeding user.

The entries span two fiscal years (24 months from July 2024) and the chart's leaf accounts (the
default chart's and a few a construction company adds: project bank accounts, project costs),
with a few projects. One worker per fiscal year: a year's batches share its number counters and
its days' balance rows, so two workers on one year would only queue for each other's locks.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hisab.event_store.messages import Actor
from hisab.event_store.ports import NewStream, Transaction
from hisab.event_store.streams import DecideStreams
from hisab.kernel.errors import InvalidInputError
from hisab.kernel.fiscal_year import FiscalYear
from hisab.ledger.application.accounts import create_account
from hisab.ledger.application.books import books_within
from hisab.ledger.application.dependencies import Ledger
from hisab.ledger.domain.accounts import AccountType
from hisab.ledger.domain.books import Books, books_stream_id
from hisab.ledger.domain.entries import ENTRY_STREAM_PREFIX, draft_event, posted_event
from hisab.ledger.domain.events import AccountRecord
from hisab.ledger.domain.journal import (
    EntryContent,
    JournalKind,
    LineInput,
    number_series,
    unbalanced,
    validate_content,
)

SEEDER = "seed-bookkeeper"
FIRST_DAY = date(2024, 7, 1)
DAYS = (date(2026, 7, 1) - FIRST_DAY).days  # 24 months: fiscal years 2024-25 and 2025-26
ENTRY_SIZES = (2, 3, 4, 5, 6, 7, 8)  # lines per entry, in turn: five on average
KINDS = (JournalKind.GENERAL, JournalKind.PURCHASE, JournalKind.CASH_RECEIPT, JournalKind.CASH_PAYMENT,
         JournalKind.ADJUSTMENT)  # fmt: skip
PROJECTS = ("PADMA-BRIDGE-LINK", "DHAKA-METRO-L6", "KARNAPHULI-TUNNEL", None)
MAIN_BANK = "1121"
PARTY_ACCOUNTS = frozenset({"1210", "2100"})  # receivable and payable lines name their party
# What a construction company adds to the default chart: a bank account per project, project costs.
EXTRA_ACCOUNTS = (
    AccountRecord("1122", "Bank - Padma project account", None, AccountType.ASSET, "1120", False),
    AccountRecord("1123", "Bank - Metro project account", None, AccountType.ASSET, "1120", False),
    AccountRecord("1124", "Bank - Tunnel project account", None, AccountType.ASSET, "1120", False),
    AccountRecord("5810", "Site materials - cement and steel", None, AccountType.EXPENSE, "5000", False),
    AccountRecord("5820", "Site labour", None, AccountType.EXPENSE, "5000", False),
    AccountRecord("5830", "Plant and machinery hire", None, AccountType.EXPENSE, "5000", False),
    AccountRecord("5840", "Subcontractors", None, AccountType.EXPENSE, "5000", False),
    AccountRecord("4400", "Contract revenue - retention released", None, AccountType.INCOME, "4000", False),
    AccountRecord("4500", "Scrap sales", None, AccountType.INCOME, "4000", False),
)


@dataclass(frozen=True, slots=True)
class JournalSeedPlan:
    lines: int
    tenant: str = "seed-0000"
    batch: int = 1000  # entries per transaction

    def entry_sizes(self) -> list[int]:
        """Lines of each entry, in date order, summing to exactly `lines` (at least two an entry)."""
        sizes: list[int] = []
        remaining = self.lines
        while remaining > 0:
            size = min(ENTRY_SIZES[len(sizes) % len(ENTRY_SIZES)], remaining)
            if size < 2:
                sizes[-1] += size  # a last line alone joins the entry before it
            else:
                sizes.append(size)
            remaining -= size
        return sizes

    def batches(self) -> dict[int, list[tuple[int, list[int]]]]:
        """Per fiscal year (its start year): batches of (first entry's sequence, the entries' sizes)."""
        sizes = self.entry_sizes()
        by_year: dict[int, list[tuple[int, list[int]]]] = {}
        start = 0
        while start < len(sizes):
            year = _year_of(start, len(sizes))
            end = start
            while end < len(sizes) and end - start < self.batch and _year_of(end, len(sizes)) == year:
                end += 1
            by_year.setdefault(year, []).append((start, sizes[start:end]))
            start = end
        return by_year


def _year_of(sequence: int, total: int) -> int:
    return FiscalYear.of(entry_day(sequence, total)).start_year


def entry_day(sequence: int, total: int) -> date:
    """Entries spread evenly over the 24 months, in order."""
    return FIRST_DAY + timedelta(days=sequence * DAYS // total)


def entry_lines(kind: JournalKind, sequence: int, size: int, accounts: Sequence[str]) -> list[LineInput]:
    """`size` lines, the first half debits and the rest credits of the same total, to paisa."""
    debits = size // 2
    amounts = [Decimal(100_000 + (sequence * 7919 + n * 104_729) % 9_900_000) / 100 for n in range(debits)]
    total = sum(amounts, Decimal(0))
    credits = size - debits
    share = (total / credits).quantize(Decimal("0.01"), rounding="ROUND_DOWN")
    credit_amounts = [share] * (credits - 1) + [total - share * (credits - 1)]
    lines = []
    for n, (debit, credit) in enumerate([(a, None) for a in amounts] + [(None, a) for a in credit_amounts]):
        code = _account(kind, n, size, sequence, accounts)
        party = f"party-{(sequence + n) % 400:04d}" if code in PARTY_ACCOUNTS else None
        lines.append(LineInput(code, debit, credit, PROJECTS[(sequence + n) % len(PROJECTS)], None, party, None))
    return lines


def _account(kind: JournalKind, n: int, size: int, sequence: int, accounts: Sequence[str]) -> str:
    """Receipts debit and payments credit the main bank account, which so has the most lines (~110,000
    of a million, over 2,000 pages of 50); every other line takes the chart's leaves in turn."""
    if (kind is JournalKind.CASH_RECEIPT and n == 0) or (kind is JournalKind.CASH_PAYMENT and n == size - 1):
        return MAIN_BANK
    return accounts[(sequence * 5 + n * 11) % len(accounts)]


def entry_content(sequence: int, size: int, total: int, accounts: Sequence[str]) -> EntryContent:
    kind = KINDS[sequence % len(KINDS)]
    day = entry_day(sequence, total)
    return validate_content(kind, day, f"Seeded {kind.value.lower()} entry {sequence}", f"SEED-{sequence}",
                            entry_lines(kind, sequence, size, accounts))  # fmt: skip


async def seed_journal(plan: JournalSeedPlan, ledger: Ledger, report: Callable[[int], None]) -> float:
    """Post the plan's entries into its tenant; return the seconds it took."""
    started = time.perf_counter()
    actor = Actor(plan.tenant, SEEDER, f"seed-{uuid.uuid4()}")
    accounts = await _chart(actor, ledger)
    batches = plan.batches()
    total = sum(len(sizes) for year in batches.values() for _, sizes in year)

    async def worker(year: list[tuple[int, list[int]]]) -> None:
        for first, sizes in year:
            await ledger.streams.start_many(actor, _posting(first, sizes, total, accounts, actor, ledger))
            report(sum(sizes))

    await asyncio.gather(*(worker(year) for year in batches.values()))
    return time.perf_counter() - started


async def _chart(actor: Actor, ledger: Ledger) -> list[str]:
    """The tenant's leaf accounts, after adding the construction company's few if it lacks them."""
    books = await _books(actor, ledger)
    for new in EXTRA_ACCOUNTS:
        if new.code not in books.accounts:
            await create_account(new, actor, ledger)
    books = await _books(actor, ledger)
    return sorted(code for code, account in books.accounts.items() if not account.is_group and account.active)


async def _books(actor: Actor, ledger: Ledger) -> Books:
    stored = await ledger.streams.read(actor.tenant_id, books_stream_id(actor.tenant_id))
    return Books.from_events((s.event for s in stored), ledger.template)


def _posting(
    first: int, sizes: Sequence[int], total: int, accounts: Sequence[str], actor: Actor, ledger: Ledger
) -> DecideStreams[Any]:
    async def decide(transaction: Transaction[Any]) -> Sequence[NewStream]:
        # As every posting: shared with other postings, exclusive of closing a period.
        await ledger.tables.share(transaction.tables, actor.tenant_id)
        books = await books_within(transaction, actor.tenant_id, ledger.template)
        contents = [entry_content(first + n, size, total, accounts) for n, size in enumerate(sizes)]
        for content in contents:
            books.ensure_open(content.date)
            problem = unbalanced(content.lines)
            if problem:
                raise InvalidInputError([problem])
        series = [number_series(c.kind, FiscalYear.of(c.date)) for c in contents]
        next_value = await transaction.counters.reserve(actor.tenant_id, Counter(series))
        streams = []
        for content, counter in zip(contents, series, strict=True):
            entry_id = f"{ENTRY_STREAM_PREFIX}{ledger.new_id()}"
            serial, next_value[counter] = next_value[counter], next_value[counter] + 1
            posted = posted_event(entry_id, content.kind, FiscalYear.of(content.date), serial)
            streams.append(NewStream(entry_id, [draft_event(entry_id, content, books), posted]))
        return streams

    return decide
