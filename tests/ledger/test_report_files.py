"""The books' reports as files: what the CSV, the workbook and the PDF say, in English and in Bengali.

The reports are built by hand here (the Steel Rods sale on top of 1,25,00,000 Taka of opening capital), so
that each file is checked against figures known in advance.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from hisab.invoicing.adapters.documents.renderer import FONTS_DIRECTORY
from hisab.kernel.fiscal_year import FiscalYear
from hisab.kernel.language import Language
from hisab.ledger.adapters.reports.csv_file import csv_bytes
from hisab.ledger.adapters.reports.pdf_file import ReportPdfWriter
from hisab.ledger.adapters.reports.tables import (
    ReportTable,
    balance_sheet_table,
    income_statement_table,
    trial_balance_table,
)
from hisab.ledger.adapters.reports.xlsx_file import AMOUNT_FORMAT, xlsx_bytes
from hisab.ledger.application.report_views import (
    BalanceSheetReport,
    IncomeStatementReport,
    StatementLine,
    StatementSection,
    TrialBalanceReport,
    TrialBalanceRow,
    TrialBalanceTotals,
)
from hisab.ledger.domain.accounts import Account, AccountType
from tests.pdf_text import drawn_glyphs, draws_word, pages_text

PDF = ReportPdfWriter(FONTS_DIRECTORY)
ZERO = Decimal("0.00")
BANK = Account("1121", "Bank - current account", "ব্যাংক - চলতি হিসাব", AccountType.ASSET, "1120", False)
RECEIVABLE = Account("1210", "Accounts Receivable", "দেনাদার (প্রাপ্য হিসাব)", AccountType.ASSET, "1200", False)
PETTY_CASH = Account("1140", "Site 4 petty cash", None, AccountType.ASSET, "1100", False)
VAT_OUTPUT = Account("2210", "VAT Output", "উৎপাদ কর (আউটপুট ভ্যাট)", AccountType.LIABILITY, "2200", False)
RETAINED = Account("3200", "Retained Earnings", "সংরক্ষিত আয়", AccountType.EQUITY, "3000", False)
SALES = Account("4100", "Sales", "বিক্রয়", AccountType.INCOME, "4000", False)
RETURNS = Account("4200", "Sales Returns and Allowances", "বিক্রয় ফেরত ও বাট্টা", AccountType.INCOME, "4000", False)
RENT = Account("5400", "Rent", "ভাড়া", AccountType.EXPENSE, "5000", False)
CRORE_AND_A_QUARTER = Decimal("12500000.00")


def _money(text: str) -> Decimal:
    return Decimal(text)


def _trial_balance(project: str | None = "Tower-A", *, closing_credit: str = "13075000.00") -> TrialBalanceReport:
    rows = (
        TrialBalanceRow(BANK, CRORE_AND_A_QUARTER, ZERO, ZERO, ZERO, CRORE_AND_A_QUARTER, ZERO),
        # Cash drawn for the site and spent there within the year: moved, and back to nothing.
        TrialBalanceRow(PETTY_CASH, ZERO, ZERO, _money("10000.00"), _money("10000.00"), ZERO, ZERO),
        TrialBalanceRow(RECEIVABLE, ZERO, ZERO, _money("575000.00"), ZERO, _money("575000.00"), ZERO),
        TrialBalanceRow(VAT_OUTPUT, ZERO, ZERO, ZERO, _money("75000.00"), ZERO, _money("75000.00")),
        TrialBalanceRow(RETAINED, ZERO, CRORE_AND_A_QUARTER, ZERO, ZERO, ZERO, CRORE_AND_A_QUARTER),
        TrialBalanceRow(SALES, ZERO, ZERO, ZERO, _money("500000.00"), ZERO, _money("500000.00")),
    )
    totals = TrialBalanceTotals(
        CRORE_AND_A_QUARTER, CRORE_AND_A_QUARTER, _money("585000.00"), _money("585000.00"),
        _money("13075000.00"), _money(closing_credit),
    )  # fmt: skip
    return TrialBalanceReport(date(2026, 11, 30), FiscalYear(2026), project, rows, totals)


def _income_statement() -> IncomeStatementReport:
    income = StatementSection(
        (StatementLine(SALES, _money("500000.00")), StatementLine(RETURNS, _money("-20000.00"))), _money("480000.00")
    )
    expenses = StatementSection((StatementLine(RENT, _money("30000.00")),), _money("30000.00"))
    return IncomeStatementReport(date(2026, 7, 1), date(2026, 11, 30), None, income, expenses, _money("450000.00"))


def _balance_sheet() -> BalanceSheetReport:
    assets = StatementSection(
        (StatementLine(BANK, CRORE_AND_A_QUARTER), StatementLine(RECEIVABLE, _money("575000.00"))),
        _money("13075000.00"),
    )
    liabilities = StatementSection((StatementLine(VAT_OUTPUT, _money("75000.00")),), _money("75000.00"))
    equity = StatementSection((StatementLine(RETAINED, CRORE_AND_A_QUARTER),), CRORE_AND_A_QUARTER)
    return BalanceSheetReport(
        date(2026, 11, 30), assets, liabilities, equity, _money("500000.00"), _money("13075000.00")
    )


def _csv_rows(table: ReportTable) -> list[list[str]]:
    content = csv_bytes(table)
    assert content.startswith("\ufeff".encode())  # so that Excel reads the file as UTF-8
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def _sheet(table: ReportTable) -> Worksheet:
    sheet = load_workbook(io.BytesIO(xlsx_bytes(table))).active
    assert isinstance(sheet, Worksheet)
    return sheet


def _table_rows(sheet: Worksheet, header: str) -> Sequence[tuple[object, ...]]:
    """The rows from the table's header row (found by its first cell) on, as values."""
    rows = list(sheet.iter_rows(values_only=True))
    start = next(number for number, row in enumerate(rows) if row[0] == header)
    return rows[start:]


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(pages_text(pdf)).split())


def test_the_trial_balance_csv_has_english_headers_exact_plain_amounts_and_a_total_row() -> None:
    rows = _csv_rows(trial_balance_table(_trial_balance(), Language.EN))

    assert rows[0] == [
        "Code", "Account", "Opening debit", "Opening credit", "Debit", "Credit", "Closing debit", "Closing credit"
    ]  # fmt: skip
    assert rows[1] == ["1121", "Bank - current account", "12500000.00", "0.00", "0.00", "0.00", "12500000.00", "0.00"]
    assert rows[3] == ["1210", "Accounts Receivable", "0.00", "0.00", "575000.00", "0.00", "575000.00", "0.00"]
    assert rows[-1] == [
        "", "Total", "12500000.00", "12500000.00", "585000.00", "585000.00", "13075000.00", "13075000.00"
    ]  # fmt: skip
    assert len(rows) == 1 + 6 + 1


def test_a_bengali_csv_has_bengali_headers_and_names_but_amounts_and_codes_a_program_reads() -> None:
    rows = _csv_rows(trial_balance_table(_trial_balance(), Language.BN))

    assert rows[0][:3] == ["কোড", "হিসাব", "প্রারম্ভিক ডেবিট"]
    assert rows[3] == ["1210", "দেনাদার (প্রাপ্য হিসাব)", "0.00", "0.00", "575000.00", "0.00", "575000.00", "0.00"]
    # An account without a Bengali name keeps its English one.
    assert rows[2][:2] == ["1140", "Site 4 petty cash"]
    assert rows[-1][:2] == ["", "মোট"]


def test_the_income_statement_csv_names_each_rows_section_and_keeps_a_contra_account_negative() -> None:
    rows = _csv_rows(income_statement_table(_income_statement(), Language.EN))

    assert rows == [
        ["Section", "Code", "Account", "Amount"],
        ["Income", "4100", "Sales", "500000.00"],
        ["Income", "4200", "Sales Returns and Allowances", "-20000.00"],
        ["Income", "", "Total income", "480000.00"],
        ["Expenses", "5400", "Rent", "30000.00"],
        ["Expenses", "", "Total expenses", "30000.00"],
        ["", "", "Net profit (loss)", "450000.00"],
    ]


def test_a_name_a_spreadsheet_would_run_as_a_formula_is_written_as_text() -> None:
    hostile = Account("1150", '=HYPERLINK("http://x")', None, AccountType.ASSET, "1100", False)
    report = _trial_balance()
    row = TrialBalanceRow(hostile, ZERO, ZERO, ZERO, ZERO, ZERO, ZERO)
    table = trial_balance_table(
        TrialBalanceReport(report.as_of, report.fiscal_year, None, (row,), report.totals), Language.EN
    )

    assert _csv_rows(table)[1][1] == '\'=HYPERLINK("http://x")'
    sheet = _sheet(table)
    cell = sheet.cell(sheet.max_row - 1, 2)
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://x")', "s")


def test_the_trial_balance_workbook_has_number_cells_in_lakh_format_and_a_bold_total_row() -> None:
    sheet = _sheet(trial_balance_table(_trial_balance(), Language.EN))

    assert [sheet.cell(row, 1).value for row in range(1, 6)] == [
        "Trial Balance", "As of 30/11/2026 · Fiscal year 2026-27", "Project: Tower-A", "Amounts in Taka",
        "Balanced: debits equal credits",
    ]  # fmt: skip
    rows = _table_rows(sheet, "Code")
    assert rows[3] == ("1210", "Accounts Receivable", 0, 0, 575000, 0, 575000, 0)
    assert rows[-1] == (None, "Total", 12500000, 12500000, 585000, 585000, 13075000, 13075000)
    total_row = sheet.max_row
    amounts = [sheet.cell(total_row, column) for column in range(3, 9)]
    assert {cell.data_type for cell in amounts} == {"n"}
    assert {cell.number_format for cell in amounts} == {AMOUNT_FORMAT}
    assert all(sheet.cell(total_row, column).font.b for column in range(1, 9))
    assert not sheet.cell(total_row - 1, 3).font.b


def test_the_balance_sheet_workbook_counts_current_earnings_in_equity_and_shows_it_balances() -> None:
    sheet = _sheet(balance_sheet_table(_balance_sheet(), Language.EN))

    assert sheet.cell(4, 1).value == "Balanced: assets equal liabilities and equity"
    assert _table_rows(sheet, "Code") == [
        ("Code", "Account", "Amount"),
        (None, "Assets", None),
        ("1121", "Bank - current account", 12500000),
        ("1210", "Accounts Receivable", 575000),
        (None, "Total assets", 13075000),
        (None, "Liabilities", None),
        ("2210", "VAT Output", 75000),
        (None, "Total liabilities", 75000),
        (None, "Equity", None),
        ("3200", "Retained Earnings", 12500000),
        (None, "Earnings of the years not yet closed", 500000),
        (None, "Total equity", 13000000),
        (None, "Total liabilities and equity", 13075000),
    ]


def test_the_english_trial_balance_pdf_shows_its_date_project_lakh_and_crore_amounts_and_that_it_balances() -> None:
    text = _text(PDF.render(trial_balance_table(_trial_balance(), Language.EN)))

    for shown in (
        "Trial Balance", "As of 30/11/2026 · Fiscal year 2026-27", "Project: Tower-A", "Amounts in Taka",
        "1210 Accounts Receivable 0.00 0.00 5,75,000.00 0.00 5,75,000.00 0.00",
        "Total 1,25,00,000.00 1,25,00,000.00 5,85,000.00 5,85,000.00 1,30,75,000.00 1,30,75,000.00",
        "Balanced: debits equal credits", "Page 1 of 1",
    ):  # fmt: skip
        assert shown in text


def test_a_trial_balance_whose_sides_differ_says_so() -> None:
    table = trial_balance_table(_trial_balance(closing_credit="13074999.99"), Language.EN)

    assert "Not balanced: debits differ from credits" in _text(PDF.render(table))
    assert table.balanced is False


def test_the_bengali_trial_balance_pdf_writes_bengali_digits_and_draws_the_bengali_names() -> None:
    pdf = PDF.render(trial_balance_table(_trial_balance(), Language.BN))
    text, glyphs = _text(pdf), drawn_glyphs(pdf)

    for shown in (
        "৩০/১১/২০২৬", "২০২৬-২৭", "১২১০", "৫,৭৫,০০০.০০", "১,২৫,০০,০০০.০০", "১,৩০,৭৫,০০০.০০",
        "Site 4 petty cash", "Tower-A",
    ):  # fmt: skip
        assert shown in text
    assert "5,75,000" not in text
    words = ["রেওয়ামিল", "প্রকল্প", "সংরক্ষিত", "আয়", "বিক্রয়", "দেনাদার", "প্রারম্ভিক", "মিলেছে", "সমান"]
    fonts = ("NotoSansBengali-Regular.ttf", "NotoSansBengali-Bold.ttf")
    assert [word for word in words if not any(draws_word(glyphs, word, font) for font in fonts)] == []


def test_the_income_statement_pdf_shows_its_period_sections_and_net_profit_without_a_balance_status() -> None:
    text = _text(PDF.render(income_statement_table(_income_statement(), Language.EN)))

    for shown in (
        "Income Statement", "From 01/07/2026 to 30/11/2026", "All projects", "Income", "4100 Sales 5,00,000.00",
        "4200 Sales Returns and Allowances -20,000.00", "Total income 4,80,000.00", "5400 Rent 30,000.00",
        "Total expenses 30,000.00", "Net profit (loss) 4,50,000.00",
    ):  # fmt: skip
        assert shown in text
    assert "Balanced" not in text


def test_the_bengali_balance_sheet_pdf_totals_in_bengali_digits() -> None:
    pdf = PDF.render(balance_sheet_table(_balance_sheet(), Language.BN))
    text, glyphs = _text(pdf), drawn_glyphs(pdf)

    for shown in ("৩০/১১/২০২৬", "১,৩০,৭৫,০০০.০০", "১,৩০,০০,০০০.০০", "৫,০০,০০০.০০", "৭৫,০০০.০০"):
        assert shown in text
    words = ["উদ্বৃত্তপত্র", "সম্পদ", "দায়", "মালিকানা", "স্বত্ব", "মোট"]
    fonts = ("NotoSansBengali-Regular.ttf", "NotoSansBengali-Bold.ttf")
    assert [word for word in words if not any(draws_word(glyphs, word, font) for font in fonts)] == []


@pytest.mark.parametrize(
    ("table", "filename"),
    [
        (trial_balance_table(_trial_balance(), Language.EN), "trial-balance-2026-11-30-Tower-A"),
        (trial_balance_table(_trial_balance(None), Language.BN), "trial-balance-2026-11-30-bn"),
        (trial_balance_table(_trial_balance("টাওয়ার"), Language.EN), "trial-balance-2026-11-30"),
        (
            trial_balance_table(_trial_balance("Site 4 / Phase 2"), Language.EN),
            "trial-balance-2026-11-30-Site-4-Phase-2",
        ),
        (income_statement_table(_income_statement(), Language.EN), "income-statement-2026-07-01-to-2026-11-30"),
        (balance_sheet_table(_balance_sheet(), Language.BN), "balance-sheet-2026-11-30-bn"),
    ],
)
def test_a_reports_file_is_named_after_it_and_its_dates_in_ascii(table: ReportTable, filename: str) -> None:
    assert table.filename == filename
