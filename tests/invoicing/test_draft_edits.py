"""Correcting a draft: new events replace what is given, and the totals are those of a fresh invoice."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hisab.invoicing.domain.draft import LineInput, validate_draft
from hisab.invoicing.domain.events import InvoiceCalculated, InvoiceDetailsChanged, InvoiceLinesCleared, LineItemAdded
from hisab.invoicing.domain.invoice import Invoice, Line, open_invoice
from hisab.kernel.errors import IllegalTransitionError
from hisab.kernel.vat import RateTable, VATCategory
from tests.invoicing.test_invoice import DRAFT, D, _lines

NOW = datetime(2025, 1, 20, 10, 0, tzinfo=UTC)


def _invoice(rates: RateTable, lines: tuple[LineInput, ...] = DRAFT.lines) -> Invoice:
    return Invoice.from_events(
        "inv-1", open_invoice(validate_draft(replace(DRAFT, lines=lines), rates), "inv-1", "INV-1")
    )


@given(before=st.lists(_lines(), min_size=1, max_size=5), after=st.lists(_lines(), min_size=1, max_size=5))
@settings(max_examples=60, deadline=None)
def test_replaced_lines_total_exactly_as_a_new_invoice_with_them_would(
    rates: RateTable, before: list[LineInput], after: list[LineInput]
) -> None:
    invoice = _invoice(rates, tuple(before))
    revised = validate_draft(replace(invoice.as_draft(), lines=tuple(after)), rates)

    for event in invoice.revise(revised, lines_replaced=True):
        invoice.apply(event)

    fresh = _invoice(rates, tuple(after))
    assert invoice.totals == fresh.totals
    assert [line.amounts for line in invoice.lines] == [line.amounts for line in fresh.lines]
    assert [line.position for line in invoice.lines] == list(range(1, len(after) + 1))


def test_replacing_lines_clears_the_old_adds_the_new_and_recalculates(rates: RateTable) -> None:
    invoice = _invoice(rates)
    cement = LineInput(description="Cement", quantity=D("10"), unit_price=D("550"))

    events = invoice.revise(
        validate_draft(replace(invoice.as_draft(), lines=(cement, cement)), rates), lines_replaced=True
    )

    assert [type(event) for event in events] == [InvoiceLinesCleared, LineItemAdded, LineItemAdded, InvoiceCalculated]
    added = [event for event in events if isinstance(event, LineItemAdded)]
    # The first line was inv-1:1; line ids are never reused.
    assert [event.line_id for event in added] == ["inv-1:2", "inv-1:3"]
    calculated = events[-1]
    assert isinstance(calculated, InvoiceCalculated)
    assert calculated.grand_total == D("12650.00")


def test_a_header_correction_is_one_event_with_the_whole_new_header(rates: RateTable) -> None:
    invoice = _invoice(rates)
    corrected = replace(invoice.as_draft(), due_date=date(2025, 3, 1), buyer_name="Karim Steel")

    events = invoice.revise(validate_draft(corrected, rates), lines_replaced=False)

    assert len(events) == 1
    changed = events[0]
    assert isinstance(changed, InvoiceDetailsChanged)
    assert (changed.due_date, changed.buyer_name, changed.customer_id) == (
        date(2025, 3, 1),
        "Karim Steel",
        "customer-001",
    )


def test_an_edit_that_changes_nothing_has_no_events(rates: RateTable) -> None:
    invoice = _invoice(rates)

    assert invoice.revise(validate_draft(invoice.as_draft(), rates), lines_replaced=True) == []


@pytest.mark.parametrize("ending", ["approved", "cancelled"])
def test_only_a_draft_is_edited(rates: RateTable, ending: str) -> None:
    invoice = _invoice(rates)
    closing = invoice.approve("HO/2024-25/000001", 1, NOW) if ending == "approved" else invoice.cancel("dup", NOW)
    invoice.apply(closing)

    with pytest.raises(IllegalTransitionError, match="only a DRAFT invoice can be edited"):
        invoice.revise(validate_draft(invoice.as_draft(), rates), lines_replaced=False)


@given(lines=st.lists(_lines(), min_size=1, max_size=5))
@settings(max_examples=40, deadline=None)
def test_an_invoice_as_a_draft_validates_back_to_the_same_lines(rates: RateTable, lines: list[LineInput]) -> None:
    invoice = _invoice(rates, tuple(lines))

    again = validate_draft(invoice.as_draft(), rates)

    assert [(line.vat_rate, line.amounts) for line in again.lines] == [
        (line.vat_rate, line.amounts) for line in invoice.lines
    ]


def test_every_fact_of_a_line_survives_the_event_the_state_and_the_draft_again(rates: RateTable) -> None:
    line = LineInput(
        description="Site survey",
        quantity=D("2"),
        unit_price=D("15000"),
        currency="BDT",
        vat_category=VATCategory.STANDARD,
        vat_rate=D("0.15"),
        supplementary_duty_rate=D("0.05"),
        advance_income_tax_rate=D("0.03"),
        hs_code="9015.10",
        unit_of_supply="job",
        item_id="item-7",
        service_code="S099",
    )
    invoice = _invoice(rates, (line,))

    assert invoice.as_draft().lines == (line,)
    # Every field a line has on its way is one of the facts carried (a new field must be carried too).
    carried = {f.name for f in fields(LineInput)} - {"currency"}
    assert carried == {f.name for f in fields(LineItemAdded)} - {"invoice_id", "line_id", "position"}
    # What notes did to an issued line is no fact of a draft's.
    assert carried == {f.name for f in fields(Line)} - {"line_id", "position", "amounts", "credited", "debited"}
