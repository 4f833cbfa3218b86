"""Bank statement files read into lines: two banks' CSV exports and ISO 20022 camt.053 XML.

Each CSV layout is a mapping from the bank's column headings to a line's parts (docs/bank-reconciliation.md
lists them). A bank's export opens with lines about the account before the heading row: everything
above the first row that has every heading of the layout is skipped, and so are blank rows, rows
with neither a date nor an amount, and the balances and totals exports add (a row that speaks of a
balance or a total and lacks a date or an amount). Amounts may
use Bengali digits and South Asian grouping (১,২৫,০০০.০০); dates are dd/mm/yyyy, dd-mm-yyyy or
yyyy-mm-dd. Any error is reported by its row (the file's line, from 1) and column, and the file as
a whole is refused.
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from hisab.kernel.errors import ErrorCode, HisabError
from hisab.kernel.money import AMOUNT_CEILING, ZERO
from hisab.receivables.domain.bank_statements import StatementFormat

MAX_LINES = 100_000
MAX_TEXT = 500
MAX_LISTED_ERRORS = 50
_BENGALI_DIGITS = str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789")
_DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d")
# The rows an export adds besides the bookings: "Opening Balance", "Balance B/F", "Total", "Closing Balance".
_SUMMARY_WORDS = ("balance", "b/f", "c/f", "total")


@dataclass(frozen=True, slots=True)
class FileError:
    row: int
    column: str
    rule: str
    message: str


class StatementFileError(HisabError):
    """The file breaks rules; nothing was imported. Every error found is carried, by row and column."""

    code = ErrorCode.BAD_USER_INPUT

    def __init__(self, errors: Sequence[FileError]) -> None:
        self.errors = sorted(errors, key=lambda e: (e.row, e.column))
        first = self.errors[0]
        count = len(self.errors)
        more = f" (and {count - 1} more)" if count > 1 else ""
        super().__init__(f"row {first.row}, column {first.column}: {first.message}{more}; nothing was imported")


@dataclass(frozen=True, slots=True)
class ParsedLine:
    booked_on: date
    amount: Decimal
    reference: str | None
    description: str
    balance: Decimal | None


@dataclass(frozen=True, slots=True)
class ParsedStatement:
    source_format: StatementFormat
    lines: tuple[ParsedLine, ...]
    opening_balance: Decimal | None
    closing_balance: Decimal | None


@dataclass(frozen=True, slots=True)
class CsvLayout:
    """The headings of one bank's export, each as the bank prints it (compared without case or punctuation)."""

    source_format: StatementFormat
    date: str
    description: str
    reference: str
    debit: str
    credit: str
    balance: str


LAYOUTS = (
    CsvLayout(
        StatementFormat.DBBL_CSV, "Txn Date", "Particulars", "Cheque No.", "Withdrawal (Dr)", "Deposit (Cr)", "Balance"
    ),
    CsvLayout(StatementFormat.BRAC_CSV, "Tran Date", "Narration", "Ref No", "Debit", "Credit", "Balance"),
)


def read_statement(content: bytes, source_format: StatementFormat | None = None) -> ParsedStatement:
    """The file's lines; camt.053 is told from CSV by its content, a CSV layout by its heading row."""
    if source_format is StatementFormat.CAMT053 or (source_format is None and content.lstrip().startswith(b"<")):
        return _camt053(content)
    layouts = [layout for layout in LAYOUTS if source_format in (None, layout.source_format)]
    return _csv(content, layouts)


def _refused(row: int, column: str, rule: str, message: str) -> StatementFileError:
    return StatementFileError([FileError(row, column, rule, message)])


def _heading(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _csv(content: bytes, layouts: Sequence[CsvLayout]) -> ParsedStatement:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _refused(1, "file", "encoding", f"the file is not UTF-8 (byte {error.start + 1} is not)") from None
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as error:
        raise _refused(1, "file", "csv", f"the CSV file is malformed: {error}") from None
    for number, row in enumerate(rows, start=1):
        headings = [_heading(cell) for cell in row]
        for layout in layouts:
            wanted = [layout.date, layout.description, layout.reference, layout.debit, layout.credit, layout.balance]
            if all(_heading(name) in headings for name in wanted):
                columns = {name: headings.index(_heading(name)) for name in wanted}
                return _csv_lines(layout, columns, rows[number:], number)
    names = " or ".join(
        f"{layout.source_format.value} ({layout.date}, {layout.description}, ...)" for layout in layouts
    )
    raise _refused(1, "file", "layout", f"no heading row of a known layout: {names}")


def _csv_lines(layout: CsvLayout, columns: dict[str, int], rows: list[list[str]], heading_row: int) -> ParsedStatement:
    errors: list[FileError] = []
    lines: list[ParsedLine] = []
    for number, row in enumerate(rows, start=heading_row + 1):

        def cell(name: str, row: list[str] = row) -> str:
            index = columns[name]
            return row[index].strip() if index < len(row) else ""

        if not any(c.strip() for c in row) or _is_summary(
            cell(layout.date), cell(layout.description), cell(layout.debit), cell(layout.credit)
        ):
            continue
        found = _Row(number, errors)
        booked_on = found.date(cell(layout.date), layout.date)
        debit = found.amount(cell(layout.debit), layout.debit)
        credit = found.amount(cell(layout.credit), layout.credit)
        balance = found.balance(cell(layout.balance), layout.balance)
        description = found.text(cell(layout.description), layout.description)
        reference = found.text(cell(layout.reference), layout.reference) or None
        if debit is not None and credit is not None and (debit > 0) == (credit > 0):
            found.error(
                layout.credit, "one_amount", f"give either {layout.debit} or {layout.credit}, not both or neither"
            )
        if booked_on is not None and debit is not None and credit is not None and found.clean:
            lines.append(ParsedLine(booked_on, credit - debit, reference, description, balance))
        if len(lines) > MAX_LINES:
            raise _refused(number, "file", "size", f"a statement has at most {MAX_LINES} lines")
    return _statement(layout.source_format, lines, errors)


def _is_summary(booked: str, description: str, debit: str, credit: str) -> bool:
    """A balance or a total the export adds (it speaks of one, and lacks a date or an amount), or a row of neither."""
    summary = any(word in description.lower() for word in _SUMMARY_WORDS)
    has_amount = bool(debit or credit)
    if not booked:
        return summary or not has_amount
    return summary and not has_amount


def _statement(source_format: StatementFormat, lines: list[ParsedLine], errors: list[FileError]) -> ParsedStatement:
    if errors:
        raise StatementFileError(errors)
    if not lines:
        raise _refused(1, "file", "empty", "the statement has no lines")
    first, last = lines[0], lines[-1]
    opening = first.balance - first.amount if first.balance is not None else None
    return ParsedStatement(source_format, tuple(lines), opening, last.balance)


class _Row:
    """Reads one row's cells, collecting what is wrong with them."""

    def __init__(self, number: int, errors: list[FileError]) -> None:
        self.number = number
        self.errors = errors
        self.clean = True

    def error(self, column: str, rule: str, message: str) -> None:
        self.clean = False
        self.errors.append(FileError(self.number, column, rule, message))

    def date(self, raw: str, column: str) -> date | None:
        text = raw.translate(_BENGALI_DIGITS)
        for pattern in _DATE_FORMATS:
            try:
                return datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        self.error(column, "date", f"'{raw}' is not a date (dd/mm/yyyy or yyyy-mm-dd)")
        return None

    def amount(self, raw: str, column: str) -> Decimal | None:
        """A non-negative amount to the paisa; an empty cell is 0."""
        if not raw or raw in ("-", "0"):
            return ZERO
        value = self._number(raw, column)
        if value is not None and value < 0:
            self.error(column, "not_negative", f"'{raw}' is negative; debits and credits have columns of their own")
            return None
        return value

    def balance(self, raw: str, column: str) -> Decimal | None:
        text = raw.strip()
        sign = Decimal(1)
        upper = text.upper()
        if upper.endswith(("DR", "CR")):
            sign = Decimal(-1) if upper.endswith("DR") else sign
            text = text[:-2].strip()
        if not text:
            return None
        value = self._number(text, column)
        return value * sign if value is not None else None

    def _number(self, raw: str, column: str) -> Decimal | None:
        text = raw.translate(_BENGALI_DIGITS).replace(",", "").replace("৳", "").strip()
        try:
            value = Decimal(text)
        except InvalidOperation:
            self.error(column, "amount", f"'{raw}' is not an amount")
            return None
        if not value.is_finite() or value != value.quantize(Decimal("0.01")) or abs(value) >= AMOUNT_CEILING:
            self.error(column, "amount", f"'{raw}' is not an amount to the paisa")
            return None
        return value.quantize(Decimal("0.01"))

    def text(self, raw: str, column: str) -> str:
        if len(raw) > MAX_TEXT:
            self.error(column, "length", f"at most {MAX_TEXT} characters")
        return " ".join(raw.split())


def _camt053(content: bytes) -> ParsedStatement:
    # No document type: its entities are how an XML bomb or an external file gets in.
    if b"<!DOCTYPE" in content.upper() or b"<!ENTITY" in content.upper():
        raise _refused(1, "file", "xml", "the XML file declares a document type or entities; camt.053 needs none")
    try:
        root = ElementTree.fromstring(content)
    except ElementTree.ParseError as error:
        raise _refused(error.position[0], "file", "xml", f"the XML file is malformed: {error}") from None
    statements = [e for e in root.iter() if _local(e.tag) == "Stmt"]
    if _local(root.tag) != "Document" or not any(_local(e.tag) == "BkToCstmrStmt" for e in root):
        raise _refused(1, "Document", "camt053", "not an ISO 20022 camt.053 document (Document/BkToCstmrStmt)")
    if len(statements) != 1:
        raise _refused(1, "Stmt", "one_statement", f"the file holds {len(statements)} statements; import one at a time")
    statement = statements[0]
    errors: list[FileError] = []
    lines: list[ParsedLine] = []
    for number, entry in enumerate((e for e in statement if _local(e.tag) == "Ntry"), start=1):
        line = _entry(entry, _Row(number, errors))
        if line is not None:
            lines.append(line)
        if len(lines) > MAX_LINES:
            raise _refused(number, "Ntry", "size", f"a statement has at most {MAX_LINES} lines")
    parsed = _statement(StatementFormat.CAMT053, lines, errors)
    balances = {_text(b, "Tp/CdOrPrtry/Cd"): _balance_of(b) for b in statement if _local(b.tag) == "Bal"}
    return ParsedStatement(
        StatementFormat.CAMT053, parsed.lines, balances.get("OPBD", parsed.opening_balance), balances.get("CLBD")
    )


def _entry(entry: ElementTree.Element, found: _Row) -> ParsedLine | None:
    """One Ntry (its row is its place among the entries); a pending one is not on the account yet."""
    status = _text(entry, "Sts/Cd") or _text(entry, "Sts")
    if status and status != "BOOK":
        return None
    amount_element = _find(entry, "Amt")
    currency = amount_element.get("Ccy") if amount_element is not None else None
    if currency not in (None, "BDT"):
        found.error("Ntry/Amt", "currency", f"the entry is in {currency}; a statement of a Taka account is in BDT")
    amount = found.amount((amount_element.text or "").strip() if amount_element is not None else "", "Ntry/Amt")
    indicator = _text(entry, "CdtDbtInd")
    if indicator not in ("CRDT", "DBIT"):
        found.error("Ntry/CdtDbtInd", "indicator", f"'{indicator or ''}' is neither CRDT nor DBIT")
    booked = _text(entry, "BookgDt/Dt") or (_text(entry, "BookgDt/DtTm") or "")[:10]
    booked_on = found.date(booked, "Ntry/BookgDt")
    end_to_end = _text(entry, "NtryDtls/TxDtls/Refs/EndToEndId")
    reference = end_to_end if end_to_end and end_to_end != "NOTPROVIDED" else _text(entry, "AcctSvcrRef")
    details = [e.text or "" for e in entry.iter() if _local(e.tag) in ("Ustrd", "AddtlTxInf", "AddtlNtryInf")]
    description = found.text(" ".join(" ".join(details).split()), "Ntry/RmtInf/Ustrd")
    if amount is None or booked_on is None or not found.clean:
        return None
    return ParsedLine(booked_on, amount if indicator == "CRDT" else -amount, reference, description, None)


def _balance_of(balance: ElementTree.Element) -> Decimal | None:
    try:
        amount = Decimal((_text(balance, "Amt") or "").strip())
    except InvalidOperation:
        return None
    return amount if _text(balance, "CdtDbtInd") != "DBIT" else -amount


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _find(element: ElementTree.Element, path: str) -> ElementTree.Element | None:
    """The first element down this path of local names, whatever the namespace (camt.053.001.02 to .08)."""
    current: ElementTree.Element | None = element
    for name in path.split("/"):
        if current is None:
            return None
        current = next((child for child in current if _local(child.tag) == name), None)
    return current


def _text(element: ElementTree.Element, path: str) -> str | None:
    found = _find(element, path)
    return found.text.strip() if found is not None and found.text is not None and found.text.strip() else None
