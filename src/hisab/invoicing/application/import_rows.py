"""A file's rows read as parties or items (invoices: `import_invoice_rows`), every error named by row and column.

The rows arrive as text (the adapter turns CSV and XLSX cells into it); each row is checked by
the very validators the GraphQL commands use, and their field paths are turned back into the
file's row and column. Nothing here stops at the first problem: a file's errors come back at once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import TypeVar

from hisab.invoicing.domain.item import ItemDetails, ItemInput, validate_item
from hisab.invoicing.domain.party import PartyDetails, PartyInput, PartyKind, validate_party
from hisab.kernel.errors import ErrorCode, HisabError, InvalidInputError
from hisab.kernel.vat import RateTable, VATCategory

E = TypeVar("E", bound=StrEnum)
HEADER_ROW = 1
# How many errors one answer lists; the count of all of them is given beside.
MAX_LISTED_ERRORS = 100


@dataclass(frozen=True, slots=True)
class TableRow:
    """One data row: its number in the file (the header is row 1) and its non-blank cells, stripped."""

    number: int
    cells: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[TableRow, ...]


@dataclass(frozen=True, slots=True, order=True)
class RowError:
    row: int
    column: str
    rule: str
    message: str


class ImportRejectedError(HisabError):
    """The file breaks rules; nothing was written. Every error found is carried, by row and column."""

    code = ErrorCode.BAD_USER_INPUT

    def __init__(self, errors: Sequence[RowError]) -> None:
        count = len(errors)
        super().__init__(f"the file has {count} error{'s' if count != 1 else ''}; nothing was imported")
        self.errors = sorted(errors)


@dataclass(frozen=True, slots=True)
class Columns:
    """The columns of one kind of file: those it must have, and every one it may have."""

    required: tuple[str, ...]
    optional: tuple[str, ...]

    @property
    def known(self) -> tuple[str, ...]:
        return (*self.required, *self.optional)


PARTY_COLUMNS = Columns(
    required=("code", "kind", "legal_name"),
    optional=("legal_name_bn", "bin", "tin", "nid", "address", "address_bn", "phone", "email",
              "withholding_entity", "credit_days", "credit_limit"),
)  # fmt: skip
ITEM_COLUMNS = Columns(
    required=("code", "name", "unit_price"),
    optional=("name_bn", "hs_code", "service_code", "unit_of_supply", "vat_category", "vat_rate",
              "supplementary_duty_rate"),
)  # fmt: skip


# An invoice's own fields, given on its first row and, if repeated, the same on each of its rows.
@dataclass(frozen=True, slots=True)
class PartyRecord:
    row: int
    details: PartyDetails


@dataclass(frozen=True, slots=True)
class ItemRecord:
    row: int
    details: ItemDetails


@dataclass
class Found:
    """The errors of a file, gathered as its rows are read."""

    errors: list[RowError] = field(default_factory=list)
    # The (row, column) cells that did not even parse: the domain's verdict on them is not repeated.
    broken: set[tuple[int, str]] = field(default_factory=set)

    def add(self, row: int, column: str, rule: str, message: str) -> None:
        self.errors.append(RowError(row, column, rule, message))


def check_columns(table: Table, columns: Columns) -> None:
    """The header names each required column, no unknown one, and none twice; raise otherwise."""
    found = Found()
    for name in columns.required:
        if name not in table.columns:
            found.add(HEADER_ROW, name, "required_column", f"the file has no {name} column")
    seen: set[str] = set()
    for name in table.columns:
        if name in seen:
            found.add(HEADER_ROW, name, "duplicate_column", f"the column {name} appears twice")
        elif name not in columns.known:
            found.add(HEADER_ROW, name, "unknown_column", f"{name} is not a column of this import (docs/import.md)")
        seen.add(name)
    if not table.rows:
        found.add(HEADER_ROW + 1, table.columns[0] if table.columns else "", "no_rows", "the file has no data rows")
    if found.errors:
        raise ImportRejectedError(found.errors)


class Cells:
    """One row's cells as values, each problem recorded against its column."""

    def __init__(self, row: TableRow, found: Found) -> None:
        self.row = row
        self.found = found

    def text(self, column: str) -> str | None:
        return self.row.cells.get(column) or None

    def required_text(self, column: str) -> str:
        # An empty value reaches the domain's validator, which reports it as `required`.
        return self.row.cells.get(column, "")

    def _refuse(self, column: str, rule: str, message: str) -> None:
        self.found.broken.add((self.row.number, column))
        self.found.add(self.row.number, column, rule, message)

    def decimal(self, column: str) -> Decimal | None:
        raw = self.text(column)
        if raw is None:
            return None
        try:
            value = Decimal(raw.replace(",", ""))
        except InvalidOperation:
            self._refuse(column, "number", f"{raw!r} is not a number")
            return None
        return value

    def required_decimal(self, column: str) -> Decimal:
        if self.text(column) is None:
            self._refuse(column, "required", f"{column} must not be empty")
        return self.decimal(column) or Decimal(0)

    def integer(self, column: str, default: int) -> int:
        raw = self.text(column)
        if raw is None:
            return default
        if not (raw.isascii() and raw.lstrip("-").isdigit()) or len(raw) > 9:
            self._refuse(column, "integer", f"{raw!r} is not a whole number")
            return default
        return int(raw)

    def boolean(self, column: str) -> bool:
        raw = (self.text(column) or "false").lower()
        if raw not in _BOOLEANS:
            self._refuse(column, "boolean", f"{raw!r} is not true or false (also yes/no, 1/0)")
            return False
        return _BOOLEANS[raw]

    def date(self, column: str) -> date:
        raw = self.text(column)
        if raw is None:
            self._refuse(column, "required", f"{column} must not be empty")
            return date.min
        try:
            return date.fromisoformat(raw)
        except ValueError:
            self._refuse(column, "date", f"{raw!r} is not a date written YYYY-MM-DD")
            return date.min

    def choice(self, column: str, kind: type[E]) -> E | None:
        """The member the cell names; None when it is blank (or names none, which is recorded)."""
        raw = self.text(column)
        if raw is None:
            return None
        try:
            return kind(raw.upper())
        except ValueError:
            allowed = ", ".join(member.value for member in kind)
            self._refuse(column, "enum", f"{raw!r} is not one of {allowed}")
            return None

    def kinds(self, column: str) -> tuple[PartyKind, ...]:
        raw = self.text(column) or ""
        names = [name.strip().upper() for name in raw.replace(";", ",").replace("|", ",").split(",") if name.strip()]
        unknown = [name for name in names if name not in PartyKind.__members__]
        if unknown:
            self._refuse(column, "enum", f"{unknown[0]!r} is not CUSTOMER or SUPPLIER")
            return ()
        return tuple(PartyKind(name) for name in names)

    def absorb(self, error: InvalidInputError, where: Callable[[str], tuple[int, str]]) -> None:
        """The domain's violations, each at the row and column `where` finds for its field path;
        a column whose cell did not even parse keeps only that first error."""
        for violation in error.violations:
            row, column = where(violation.field)
            if (row, column) not in self.found.broken:
                self.found.add(row, column, violation.rule, _without_field(violation.message, violation.field, column))


_BOOLEANS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}


def _on_row(number: int) -> Callable[[str], tuple[int, str]]:
    """A party's or item's fields are its row's columns of the same names."""

    def where(path: str) -> tuple[int, str]:
        return number, path

    return where


def _without_field(message: str, field_path: str, column: str) -> str:
    """The domain's message, with its field path (`lines[0].quantity`) spelled as the file's column."""
    return message.replace(field_path, column) if field_path != column else message


def read_parties(table: Table) -> list[PartyRecord]:
    """Every row as a valid party, codes unique within the file; raise ImportRejectedError."""
    check_columns(table, PARTY_COLUMNS)
    found, records = Found(), []
    for row in table.rows:
        cells = Cells(row, found)
        given = PartyInput(
            code=cells.required_text("code"), kinds=cells.kinds("kind"), legal_name=cells.required_text("legal_name"),
            legal_name_bn=cells.text("legal_name_bn"), bin=cells.text("bin"), tin=cells.text("tin"),
            nid=cells.text("nid"), address=cells.text("address"), address_bn=cells.text("address_bn"),
            phone=cells.text("phone"), email=cells.text("email"),
            withholding_entity=cells.boolean("withholding_entity"), credit_days=cells.integer("credit_days", 0),
            credit_limit=cells.decimal("credit_limit") or Decimal(0),
        )  # fmt: skip
        try:
            records.append(PartyRecord(row.number, validate_party(given)))
        except InvalidInputError as error:
            cells.absorb(error, _on_row(row.number))
    _unique_codes(table, found)
    if found.errors:
        raise ImportRejectedError(found.errors)
    return records


def read_items(table: Table, rates: RateTable, today: date) -> list[ItemRecord]:
    """Every row as a valid item (rates as of `today`), codes unique within the file; raise ImportRejectedError."""
    check_columns(table, ITEM_COLUMNS)
    found, records = Found(), []
    for row in table.rows:
        cells = Cells(row, found)
        given = ItemInput(
            code=cells.required_text("code"), name=cells.required_text("name"),
            unit_price=cells.required_decimal("unit_price"), name_bn=cells.text("name_bn"),
            hs_code=cells.text("hs_code"), service_code=cells.text("service_code"),
            unit_of_supply=cells.text("unit_of_supply"),
            vat_category=cells.choice("vat_category", VATCategory) or VATCategory.STANDARD,
            vat_rate=cells.decimal("vat_rate"), supplementary_duty_rate=cells.decimal("supplementary_duty_rate"),
        )  # fmt: skip
        try:
            records.append(ItemRecord(row.number, validate_item(given, rates, today)))
        except InvalidInputError as error:
            cells.absorb(error, _on_row(row.number))
    _unique_codes(table, found)
    if found.errors:
        raise ImportRejectedError(found.errors)
    return records


def _unique_codes(table: Table, found: Found) -> None:
    """Each code once in the file, valid row or not (a code differing only in spaces around it is the same)."""
    first_row: dict[str, int] = {}
    for row, code in ((r.number, r.cells["code"]) for r in table.rows if "code" in r.cells):
        if code in first_row:
            found.add(row, "code", "unique_in_file", f"the code {code} is also on row {first_row[code]}")
        else:
            first_row[code] = row


def taken_code_errors(records: Sequence[PartyRecord | ItemRecord], taken: set[str], noun: str) -> list[RowError]:
    """An error for each record whose code an existing party (or item) already has."""
    return [
        RowError(r.row, "code", "unique", f"another {noun} already has the code {r.details.code}")
        for r in records
        if r.details.code in taken
    ]
