"""A report as the rows every download shows: localized words, exact amounts.

The three writers (CSV, XLSX, PDF) lay out the same `ReportTable`, so a figure cannot differ
between formats. Words (titles, headers, account names, dates) are in the report's language
here; amounts stay Decimal, and each writer writes them its own way: plain in a CSV, numbers in
a workbook, grouped in lakh and crore in the PDF.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from hisab.formatting.money import localized
from hisab.kernel.language import Language
from hisab.ledger.adapters.reports.labels import LABELS, ReportLabels
from hisab.ledger.application.report_views import (
    BalanceSheetReport,
    IncomeStatementReport,
    StatementSection,
    TrialBalanceReport,
)
from hisab.ledger.domain.accounts import Account

# What may stand in a file name as it is; anything else in a project's name becomes a hyphen.
_UNSAFE_IN_FILENAME = re.compile(r"[^A-Za-z0-9_]+")


class RowStyle(StrEnum):
    LINE = "line"
    # A section's name above its lines (Income, Assets...), with no amounts.
    HEADING = "heading"
    TOTAL = "total"


@dataclass(frozen=True, slots=True)
class Row:
    style: RowStyle
    code: str
    label: str
    amounts: tuple[Decimal, ...] = ()
    # The section a statement's row belongs to, for a reader of the CSV who sees no headings.
    section: str = ""


@dataclass(frozen=True, slots=True)
class ReportTable:
    language: Language
    title: str
    # "As of 30/11/2026 · Fiscal year 2026-27" or "From 01/07/2026 to 30/11/2026".
    period: str
    # None for the balance sheet, which is of the whole business.
    project: str | None
    code_header: str
    account_header: str
    amount_headers: tuple[str, ...]
    # Only statements have sections; a trial balance's rows are all of one kind.
    section_header: str | None
    rows: tuple[Row, ...]
    # None for the income statement, which has nothing to balance.
    balanced: bool | None
    status: str | None
    # Without extension: trial-balance-2026-11-30, income-statement-2026-07-01-to-2026-11-30-bn.
    filename: str
    in_taka: str
    page: str
    of: str

    @property
    def headers(self) -> tuple[str, ...]:
        return (self.code_header, self.account_header, *self.amount_headers)


def trial_balance_table(report: TrialBalanceReport, language: Language) -> ReportTable:
    words = LABELS[language]
    rows = [
        Row(
            RowStyle.LINE,
            row.account.code,
            account_name(row.account, language),
            (row.opening_debit, row.opening_credit, row.debit, row.credit, row.closing_debit, row.closing_credit),
        )
        for row in report.rows
    ]
    t = report.totals
    totals = (t.opening_debit, t.opening_credit, t.debit, t.credit, t.closing_debit, t.closing_credit)
    rows.append(Row(RowStyle.TOTAL, "", words.total, totals))
    fiscal_year = words.fiscal_year.format(year=localized(report.fiscal_year.short_label, language))
    return _table(
        words,
        language,
        title=words.trial_balance,
        period=f"{words.as_of.format(day=_day(report.as_of, language))} · {fiscal_year}",
        project=_project(report.project, words),
        amount_headers=(
            words.opening_debit,
            words.opening_credit,
            words.debit,
            words.credit,
            words.closing_debit,
            words.closing_credit,
        ),
        section_header=None,
        rows=tuple(rows),
        balanced=report.balanced,
        status=words.debits_equal_credits if report.balanced else words.debits_differ_from_credits,
        filename=_filename("trial-balance", report.as_of.isoformat(), report.project, language),
    )


def income_statement_table(report: IncomeStatementReport, language: Language) -> ReportTable:
    words = LABELS[language]
    rows = (
        *_section(words.income, words.total_income, report.income, language),
        *_section(words.expenses, words.total_expenses, report.expenses, language),
        Row(RowStyle.TOTAL, "", words.net_profit, (report.net_profit,)),
    )
    start, end = _day(report.from_day, language), _day(report.to_day, language)
    span = f"{report.from_day.isoformat()}-to-{report.to_day.isoformat()}"
    return _table(
        words,
        language,
        title=words.income_statement,
        period=words.period.format(start=start, end=end),
        project=_project(report.project, words),
        amount_headers=(words.amount,),
        section_header=words.section,
        rows=rows,
        balanced=None,
        status=None,
        filename=_filename("income-statement", span, report.project, language),
    )


def balance_sheet_table(report: BalanceSheetReport, language: Language) -> ReportTable:
    words = LABELS[language]
    # The earnings of the years not yet closed stand within equity, and its total includes them.
    *equity_rows, _ = _section(words.equity, words.total_equity, report.equity, language)
    equity_total = report.equity.total + report.current_earnings
    rows = (
        *_section(words.assets, words.total_assets, report.assets, language),
        *_section(words.liabilities, words.total_liabilities, report.liabilities, language),
        *equity_rows,
        Row(RowStyle.LINE, "", words.current_earnings, (report.current_earnings,), words.equity),
        Row(RowStyle.TOTAL, "", words.total_equity, (equity_total,), words.equity),
        Row(RowStyle.TOTAL, "", words.total_liabilities_and_equity, (report.total_liabilities_and_equity,)),
    )
    return _table(
        words,
        language,
        title=words.balance_sheet,
        period=words.as_of.format(day=_day(report.as_of, language)),
        project=None,
        amount_headers=(words.amount,),
        section_header=words.section,
        rows=rows,
        balanced=report.balanced,
        status=words.assets_equal_claims if report.balanced else words.assets_differ_from_claims,
        filename=_filename("balance-sheet", report.as_of.isoformat(), None, language),
    )


def account_name(account: Account, language: Language) -> str:
    """The Bengali name when the report is in Bengali and the account has one; else the English."""
    if language is Language.BN and account.name_bn:
        return account.name_bn
    return account.name


def _section(heading: str, total: str, section: StatementSection, language: Language) -> tuple[Row, ...]:
    lines = (
        Row(RowStyle.LINE, line.account.code, account_name(line.account, language), (line.amount,), heading)
        for line in section.lines
    )
    return (
        Row(RowStyle.HEADING, "", heading, section=heading),
        *lines,
        Row(RowStyle.TOTAL, "", total, (section.total,), heading),
    )


def _table(
    words: ReportLabels,
    language: Language,
    *,
    title: str,
    period: str,
    project: str | None,
    amount_headers: tuple[str, ...],
    section_header: str | None,
    rows: tuple[Row, ...],
    balanced: bool | None,
    status: str | None,
    filename: str,
) -> ReportTable:
    return ReportTable(
        language=language,
        title=title,
        period=period,
        project=project,
        code_header=words.code,
        account_header=words.account,
        amount_headers=amount_headers,
        section_header=section_header,
        rows=rows,
        balanced=balanced,
        status=status,
        filename=filename,
        in_taka=words.in_taka,
        page=words.page,
        of=words.of,
    )


def _project(project: str | None, words: ReportLabels) -> str:
    return words.project.format(project=project) if project else words.all_projects


def _filename(report: str, days: str, project: str | None, language: Language) -> str:
    """ASCII only, so that every browser keeps it: a project's name in other letters is left out."""
    parts = [report, days]
    slug = _UNSAFE_IN_FILENAME.sub("-", project or "").strip("-")
    if slug:
        parts.append(slug)
    if language is not Language.EN:
        parts.append(language.value)
    return "-".join(parts)


def _day(day: date, language: Language) -> str:
    return localized(day.strftime("%d/%m/%Y"), language)
