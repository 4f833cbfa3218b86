"""The Mushak-9.1's JSON and CSV: one row per note and sub-form line, in the online form's order, exact decimals."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from hisab.kernel.language import Language
from hisab.vat_return.adapters.exports import COLUMNS, csv_bytes, export_rows, json_bytes
from hisab.vat_return.domain.entries import DocumentType, ReturnEntry
from tests.vat_return.return_view_builders import (
    BUYER,
    INVOICE,
    entry,
    figure,
    return_view,
    worked_quarter,
)


def _csv(data: bytes) -> list[dict[str, str]]:
    text = data.decode()
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def test_every_note_comes_once_as_line_0_in_note_order_each_followed_by_its_sub_form_lines() -> None:
    rows = export_rows(worked_quarter(), Language.EN)

    assert [row.note for row in rows if row.line == 0] == list(range(1, 69))
    notes = [row.note for row in rows]
    assert notes == sorted(notes)
    for note in set(notes):
        lines = [row.line for row in rows if row.note == note]
        assert lines == list(range(len(lines)))


def test_a_sub_forms_lines_are_by_date_then_document_number() -> None:
    late = entry(INVOICE, "INV/2026-27/000001", date(2026, 9, 1), 4, "100.00", "15.00")
    early_b = entry(INVOICE, "INV/2026-27/000009", date(2026, 7, 2), 4, "200.00", "30.00")
    early_a = entry(INVOICE, "INV/2026-27/000003", date(2026, 7, 2), 4, "300.00", "45.00")
    view = return_view({4: figure(4, late, early_b, early_a)})

    lines = [row for row in export_rows(view, Language.EN) if row.note == 4 and row.line]

    assert [row.document_number for row in lines] == [
        "INV/2026-27/000003", "INV/2026-27/000009", "INV/2026-27/000001",
    ]  # fmt: skip
    assert [row.document_date for row in lines] == ["2026-07-02", "2026-07-02", "2026-09-01"]


def test_the_note_rows_carry_the_figures_exactly_as_two_place_decimal_strings() -> None:
    rows = {row.note: row for row in export_rows(worked_quarter(), Language.EN) if row.line == 0}

    assert (rows[9].value, rows[9].sd, rows[9].vat, rows[9].amount) == ("8500000.00", "20000.00", "683000.00", None)
    assert (rows[23].value, rows[23].sd, rows[23].vat) == ("1100000.00", None, "150000.00")
    assert rows[34].amount == "484500.00"
    assert (rows[34].value, rows[34].sd, rows[34].vat) == (None, None, None)
    # A note with nothing this period is 0.00 in its own columns, empty in those it does not have.
    assert (rows[2].value, rows[2].sd, rows[2].vat) == ("0.00", None, None)
    assert rows[67].amount == "0.00"


def test_a_negative_figure_such_as_a_credit_carried_forward_keeps_its_sign_and_paisa() -> None:
    view = return_view({34: figure(34, amount="-1200.5")})

    row = next(row for row in export_rows(view, Language.EN) if row.note == 34)

    assert row.amount == "-1200.50"
    assert next(r for r in _csv(csv_bytes(view, Language.EN)) if r["note"] == "34")["amount"] == "-1200.50"


def test_the_json_holds_no_float_and_names_its_period_and_columns() -> None:
    document: dict[str, Any] = json.loads(json_bytes(worked_quarter(), Language.EN), parse_float=Decimal)

    assert document["form"] == "Mushak-9.1"
    assert (document["period"], document["starts_on"], document["due_on"]) == ("2026-27/Q1", "2026-07-01", "2026-10-15")
    assert document["columns"] == list(COLUMNS)
    amounts = [row[name] for row in document["rows"] for name in ("value", "sd", "vat", "amount")]
    assert all(amount is None or isinstance(amount, str) for amount in amounts)
    assert all(amount is None or amount == f"{Decimal(amount):.2f}" for amount in amounts)
    assert len(document["rows"]) == len(export_rows(worked_quarter(), Language.EN))


def test_a_sub_form_line_names_its_document_counterparty_bin_and_code() -> None:
    rows = export_rows(worked_quarter(), Language.EN)

    line = next(row for row in rows if row.note == 7 and row.line == 1)

    assert line.document_number == "INV/2026-27/000003"
    assert line.document_date == "2026-08-05"
    assert line.counterparty == "Roads and Highways Department"
    assert line.bin == "0008887770101"
    assert line.code == "S004.00"
    assert (line.value, line.sd, line.vat, line.amount) == ("5000000.00", "0.00", "500000.00", None)


def test_an_amount_notes_lines_add_their_vat_or_for_the_sd_notes_their_sd() -> None:
    day, number = date(2026, 8, 1), "CN/2026-27/000004"
    credit = entry(DocumentType.CREDIT_NOTE, number, day, 31, "1000.00", "165.00", "100.00")
    sd_credit = entry(DocumentType.CREDIT_NOTE, number, day, 39, "1000.00", "165.00", "100.00")
    view = return_view({31: figure(31, credit), 39: figure(39, sd_credit, amount="100.00")})

    lines = {row.note: row for row in export_rows(view, Language.EN) if row.line == 1}

    assert lines[31].amount == "165.00"
    assert lines[39].amount == "100.00"


def test_the_deposit_notes_lines_are_the_treasury_challans() -> None:
    rows = [row for row in export_rows(worked_quarter(), Language.EN) if row.note in (58, 59)]

    assert [(r.note, r.line, r.document_number, r.document_date, r.amount, r.code) for r in rows] == [
        (58, 0, None, None, "484500.00", None),
        (58, 1, "TR-2026-10-0042", "2026-10-12", "484500.00", "1/1133/0015/0311"),
        (59, 0, None, None, "20000.00", None),
        (59, 1, "TR-2026-10-0043", "2026-10-12", "20000.00", "1/1133/0015/0711"),
    ]


def test_the_csv_has_the_columns_in_order_and_empty_cells_for_columns_a_note_lacks() -> None:
    data = csv_bytes(worked_quarter(), Language.EN)
    header = next(csv.reader(io.StringIO(data.decode().removeprefix("\ufeff"))))
    rows = _csv(data)

    assert header == list(COLUMNS)
    first = rows[0]
    assert (first["part"], first["note"], first["line"]) == ("3", "1", "0")
    assert first["label"] == "Zero-rated goods/services: Direct export"
    assert (first["value"], first["sd"], first["vat"], first["amount"]) == ("2000000.00", "", "", "")


def test_bengali_labels_with_ascii_numbers_so_a_program_can_still_read_them() -> None:
    rows = _csv(csv_bytes(worked_quarter(), Language.BN))

    first = rows[0]
    assert first["label"] == "শূন্যহার বিশিষ্ট পণ্য/সেবা: সরাসরি রপ্তানি"
    assert first["value"] == "2000000.00"
    assert next(r for r in rows if r["note"] == "34")["label"] == "কর মেয়াদের নিট প্রদেয় মূসক (ধারা ৪৫)"


def test_a_description_a_spreadsheet_would_run_as_a_formula_is_written_as_text() -> None:
    hostile = entry(INVOICE, "INV/2026-27/000007", date(2026, 8, 1), 4, "10.00", "1.50",
                    counterparty=BUYER, description="=HYPERLINK(\"http://x\")")  # fmt: skip
    view = return_view({4: figure(4, hostile)})

    line = next(r for r in _csv(csv_bytes(view, Language.EN)) if r["note"] == "4" and r["line"] == "1")

    assert line["label"] == '\'=HYPERLINK("http://x")'
    assert line["value"] == "10.00"


_AMOUNT = re.compile(r"-?\d+\.\d\d")
_DOCUMENT_NOTES = [*range(1, 9), *range(10, 23), 24, 25, 26, 27, 29, 30, 31, 32, 38, 39, 40]


@st.composite
def _entries(draw: st.DrawFn) -> list[ReturnEntry]:
    count = draw(st.integers(min_value=0, max_value=25))
    amounts = st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False, allow_infinity=False)
    return [
        entry(
            INVOICE,
            f"DOC/{draw(st.integers(min_value=1, max_value=40)):06d}",
            date(2026, 7, 1) + timedelta(days=draw(st.integers(min_value=0, max_value=91))),
            draw(st.sampled_from(_DOCUMENT_NOTES)),
            str(draw(amounts)),
            str(draw(amounts)),
            str(draw(amounts)),
            line_id=str(n),
        )
        for n in range(count)
    ]


@settings(max_examples=60, deadline=None)
@given(_entries())
def test_any_return_exports_every_entry_once_in_order_with_exact_amounts(entries: list[ReturnEntry]) -> None:
    by_note: dict[int, list[ReturnEntry]] = {}
    for line in entries:
        by_note.setdefault(line.note, []).append(line)
    view = return_view({note: figure(note, *lines) for note, lines in by_note.items()})

    rows = export_rows(view, Language.EN)

    assert [(row.note, row.line) for row in rows] == sorted((row.note, row.line) for row in rows)
    assert len(rows) == 68 + len(entries)
    for note, lines in by_note.items():
        exported = [row for row in rows if row.note == note and row.line]
        assert [row.line for row in exported] == list(range(1, len(lines) + 1))
        keys = [(row.document_date or "", row.document_number or "") for row in exported]
        assert keys == sorted(keys)
        assert sorted(Decimal(row.vat or "0") for row in exported) == sorted(line.vat for line in lines)
    amounts = [a for row in rows for a in (row.value, row.sd, row.vat, row.amount) if a is not None]
    assert all(_AMOUNT.fullmatch(amount) for amount in amounts)
