"""An uploaded file read as a table of text: CSV (UTF-8, with or without a BOM) or XLSX (its first sheet).

The format is told by the content itself (an XLSX file is a zip archive) and checked against the
Content-Type the client named; anything else is refused, naming what is accepted. Every cell
becomes stripped text, so the rows are validated the same way whichever format brought them.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from decimal import Decimal

from openpyxl import load_workbook

from hisab.invoicing.application.import_rows import HEADER_ROW, ImportRejectedError, RowError, Table, TableRow
from hisab.kernel.errors import InvalidInputError

CSV_TYPES = frozenset({"text/csv", "application/csv", "text/plain"})
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Clients that do not know the type send these; the content then decides.
UNTYPED = frozenset({"", "application/octet-stream"})
ACCEPTED = "CSV (text/csv, UTF-8) or XLSX (" + XLSX_TYPE + ")"
MAX_ROWS = 100_000
MAX_COLUMNS = 100
# An XLSX file is compressed XML: a small upload may unpack to far more. This bounds what is unpacked.
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
_ZIP_MAGIC = b"PK\x03\x04"


def read_table(content: bytes, content_type: str) -> Table:
    """The file's header and rows; raise InvalidInputError (field `file`) if it is no CSV or XLSX we read."""
    media_type = content_type.split(";", 1)[0].strip().lower()
    is_zip = content.startswith(_ZIP_MAGIC)
    if media_type == XLSX_TYPE or (media_type in UNTYPED and is_zip):
        if not is_zip:
            raise _refused("file_format", "the file is sent as XLSX but is not an XLSX workbook")
        return _table(_xlsx_rows(content))
    if media_type in CSV_TYPES or media_type in UNTYPED:
        if is_zip or b"\x00" in content:
            raise _refused("file_format", f"the file is not text; send {ACCEPTED}")
        return _table(_csv_rows(content))
    raise _refused("file_format", f"files of type {media_type} are not imported; send {ACCEPTED}")


def _refused(rule: str, message: str) -> InvalidInputError:
    return InvalidInputError.single("file", rule, message)


def _csv_rows(content: bytes) -> list[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _refused("encoding", f"the CSV file is not UTF-8 (byte {error.start + 1} is not)") from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[list[str]] = []
    try:
        for row in reader:
            rows.append(row)
            _ensure_bounded(len(rows), len(row))
    except csv.Error as error:
        raise _refused("csv", f"the CSV file is malformed at line {reader.line_num}: {error}") from None
    return rows


def _xlsx_rows(content: bytes) -> list[list[str]]:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise _refused("file_size", f"the XLSX file unpacks to more than {MAX_UNPACKED_BYTES} bytes")
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except InvalidInputError:
        raise
    except Exception:  # openpyxl and zipfile raise many kinds for a broken file; each means the same
        raise _refused("xlsx", "the XLSX file cannot be read: it is damaged or not a workbook") from None
    try:
        sheet = workbook.worksheets[0]
        rows: list[list[str]] = []
        for values in sheet.iter_rows(values_only=True):
            rows.append([_cell_text(value) for value in values])
            _ensure_bounded(len(rows), len(values))
        return rows
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    """A cell as the text a CSV would hold: numbers exact as shown, a date as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        # repr is the shortest text that reads back as this float: 0.15, not 0.1499999…
        return str(int(value)) if value.is_integer() else str(Decimal(repr(value)))
    return str(value)


def _ensure_bounded(rows: int, columns: int) -> None:
    if rows > MAX_ROWS + HEADER_ROW:
        raise _refused("max_rows", f"the file has more than {MAX_ROWS} data rows")
    if columns > MAX_COLUMNS:
        raise _refused("max_columns", f"row {rows} has more than {MAX_COLUMNS} cells")


def _table(rows: Sequence[Sequence[str]]) -> Table:
    """The first row names the columns (case and spaces aside); blank rows are skipped, their numbers kept."""
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise _refused("header", "the file has no header row naming its columns (docs/import.md)")
    header = [cell.strip().lower() for cell in rows[0]]
    while header and not header[-1]:
        header.pop()
    errors = [
        RowError(HEADER_ROW, f"column {index}", "header", f"column {index} of the header has no name")
        for index, name in enumerate(header, start=1)
        if not name
    ]
    table_rows = list(_data_rows(rows[1:], header, errors))
    if errors:
        raise ImportRejectedError(errors)
    return Table(tuple(header), tuple(table_rows))


def _data_rows(rows: Iterable[Sequence[str]], header: list[str], errors: list[RowError]) -> Iterable[TableRow]:
    for number, row in enumerate(rows, start=HEADER_ROW + 1):
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        if any(cells[len(header) :]):
            message = f"the row has {len(cells)} cells but the header names {len(header)} columns"
            errors.append(RowError(number, header[-1] if header else "", "extra_cells", message))
        yield TableRow(number, {name: cell for name, cell in zip(header, cells, strict=False) if cell})
