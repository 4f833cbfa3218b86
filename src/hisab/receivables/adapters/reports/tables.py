"""The ageing and a statement as the rows a download shows: localized words, exact amounts.

The PDF and the workbook are laid out by the books' report writers (the app hands them over, since
receivables read no ledger adapter), so every report Hisab prints has one look and one set of fonts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from hisab.formatting.money import format_number, localized
from hisab.kernel.language import Language
from hisab.kernel.money import ZERO
from hisab.receivables.adapters.reports.labels import DESCRIPTIONS, WORDS
from hisab.receivables.domain.ageing import AgeingReport, bucket_names
from hisab.receivables.domain.statement import Statement, StatementEntry


@dataclass(frozen=True, slots=True)
class TableRow:
    # A customer's id in the ageing, a date in a statement.
    code: str
    label: str
    amounts: tuple[Decimal, ...]
    total: bool = False


@dataclass(frozen=True, slots=True)
class ReceivablesTable:
    language: Language
    title: str
    period: str
    # The customer a statement is of; None for the ageing, which is of every customer.
    subject: str | None
    code_header: str
    label_header: str
    amount_headers: tuple[str, ...]
    rows: tuple[TableRow, ...]
    status: str
    # Without extension: receivables-ageing-2026-11-30, customer-statement-2026-07-01-to-2026-11-30-bn.
    filename: str
    in_taka: str
    page: str
    of: str


def describe(entry: StatementEntry, language: Language) -> str:
    """What a statement's line is, in words: the document, and the invoice it is about."""
    return DESCRIPTIONS[language][entry.kind].format(number=entry.document, invoice=entry.invoice_number or "")


def ageing_table(report: AgeingReport, language: Language) -> ReceivablesTable:
    words = WORDS[language]
    past_due = [words["past_due"].format(days=localized(name, language)) for name in bucket_names(report.bounds)]
    rows = [TableRow(c.customer_id, c.customer_name or "", (*c.amounts, c.total)) for c in report.customers]
    rows.append(TableRow("", words["total"], (*report.totals, report.total), total=True))
    return _table(
        language,
        title=words["ageing"],
        period=words["as_of"].format(day=_day(report.as_of, language)),
        subject=None,
        headers=(words["customer_id"], words["customer"], words["current"], *past_due, words["total"]),
        rows=rows,
        status=words["ageing_status"].format(amount=format_number(report.total, language)),
        filename=_filename("receivables-ageing", report.as_of.isoformat(), language),
    )


def statement_table(statement: Statement, customer: str, language: Language) -> ReceivablesTable:
    words = WORDS[language]
    rows = [TableRow(_day(statement.from_day, language), words["opening"], (ZERO, ZERO, statement.opening))]
    rows += [
        TableRow(
            _day(line.entry.on, language),
            describe(line.entry, language),
            (line.entry.debit, line.entry.credit, line.balance),
        )
        for line in statement.lines
    ]
    totals = (statement.debits, statement.credits, statement.closing)
    rows.append(TableRow(_day(statement.to_day, language), words["closing"], totals, total=True))
    status = words["statement_status"].format(
        amount=format_number(statement.closing, language),
        advance=format_number(statement.unapplied_advance, language),
    )
    start, end = _day(statement.from_day, language), _day(statement.to_day, language)
    return _table(
        language,
        title=words["statement"],
        period=words["period"].format(start=start, end=end),
        subject=words["statement_of"].format(customer=customer),
        headers=(words["date"], words["document"], words["debit"], words["credit"], words["balance"]),
        rows=rows,
        status=status,
        filename=_filename(
            "customer-statement", f"{statement.from_day.isoformat()}-to-{statement.to_day.isoformat()}", language
        ),
    )


def _table(
    language: Language,
    *,
    title: str,
    period: str,
    subject: str | None,
    headers: tuple[str, ...],
    rows: list[TableRow],
    status: str,
    filename: str,
) -> ReceivablesTable:
    words = WORDS[language]
    code_header, label_header, *amount_headers = headers
    return ReceivablesTable(
        language, title, period, subject, code_header, label_header, tuple(amount_headers), tuple(rows), status,
        filename, words["in_taka"], words["page"], words["of"],
    )  # fmt: skip


def _filename(report: str, days: str, language: Language) -> str:
    return f"{report}-{days}" + ("" if language is Language.EN else f"-{language.value}")


def _day(day: date, language: Language) -> str:
    return localized(day.strftime("%d/%m/%Y"), language)
