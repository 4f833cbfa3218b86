"""The Mushak-9.1 as JSON and CSV: a row per note and per sub-form line, to key or upload as it stands.

The rows come in the order the NBR's online form asks for them: the notes 1 to 68, each followed by
its sub-form's lines by date and document number (line 1, 2...; the note's own figure is line 0).
Every amount is a decimal string with two places (575000.00, -1200.50), never a float, and a column
a note does not have on the form is empty (null in JSON): nothing is left to re-add by hand. Labels
are in the language asked for; numbers, dates and document numbers are always ASCII, for machines.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from decimal import Decimal

from hisab.kernel.language import Language
from hisab.kernel.money import ZERO, round_to_paisa
from hisab.vat_return.adapters.documents.return_form import DEPOSIT_NOTES, deposits_of, sorted_sources
from hisab.vat_return.application.return_views import NoteFigure, VatReturnView
from hisab.vat_return.domain.entries import ReturnEntry
from hisab.vat_return.domain.form import NOTES, SD_NOTES, Column, FormNote, Words

JSON_MEDIA_TYPE = "application/json"
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
COLUMNS = (
    "part", "note", "line", "label", "value", "sd", "vat", "amount",
    "document_number", "document_date", "counterparty", "bin", "code",
)  # fmt: skip
# Excel reads a CSV without a byte-order mark in its legacy code page and garbles the Bengali.
_BYTE_ORDER_MARK = "\ufeff"
# A cell starting with one of these is a formula to a spreadsheet (OWASP's CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class ExportRow:
    part: int
    note: int
    line: int
    label: str
    value: str | None
    sd: str | None
    vat: str | None
    amount: str | None
    document_number: str | None
    document_date: str | None
    counterparty: str | None
    bin: str | None
    code: str | None


def export_rows(view: VatReturnView, language: Language) -> list[ExportRow]:
    figures = {figure.note: figure for figure in view.notes}
    rows: list[ExportRow] = []
    for note in NOTES:
        figure = figures.get(note.note)
        rows.append(_note_row(note, figure, language))
        rows.extend(_lines(view, note, figure, language))
    return rows


def _text(words: Words, language: Language) -> str:
    return words.bn if language is Language.BN else words.en


def _label(note: FormNote, language: Language) -> str:
    label = _text(note.label, language)
    return f"{_text(note.group, language)}: {label}" if note.group else label


def _decimal(amount: Decimal | None) -> str:
    return f"{round_to_paisa(amount if amount is not None else ZERO):f}"


def _note_row(note: FormNote, figure: NoteFigure | None, language: Language) -> ExportRow:
    def column(name: Column, amount: Decimal | None) -> str | None:
        return _decimal(amount) if name in note.columns else None

    return ExportRow(
        part=note.part,
        note=note.note,
        line=0,
        label=_label(note, language),
        value=column(Column.VALUE, figure.value if figure else None),
        sd=column(Column.SD, figure.supplementary_duty if figure else None),
        vat=column(Column.VAT, figure.vat if figure else None),
        amount=column(Column.AMOUNT, figure.amount if figure else None),
        document_number=None,
        document_date=None,
        counterparty=None,
        bin=None,
        code=None,
    )


def _lines(view: VatReturnView, note: FormNote, figure: NoteFigure | None, language: Language) -> Iterator[ExportRow]:
    if note.note in DEPOSIT_NOTES.values():
        for line, deposit in enumerate(deposits_of(view, note.note), start=1):
            yield ExportRow(
                note.part, note.note, line, _label(note, language), None, None, None, _decimal(deposit.amount),
                deposit.challan_number, deposit.deposit_date.isoformat(), None, None, deposit.account_code,
            )  # fmt: skip
        return
    if figure is None:
        return
    for line, entry in enumerate(sorted_sources(figure), start=1):
        yield _entry_row(note, line, entry)


def _entry_row(note: FormNote, line: int, entry: ReturnEntry) -> ExportRow:
    """A sub-form line: the document's value, SD and VAT, and in an amount note what it adds to it."""
    amount = None
    if Column.AMOUNT in note.columns:
        amount = _decimal(entry.supplementary_duty if note.note in SD_NOTES else entry.vat)
    return ExportRow(
        part=note.part,
        note=note.note,
        line=line,
        label=entry.description,
        value=_decimal(entry.value),
        sd=_decimal(entry.supplementary_duty),
        vat=_decimal(entry.vat),
        amount=amount,
        document_number=entry.document_number,
        document_date=entry.document_date.isoformat(),
        counterparty=entry.counterparty.name,
        bin=entry.counterparty.bin,
        code=entry.code,
    )


def json_bytes(view: VatReturnView, language: Language) -> bytes:
    """The return's heading fields, then its rows; amounts are strings, so no reader turns them into floats."""
    taxpayer = view.taxpayer
    document = {
        "form": "Mushak-9.1",
        "period": view.period,
        "starts_on": view.starts_on.isoformat(),
        "ends_on": view.ends_on.isoformat(),
        "due_on": view.due_on.isoformat(),
        "status": view.status.value,
        "return_type": view.return_type.value,
        "activity": not view.nil,
        "bin": taxpayer.bin if taxpayer else None,
        "taxpayer": taxpayer.name if taxpayer else None,
        "submitted_at": view.submitted_at.isoformat() if view.submitted_at else None,
        "submission_reference": view.submission_reference,
        "language": language.value,
        "columns": list(COLUMNS),
        "rows": [asdict(row) for row in export_rows(view, language)],
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode()


def csv_bytes(view: VatReturnView, language: Language) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in export_rows(view, language):
        writer.writerow(_cell(value) for value in asdict(row).values())
    return (_BYTE_ORDER_MARK + buffer.getvalue()).encode()


def _cell(value: object) -> str:
    """A text a spreadsheet would run as a formula is written behind an apostrophe; amounts stay numbers."""
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if text.startswith(_FORMULA_STARTS) and not _is_amount(text):
        return f"'{text}"
    return text


def _is_amount(text: str) -> bool:
    try:
        Decimal(text)
    except ArithmeticError:
        return False
    return True
