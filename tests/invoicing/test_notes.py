"""Credit and debit notes in the domain: what a note changes of each line, every rule that refuses one,
and what an issued invoice looks like after its notes (no I/O)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

import pytest

from hisab.invoicing.domain.approval_events import InvoiceSubmitted
from hisab.invoicing.domain.draft import LineInput
from hisab.invoicing.domain.invoice import Invoice, InvoiceStatus
from hisab.invoicing.domain.lines import Figures
from hisab.invoicing.domain.note_events import CreditNoteIssued, DebitNoteIssued, NoteLine
from hisab.invoicing.domain.notes import (
    MAX_NOTE_LINES,
    NoteKind,
    NoteLineInput,
    NoteRequest,
    NoteTerms,
    validate_note,
)
from hisab.invoicing.domain.numbering import format_note_number, note_series
from hisab.invoicing.domain.printing import CopyKind
from hisab.kernel.errors import IllegalTransitionError, InvalidInputError
from hisab.kernel.fiscal_year import FiscalYear
from hisab.kernel.language import Language
from hisab.kernel.vat import VATCategory
from tests.builders import opening_events
from tests.notes_builders import (
    ISSUED_AT,
    NOTED_AT,
    RODS,
    TERMS,
    amount,
    credit,
    debit,
    issued_invoice,
    lines_draft,
    noted,
    quantity,
)

D = Decimal
# 3 at 333.33 with 35% SD and 15% VAT: 999.99, SD 350.00, VAT 202.50; a third of it rounds to 116.67 SD.
CIGARETTES = LineInput("Cigarettes", D(3), D("333.33"), supplementary_duty_rate=D("0.35"))
# One taka with 15% VAT: ten credits of ten paisa each compute 0.02 VAT, more than the 0.15 it carries.
PAISA_LINE = LineInput("Washer", D(1), D("1.00"))


def _line(line: NoteLine) -> tuple[str, str, str, str]:
    return (str(line.quantity), str(line.value), str(line.supplementary_duty), str(line.vat))


def _figures(figures: Figures) -> tuple[str, str, str, str]:
    return (str(figures.quantity), str(figures.value), str(figures.supplementary_duty), str(figures.vat))


def _refusals(request: NoteRequest, invoice: Invoice | None = None, terms: NoteTerms = TERMS) -> list[tuple[str, str]]:
    target = invoice or issued_invoice()
    with pytest.raises(InvalidInputError) as refused:
        validate_note(request, target.adjustable_lines(), terms)
    return [(v.field, v.rule) for v in refused.value.violations]


def _message(request: NoteRequest, invoice: Invoice) -> str:
    with pytest.raises(InvalidInputError) as refused:
        validate_note(request, invoice.adjustable_lines(), TERMS)
    return refused.value.violations[0].message


# What a note changes of a line


def test_a_quantity_returned_is_valued_at_the_lines_unit_price_with_its_vat() -> None:
    note = noted(issued_invoice(), credit(quantity(RODS, 10)))

    assert [_line(line) for line in note.lines] == [("10", "50000.00", "0.00", "7500.00")]


def test_an_amount_reduces_the_value_held_to_the_paisa_and_no_quantity() -> None:
    note = noted(issued_invoice(), credit(amount(RODS, 1000), reason="PRICE_REDUCTION"))

    assert [_line(line) for line in note.lines] == [("0", "1000.00", "0.00", "150.00")]


def test_sd_is_charged_on_the_value_and_vat_on_value_plus_sd_each_rounded_half_up() -> None:
    # SD 5% of 10.10 is 0.505 (half-up 0.51); VAT 15% of 10.61 is 1.5915 (1.59, not 1.52 on the value alone).
    invoice = issued_invoice(lines_draft(LineInput("Soft drink", D(10), D(100), supplementary_duty_rate=D("0.05"))))

    note = noted(invoice, credit(amount("inv-1:1", "10.10"), reason="PRICE_REDUCTION"))

    assert [_line(line) for line in note.lines] == [("0", "10.10", "0.51", "1.59")]


def test_each_line_of_a_note_is_rounded_on_its_own() -> None:
    invoice = issued_invoice(lines_draft(CIGARETTES, CIGARETTES))

    note = noted(invoice, credit(quantity("inv-1:1", 1), quantity("inv-1:2", 1)))

    assert [_line(line) for line in note.lines] == [("1", "333.33", "116.67", "67.50")] * 2
    assert _figures(note.figures) == ("2", "666.66", "233.34", "135.00")


def test_a_debit_note_adds_value_sd_and_vat_the_same_way() -> None:
    invoice = issued_invoice(lines_draft(CIGARETTES))

    note = noted(invoice, debit(quantity("inv-1:1", 1), reason="ADDITIONAL_QUANTITY"))

    assert isinstance(note, DebitNoteIssued)
    assert [_line(line) for line in note.lines] == [("1", "333.33", "116.67", "67.50")]
    assert _figures(invoice.lines[0].carried) == ("4", "1333.32", "466.67", "270.00")


# Crediting a line in full


def test_crediting_the_remaining_quantity_takes_exactly_the_remaining_sd_and_vat() -> None:
    invoice = issued_invoice(lines_draft(CIGARETTES))
    noted(invoice, credit(quantity("inv-1:1", 1)))
    noted(invoice, credit(quantity("inv-1:1", 1)))

    last = noted(invoice, credit(quantity("inv-1:1", 1)))

    # A third computes 116.67 SD; two thirds were credited at that already, so 116.66 is all that is left.
    assert [_line(line) for line in last.lines] == [("1", "333.33", "116.66", "67.50")]
    assert _figures(invoice.lines[0].carried) == ("0", "0.00", "0.00", "0.00")
    assert invoice.credited_in_full


def test_the_remaining_quantity_after_a_price_reduction_takes_only_the_value_left() -> None:
    invoice = issued_invoice()
    noted(invoice, credit(amount(RODS, 1000), reason="PRICE_REDUCTION"))

    returned = noted(invoice, credit(quantity(RODS, 100)))

    assert [_line(line) for line in returned.lines] == [("100", "499000.00", "0.00", "74850.00")]
    assert invoice.lines[0].carried.is_nil


def test_crediting_the_remaining_value_takes_the_remaining_vat_even_when_it_rounds_otherwise() -> None:
    invoice = issued_invoice(lines_draft(PAISA_LINE))
    for _ in range(7):
        noted(invoice, credit(amount("inv-1:1", "0.10"), reason="PRICE_REDUCTION"))

    # 0.30 at 15% computes 0.05 VAT; the seven credits left 0.01.
    last = noted(invoice, credit(amount("inv-1:1", "0.30"), reason="PRICE_REDUCTION"))

    assert [_line(line) for line in last.lines] == [("0", "0.30", "0.00", "0.01")]
    assert _figures(invoice.lines[0].carried) == ("1", "0.00", "0.00", "0.00")
    assert invoice.credited_in_full


def test_a_partial_credit_whose_rounding_would_take_more_vat_than_is_left_takes_what_is_left() -> None:
    invoice = issued_invoice(lines_draft(PAISA_LINE))
    vats = [noted(invoice, credit(amount("inv-1:1", "0.10"), reason="PRICE_REDUCTION")).lines[0].vat for _ in range(10)]

    assert [str(vat) for vat in vats] == ["0.02"] * 7 + ["0.01", "0.00", "0.00"]
    assert _figures(invoice.lines[0].credited) == ("0", "1.00", "0.00", "0.15")


def test_a_partial_credit_whose_rounding_would_take_more_sd_than_is_left_takes_what_is_left() -> None:
    # 1.00 with 15% SD (0.15) and VAT on 1.15 (0.17): each 0.10 computes 0.02 SD and 0.02 VAT.
    invoice = issued_invoice(lines_draft(LineInput("Perfume", D(1), D("1.00"), supplementary_duty_rate=D("0.15"))))
    notes = [noted(invoice, credit(amount("inv-1:1", "0.10"), reason="PRICE_REDUCTION")) for _ in range(10)]

    assert [str(note.lines[0].supplementary_duty) for note in notes] == ["0.02"] * 7 + ["0.01", "0.00", "0.00"]
    assert [str(note.lines[0].vat) for note in notes] == ["0.02"] * 8 + ["0.01", "0.00"]
    assert _figures(invoice.lines[0].carried) == ("1", "0.00", "0.00", "0.00")


def test_a_debit_notes_additions_can_be_credited_in_full_afterwards() -> None:
    invoice = issued_invoice()
    noted(invoice, debit(quantity(RODS, 5), reason="ADDITIONAL_QUANTITY"))

    everything = noted(invoice, credit(quantity(RODS, 105)))

    assert [_line(line) for line in everything.lines] == [("105", "525000.00", "0.00", "78750.00")]
    assert invoice.credited_in_full


# A credit note for CANCELLATION


def test_a_cancellation_without_lines_credits_everything_each_line_still_carries() -> None:
    invoice = issued_invoice(lines_draft(CIGARETTES, PAISA_LINE, CIGARETTES))
    noted(invoice, credit(quantity("inv-1:1", 1)))
    noted(invoice, credit(amount("inv-1:2", "1.00"), reason="PRICE_REDUCTION"))

    cancelled = noted(invoice, credit(reason="CANCELLATION"))

    # Line 2 has nothing left and is not named; the others give up exactly what they carry.
    assert [(line.line_id, *_line(line)) for line in cancelled.lines] == [
        ("inv-1:1", "2", "666.66", "233.33", "135.00"),
        ("inv-1:3", "3", "999.99", "350.00", "202.50"),
    ]
    assert all(line.carried.is_nil for line in invoice.lines)
    assert invoice.credited_in_full


def test_a_cancellation_may_still_name_its_lines() -> None:
    note = noted(issued_invoice(), credit(quantity(RODS, 100), reason="CANCELLATION"))

    assert [_line(line) for line in note.lines] == [("100", "500000.00", "0.00", "75000.00")]


def test_a_cancellation_of_an_invoice_credited_in_full_already_is_refused_as_nothing_left() -> None:
    invoice = issued_invoice()
    noted(invoice, credit(quantity(RODS, 100)))

    assert _refusals(credit(reason="CANCELLATION"), invoice) == [("lines", "nothing_left")]


@pytest.mark.parametrize(
    "request_",
    [credit(reason="RETURN"), debit(reason="PRICE_INCREASE")],
    ids=["credit-for-a-return", "debit"],
)
def test_a_note_without_lines_is_refused_unless_it_is_a_cancellation(request_: NoteRequest) -> None:
    assert _refusals(request_) == [("lines", "min_lines")]


def test_a_note_of_more_lines_than_allowed_is_refused() -> None:
    many = tuple(quantity(f"inv-1:{n}", 1) for n in range(MAX_NOTE_LINES + 1))

    assert _refusals(credit(*many)) == [("lines", "max_lines")]


# More than remains


def test_crediting_more_quantity_than_the_line_has_is_refused_naming_what_remains() -> None:
    invoice = issued_invoice()
    noted(invoice, credit(quantity(RODS, 60)))

    assert _refusals(credit(quantity(RODS, 41)), invoice) == [("lines[0].quantity", "more_than_remains")]
    assert "line 1 carries a quantity of 40 and a value of 200000.00" in _message(credit(quantity(RODS, 41)), invoice)


def test_crediting_more_value_than_the_line_carries_is_refused_naming_what_remains() -> None:
    invoice = issued_invoice()

    assert _refusals(credit(amount(RODS, "500000.01")), invoice) == [("lines[0].amount", "more_than_remains")]
    assert "and a value of 500000.00 (SD 0.00, VAT 75000.00)" in _message(credit(amount(RODS, "500000.01")), invoice)


def test_a_quantity_worth_more_than_the_value_left_after_a_price_reduction_is_refused() -> None:
    invoice = issued_invoice()
    noted(invoice, credit(amount(RODS, 1000), reason="PRICE_REDUCTION"))

    # 99.9 at 5,000.00 is 499,500.00: the line carries 499,000.00 of value, though 100 of quantity.
    assert _refusals(credit(quantity(RODS, "99.9")), invoice) == [("lines[0].quantity", "more_than_remains")]
    assert "and a value of 499000.00" in _message(credit(quantity(RODS, "99.9")), invoice)


def test_a_line_credited_in_full_refuses_any_further_credit() -> None:
    invoice = issued_invoice()
    noted(invoice, credit(quantity(RODS, 100)))

    assert _refusals(credit(amount(RODS, "0.01")), invoice) == [("lines[0].amount", "more_than_remains")]


# Each line's input


@pytest.mark.parametrize(
    ("given", "field"),
    [
        (quantity(RODS, 0), "lines[0].quantity"),
        (quantity(RODS, -1), "lines[0].quantity"),
        (amount(RODS, 0), "lines[0].amount"),
        (amount(RODS, "-5.00"), "lines[0].amount"),
    ],
)
def test_zero_or_negative_quantities_and_amounts_are_refused(given: NoteLineInput, field: str) -> None:
    assert _refusals(credit(given)) == [(field, "positive")]
    assert _refusals(debit(given)) == [(field, "positive")]


def test_a_quantity_worth_nothing_at_the_unit_price_is_refused() -> None:
    # 0.0004 at 10.00 is 0.004, which rounds to 0.00.
    invoice = issued_invoice(lines_draft(LineInput("Nails", D(100), D(10))))

    assert _refusals(credit(quantity("inv-1:1", "0.0004")), invoice) == [("lines[0].quantity", "positive")]


@pytest.mark.parametrize(
    ("given", "field"),
    [(quantity(RODS, "0.00001"), "lines[0].quantity"), (amount(RODS, "1.001"), "lines[0].amount")],
)
def test_quantities_have_at_most_four_places_and_amounts_two(given: NoteLineInput, field: str) -> None:
    assert _refusals(credit(given)) == [(field, "decimal_places")]


@pytest.mark.parametrize(
    "given",
    [NoteLineInput(RODS, quantity=D(1), amount=D(1)), NoteLineInput(RODS)],
    ids=["both", "neither"],
)
def test_a_line_gives_either_a_quantity_or_an_amount(given: NoteLineInput) -> None:
    assert _refusals(credit(given)) == [("lines[0]", "quantity_or_amount")]


def test_a_line_of_another_invoice_is_refused() -> None:
    assert _refusals(credit(quantity(RODS, 1), quantity("inv-2:1", 1))) == [
        ("lines[1].invoice_line_id", "invoice_line")
    ]


def test_a_line_named_twice_is_refused() -> None:
    assert _refusals(credit(quantity(RODS, 1), amount(RODS, 5))) == [("lines[1].invoice_line_id", "duplicate_line")]


def test_every_broken_rule_is_named_at_once() -> None:
    request = credit(quantity(RODS, 101), quantity("inv-9:1", 1), reason="OTHER", on=TERMS.today + timedelta(days=1))

    assert sorted(_refusals(request)) == [
        ("date", "not_in_future"),
        ("lines[0].quantity", "more_than_remains"),
        ("lines[1].invoice_line_id", "invoice_line"),
        ("reason_text", "required"),
    ]


# Reason and date


@pytest.mark.parametrize(
    "request_",
    [credit(quantity(RODS, 1), reason="PRICE_INCREASE"), debit(quantity(RODS, 1), reason="RETURN")],
    ids=["credit-with-a-debit-reason", "debit-with-a-credit-reason"],
)
def test_a_reason_of_the_other_kind_is_refused(request_: NoteRequest) -> None:
    assert _refusals(request_) == [("reason", "reason")]


@pytest.mark.parametrize("text", [None, "", "   "])
@pytest.mark.parametrize("kind", list(NoteKind))
def test_a_note_for_another_reason_must_say_it_in_words(kind: NoteKind, text: str | None) -> None:
    request = NoteRequest(kind, None, "OTHER", text, (quantity(RODS, 1),))

    assert _refusals(request) == [("reason_text", "required")]


def test_a_reason_text_is_kept_stripped_and_dates_default_to_today() -> None:
    note = noted(issued_invoice(), credit(quantity(RODS, 1), reason="OTHER", reason_text="  goodwill\nallowance "))

    assert (note.reason, note.reason_text, note.note_date) == ("OTHER", "goodwill\nallowance", TERMS.today)


def test_a_note_dated_after_today_is_refused() -> None:
    assert _refusals(credit(quantity(RODS, 1), on=TERMS.today + timedelta(days=1))) == [("date", "not_in_future")]


def test_a_note_dated_before_the_invoice_was_issued_is_refused() -> None:
    assert _refusals(credit(quantity(RODS, 1), on=TERMS.issued_on - timedelta(days=1))) == [("date", "after_invoice")]


def test_a_note_may_be_dated_on_the_day_the_invoice_was_issued() -> None:
    note = noted(issued_invoice(), credit(quantity(RODS, 1), on=TERMS.issued_on))

    assert note.note_date == date(2025, 1, 20)


def test_the_tenants_age_limit_allows_notes_up_to_that_many_days_after_issue() -> None:
    terms = NoteTerms(TERMS.issued_on, TERMS.today, max_invoice_age_days=30)
    limit = TERMS.issued_on + timedelta(days=30)

    assert noted(issued_invoice(), credit(quantity(RODS, 1), on=limit), terms).note_date == limit
    assert _refusals(credit(quantity(RODS, 1), on=limit + timedelta(days=1)), terms=terms) == [
        ("date", "invoice_age_limit")
    ]


def test_without_an_age_limit_an_invoice_of_any_age_takes_notes() -> None:
    terms = NoteTerms(TERMS.issued_on, date(2035, 1, 1))

    assert noted(issued_invoice(), credit(quantity(RODS, 1), on=date(2034, 12, 31)), terms).fiscal_year == 2034


# A debit note's ceiling


def test_a_debit_that_would_make_a_line_carry_ten_trillion_taka_is_refused() -> None:
    big = LineInput("Power plant", D(1), D("9000000000000"), vat_category=VATCategory.ZERO_RATED)
    invoice = issued_invoice(lines_draft(big))

    assert _refusals(debit(amount("inv-1:1", "1000000000000")), invoice) == [("lines[0].amount", "amount_ceiling")]
    last = noted(invoice, debit(amount("inv-1:1", "999999999999.99")))
    assert str(last.lines[0].value) == "999999999999.99"


# The invoice after its notes


def test_a_line_carries_what_it_was_invoiced_less_credits_plus_debits() -> None:
    invoice = issued_invoice()
    noted(invoice, credit(quantity(RODS, 10)))
    noted(invoice, debit(amount(RODS, 1000)))
    noted(invoice, credit(amount(RODS, "200.00"), reason="PRICE_REDUCTION"))

    line = invoice.lines[0]
    assert _figures(line.invoiced) == ("100", "500000.00", "0.00", "75000.00")
    assert _figures(line.credited) == ("10", "50200.00", "0.00", "7530.00")
    assert _figures(line.debited) == ("0", "1000.00", "0.00", "150.00")
    assert _figures(line.carried) == ("90", "450800.00", "0.00", "67620.00")
    assert not invoice.credited_in_full


def test_an_invoice_with_only_debit_notes_is_not_credited_in_full() -> None:
    invoice = issued_invoice()
    noted(invoice, debit(quantity(RODS, 1)))

    assert not invoice.credited_in_full


def test_the_invoice_keeps_its_notes_in_the_order_they_were_issued() -> None:
    invoice = issued_invoice()
    first = noted(invoice, credit(quantity(RODS, 1)))
    second = noted(invoice, debit(quantity(RODS, 1)))
    third = noted(invoice, credit(quantity(RODS, 1)))

    assert [(n.note_id, n.kind, n.note_number, n.print_count) for n in invoice.notes.values()] == [
        (first.note_id, NoteKind.CREDIT, "HO/CN/2024-25/000001", 0),
        (second.note_id, NoteKind.DEBIT, "HO/DN/2024-25/000001", 0),
        (third.note_id, NoteKind.CREDIT, "HO/CN/2024-25/000002", 0),
    ]
    assert isinstance(first, CreditNoteIssued)
    assert (first.invoice_id, first.serial, first.issued_at) == ("inv-1", 1, NOTED_AT)


def test_a_note_belongs_to_the_fiscal_year_of_its_date_not_of_the_invoice() -> None:
    terms = NoteTerms(TERMS.issued_on, date(2025, 7, 10))

    note = noted(issued_invoice(), credit(quantity(RODS, 1), on=date(2025, 7, 1)), terms)

    assert note.fiscal_year == 2025
    assert note.note_number == "HO/CN/2025-26/000001"


def test_printing_a_note_gives_the_original_and_suppliers_copy_then_duplicates() -> None:
    invoice = issued_invoice()
    first = noted(invoice, credit(quantity(RODS, 1)))
    other = noted(invoice, debit(quantity(RODS, 1)))

    printed = invoice.print_note(first.note_id, Language.BN, "user-2", NOTED_AT)
    invoice.apply(printed)
    again = invoice.print_note(first.note_id, Language.EN, "user-2", NOTED_AT)

    assert printed.copies == (CopyKind.ORIGINAL, CopyKind.SUPPLIER)
    assert (printed.invoice_id, printed.note_id, printed.language) == ("inv-1", first.note_id, Language.BN)
    assert again.copies == (CopyKind.DUPLICATE,)
    assert invoice.notes[first.note_id].print_count == 1
    # Each note has its own original; printing one is not printing the invoice either.
    assert invoice.print_note(other.note_id, Language.EN, "user-2", NOTED_AT).copies[0] is CopyKind.ORIGINAL
    assert invoice.print_count == 0


def test_an_invoice_with_a_note_can_no_longer_be_cancelled() -> None:
    invoice = issued_invoice()
    noted(invoice, debit(quantity(RODS, 1)))

    with pytest.raises(IllegalTransitionError, match="CANCELLATION"):
        invoice.cancel("wrong buyer", NOTED_AT)


def test_an_issued_invoice_without_notes_can_still_be_cancelled() -> None:
    invoice = issued_invoice()

    assert invoice.cancel("wrong buyer", NOTED_AT).reason == "wrong buyer"


def _draft() -> Invoice:
    return Invoice.from_events("inv-1", opening_events("inv-1"))


def _pending() -> Invoice:
    invoice = _draft()
    invoice.apply(InvoiceSubmitted("inv-1", invoice.totals.grand_total, ("approver",), (), "user-1"))
    return invoice


def _cancelled() -> Invoice:
    invoice = issued_invoice()
    invoice.apply(invoice.cancel("entered twice", ISSUED_AT))
    return invoice


@pytest.mark.parametrize(
    ("build", "status"),
    [(_draft, InvoiceStatus.DRAFT), (_pending, InvoiceStatus.PENDING_APPROVAL), (_cancelled, InvoiceStatus.CANCELLED)],
)
@pytest.mark.parametrize("kind", list(NoteKind))
def test_only_an_issued_invoice_takes_notes(
    build: Callable[[], Invoice], status: InvoiceStatus, kind: NoteKind
) -> None:
    invoice = build()
    assert invoice.status is status
    request = NoteRequest(kind, None, "OTHER", "why", (quantity(RODS, 1),))
    valid = validate_note(request, issued_invoice().adjustable_lines(), TERMS)

    with pytest.raises(IllegalTransitionError, match=f"this one is {status}"):
        invoice.ensure_adjustable(kind)
    with pytest.raises(IllegalTransitionError, match="APPROVED"):
        invoice.issue_note(kind, "note-1", valid, "HO/CN/2024-25/000001", 1, NOTED_AT)


def test_an_issued_invoice_is_adjustable_by_either_kind() -> None:
    invoice = issued_invoice()

    for kind in NoteKind:
        invoice.ensure_adjustable(kind)
    assert set(invoice.adjustable_lines()) == {RODS}


# Numbering


def test_each_kind_of_note_has_its_own_series_per_fiscal_year() -> None:
    year = FiscalYear(2026)

    assert note_series(NoteKind.CREDIT, year) == "mushak-6.7:2026-2027"
    assert note_series(NoteKind.DEBIT, year) == "mushak-6.8:2026-2027"
    assert note_series(NoteKind.CREDIT, FiscalYear(2027)) != note_series(NoteKind.CREDIT, year)


def test_a_notes_number_carries_its_unit_kind_year_and_six_digit_serial() -> None:
    assert format_note_number("HO", NoteKind.CREDIT, FiscalYear(2026), 1) == "HO/CN/2026-27/000001"
    assert format_note_number("CTG", NoteKind.DEBIT, FiscalYear(2026), 123456) == "CTG/DN/2026-27/123456"


def test_a_line_whose_value_was_credited_away_takes_no_further_credit_not_even_of_its_quantity() -> None:
    invoice = issued_invoice()
    noted(invoice, credit(amount(RODS, "500000.00")))

    # A note of 0.00 would take a serial and change no figure of the return.
    assert _refusals(credit(quantity(RODS, 100)), invoice) == [("lines[0].quantity", "more_than_remains")]
    assert "nothing is left to credit" in _message(credit(quantity(RODS, 100)), invoice)


def test_an_amount_without_paisa_is_held_to_the_paisa() -> None:
    invoice = issued_invoice()

    note = noted(invoice, credit(amount(RODS, "1000")))

    assert str(note.lines[0].value) == "1000.00"
