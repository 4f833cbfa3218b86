"""One journal entry's life: drafted, posted by another user into an open period, reversed by its mirror."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from hisab.kernel.errors import IllegalTransitionError, InvalidInputError, SegregationOfDutiesError
from hisab.kernel.fiscal_year import FiscalYear
from hisab.ledger.domain.entries import (
    EntryStatus,
    JournalEntry,
    check_reversible,
    draft_event,
    ensure_postable,
    mirror_content,
    posted_event,
)
from hisab.ledger.domain.events import SourceDocument
from hisab.ledger.domain.journal import EntryContent, JournalKind, JournalLine
from hisab.ledger.domain.periods import FiscalPeriod
from hisab.ledger.domain.posting_rules import PAYMENT, RECEIPT
from tests.ledger.builders import (
    CASH_SALE,
    DEFAULT_CHART,
    credit,
    debit,
    decided,
    default_books,
    draft_entry,
    posted_entry,
    reversed_entry,
)

MAKER, CHECKER = "clerk-1", "checker-1"


def _rules(error: pytest.ExceptionInfo[InvalidInputError]) -> list[tuple[str, str]]:
    return [(v.field, v.rule) for v in error.value.violations]


def test_a_draft_names_only_accounts_that_take_postings() -> None:
    content = EntryContent(
        JournalKind.GENERAL, date(2026, 11, 5), "Wrong accounts", None, (debit("1100", "1"), credit("9999", "1"))
    )
    with pytest.raises(InvalidInputError) as refused:
        draft_event("journal:entry-1", content, default_books())
    assert _rules(refused) == [("lines[0].account_code", "leaf_account"), ("lines[1].account_code", "account")]


def test_a_draft_keeps_what_the_entry_says_and_where_it_came_from() -> None:
    content = EntryContent(JournalKind.SALES, date(2026, 11, 5), "Tax invoice", "HO/2026-27/000001", CASH_SALE)
    source = SourceDocument("INVOICE", "inv-1", "HO/2026-27/000001")
    drafted = draft_event("journal:entry-1", content, default_books(), source=source)
    assert (drafted.kind, drafted.entry_date, drafted.lines, drafted.source) == (
        JournalKind.SALES,
        date(2026, 11, 5),
        CASH_SALE,
        source,
    )


def test_an_entry_is_a_draft_then_posted_then_reversed() -> None:
    assert draft_entry().status is EntryStatus.DRAFT
    posted = posted_entry()
    assert posted.status is EntryStatus.POSTED
    assert posted.posted is not None
    assert posted.posted.number == "GJ/2026-27/000001"
    assert posted.version == 2
    assert reversed_entry().status is EntryStatus.REVERSED


def test_the_posted_event_carries_the_number_of_its_kind_and_year() -> None:
    posted = posted_event("journal:entry-1", JournalKind.CASH_RECEIPT, FiscalYear(2025), 7)
    assert (posted.number, posted.serial, posted.fiscal_year) == ("CR/2025-26/000007", 7, 2025)


def test_another_user_posts_a_balanced_draft() -> None:
    ensure_postable(draft_entry(), default_books(), CHECKER, MAKER)


def test_the_maker_does_not_post_their_own_entry() -> None:
    with pytest.raises(SegregationOfDutiesError, match="maker-checker"):
        ensure_postable(draft_entry(), default_books(), MAKER, MAKER)


@pytest.mark.parametrize("entry", [posted_entry(), reversed_entry()], ids=["posted", "reversed"])
def test_only_a_draft_is_posted(entry: JournalEntry) -> None:
    with pytest.raises(IllegalTransitionError, match="only a DRAFT is posted"):
        ensure_postable(entry, default_books(), CHECKER, MAKER)


def test_an_unbalanced_draft_is_not_posted_and_the_error_shows_both_totals() -> None:
    entry = draft_entry((debit("1110", "100.00"), credit("4100", "99.99")))
    with pytest.raises(InvalidInputError, match=r"debits \(100.00\) must equal credits \(99.99\)") as refused:
        ensure_postable(entry, default_books(), CHECKER, MAKER)
    assert _rules(refused) == [("lines", "balanced")]


def test_an_account_deactivated_after_the_draft_stops_its_posting() -> None:
    books = default_books()
    # Cash receipts and payments go through the bank account from now on, so cash in hand may be deactivated.
    decided(books, books.set_posting_account(RECEIPT, "CASH", "1121", DEFAULT_CHART))
    decided(books, books.set_posting_account(PAYMENT, "CASH", "1121", DEFAULT_CHART))
    decided(books, books.deactivate("1110", False, DEFAULT_CHART))
    with pytest.raises(InvalidInputError) as refused:
        ensure_postable(draft_entry(), books, CHECKER, MAKER)
    assert _rules(refused) == [("lines[0].account_code", "active_account")]


def test_nothing_is_posted_into_a_closed_period_but_the_closing_entry() -> None:
    books = default_books()
    decided(books, books.close_period(FiscalPeriod(FiscalYear(2025), 12), DEFAULT_CHART))
    june = date(2026, 6, 30)
    with pytest.raises(IllegalTransitionError, match="period 2025-26/P12 is closed"):
        ensure_postable(draft_entry(day=june), books, CHECKER, MAKER)
    ensure_postable(draft_entry(day=june, kind=JournalKind.CLOSING), books, CHECKER, MAKER)


def test_a_reversal_mirrors_every_line_and_names_the_original() -> None:
    lines = (debit("1110", "1150.00", project="TOWER-7", memo="till"), credit("4100", "1150.00", party_id="p-1"))
    entry = posted_entry(lines)
    check_reversible(entry, date(2026, 11, 20), "  typed the wrong account ")
    reversal = mirror_content(entry, date(2026, 11, 20), "  typed the wrong account ")
    assert reversal.kind is JournalKind.REVERSING
    assert reversal.date == date(2026, 11, 20)
    assert reversal.reference == "GJ/2026-27/000001"
    assert reversal.narration == "Reversal of GJ/2026-27/000001: typed the wrong account"
    assert reversal.lines == (
        JournalLine("1110", Decimal("0.00"), Decimal("1150.00"), project="TOWER-7", memo="till"),
        JournalLine("4100", Decimal("1150.00"), Decimal("0.00"), party_id="p-1"),
    )


def test_a_reversal_may_be_dated_the_day_of_the_original_but_not_before() -> None:
    entry = posted_entry(day=date(2026, 11, 5))
    check_reversible(entry, date(2026, 11, 5), "same day")
    with pytest.raises(InvalidInputError, match=r"on or after the entry it reverses \(2026-11-05\)") as refused:
        check_reversible(entry, date(2026, 11, 4), "back-dated")
    assert _rules(refused) == [("date", "after_original")]


def test_a_draft_is_not_reversed() -> None:
    with pytest.raises(IllegalTransitionError, match="only a posted entry is reversed"):
        check_reversible(draft_entry(), date(2026, 11, 20), "wrong")


def test_an_entry_is_reversed_once() -> None:
    with pytest.raises(IllegalTransitionError, match=r"reversed already \(by journal:entry-2\)"):
        check_reversible(reversed_entry(), date(2026, 11, 20), "again")


def test_a_closing_entry_is_not_reversed() -> None:
    closing = posted_entry(day=date(2026, 6, 30), kind=JournalKind.CLOSING)
    with pytest.raises(IllegalTransitionError, match="closing entry is not reversed"):
        check_reversible(closing, date(2026, 7, 1), "reopen the year")


@pytest.mark.parametrize(("reason", "rule"), [("  ", "required"), ("r" * 501, "max_length")])
def test_a_reversal_says_why_in_at_most_500_characters(reason: str, rule: str) -> None:
    with pytest.raises(InvalidInputError) as refused:
        check_reversible(posted_entry(), date(2026, 11, 20), reason)
    assert _rules(refused) == [("reason", rule)]


def test_a_reversal_reason_holds_no_nul() -> None:
    with pytest.raises(InvalidInputError) as refused:
        check_reversible(posted_entry(), date(2026, 11, 20), "typed\x00wrong")
    assert _rules(refused) == [("reason", "control_characters")]
