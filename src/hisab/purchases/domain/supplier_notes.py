"""A supplier's credit or debit note (its Mushak-6.7 or 6.8) against a bill received: what it changes of each line.

It is decided against the bill as its events leave it (`Bill.from_events`): a credit never takes more of a
line (quantity, value, SD or VAT) than the line carries after the notes before it, so no line ever goes
below zero. VAT not given is the line's own rate on the value and SD changed, half-up to the paisa, as the
bill's was; a credit of the rest of a line's value and SD takes the rest of its VAT, and a rounding that
would take a paisa more than is left takes what is left. VAT given is taken within a taka of that, as on
the bill. What the note changes of the creditable VAT follows the VAT change on a line whose credit was
taken, and is 0 on a line whose credit was not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from hisab.invoicing.domain.draft import MAX_QUANTITY_PLACES
from hisab.invoicing.domain.rules import Collector
from hisab.kernel.money import AMOUNT_CEILING, ZERO
from hisab.purchases.domain.bill import Bill, BillLineNow
from hisab.purchases.domain.bills import MAX_BILL_LINES, MAX_SUPPLIER_NUMBER, amount, computed_vat, settled_vat
from hisab.purchases.domain.events import InputCredit, SupplierNoteKind, SupplierNoteLine, SupplierNoteRecorded

MAX_REASON = 500
_MAX_SHOWN_ID = 120


@dataclass(frozen=True, slots=True)
class SupplierNoteLineInput:
    line_id: str
    value: Decimal
    quantity: Decimal | None = None
    supplementary_duty: Decimal | None = None
    # None: the line's rate on (value + SD).
    vat: Decimal | None = None


@dataclass(frozen=True, slots=True)
class SupplierNoteInput:
    kind: str
    supplier_note_number: str
    # None: today, in Dhaka.
    note_date: date | None
    reason: str
    lines: tuple[SupplierNoteLineInput, ...]


def decide_supplier_note(bill: Bill, request: SupplierNoteInput, note_id: str, today: date) -> SupplierNoteRecorded:
    """The note's changes per line, or every broken rule at once (InvalidInputError)."""
    found = Collector()
    kind = _kind(request.kind, found)
    number = found.required_text(request.supplier_note_number, "supplier_note_number", MAX_SUPPLIER_NUMBER,
                                 label="the supplier's note number")  # fmt: skip
    if number and any(note.supplier_note_number == number for note in bill.notes):
        found.add(
            "supplier_note_number", "duplicate_note", f"the supplier's note {number} is already recorded on this bill"
        )
    note_date = request.note_date or today
    _check_date(note_date, bill.recorded.supplier_invoice_date, today, found)
    reason = found.required_text(request.reason, "reason", MAX_REASON, multiline=True, label="the reason")
    lines = _changes(bill, request.lines, kind, found)
    found.raise_any()
    assert kind is not None
    return SupplierNoteRecorded(bill.bill_id, note_id, kind, number, note_date, reason, lines)


def _kind(raw: str, found: Collector) -> SupplierNoteKind | None:
    try:
        return SupplierNoteKind(raw)
    except ValueError:
        found.add("kind", "kind", f"a supplier's note is one of {', '.join(SupplierNoteKind)}")
        return None


def _check_date(day: date, invoice_date: date, today: date, found: Collector) -> None:
    if day > today:
        found.add("note_date", "not_in_future", f"the note's date {day} is after today ({today} in Dhaka)")
    if day < invoice_date:
        found.add(
            "note_date", "after_invoice", f"the note's date {day} is before the supplier's invoice ({invoice_date})"
        )


def _changes(
    bill: Bill, given: tuple[SupplierNoteLineInput, ...], kind: SupplierNoteKind | None, found: Collector
) -> tuple[SupplierNoteLine, ...]:
    if not given:
        found.add("lines", "min_lines", "a supplier's note changes at least one line of the bill")
        return ()
    if len(given) > MAX_BILL_LINES:
        found.add("lines", "max_lines", f"a supplier's note changes at most {MAX_BILL_LINES} lines")
        return ()
    changes: list[SupplierNoteLine] = []
    seen: set[str] = set()
    for index, each in enumerate(given):
        path = f"lines[{index}]"
        line = bill.line(each.line_id)
        if line is None:
            found.add(f"{path}.line_id", "bill_line", f"the bill has no line {each.line_id[:_MAX_SHOWN_ID]!r}")
            continue
        if each.line_id in seen:
            found.add(f"{path}.line_id", "duplicate_line", f"line {line.recorded.position} is named twice in the note")
            continue
        seen.add(each.line_id)
        change = _change(line, each, kind, path, found)
        if change is not None:
            changes.append(change)
    return tuple(changes)


def _change(
    line: BillLineNow, given: SupplierNoteLineInput, kind: SupplierNoteKind | None, path: str, found: Collector
) -> SupplierNoteLine | None:
    before = len(found.violations)
    quantity = None
    if given.quantity is not None and found.decimal(
        given.quantity, f"{path}.quantity", places=MAX_QUANTITY_PLACES, ceiling=AMOUNT_CEILING
    ):
        quantity = given.quantity
    value = amount(given.value, f"{path}.value", found)
    duty = amount(given.supplementary_duty, f"{path}.supplementary_duty", found)
    vat_given = amount(given.vat, f"{path}.vat", found) if given.vat is not None else None
    if len(found.violations) > before or kind is None:
        return None
    vat = _vat(line, kind, value, duty, vat_given, f"{path}.vat", found)
    if vat is None:
        return None
    if not (value or duty or vat or quantity):
        found.add(path, "nothing_changed", f"line {line.recorded.position}: the note changes nothing of it")
        return None
    if kind is SupplierNoteKind.CREDIT and not _within(line, quantity, value, duty, vat, path, found):
        return None
    creditable = vat if line.recorded.input_credit is InputCredit.CLAIM else ZERO
    return SupplierNoteLine(line.recorded.line_id, quantity, value, duty, vat, creditable)


def _vat(
    line: BillLineNow,
    kind: SupplierNoteKind,
    value: Decimal,
    duty: Decimal,
    given: Decimal | None,
    field: str,
    found: Collector,
) -> Decimal | None:
    expected = computed_vat(value, duty, line.recorded.vat_rate)
    if kind is SupplierNoteKind.CREDIT:
        if value == line.value and duty == line.supplementary_duty:
            # The rest of the line: exactly the VAT left, so a line credited in full carries zero of everything.
            expected = line.vat
        expected = min(expected, line.vat)
    return settled_vat(expected, given, line.recorded.vat_rate, value + duty, field, found)


def _within(
    line: BillLineNow,
    quantity: Decimal | None,
    value: Decimal,
    duty: Decimal,
    vat: Decimal,
    path: str,
    found: Collector,
) -> bool:
    """A credit takes no more of anything than the line carries now."""
    taken = [("quantity", quantity or Decimal(0), line.quantity), ("value", value, line.value),
             ("supplementary_duty", duty, line.supplementary_duty), ("vat", vat, line.vat)]  # fmt: skip
    fine = True
    for name, credited, left in taken:
        if credited > left:
            found.add(
                f"{path}.{name}",
                "more_than_remains",
                f"line {line.recorded.position} carries {left} of {name.replace('_', ' ')} after earlier notes; "
                f"crediting {credited} is more than that",
            )
            fine = False
    return fine
