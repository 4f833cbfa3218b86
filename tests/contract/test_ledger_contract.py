"""The books on every backend: postings, the journal's read models and the reports agree on the fake,
SQLite and PostgreSQL, hold their invariants for any entries, and rebuild to what the live path wrote."""

from __future__ import annotations

import asyncio
import itertools
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hisab.event_store.ports import Database
from hisab.invoicing.application.commands import ApproveInvoice, CancelInvoice, CreateInvoice
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.handlers import approve_invoice, cancel_invoice, create_invoice
from hisab.kernel.errors import IllegalTransitionError
from hisab.kernel.fiscal_year import FiscalYear
from hisab.kernel.money import ZERO
from hisab.ledger.application.account_ledger import account_ledger
from hisab.ledger.application.dependencies import Ledger
from hisab.ledger.application.journals import (
    CreateJournalEntry,
    PostJournalEntry,
    ReverseJournalEntry,
    create_journal_entry,
    list_journal_entries,
    post_journal_entry,
    reverse_journal_entry,
)
from hisab.ledger.application.periods import close_fiscal_year, close_period
from hisab.ledger.application.ports import BalanceQuery, EntryFilter
from hisab.ledger.application.postings import invoice_entry_id
from hisab.ledger.application.reports import balance_sheet, income_statement, trial_balance
from hisab.ledger.domain.books import PeriodClosedError
from hisab.ledger.domain.entries import EntryStatus
from hisab.ledger.domain.journal import JournalKind, LineInput
from hisab.ledger.domain.periods import FiscalPeriod
from tests.builders import actor, checker, rebuild, services, steel_rods_draft

D = Decimal
_TENANTS = itertools.count()
LEAVES = ("1110", "1121", "1210", "2100", "2210", "3100", "4100", "5300", "5400")


def _fresh_tenant() -> str:
    return f"ledger-{next(_TENANTS)}"


async def _post(ledger: Ledger, tenant: str, day: date, lines: tuple[LineInput, ...], **kinds: Any) -> str:
    kind = kinds.get("kind", JournalKind.GENERAL)
    drafted = await create_journal_entry(CreateJournalEntry(day, kind, "entry", None, lines), actor(tenant), ledger)
    await post_journal_entry(PostJournalEntry(drafted.entry_id), checker(tenant), ledger)
    return drafted.entry_id


def _pair(debit_code: str, credit_code: str, amount: str, project: str | None = None) -> tuple[LineInput, ...]:
    return (
        LineInput(debit_code, D(amount), None, project=project),
        LineInput(credit_code, None, D(amount), project=project),
    )


async def test_a_posted_entry_reads_back_numbered_and_rebuilds_equal(database: Database[Any]) -> None:
    ledger = services(database).get(Ledger)
    first = await _post(ledger, "tenant-a", date(2026, 11, 15), _pair("1121", "3100", "1000000.00"))
    second = await _post(ledger, "tenant-a", date(2026, 11, 16), _pair("5400", "1121", "25000.50", "Tower A"))

    page = await list_journal_entries(EntryFilter(), 10, None, actor(), ledger)
    by_project = await list_journal_entries(EntryFilter(project="Tower A"), 10, None, actor(), ledger)

    assert [view.number for view in page.entries] == ["GJ/2026-27/000002", "GJ/2026-27/000001"]
    assert [view.entry_id for view in by_project.entries] == [second]
    assert page.entries[1].entry_id == first
    assert page.entries[1].posted_by == checker().user_id
    assert await rebuild(database, verify_only=True) == []


async def test_issuing_an_invoice_posts_its_sales_journal_and_cancelling_reverses_it(database: Database[Any]) -> None:
    wired = services(database)
    invoicing, ledger = wired.get(Invoicing), wired.get(Ledger)
    created = await create_invoice(CreateInvoice(steel_rods_draft()), actor(), invoicing)
    await approve_invoice(ApproveInvoice(created.invoice_id), checker(), invoicing)

    issued = await ledger.queries.entry("tenant-a", invoice_entry_id("tenant-a", created.invoice_id))
    assert issued is not None
    assert issued.number == "SJ/2026-27/000001"
    assert [(line.account_code, line.debit, line.credit) for line in issued.lines] == [
        ("1210", D("575000.00"), ZERO),
        ("4100", ZERO, D("500000.00")),
        ("2210", ZERO, D("75000.00")),
    ]

    await cancel_invoice(CancelInvoice(created.invoice_id, "wrong buyer"), checker(), invoicing)
    entries = (await ledger.queries.entries_for_document("tenant-a", [created.invoice_id]))[created.invoice_id]
    assert [(e.kind, e.status) for e in entries] == [
        (JournalKind.SALES, EntryStatus.REVERSED),
        (JournalKind.REVERSING, EntryStatus.POSTED),
    ]
    moved = await ledger.queries.movements("tenant-a", BalanceQuery(through=date(2027, 6, 30)))
    assert all(m.debit == m.credit for m in moved.values())
    assert await rebuild(database, verify_only=True) == []


async def test_receivable_and_vat_output_follow_the_invoices_issued(database: Database[Any]) -> None:
    wired = services(database)
    invoicing, ledger = wired.get(Invoicing), wired.get(Ledger)
    issued = []
    for _ in range(3):
        created = await create_invoice(CreateInvoice(steel_rods_draft()), actor(), invoicing)
        issued.append(await approve_invoice(ApproveInvoice(created.invoice_id), checker(), invoicing))
    await cancel_invoice(CancelInvoice(issued[0].invoice_id, "returned"), checker(), invoicing)

    moved = await ledger.queries.movements("tenant-a", BalanceQuery(through=date(2027, 6, 30)))
    standing = issued[1:]
    assert moved["1210"].net_debit == sum((v.totals.grand_total for v in standing), ZERO)
    assert -moved["2210"].net_debit == sum((v.totals.vat for v in standing), ZERO)


async def test_nothing_posts_into_a_closed_period(database: Database[Any]) -> None:
    ledger = services(database).get(Ledger)
    november = FiscalPeriod.parse("2026-27/P05")
    await close_period(november, actor(user_id="cfo-1"), ledger)

    drafted = await create_journal_entry(
        CreateJournalEntry(date(2026, 11, 20), JournalKind.GENERAL, "late", None, _pair("5400", "1110", "10.00")),
        actor(),
        ledger,
    )
    with pytest.raises(PeriodClosedError, match="2026-27/P05"):
        await post_journal_entry(PostJournalEntry(drafted.entry_id), checker(), ledger)
    with pytest.raises(IllegalTransitionError, match="2026-27/P05"):
        invoicing = services(database).get(Invoicing)
        created = await create_invoice(CreateInvoice(steel_rods_draft()), actor(), invoicing)
        await approve_invoice(ApproveInvoice(created.invoice_id), checker(), invoicing)
    numbered = await list_journal_entries(EntryFilter(status=EntryStatus.POSTED), 10, None, actor(), ledger)
    assert numbered.entries == []


async def test_a_reversal_mirrors_the_entry_and_nets_every_account_to_zero(database: Database[Any]) -> None:
    ledger = services(database).get(Ledger)
    original = await _post(ledger, "tenant-a", date(2026, 11, 2), _pair("5300", "1121", "80000.00", "Tower A"))
    reversal = await reverse_journal_entry(
        ReverseJournalEntry(original, date(2026, 11, 3), "posted twice"), checker(), ledger
    )

    assert reversal.number == "RJ/2026-27/000001"
    assert reversal.reverses == original
    moved = await ledger.queries.movements("tenant-a", BalanceQuery(through=date(2026, 11, 30)))
    assert {code: m.net_debit for code, m in moved.items()} == {"5300": ZERO, "1121": ZERO}
    with pytest.raises(IllegalTransitionError, match="reversed already"):
        await reverse_journal_entry(ReverseJournalEntry(original, date(2026, 11, 3), "again"), checker(), ledger)


async def test_closing_a_year_moves_its_profit_into_retained_earnings(database: Database[Any]) -> None:
    ledger = services(database).get(Ledger)
    await _post(ledger, "tenant-a", date(2026, 3, 1), _pair("1121", "4100", "900000.00"))
    await _post(ledger, "tenant-a", date(2026, 4, 1), _pair("5300", "1121", "300000.00"))

    closed = await close_fiscal_year(FiscalYear(2025), actor(user_id="cfo-1"), ledger)

    assert closed.closing_entry is not None
    assert closed.closing_entry.number == "CJ/2025-26/000001"
    assert all(period.closed for period in closed.periods)
    after = await balance_sheet(date(2026, 7, 1), actor(), ledger)
    assert after.balanced
    assert after.current_earnings == ZERO
    assert [(line.account.code, line.amount) for line in after.equity.lines] == [("3200", D("600000.00"))]
    year = await income_statement(date(2025, 7, 1), date(2026, 6, 30), None, actor(), ledger)
    assert year.net_profit == D("600000.00")


async def test_an_account_ledger_continues_its_running_balance_across_pages(database: Database[Any]) -> None:
    ledger = services(database).get(Ledger)
    for n in range(5):
        await _post(ledger, "tenant-a", date(2026, 8, 1 + n), _pair("1121", "3100", f"{100 + n}.00"))

    pages, after = [], None
    while True:
        page = await account_ledger("1121", date(2026, 7, 1), date(2026, 12, 31), 2, after, actor(), ledger)
        pages.append([line.balance for line in page.lines])
        if not page.has_next_page:
            break
        after = page.lines[-1].cursor

    assert pages == [[D("100.00"), D("201.00")], [D("303.00"), D("406.00")], [D("510.00")]]
    assert page.closing_balance == D("510.00")


async def test_concurrent_postings_and_a_close_never_leave_an_entry_posted_after_the_close(
    database: Database[Any],
) -> None:
    ledger = services(database).get(Ledger)
    tenant = _fresh_tenant()
    drafts = [
        await create_journal_entry(
            CreateJournalEntry(date(2026, 11, 10), JournalKind.GENERAL, "race", None, _pair("5400", "1110", "1.00")),
            actor(tenant),
            ledger,
        )
        for _ in range(12)
    ]

    async def post(entry_id: str) -> bool:
        try:
            await post_journal_entry(PostJournalEntry(entry_id), checker(tenant), ledger)
            return True
        except PeriodClosedError:
            return False

    posts = [asyncio.create_task(post(d.entry_id)) for d in drafts]
    await asyncio.sleep(0)
    await close_period(FiscalPeriod.parse("2026-27/P05"), actor(tenant, "cfo-1"), ledger)
    posted = sum(await asyncio.gather(*posts))

    books = await ledger.streams.read(tenant, f"books:{tenant}")
    closed_at = max(s.position for s in books)
    entries = (
        await list_journal_entries(EntryFilter(status=EntryStatus.POSTED), 50, None, actor(tenant), ledger)
    ).entries
    assert len(entries) == posted
    assert all(e.posted_position is not None and e.posted_position < closed_at for e in entries)
    numbers = sorted(e.number or "" for e in entries)
    assert numbers == [f"GJ/2026-27/{n:06d}" for n in range(1, posted + 1)]


amounts = st.decimals(min_value=D("0.01"), max_value=D("99999999.99"), places=2)
entry = st.tuples(
    st.sampled_from(LEAVES), st.sampled_from(LEAVES), amounts, st.dates(date(2025, 7, 1), date(2027, 6, 30))
).filter(lambda e: e[0] != e[1])


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries=st.lists(entry, min_size=1, max_size=6), as_of=st.dates(date(2025, 7, 1), date(2027, 6, 30)))
async def test_any_entries_keep_the_trial_balance_and_balance_sheet_balanced(
    database: Database[Any], entries: list[tuple[str, str, Decimal, date]], as_of: date
) -> None:
    ledger = services(database).get(Ledger)
    tenant = _fresh_tenant()
    for debit_code, credit_code, amount, day in entries:
        await _post(ledger, tenant, day, _pair(debit_code, credit_code, str(amount)))

    trial = await trial_balance(as_of, None, actor(tenant), ledger)
    sheet = await balance_sheet(as_of, actor(tenant), ledger)
    expected_movement = sum(
        (amount for _, _, amount, day in entries if FiscalYear.of(day) == trial.fiscal_year and day <= as_of), ZERO
    )

    assert trial.balanced
    assert sheet.balanced
    assert trial.totals.debit == trial.totals.credit == expected_movement


days = st.dates(date(2025, 6, 1), date(2027, 7, 31))


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    entries=st.lists(entry, min_size=1, max_size=6),
    since=st.one_of(st.none(), days),
    through=days,
    without_closing=st.booleans(),
)
async def test_movements_over_any_days_are_the_sum_of_the_lines_posted_in_them(
    database: Database[Any],
    entries: list[tuple[str, str, Decimal, date]],
    since: date | None,
    through: date,
    without_closing: bool,
) -> None:
    ledger = services(database).get(Ledger)
    tenant = _fresh_tenant()
    for debit_code, credit_code, amount, day in entries:
        await _post(ledger, tenant, day, _pair(debit_code, credit_code, str(amount)))

    query = BalanceQuery(through=through, since=since, without_closing=without_closing)
    moved = await ledger.queries.movements(tenant, query)

    expected: dict[str, Decimal] = {}
    for debit_code, credit_code, amount, day in entries:
        if (since is None or day >= since) and day <= through:
            expected[debit_code] = expected.get(debit_code, ZERO) + amount
            expected[credit_code] = expected.get(credit_code, ZERO) - amount
    assert {code: m.net_debit for code, m in moved.items()} == expected
