"""The books aggregate: the default chart until the first change, the chart's rules, posting accounts and periods."""

from __future__ import annotations

from datetime import date

import pytest

from hisab.kernel.errors import IllegalTransitionError, InvalidInputError, NotFoundError
from hisab.kernel.fiscal_year import FiscalYear
from hisab.ledger.domain.accounts import AccountType
from hisab.ledger.domain.books import AccountUpdate, Books, PeriodClosedError, books_stream_id
from hisab.ledger.domain.events import (
    AccountAdded,
    AccountChanged,
    AccountDeactivated,
    AccountRecord,
    ChartAdopted,
    FiscalYearClosed,
    PeriodClosed,
    PeriodReopened,
    PostingAccountSet,
)
from hisab.ledger.domain.periods import FiscalPeriod
from hisab.ledger.domain.posting_rules import DEBIT_NOTE, INVOICE
from tests.ledger.builders import DEFAULT_CHART, decided, default_books

NOVEMBER = FiscalPeriod(FiscalYear(2026), 5)
PETTY_CASH = AccountRecord("1111", "Petty cash", "খুচরা নগদ", AccountType.ASSET, "1100", is_group=False)


def _rules(error: pytest.ExceptionInfo[InvalidInputError]) -> list[tuple[str, str]]:
    return [(v.field, v.rule) for v in error.value.violations]


def _add(books: Books, **changes: object) -> list[tuple[str, str]]:
    fields: dict[str, object] = {
        "code": "1111",
        "name": "Petty cash",
        "name_bn": None,
        "type": AccountType.ASSET,
        "parent_code": "1100",
        "is_group": False,
    }
    fields.update(changes)
    with pytest.raises(InvalidInputError) as refused:
        books.add_account(AccountRecord(**fields), DEFAULT_CHART)  # type: ignore[arg-type]
    return _rules(refused)


def test_new_books_are_the_default_chart_but_not_yet_adopted() -> None:
    books = default_books()
    assert not books.adopted
    assert books.account("1210").name == "Accounts Receivable"
    assert books.posting_account(INVOICE, "SALES").code == "4100"
    assert books_stream_id("tenant-a") == "books:tenant-a"


def test_the_first_change_adopts_the_chart_first_and_later_ones_do_not() -> None:
    books = default_books()
    first = decided(books, books.add_account(PETTY_CASH, DEFAULT_CHART))
    assert [type(e) for e in first] == [ChartAdopted, AccountAdded]
    assert first[0] == DEFAULT_CHART.adoption()
    assert books.adopted
    later = books.close_period(NOVEMBER, DEFAULT_CHART)
    assert [type(e) for e in later] == [PeriodClosed]


def test_books_replayed_from_their_events_are_the_books_that_decided_them() -> None:
    books = default_books()
    history = list(decided(books, books.add_account(PETTY_CASH, DEFAULT_CHART)))
    history += decided(books, books.close_period(NOVEMBER, DEFAULT_CHART))
    replayed = default_books(history)
    assert replayed == books
    assert replayed.account("1111").name_bn == "খুচরা নগদ"


def test_a_decision_that_changes_nothing_records_nothing_not_even_the_adoption() -> None:
    books = default_books()
    assert books.change_account("1210", AccountUpdate(name="Accounts Receivable"), DEFAULT_CHART) == []
    assert books.set_posting_account(INVOICE, "SALES", "4100", DEFAULT_CHART) == []
    decided(books, books.deactivate("5400", False, DEFAULT_CHART))
    assert books.deactivate("5400", False, DEFAULT_CHART) == []


def test_an_account_is_added_under_a_group_of_its_type_with_trimmed_names() -> None:
    books = default_books()
    events = books.add_account(
        AccountRecord("1111", "  Petty cash ", "  ", AccountType.ASSET, "1100", is_group=False), DEFAULT_CHART
    )
    added = events[-1]
    assert isinstance(added, AccountAdded)
    assert (added.account.name, added.account.name_bn, added.account.parent_code) == ("Petty cash", None, "1100")
    decided(books, events)
    assert [a.code for a in books.leaves_under("1100")] == ["1110", "1121", "1131", "1132", "1133", "1134", "1111"]


def test_a_top_level_account_has_no_parent() -> None:
    books = default_books()
    events = books.add_account(
        AccountRecord("6000", "Suspense", None, AccountType.ASSET, "", is_group=False), DEFAULT_CHART
    )
    assert isinstance(events[-1], AccountAdded)
    assert events[-1].account.parent_code is None


def test_an_account_code_is_one_to_twelve_digits_and_unique() -> None:
    books = default_books()
    assert _add(books, code="11A1") == [("code", "account_code")]
    assert _add(books, code="1234567890123") == [("code", "account_code")]
    assert _add(books, code="1110") == [("code", "unique")]


def test_an_account_needs_a_clean_name() -> None:
    books = default_books()
    assert _add(books, name="  ", name_bn="x" * 121) == [("name", "required"), ("name_bn", "max_length")]
    assert _add(books, name="Petty\x00cash") == [("name", "control_characters")]


def test_an_account_goes_under_an_existing_group_of_its_own_type() -> None:
    books = default_books()
    assert _add(books, parent_code="1999") == [("parent_code", "account")]
    assert _add(books, parent_code="1110") == [("parent_code", "group_account")]
    assert _add(books, parent_code="2200") == [("parent_code", "account_type")]


def test_an_account_is_renamed_and_moved_and_unset_fields_stay() -> None:
    books = default_books()
    events = books.change_account("1131", AccountUpdate(name="bKash merchant wallet"), DEFAULT_CHART)
    assert events[-1] == AccountChanged("1131", "bKash merchant wallet", "বিকাশ ওয়ালেট", "1130")
    decided(books, events)
    moved = books.change_account("1131", AccountUpdate(parent_code="", name_bn=""), DEFAULT_CHART)
    assert moved == [AccountChanged("1131", "bKash merchant wallet", None, None)]


def test_a_change_meets_the_same_rules_as_an_addition() -> None:
    books = default_books()
    with pytest.raises(InvalidInputError) as refused:
        books.change_account("1131", AccountUpdate(name=" ", parent_code="2200"), DEFAULT_CHART)
    assert _rules(refused) == [("name", "required"), ("parent_code", "account_type")]
    with pytest.raises(NotFoundError, match="account 1999"):
        books.change_account("1999", AccountUpdate(name="Nothing"), DEFAULT_CHART)


def test_a_group_cannot_be_placed_under_itself_or_its_descendants() -> None:
    books = default_books()
    for under in ("1100", "1130"):
        with pytest.raises(InvalidInputError) as refused:
            books.change_account("1100", AccountUpdate(parent_code=under), DEFAULT_CHART)
        assert _rules(refused) == [("parent_code", "cycle")]


def test_an_account_with_a_balance_is_not_deactivated() -> None:
    with pytest.raises(IllegalTransitionError, match="account 1131 has a balance"):
        default_books().deactivate("1131", True, DEFAULT_CHART)


def test_a_group_with_active_accounts_under_it_is_not_deactivated() -> None:
    books = default_books()
    group = AccountRecord("1150", "Cash boxes", None, AccountType.ASSET, "1100", is_group=True)
    decided(books, books.add_account(group, DEFAULT_CHART))
    for code in ("1151", "1152"):
        leaf = AccountRecord(code, f"Box {code}", None, AccountType.ASSET, "1150", is_group=False)
        decided(books, books.add_account(leaf, DEFAULT_CHART))
    with pytest.raises(IllegalTransitionError, match="active accounts under it"):
        books.deactivate("1150", False, DEFAULT_CHART)
    decided(books, books.deactivate("1151", False, DEFAULT_CHART))
    decided(books, books.deactivate("1152", False, DEFAULT_CHART))
    assert books.deactivate("1150", False, DEFAULT_CHART) == [AccountDeactivated("1150")]


def test_a_posting_account_is_not_deactivated_until_another_takes_its_role() -> None:
    books = default_books()
    with pytest.raises(IllegalTransitionError, match="posting account of DEBIT_NOTE/SALES, INVOICE/SALES"):
        books.deactivate("4100", False, DEFAULT_CHART)
    decided(books, books.set_posting_account(INVOICE, "SALES", "4900", DEFAULT_CHART))
    decided(books, books.set_posting_account(DEBIT_NOTE, "SALES", "4900", DEFAULT_CHART))
    assert books.deactivate("4100", False, DEFAULT_CHART) == [AccountDeactivated("4100")]


def test_a_deactivated_account_takes_no_postings() -> None:
    books = default_books()
    decided(books, books.deactivate("5400", False, DEFAULT_CHART))
    violation = books.postable_violation("5400", "lines[0].account_code")
    assert violation is not None
    assert (violation.field, violation.rule) == ("lines[0].account_code", "active_account")


def test_postings_go_to_existing_leaf_accounts_only() -> None:
    books = default_books()
    group = books.postable_violation("1100", "account_code")
    missing = books.postable_violation("1999", "account_code")
    assert group is not None
    assert group.rule == "leaf_account"
    assert missing is not None
    assert missing.rule == "account"
    assert books.postable_violation("1110", "account_code") is None


def test_a_posting_account_is_set_for_a_known_role() -> None:
    books = default_books()
    events = decided(books, books.set_posting_account(INVOICE, "RECEIVABLE", "1230", DEFAULT_CHART))
    assert isinstance(events[-1], PostingAccountSet)
    assert books.posting_account(INVOICE, "RECEIVABLE").code == "1230"
    with pytest.raises(InvalidInputError, match="known: INVOICE/RECEIVABLE") as refused:
        books.set_posting_account(INVOICE, "DISCOUNT", "4100", DEFAULT_CHART)
    assert _rules(refused) == [("role", "posting_role")]


@pytest.mark.parametrize(
    ("role", "code", "rule"),
    [("SALES", "1110", "account_type"), ("VAT_OUTPUT", "2200", "leaf_account"), ("SALES", "4999", "account")],
)
def test_a_posting_account_is_a_leaf_of_the_type_its_role_takes(role: str, code: str, rule: str) -> None:
    with pytest.raises(InvalidInputError) as refused:
        default_books().set_posting_account(INVOICE, role, code, DEFAULT_CHART)
    assert _rules(refused) == [("account_code", rule)]


def test_a_closed_period_refuses_postings_dated_in_it_naming_the_period() -> None:
    books = default_books()
    decided(books, books.close_period(NOVEMBER, DEFAULT_CHART))
    assert books.is_closed(NOVEMBER)
    with pytest.raises(PeriodClosedError, match="period 2026-27/P05 is closed: nothing may be posted dated 2026-11-30"):
        books.ensure_open(date(2026, 11, 30))
    assert books.ensure_open(date(2026, 12, 1)) == FiscalPeriod(FiscalYear(2026), 6)
    assert books.ensure_open(date(2026, 10, 31)).number == 4
    assert books.close_period(NOVEMBER, DEFAULT_CHART) == []


def test_a_reopened_period_takes_postings_again_and_says_why() -> None:
    books = default_books()
    decided(books, books.close_period(NOVEMBER, DEFAULT_CHART))
    events = decided(books, books.reopen_period(NOVEMBER, "  bank charges came late ", DEFAULT_CHART))
    assert events == [PeriodReopened(2026, 5, "bank charges came late")]
    assert books.ensure_open(date(2026, 11, 30)) == NOVEMBER


def test_a_period_is_reopened_only_with_a_reason_and_only_when_closed() -> None:
    books = default_books()
    with pytest.raises(IllegalTransitionError, match="period 2026-27/P05 is open"):
        books.reopen_period(NOVEMBER, "why not", DEFAULT_CHART)
    decided(books, books.close_period(NOVEMBER, DEFAULT_CHART))
    with pytest.raises(InvalidInputError) as refused:
        books.reopen_period(NOVEMBER, "  ", DEFAULT_CHART)
    assert _rules(refused) == [("reason", "required")]


def test_a_reopening_reason_holds_no_nul() -> None:
    books = default_books()
    decided(books, books.close_period(NOVEMBER, DEFAULT_CHART))
    with pytest.raises(InvalidInputError) as refused:
        books.reopen_period(NOVEMBER, "late\x00charges", DEFAULT_CHART)
    assert _rules(refused) == [("reason", "control_characters")]


def test_closing_a_fiscal_year_closes_it_once_with_its_closing_entry() -> None:
    books = default_books()
    events = decided(books, books.close_year(FiscalYear(2025), "journal:closing", DEFAULT_CHART))
    assert [type(e) for e in events] == [ChartAdopted, FiscalYearClosed]
    assert events[-1] == FiscalYearClosed(2025, "journal:closing")
    with pytest.raises(IllegalTransitionError, match="fiscal year 2025-26 is closed already"):
        books.close_year(FiscalYear(2025), None, DEFAULT_CHART)
    assert books.close_year(FiscalYear(2026), None, DEFAULT_CHART) == [FiscalYearClosed(2026, None)]


def test_the_periods_of_a_closed_fiscal_year_stay_closed() -> None:
    books = default_books([FiscalYearClosed(2025, "journal:closing")])
    closed_june = FiscalPeriod(FiscalYear(2025), 12)
    assert all(books.is_closed(period) for period in FiscalPeriod.all_of(FiscalYear(2025)))
    with pytest.raises(PeriodClosedError, match="2025-26/P12"):
        books.ensure_open(date(2026, 6, 30))
    with pytest.raises(IllegalTransitionError, match="fiscal year 2025-26 is closed: its periods stay closed"):
        books.reopen_period(closed_june, "forgot an invoice", DEFAULT_CHART)
    with pytest.raises(IllegalTransitionError, match="fiscal year 2025-26 is closed already"):
        books.ensure_year_open(FiscalYear(2025))
    books.ensure_year_open(FiscalYear(2026))
