"""The closing entry of a fiscal year: income and expense brought to zero, the difference in Retained Earnings."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hisab.kernel.fiscal_year import FiscalYear
from hisab.ledger.domain.closing import closing_content
from hisab.ledger.domain.journal import JournalKind, JournalLine, unbalanced
from hisab.ledger.domain.posting_rules import FISCAL_YEAR
from tests.ledger.builders import DEFAULT_CHART, decided, default_books

FY_2025_26 = FiscalYear(2025)
ZERO = Decimal("0.00")


def _sides(*lines: JournalLine) -> list[tuple[str, Decimal, Decimal]]:
    return [(line.account_code, line.debit, line.credit) for line in lines]


def test_a_profit_is_credited_to_retained_earnings() -> None:
    balances = {
        "4100": (ZERO, Decimal("500000.00")),
        "4900": (Decimal("100.00"), Decimal("2100.00")),
        "5400": (Decimal("120000.00"), ZERO),
    }
    content = closing_content(FY_2025_26, balances, default_books())
    assert content is not None
    assert _sides(*content.lines) == [
        ("4100", Decimal("500000.00"), ZERO),
        ("4900", Decimal("2000.00"), ZERO),
        ("5400", ZERO, Decimal("120000.00")),
        ("3200", ZERO, Decimal("382000.00")),
    ]
    assert content.lines[-1].memo == "profit of the year"
    assert unbalanced(content.lines) is None


def test_a_loss_is_debited_to_retained_earnings() -> None:
    balances = {"4100": (ZERO, Decimal("1000.00")), "5300": (Decimal("1500.50"), ZERO)}
    content = closing_content(FY_2025_26, balances, default_books())
    assert content is not None
    assert _sides(*content.lines) == [
        ("4100", Decimal("1000.00"), ZERO),
        ("5300", ZERO, Decimal("1500.50")),
        ("3200", Decimal("500.50"), ZERO),
    ]
    assert content.lines[-1].memo == "loss of the year"


def test_income_equal_to_expense_closes_without_touching_retained_earnings() -> None:
    balances = {"4100": (ZERO, Decimal("700.00")), "5400": (Decimal("700.00"), ZERO)}
    content = closing_content(FY_2025_26, balances, default_books())
    assert content is not None
    assert [line.account_code for line in content.lines] == ["4100", "5400"]
    assert unbalanced(content.lines) is None


def test_the_closing_entry_is_dated_the_last_day_of_the_year() -> None:
    content = closing_content(FY_2025_26, {"4100": (ZERO, Decimal("1.00"))}, default_books())
    assert content is not None
    assert (content.kind, content.date) == (JournalKind.CLOSING, date(2026, 6, 30))
    assert "2025-26" in content.narration


def test_balance_sheet_accounts_are_left_as_they_are() -> None:
    balances = {
        "1110": (Decimal("900.00"), ZERO),
        "2210": (ZERO, Decimal("150.00")),
        "3100": (ZERO, Decimal("750.00")),
        "4100": (ZERO, Decimal("1000.00")),
    }
    content = closing_content(FY_2025_26, balances, default_books())
    assert content is not None
    assert [line.account_code for line in content.lines] == ["4100", "3200"]


def test_nothing_to_close_gives_no_entry() -> None:
    books = default_books()
    assert closing_content(FY_2025_26, {}, books) is None
    assert closing_content(FY_2025_26, {"1110": (Decimal("5.00"), ZERO)}, books) is None
    settled = {"4100": (Decimal("250.00"), Decimal("250.00")), "5400": (Decimal("10.00"), Decimal("10.00"))}
    assert closing_content(FY_2025_26, settled, books) is None


def test_the_profit_goes_to_the_tenants_retained_earnings_account() -> None:
    books = default_books()
    decided(books, books.set_posting_account(FISCAL_YEAR, "RETAINED_EARNINGS", "3100", DEFAULT_CHART))
    content = closing_content(FY_2025_26, {"4100": (ZERO, Decimal("10.00"))}, books)
    assert content is not None
    assert _sides(content.lines[-1]) == [("3100", ZERO, Decimal("10.00"))]
