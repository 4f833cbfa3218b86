"""A supplier's credit or debit note is decided against the bill as its earlier notes leave it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hisab.kernel.errors import InvalidInputError
from hisab.kernel.money import round_to_paisa
from hisab.purchases.domain.bill import Bill
from hisab.purchases.domain.events import SupplierNoteKind, SupplierNoteLine
from hisab.purchases.domain.supplier_notes import SupplierNoteInput, SupplierNoteLineInput, decide_supplier_note
from tests.purchases.bill_builders import TODAY, bill, bill_input, cement, recorded

D = Decimal
LINE = "bill-1:1"


def note(*lines: SupplierNoteLineInput, **changes: object) -> SupplierNoteInput:
    fields: dict[str, object] = {
        "kind": "CREDIT",
        "supplier_note_number": "MCM/CN/0091",
        "note_date": date(2026, 11, 20),
        "reason": "10 bags returned damaged",
        "lines": lines or (SupplierNoteLineInput(LINE, D("5000.00"), quantity=D(10)),),
    }
    fields.update(changes)
    return SupplierNoteInput(**fields)  # type: ignore[arg-type]


def _refused(on: Bill, request: SupplierNoteInput) -> dict[str, str]:
    with pytest.raises(InvalidInputError) as refused:
        decide_supplier_note(on, request, "note-1", TODAY)
    return {v.field: v.rule for v in refused.value.violations}


def test_a_credit_takes_the_value_and_the_vat_at_the_lines_rate_and_the_credit_with_it() -> None:
    decided = decide_supplier_note(bill(), note(), "note-1", TODAY)
    assert decided.lines == (SupplierNoteLine(LINE, D(10), D("5000.00"), D("0.00"), D("750.00"), D("750.00")),)
    after = Bill.from_events([recorded(), decided])
    line = after.lines[0]
    assert (line.quantity, line.value, line.vat, line.creditable_vat) == (D(90), D("45000.00"), D("6750.00"),
                                                                         D("6750.00"))  # fmt: skip


def test_a_debit_adds_to_the_line() -> None:
    decided = decide_supplier_note(bill(), note(kind="DEBIT", supplier_note_number="MCM/DN/7"), "note-1", TODAY)
    after = Bill.from_events([recorded(), decided])
    assert (after.lines[0].value, after.lines[0].vat) == (D("55000.00"), D("8250.00"))


def test_the_creditable_vat_does_not_change_on_a_line_whose_credit_was_not_taken() -> None:
    refused_line = bill(bill_input(cement(input_credit="NOT_ELIGIBLE")))
    decided = decide_supplier_note(refused_line, note(), "note-1", TODAY)
    assert (decided.lines[0].vat, decided.lines[0].creditable_vat) == (D("750.00"), D("0.00"))


def test_a_credit_never_takes_more_of_a_line_than_it_carries_after_earlier_notes() -> None:
    first = decide_supplier_note(bill(), note(SupplierNoteLineInput(LINE, D("40000.00"))), "note-1", TODAY)
    after = Bill.from_events([recorded(), first])
    second = note(SupplierNoteLineInput(LINE, D("10000.01"), quantity=D(101)), supplier_note_number="MCM/CN/0092")
    assert _refused(after, second) == {"lines[0].quantity": "more_than_remains", "lines[0].value": "more_than_remains"}
    too_much_vat = note(SupplierNoteLineInput(LINE, D("100.00"), vat=D("1500.01")), supplier_note_number="N2")
    assert _refused(after, too_much_vat) == {"lines[0].vat": "vat_rate_mismatch"}


def test_crediting_the_rest_of_a_line_takes_exactly_the_rest_of_its_vat() -> None:
    # 33.33 at 15% is 5.00 on the bill; crediting 11.11 three times takes 1.67, 1.67, then the 1.66 left.
    events: list[object] = [recorded(bill_input(cement(value=D("33.33"))))]
    for n in range(3):
        current = Bill.from_events(events)
        events.append(
            decide_supplier_note(
                current, note(SupplierNoteLineInput(LINE, D("11.11")), supplier_note_number=f"N{n}"), f"note-{n}", TODAY
            )
        )
    last = Bill.from_events(events).lines[0]
    assert (last.value, last.vat, last.creditable_vat) == (D("0.00"), D("0.00"), D("0.00"))


def test_the_same_supplier_note_number_twice_on_one_bill_is_refused() -> None:
    after = Bill.from_events([recorded(), decide_supplier_note(bill(), note(), "note-1", TODAY)])
    assert _refused(after, note()) == {"supplier_note_number": "duplicate_note"}


def test_every_broken_field_of_a_note_is_named_at_once() -> None:
    request = note(
        SupplierNoteLineInput("bill-1:9", D(1)),
        SupplierNoteLineInput(LINE, D("-1"), supplementary_duty=D("0.001")),
        SupplierNoteLineInput(LINE, D(0)),
        kind="REFUND",
        supplier_note_number="",
        note_date=date(2026, 11, 9),
        reason=" ",
    )
    assert _refused(bill(), request) == {
        "kind": "kind",
        "supplier_note_number": "required",
        "note_date": "after_invoice",
        "reason": "required",
        "lines[0].line_id": "bill_line",
        "lines[1].value": "non_negative",
        "lines[1].supplementary_duty": "decimal_places",
        "lines[2].line_id": "duplicate_line",
    }


def test_a_note_is_not_dated_after_today_and_changes_something() -> None:
    assert _refused(bill(), note(note_date=date(2026, 11, 27))) == {"note_date": "not_in_future"}
    assert _refused(bill(), note(SupplierNoteLineInput(LINE, D(0)))) == {"lines[0]": "nothing_changed"}
    assert _refused(bill(), note(lines=())) == {"lines": "min_lines"}


_AMOUNT = st.decimals(min_value=D("0.01"), max_value=D("60000.00"), places=2)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(SupplierNoteKind), _AMOUNT, st.booleans()), max_size=12))
def test_after_any_notes_no_line_is_below_zero_and_its_figures_are_the_exact_sums(
    notes: list[tuple[SupplierNoteKind, Decimal, bool]],
) -> None:
    events: list[object] = [recorded(bill_input(cement(value=D("1234.57"), supplementary_duty=D("12.35"))))]
    for n, (kind, value, with_duty) in enumerate(notes):
        current = Bill.from_events(events)
        line = current.lines[0]
        duty = round_to_paisa(value / 100) if with_duty else None
        if kind is SupplierNoteKind.CREDIT:
            value, duty = min(value, line.value), min(duty, line.supplementary_duty) if duty is not None else None
        request = note(SupplierNoteLineInput(LINE, value, supplementary_duty=duty), kind=kind.value,
                       supplier_note_number=f"N{n}")  # fmt: skip
        if kind is SupplierNoteKind.CREDIT and not (value or duty):
            # A credit of nothing (the line is spent) changes nothing, and is refused.
            with pytest.raises(InvalidInputError):
                decide_supplier_note(current, request, f"note-{n}", TODAY)
            continue
        events.append(decide_supplier_note(current, request, f"note-{n}", TODAY))
    final = Bill.from_events(events)
    line = final.lines[0]
    assert min(line.value, line.supplementary_duty, line.vat, line.creditable_vat) >= 0
    signed = [(1 if e.kind is SupplierNoteKind.DEBIT else -1, e.lines[0]) for e in final.notes]
    recorded_line = line.recorded
    assert line.value == recorded_line.value + sum((s * c.value for s, c in signed), D(0))
    assert line.vat == recorded_line.vat + sum((s * c.vat for s, c in signed), D(0))
    assert line.creditable_vat == line.vat
    for figure in (line.value, line.supplementary_duty, line.vat):
        assert figure == round_to_paisa(figure)


def test_a_note_keeps_the_lines_id_and_not_the_bills_other_lines() -> None:
    two = bill(bill_input(cement(), cement(description="Sand")))
    decided = decide_supplier_note(two, note(SupplierNoteLineInput("bill-1:2", D("100.00"))), "note-1", TODAY)
    after = Bill.from_events([two.recorded, decided])
    assert [line.value for line in after.lines] == [D("50000.00"), D("49900.00")]
