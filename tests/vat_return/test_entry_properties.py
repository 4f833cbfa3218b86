"""Properties of the entries of any invoice: they add up to what the invoice charged, note by note, and its
cancellation after issue leaves every note where it was before the invoice."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from hisab.event_store.messages import DomainEvent
from hisab.invoicing.domain.draft import LineInput
from hisab.invoicing.domain.invoice import Invoice
from hisab.kernel.money import ZERO
from hisab.kernel.vat import VATCategory
from hisab.vat_return.domain import note_mapping
from hisab.vat_return.domain.entries import DocumentType
from hisab.vat_return.domain.entry_rules import entries_of
from tests.builders import opening_events, steel_rods_draft

ISSUED_AT = datetime(2026, 8, 10, 5, 0, tzinfo=UTC)
CATEGORIES = (VATCategory.STANDARD, VATCategory.REDUCED, VATCategory.ZERO_RATED, VATCategory.EXEMPT)
lines = st.lists(
    st.builds(
        lambda category, quantity, price, duty: LineInput(
            f"Line at {category}",
            Decimal(quantity),
            Decimal(price) / 100,
            vat_category=category,
            supplementary_duty_rate=Decimal(duty) / 100,
        ),
        st.sampled_from(CATEGORIES),
        st.integers(1, 500),
        st.integers(1, 10_000_000),
        st.sampled_from([0, 10, 20, 65]),
    ),
    min_size=1,
    max_size=8,
)


def _issued(given_lines: list[LineInput]) -> tuple[Invoice, list[DomainEvent]]:
    events: list[DomainEvent] = list(opening_events("inv-1", steel_rods_draft(lines=tuple(given_lines))))
    invoice = Invoice.from_events("inv-1", events)
    approved = invoice.approve("HO/2026-27/000001", 1, ISSUED_AT)
    invoice.apply(approved)
    return invoice, [*events, approved]


@settings(max_examples=60, deadline=None)
@given(lines)
def test_an_invoice_s_entries_add_up_to_its_totals_each_line_in_its_category_s_note(
    given_lines: list[LineInput],
) -> None:
    invoice, events = _issued(given_lines)

    entries = [p.entry for p in entries_of(events)]

    assert sum((e.value for e in entries), ZERO) == invoice.totals.subtotal
    assert sum((e.supplementary_duty for e in entries), ZERO) == invoice.totals.supplementary_duty
    assert sum((e.vat for e in entries), ZERO) == invoice.totals.vat
    categories = {line.line_id: line.vat_category for line in invoice.lines}
    assert all(e.note == note_mapping.sales_note(categories[e.line_id]) for e in entries)


@settings(max_examples=60, deadline=None)
@given(lines)
def test_a_cancellation_after_issue_brings_every_note_back_to_nothing(given_lines: list[LineInput]) -> None:
    invoice, events = _issued(given_lines)
    cancelled = invoice.cancel("issued in error", datetime(2026, 9, 1, 5, 0, tzinfo=UTC))

    entries = [p.entry for p in entries_of([*events, cancelled])]

    by_note: dict[int, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO, ZERO])
    for entry in entries:
        figures = by_note[entry.note]
        figures[0] += entry.value
        figures[1] += entry.supplementary_duty
        figures[2] += entry.vat
    assert all(figures == [ZERO, ZERO, ZERO] for figures in by_note.values())
    undone = [e for e in entries if e.document_type is DocumentType.INVOICE_CANCELLATION]
    assert len(undone) == len(invoice.lines)
    # A line of no VAT or SD is undone as 0.00, never -0.00.
    amounts = [amount for e in undone for amount in (e.value, e.supplementary_duty, e.vat)]
    assert not any(amount == 0 and amount.is_signed() for amount in amounts)
