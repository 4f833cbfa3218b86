"""Properties of credit and debit notes for any invoice and any sequence of notes: a credit never takes more
than a line carries, crediting everything leaves exactly zero, and adjusted = invoiced - credited + debited."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from hisab.event_store.messages import DomainEvent, StoredEvent
from hisab.invoicing.application.note_views import project_notes
from hisab.invoicing.domain.draft import LineInput
from hisab.invoicing.domain.invoice import Invoice, adjustment_totals
from hisab.invoicing.domain.lines import Figures, sum_figures
from hisab.invoicing.domain.note_events import CreditNoteIssued, DebitNoteIssued, NoteIssued, NoteLine
from hisab.invoicing.domain.notes import AdjustableLine, NoteKind, NoteLineInput, NoteRequest
from hisab.kernel.errors import InvalidInputError, Violation
from hisab.kernel.money import from_paisa, round_to_paisa
from hisab.kernel.vat import VATCategory
from tests.builders import metadata, opening_events
from tests.notes_builders import ISSUED_AT, MUSHAK, credit, lines_draft, noted

FAST = settings(max_examples=120, deadline=None)
REASON = {NoteKind.CREDIT: "RETURN", NoteKind.DEBIT: "PRICE_INCREASE"}
# Refusals a random note may meet without anything being wrong with the arithmetic.
HARMLESS = {"positive"}
SD_RATES = [
    Decimal(0),
    Decimal(0),
    Decimal("0.05"),
    Decimal("0.1"),
    Decimal("0.35"),
    Decimal("1.5"),
    Decimal("0.123457"),
]
CATEGORIES = [
    (VATCategory.STANDARD, None),
    (VATCategory.REDUCED, Decimal("0.05")),
    (VATCategory.REDUCED, Decimal("0.075")),
    (VATCategory.ZERO_RATED, None),
]


@st.composite
def invoice_lines(draw: st.DrawFn) -> LineInput:
    """A line of any quantity (up to 4 places), price (to the paisa) and SD and VAT rates."""
    places = draw(st.integers(min_value=0, max_value=4))
    quantity = Decimal(draw(st.integers(min_value=1, max_value=10**5))).scaleb(-places)
    price = from_paisa(
        draw(st.one_of(st.integers(min_value=1, max_value=500), st.integers(min_value=1, max_value=10**8)))
    )
    category, vat_rate = draw(st.sampled_from(CATEGORIES))
    duty = draw(st.sampled_from(SD_RATES))
    return LineInput("Goods", quantity, price, vat_category=category, vat_rate=vat_rate, supplementary_duty_rate=duty)


@dataclass(slots=True)
class Trail:
    """An issued invoice and every event of its stream, each note appended as it is issued."""

    invoice: Invoice
    events: list[DomainEvent]

    def issue(self, request: NoteRequest) -> NoteIssued:
        event = noted(self.invoice, request)
        self.events.append(event)
        return event

    def notes(self) -> list[NoteIssued]:
        return [event for event in self.events if isinstance(event, CreditNoteIssued | DebitNoteIssued)]

    def stored(self) -> list[StoredEvent]:
        return [StoredEvent(f"e{n}", "inv-1", n, n, event, metadata()) for n, event in enumerate(self.events, 1)]


@st.composite
def issued_invoices(draw: st.DrawFn) -> Trail:
    lines = draw(st.lists(invoice_lines(), min_size=1, max_size=4))
    events: list[DomainEvent] = list(opening_events("inv-1", lines_draft(*lines)))
    invoice = Invoice.from_events("inv-1", events)
    approved = invoice.approve(MUSHAK, 1, ISSUED_AT)
    invoice.apply(approved)
    return Trail(invoice, [*events, approved])


@dataclass(frozen=True, slots=True)
class Change:
    """One line of a random note: which line, by quantity or by amount, and how much of what it carries
    (in thousandths: above 1,000 asks for more than the line carries)."""

    line: int
    by_quantity: bool
    permille: int


@dataclass(frozen=True, slots=True)
class Step:
    kind: NoteKind
    changes: tuple[Change, ...]


def _changes(max_permille: int) -> st.SearchStrategy[tuple[Change, ...]]:
    change = st.builds(
        Change, st.integers(min_value=0, max_value=3), st.booleans(), st.integers(min_value=1, max_value=max_permille)
    )
    return st.lists(change, min_size=1, max_size=4, unique_by=lambda c: c.line).map(tuple)


def _credits() -> st.SearchStrategy[Step]:
    return st.builds(Step, st.just(NoteKind.CREDIT), _changes(1100))


def _debits() -> st.SearchStrategy[Step]:
    return st.builds(Step, st.just(NoteKind.DEBIT), _changes(500))


def _portion(whole: Decimal, permille: int, places: int) -> Decimal:
    return (whole * permille / 1000).quantize(Decimal(1).scaleb(-places), rounding=ROUND_DOWN)


def _request(invoice: Invoice, step: Step) -> NoteRequest:
    """The note a step asks for: a share of what each named line carries (of the invoiced, for a debit)."""
    lines = invoice.lines
    given: list[NoteLineInput] = []
    for change in step.changes:
        line = lines[change.line % len(lines)]
        if any(g.invoice_line_id == line.line_id for g in given):
            continue
        base = line.carried if step.kind is NoteKind.CREDIT else line.invoiced
        if change.by_quantity:
            given.append(NoteLineInput(line.line_id, quantity=_portion(base.quantity, change.permille, 4)))
        else:
            given.append(NoteLineInput(line.line_id, amount=_portion(base.value, change.permille, 2)))
    return NoteRequest(step.kind, None, REASON[step.kind], None, tuple(given))


def _asks_too_much(given: NoteLineInput, line: AdjustableLine) -> bool:
    """Whether a credit asks for more than the line carries (one worth nothing is refused as not positive)."""
    carried = line.carried
    if given.quantity is not None:
        value = round_to_paisa(given.quantity * line.unit_price)
        if not value:
            return False
        return given.quantity > carried.quantity or (given.quantity < carried.quantity and value > carried.value)
    assert given.amount is not None
    return given.amount > carried.value


def _attempt(trail: Trail, request: NoteRequest) -> NoteIssued | None:
    """Issue the note if the rules allow it; a refusal must be deserved, an acceptance never ask too much."""
    before = trail.invoice.adjustable_lines()
    too_much = {
        index for index, given in enumerate(request.lines)
        if request.kind is NoteKind.CREDIT and _asks_too_much(given, before[given.invoice_line_id])
    }  # fmt: skip
    try:
        event = trail.issue(request)
    except InvalidInputError as refused:
        _deserved(refused.violations, too_much)
        return None
    assert not too_much
    for change in event.lines:
        _follows_the_rules(change, before[change.line_id], request.kind)
    return event


def _deserved(refused: tuple[Violation, ...], too_much: set[int]) -> None:
    """Only the lines that asked for more than they carry are refused for it, and nothing else is wrong."""
    assert {v.rule for v in refused} <= HARMLESS | {"more_than_remains"}, refused
    assert {_index(v.field) for v in refused if v.rule == "more_than_remains"} == too_much


def _index(field: str) -> int:
    """2 of `lines[2].quantity`."""
    return int(field.removeprefix("lines[").split("]", 1)[0])


def _follows_the_rules(change: NoteLine, line: AdjustableLine, kind: NoteKind) -> None:
    """SD on the value and VAT on value + SD, half-up; a credit capped at what remains, and all of it at the end."""
    duty = round_to_paisa(change.value * line.supplementary_duty_rate)
    vat = round_to_paisa((change.value + duty) * line.vat_rate)
    carried = line.carried
    if kind is NoteKind.DEBIT:
        assert (change.supplementary_duty, change.vat) == (duty, vat)
    elif change.value == carried.value or (change.quantity and change.quantity == carried.quantity):
        amounts = (change.value, change.supplementary_duty, change.vat)
        assert amounts == (carried.value, carried.supplementary_duty, carried.vat)
    else:
        assert change.supplementary_duty == min(duty, carried.supplementary_duty)
        assert change.vat == min(vat, carried.vat)
    if change.quantity and change.quantity != carried.quantity:
        assert change.value == round_to_paisa(change.quantity * line.unit_price)


def _never_negative(invoice: Invoice) -> None:
    for line in invoice.lines:
        carried = line.carried
        assert min(carried.quantity, carried.value, carried.supplementary_duty, carried.vat) >= 0, line


def _credit_everything(trail: Trail, cancellation: bool) -> NoteIssued | None:
    """The last credit note: a CANCELLATION without lines, or each line's whole remaining quantity (or value)."""
    left = [line for line in trail.invoice.lines if not line.carried.is_nil]
    if not left:
        return None
    if cancellation:
        return trail.issue(credit(reason="CANCELLATION"))
    return trail.issue(
        credit(
            *(
                NoteLineInput(line.line_id, quantity=line.carried.quantity)
                if line.carried.quantity
                else NoteLineInput(line.line_id, amount=line.carried.value)
                for line in left
            )
        )
    )


@FAST
@given(issued_invoices(), st.lists(_credits(), max_size=8), st.booleans())
def test_partial_credits_never_take_more_than_a_line_carries_and_crediting_the_rest_leaves_exactly_zero(
    trail: Trail, steps: list[Step], cancellation: bool
) -> None:
    invoice = trail.invoice
    for step in steps:
        _attempt(trail, _request(invoice, step))
        _never_negative(invoice)
        for line in invoice.lines:
            assert line.credited.value <= line.invoiced.value
            assert line.credited.supplementary_duty <= line.invoiced.supplementary_duty
            assert line.credited.vat <= line.invoiced.vat

    _credit_everything(trail, cancellation)

    for line in invoice.lines:
        assert line.carried.is_nil
        assert (line.credited.value, line.credited.supplementary_duty, line.credited.vat) == (
            line.invoiced.value,
            line.invoiced.supplementary_duty,
            line.invoiced.vat,
        )
    credited, _ = adjustment_totals(invoice.lines)
    totals = invoice.totals
    assert (credited.value, credited.supplementary_duty, credited.vat, credited.total) == (
        totals.subtotal,
        totals.supplementary_duty,
        totals.vat,
        totals.grand_total,
    )
    # An invoice worth nothing (a free sample) has nothing a credit note could take.
    assert invoice.credited_in_full is (totals.grand_total > 0)


@FAST
@given(issued_invoices(), st.lists(st.one_of(_credits(), _debits()), min_size=1, max_size=10), st.booleans())
def test_credits_and_debits_interleaved_keep_adjusted_equal_to_invoiced_less_credited_plus_debited(
    trail: Trail, steps: list[Step], settle: bool
) -> None:
    invoice = trail.invoice
    for step in steps:
        _attempt(trail, _request(invoice, step))
        _never_negative(invoice)
    if settle:
        _credit_everything(trail, cancellation=True)

    notes = trail.notes()
    for line in invoice.lines:
        credited = sum_figures(
            c.figures for n in notes if isinstance(n, CreditNoteIssued) for c in n.lines if c.line_id == line.line_id
        )
        debited = sum_figures(
            d.figures for n in notes if isinstance(n, DebitNoteIssued) for d in n.lines if d.line_id == line.line_id
        )
        assert (line.credited, line.debited) == (credited, debited)
        assert line.carried == line.invoiced - credited + debited
    credited_total, debited_total = adjustment_totals(invoice.lines)
    adjusted = sum_figures(line.carried for line in invoice.lines)
    assert adjusted.total == invoice.totals.grand_total - credited_total.total + debited_total.total
    assert adjusted.value == invoice.totals.subtotal - credited_total.value + debited_total.value
    assert adjusted.vat == invoice.totals.vat - credited_total.vat + debited_total.vat
    if settle:
        assert adjusted.is_nil
        assert invoice.credited_in_full is (invoice.totals.grand_total + debited_total.total > 0)


@FAST
@given(issued_invoices(), st.lists(st.one_of(_credits(), _debits()), min_size=1, max_size=8))
def test_each_notes_figures_are_the_sum_of_its_lines_and_each_line_goes_on_from_where_the_last_note_left_it(
    trail: Trail, steps: list[Step]
) -> None:
    for step in steps:
        _attempt(trail, _request(trail.invoice, step))

    views = project_notes(trail.stored())

    assert [view.note_id for view in views] == [note.note_id for note in trail.notes()]
    where: dict[str, Figures] = {line.line_id: line.invoiced for line in trail.invoice.lines}
    for view, note in zip(views, trail.notes(), strict=True):
        assert view.figures == note.figures == sum_figures(line.figures for line in note.lines)
        for line in view.lines:
            assert line.before == where[line.line_id]
            where[line.line_id] = line.after
    assert where == {line.line_id: line.carried for line in trail.invoice.lines}
