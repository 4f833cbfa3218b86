from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hisab.invoicing.domain.draft import InvoiceDraft, LineInput, validate_draft
from hisab.invoicing.domain.events import (
    InvoiceApproved,
    InvoiceCalculated,
    InvoiceCancelled,
    InvoiceCreated,
    InvoiceEvent,
    LineItemAdded,
)
from hisab.invoicing.domain.invoice import Invoice, InvoiceStatus, open_invoice
from hisab.kernel.errors import IllegalTransitionError, InvalidInputError
from hisab.kernel.fiscal_year import FiscalYear
from hisab.kernel.vat import RateTable, VATCategory

D = Decimal
DHAKA = timezone(timedelta(hours=6), "Asia/Dhaka")
ISSUED_AT = datetime(2025, 1, 20, 10, 30, tzinfo=DHAKA)
CANCELLED_AT = datetime(2025, 1, 21, 9, 0, tzinfo=DHAKA)
STEEL_RODS = LineInput(description="Construction Materials - Steel Rods", quantity=D("100"), unit_price=D("5000"))
DRAFT = InvoiceDraft(
    vendor_id="vendor-001",
    customer_id="customer-001",
    invoice_date=date(2025, 1, 15),
    due_date=date(2025, 2, 15),
    lines=(STEEL_RODS,),
)


def _open(rates: RateTable, draft: InvoiceDraft = DRAFT) -> list[InvoiceEvent]:
    return open_invoice(validate_draft(draft, rates), "inv-1", "INV-2025-01-15-000001")


def _draft_invoice(rates: RateTable) -> Invoice:
    return Invoice.from_events("inv-1", _open(rates))


def _approved_invoice(rates: RateTable) -> Invoice:
    invoice = _draft_invoice(rates)
    invoice.apply(invoice.approve("HO/2024-25/000001", 1, ISSUED_AT))
    return invoice


def _cancelled_invoice(rates: RateTable) -> Invoice:
    invoice = _draft_invoice(rates)
    invoice.apply(invoice.cancel("entered twice", CANCELLED_AT))
    return invoice


# Opening an invoice


def test_opening_an_invoice_records_created_each_line_then_calculated(rates: RateTable) -> None:
    three_lines = replace(DRAFT, lines=(STEEL_RODS, STEEL_RODS, STEEL_RODS))

    events = _open(rates, three_lines)

    assert [type(event) for event in events] == [
        InvoiceCreated,
        LineItemAdded,
        LineItemAdded,
        LineItemAdded,
        InvoiceCalculated,
    ]
    assert all(event.invoice_id == "inv-1" for event in events)


def test_line_items_are_numbered_from_one_in_draft_order(rates: RateTable) -> None:
    draft = replace(DRAFT, lines=(replace(STEEL_RODS, description="a"), replace(STEEL_RODS, description="b")))

    added = [event for event in _open(rates, draft) if isinstance(event, LineItemAdded)]

    assert [(event.position, event.description) for event in added] == [(1, "a"), (2, "b")]
    assert len({event.line_id for event in added}) == 2


def test_the_created_event_carries_the_fiscal_year_of_the_invoice_date(rates: RateTable) -> None:
    created = _open(rates)[0]

    assert isinstance(created, InvoiceCreated)
    assert created.fiscal_year == 2024
    assert created.invoice_number == "INV-2025-01-15-000001"


def test_a_new_invoice_is_a_draft_without_a_mushak_number(rates: RateTable) -> None:
    events = _open(rates)

    invoice = Invoice.from_events("inv-1", events)

    assert invoice.status is InvoiceStatus.DRAFT
    assert invoice.version == len(events) == 3
    assert invoice.mushak_number is None
    assert invoice.mushak_serial is None
    assert invoice.issued_at is None
    assert invoice.fiscal_year.label == "2024-2025"
    assert invoice.invoice_number == "INV-2025-01-15-000001"
    assert (invoice.vendor_id, invoice.customer_id, invoice.currency) == ("vendor-001", "customer-001", "BDT")


def test_the_steel_rods_invoice_of_the_issue(rates: RateTable) -> None:
    invoice = _draft_invoice(rates)

    assert invoice.totals.subtotal == D("500000")
    assert invoice.totals.vat == D("75000")
    assert invoice.totals.grand_total == D("575000")
    assert invoice.totals.net_receivable == D("575000")
    assert invoice.lines[0].amounts.vat == D("75000")


def test_the_three_category_invoice_of_the_issue(rates: RateTable) -> None:
    lines = tuple(
        LineInput(description=f"{category} line", quantity=D("1"), unit_price=D("10000"), vat_category=category)
        for category in (VATCategory.STANDARD, VATCategory.REDUCED, VATCategory.ZERO_RATED)
    )

    invoice = Invoice.from_events("inv-1", _open(rates, replace(DRAFT, lines=lines)))

    assert invoice.totals.subtotal == D("30000")
    assert invoice.totals.vat == D("2250")
    assert invoice.totals.grand_total == D("32250")
    assert [line.vat_rate for line in invoice.lines] == [D("0.15"), D("0.075"), D("0")]


def test_the_worked_example_with_supplementary_duty(rates: RateTable) -> None:
    line = LineInput(
        description="Cement", quantity=D("1"), unit_price=D("100000.00"), supplementary_duty_rate=D("0.10")
    )

    totals = Invoice.from_events("inv-1", _open(rates, replace(DRAFT, lines=(line,)))).totals

    assert totals.subtotal == D("100000.00")
    assert totals.supplementary_duty == D("10000.00")
    assert totals.vat == D("16500.00")
    assert totals.grand_total == D("126500.00")


def test_advance_income_tax_is_shown_but_not_taken_off_the_grand_total(rates: RateTable) -> None:
    line = replace(STEEL_RODS, advance_income_tax_rate=D("0.07"))

    totals = Invoice.from_events("inv-1", _open(rates, replace(DRAFT, lines=(line,)))).totals

    assert totals.grand_total == D("575000.00")
    assert totals.advance_income_tax == D("35000.00")
    assert totals.net_receivable == D("540000.00")


# Totals as properties

_CATEGORY_RATES = st.sampled_from(
    [
        (VATCategory.STANDARD, None),
        (VATCategory.REDUCED, None),
        (VATCategory.REDUCED, D("0.05")),
        (VATCategory.REDUCED, D("0.10")),
        (VATCategory.REDUCED, D("0.024")),
        (VATCategory.TRUNCATED, None),
        (VATCategory.ZERO_RATED, None),
        (VATCategory.EXEMPT, None),
    ]
)


def _decimals(places: int, low: str, high: str) -> st.SearchStrategy[Decimal]:
    return st.decimals(min_value=D(low), max_value=D(high), places=places, allow_nan=False, allow_infinity=False)


@st.composite
def _lines(draw: st.DrawFn) -> LineInput:
    category, vat_rate = draw(_CATEGORY_RATES)
    return LineInput(
        description="goods",
        quantity=draw(_decimals(4, "0.0001", "10000")),
        unit_price=draw(_decimals(2, "0", "1000000")),
        vat_category=category,
        vat_rate=vat_rate,
        supplementary_duty_rate=draw(st.none() | _decimals(4, "0", "5")),
        advance_income_tax_rate=draw(st.none() | _decimals(3, "0", "0.1")),
    )


def _half_up(value: Decimal) -> Decimal:
    return value.quantize(D("0.01"), rounding=ROUND_HALF_UP)


def _calculated(rates: RateTable, lines: tuple[LineInput, ...]) -> InvoiceCalculated:
    calculated = _open(rates, replace(DRAFT, lines=lines))[-1]
    assert isinstance(calculated, InvoiceCalculated)
    return calculated


@given(lines=st.lists(_lines(), min_size=1, max_size=12))
@settings(max_examples=80, deadline=None)
def test_totals_are_the_sums_of_the_rounded_line_amounts(rates: RateTable, lines: list[LineInput]) -> None:
    calculated = _calculated(rates, tuple(lines))

    assert calculated.subtotal == sum(c.value for c in calculated.lines)
    assert calculated.supplementary_duty == sum(c.supplementary_duty for c in calculated.lines)
    assert calculated.vat == sum(c.vat for c in calculated.lines)
    assert calculated.advance_income_tax == sum(c.advance_income_tax for c in calculated.lines)
    assert calculated.grand_total == calculated.subtotal + calculated.supplementary_duty + calculated.vat
    assert calculated.net_receivable == calculated.grand_total - calculated.advance_income_tax


@given(lines=st.lists(_lines(), min_size=1, max_size=12))
@settings(max_examples=80, deadline=None)
def test_each_line_charges_vat_on_value_plus_sd_at_its_resolved_rate(rates: RateTable, lines: list[LineInput]) -> None:
    events = _open(rates, replace(DRAFT, lines=tuple(lines)))
    added = [event for event in events if isinstance(event, LineItemAdded)]
    calculated = events[-1]
    assert isinstance(calculated, InvoiceCalculated)

    for line, event, amounts in zip(lines, added, calculated.lines, strict=True):
        value = _half_up(line.quantity * event.unit_price)
        sd = _half_up(value * (line.supplementary_duty_rate or 0))
        assert (amounts.value, amounts.supplementary_duty) == (value, sd)
        assert amounts.vat == _half_up((value + sd) * event.vat_rate)
        assert amounts.advance_income_tax == _half_up(value * (line.advance_income_tax_rate or 0))


@given(lines=st.lists(_lines(), min_size=1, max_size=12))
@settings(max_examples=50, deadline=None)
def test_every_amount_is_a_decimal_of_exactly_two_places(rates: RateTable, lines: list[LineInput]) -> None:
    calculated = _calculated(rates, tuple(lines))
    amounts = [
        calculated.subtotal,
        calculated.supplementary_duty,
        calculated.vat,
        calculated.grand_total,
        calculated.advance_income_tax,
        calculated.net_receivable,
    ]
    for line in calculated.lines:
        amounts += [line.value, line.supplementary_duty, line.vat, line.advance_income_tax]

    for amount in amounts:
        assert type(amount) is Decimal
        assert amount.as_tuple().exponent == -2


@given(lines=st.lists(_lines(), min_size=2, max_size=12), data=st.data())
@settings(max_examples=50, deadline=None)
def test_totals_do_not_depend_on_the_order_of_the_lines(
    rates: RateTable, lines: list[LineInput], data: st.DataObject
) -> None:
    shuffled = data.draw(st.permutations(lines))

    original, reordered = _calculated(rates, tuple(lines)), _calculated(rates, tuple(shuffled))

    assert replace(original, lines=()) == replace(reordered, lines=())


@given(lines=st.lists(_lines(), min_size=1, max_size=8))
@settings(max_examples=40, deadline=None)
def test_folding_the_events_shows_the_calculated_amounts(rates: RateTable, lines: list[LineInput]) -> None:
    events = _open(rates, replace(DRAFT, lines=tuple(lines)))
    calculated = events[-1]
    assert isinstance(calculated, InvoiceCalculated)

    invoice = Invoice.from_events("inv-1", events)

    assert invoice.totals.grand_total == calculated.grand_total
    assert [line.amounts.vat for line in invoice.lines] == [c.vat for c in calculated.lines]


# Lifecycle


def test_a_draft_can_be_approved(rates: RateTable) -> None:
    invoice = _draft_invoice(rates)

    event = invoice.approve("HO/2024-25/000001", 1, ISSUED_AT)
    invoice.apply(event)

    assert event == InvoiceApproved("inv-1", "HO/2024-25/000001", 1, 2024, ISSUED_AT)
    assert invoice.status is InvoiceStatus.APPROVED
    assert invoice.mushak_number == "HO/2024-25/000001"
    assert invoice.mushak_serial == 1
    assert invoice.issued_at == ISSUED_AT
    assert invoice.version == 4


def test_approving_does_not_change_the_state_until_the_event_is_applied(rates: RateTable) -> None:
    invoice = _draft_invoice(rates)

    invoice.approve("HO/2024-25/000001", 1, ISSUED_AT)

    assert invoice.status is InvoiceStatus.DRAFT
    assert invoice.version == 3


def test_a_draft_can_be_cancelled(rates: RateTable) -> None:
    invoice = _draft_invoice(rates)

    invoice.apply(invoice.cancel("  entered twice  ", CANCELLED_AT))

    assert invoice.status is InvoiceStatus.CANCELLED
    assert invoice.cancellation_reason == "entered twice"
    assert invoice.cancelled_at == CANCELLED_AT
    assert invoice.mushak_number is None
    assert invoice.version == 4


def test_an_approved_invoice_can_be_cancelled_and_keeps_its_mushak_number(rates: RateTable) -> None:
    invoice = _approved_invoice(rates)

    invoice.apply(invoice.cancel("returned goods", CANCELLED_AT))

    assert invoice.status is InvoiceStatus.CANCELLED
    assert invoice.mushak_number == "HO/2024-25/000001"
    assert invoice.mushak_serial == 1
    assert invoice.issued_at == ISSUED_AT
    assert invoice.cancellation_reason == "returned goods"
    assert invoice.version == 5


def test_approving_an_approved_invoice_is_rejected(rates: RateTable) -> None:
    invoice = _approved_invoice(rates)

    with pytest.raises(IllegalTransitionError, match="APPROVED"):
        invoice.approve("HO/2024-25/000002", 2, ISSUED_AT)
    with pytest.raises(IllegalTransitionError):
        invoice.ensure_can_approve()


def test_approving_a_cancelled_invoice_is_rejected(rates: RateTable) -> None:
    invoice = _cancelled_invoice(rates)

    with pytest.raises(IllegalTransitionError, match="CANCELLED"):
        invoice.approve("HO/2024-25/000001", 1, ISSUED_AT)


def test_cancelling_a_cancelled_draft_is_rejected(rates: RateTable) -> None:
    invoice = _cancelled_invoice(rates)

    with pytest.raises(IllegalTransitionError, match="CANCELLED"):
        invoice.cancel("again", CANCELLED_AT)


def test_cancelling_a_cancelled_approved_invoice_is_rejected(rates: RateTable) -> None:
    invoice = _approved_invoice(rates)
    invoice.apply(invoice.cancel("returned goods", CANCELLED_AT))

    with pytest.raises(IllegalTransitionError, match="CANCELLED"):
        invoice.cancel("again", CANCELLED_AT)


def test_the_status_check_comes_before_the_reason_check(rates: RateTable) -> None:
    with pytest.raises(IllegalTransitionError):
        _cancelled_invoice(rates).cancel("", CANCELLED_AT)


def test_a_draft_may_be_approved_after_a_rejected_attempt_left_it_unchanged(rates: RateTable) -> None:
    invoice = _draft_invoice(rates)

    with pytest.raises(InvalidInputError):
        invoice.cancel("", CANCELLED_AT)

    assert invoice.status is InvoiceStatus.DRAFT
    invoice.ensure_can_approve()


@pytest.mark.parametrize("reason", ["", "   ", "\n\t"])
def test_cancelling_needs_a_non_empty_reason(rates: RateTable, reason: str) -> None:
    with pytest.raises(InvalidInputError) as error:
        _draft_invoice(rates).cancel(reason, CANCELLED_AT)

    assert [(v.field, v.rule) for v in error.value.violations] == [("reason", "required")]


def test_a_reason_over_1000_characters_is_refused(rates: RateTable) -> None:
    with pytest.raises(InvalidInputError) as error:
        _draft_invoice(rates).cancel("r" * 1001, CANCELLED_AT)

    assert [(v.field, v.rule) for v in error.value.violations] == [("reason", "max_length")]


def test_a_reason_of_1000_characters_is_kept(rates: RateTable) -> None:
    assert _draft_invoice(rates).cancel("r" * 1000, CANCELLED_AT).reason == "r" * 1000


@pytest.mark.parametrize(
    ("issued_at", "fiscal_year"),
    [
        (datetime(2026, 6, 30, 23, 59, 59, tzinfo=DHAKA), 2025),
        (datetime(2026, 7, 1, 0, 0, tzinfo=DHAKA), 2026),
    ],
)
def test_the_approval_takes_the_fiscal_year_of_its_issue_date(
    rates: RateTable, issued_at: datetime, fiscal_year: int
) -> None:
    event = _draft_invoice(rates).approve("HO/x/000001", 1, issued_at)

    assert event.mushak_fiscal_year == fiscal_year


def test_the_fiscal_year_of_issue_is_that_of_the_dhaka_date_whatever_the_time_zone_given(rates: RateTable) -> None:
    # 18:30 UTC on 30 June is 00:30 on 1 July in Dhaka: FY 2026-27 has begun there.
    issued_at = datetime(2026, 6, 30, 18, 30, tzinfo=UTC)

    event = _draft_invoice(rates).approve("HO/2026-27/000001", 1, issued_at)

    assert event.mushak_fiscal_year == 2026


def test_the_fiscal_year_of_issue_is_independent_of_the_invoice_date(rates: RateTable) -> None:
    invoice = _draft_invoice(rates)

    event = invoice.approve("HO/2025-26/000001", 1, datetime(2025, 7, 2, 9, 0, tzinfo=DHAKA))

    assert invoice.fiscal_year == FiscalYear(2024)
    assert event.mushak_fiscal_year == 2025


def test_every_event_adds_one_to_the_version(rates: RateTable) -> None:
    events = [*_open(rates), InvoiceApproved("inv-1", "HO/2024-25/000001", 1, 2024, ISSUED_AT)]
    events.append(InvoiceCancelled("inv-1", "returned goods", CANCELLED_AT))

    assert [Invoice.from_events("inv-1", events[:n]).version for n in range(len(events) + 1)] == [0, 1, 2, 3, 4, 5]
