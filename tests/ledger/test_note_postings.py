"""What a credit or debit note posts: its sales-journal entry, read from its invoice's events, always balanced."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hisab.event_store.messages import DomainEvent
from hisab.invoicing.domain.draft import InvoiceDraft, LineInput
from hisab.invoicing.domain.invoice import Invoice
from hisab.invoicing.domain.note_events import NoteIssued
from hisab.invoicing.domain.notes import NoteKind, NoteLineInput, NoteRequest
from hisab.kernel.errors import IllegalTransitionError
from hisab.kernel.money import from_paisa, round_to_paisa, to_paisa
from hisab.kernel.vat import VATCategory
from hisab.ledger.domain.events import ChartAdopted, PostingAccount, PostingAccountSet, SourceDocument
from hisab.ledger.domain.invoice_postings import SoldLine
from hisab.ledger.domain.journal import JournalKind, JournalLine, totals, unbalanced
from hisab.ledger.domain.note_postings import IssuedNote, issued_note, note_entry
from hisab.ledger.domain.posting_rules import CREDIT_NOTE, DEBIT_NOTE, INVOICE
from tests.builders import opening_events, steel_rods_draft
from tests.ledger.builders import DEFAULT_CHART, default_books
from tests.notes_builders import ISSUED_AT, MUSHAK, TERMS, amount, credit, debit, lines_draft, noted, quantity

D = Decimal
ZERO = D("0.00")
CIGARETTES = LineInput("Cigarettes", D(3), D("333.33"), supplementary_duty_rate=D("0.35"))


def _posted(request: NoteRequest, draft: InvoiceDraft | None = None) -> tuple[IssuedNote, NoteIssued]:
    """The note's facts for the books, read from its invoice's stream as the posting reaction reads them."""
    events: list[DomainEvent] = list(opening_events("inv-1", draft))
    invoice = Invoice.from_events("inv-1", events)
    approved = invoice.approve(MUSHAK, 1, ISSUED_AT)
    invoice.apply(approved)
    note = noted(invoice, request)
    return issued_note([*events, approved, note], note), note


def _sides(lines: tuple[JournalLine, ...]) -> list[tuple[str, Decimal, Decimal]]:
    return [(line.account_code, line.debit, line.credit) for line in lines]


def test_a_credit_note_debits_sales_returns_and_vat_output_and_credits_the_receivable() -> None:
    note, _ = _posted(credit(quantity("inv-1:1", 10)))

    content = note_entry(note, default_books())

    assert _sides(content.lines) == [
        ("1210", ZERO, D("57500.00")),
        ("4200", D("50000.00"), ZERO),
        ("2210", D("7500.00"), ZERO),
    ]
    receivable, returns, _vat = content.lines
    assert receivable.party_id == "customer-001"
    assert returns.memo == "Construction Materials - Steel Rods"
    assert (content.kind, content.date, content.reference) == (JournalKind.SALES, TERMS.today, note.note_number)
    assert content.narration == f"Credit note HO/CN/2024-25/000001 against tax invoice {MUSHAK}"
    assert note.source == SourceDocument(CREDIT_NOTE, note.note_id, "HO/CN/2024-25/000001")


def test_a_credit_notes_supplementary_duty_is_debited_to_sd_payable() -> None:
    note, _ = _posted(credit(quantity("inv-1:1", 1)), lines_draft(CIGARETTES))

    assert _sides(note_entry(note, default_books()).lines) == [
        ("1210", ZERO, D("517.50")),
        ("4200", D("333.33"), ZERO),
        ("2220", D("116.67"), ZERO),
        ("2210", D("67.50"), ZERO),
    ]


def test_a_debit_note_credits_sales_sd_and_vat_output_and_debits_the_receivable() -> None:
    note, _ = _posted(debit(quantity("inv-1:1", 1), reason="ADDITIONAL_QUANTITY"), lines_draft(CIGARETTES))

    content = note_entry(note, default_books())

    assert _sides(content.lines) == [
        ("1210", D("517.50"), ZERO),
        ("4100", ZERO, D("333.33")),
        ("2220", ZERO, D("116.67")),
        ("2210", ZERO, D("67.50")),
    ]
    assert content.narration == f"Debit note HO/DN/2024-25/000001 against tax invoice {MUSHAK}"
    assert note.source == SourceDocument(DEBIT_NOTE, note.note_id, "HO/DN/2024-25/000001")


def test_each_line_of_a_note_posts_on_its_own_with_its_project_and_cost_centre() -> None:
    draft = lines_draft(
        LineInput("Rods for Tower A", D(10), D(100), project="Tower A", cost_center="CC-7"),
        LineInput("Cement", D(10), D(50)),
    )
    note, _ = _posted(credit(quantity("inv-1:1", 1), quantity("inv-1:2", 2)), draft)

    returns = [line for line in note_entry(note, default_books()).lines if line.account_code == "4200"]

    assert [(line.debit, line.project, line.cost_center, line.memo) for line in returns] == [
        (D("100.00"), "Tower A", "CC-7", "Rods for Tower A"),
        (D("100.00"), None, None, "Cement"),
    ]


def test_the_receivable_names_the_customers_party_when_the_invoice_has_one() -> None:
    note, _ = _posted(credit(quantity("inv-1:1", 1)), steel_rods_draft(customer_party_id="party-7"))

    assert note.party_id == "party-7"
    assert note_entry(note, default_books()).lines[0].party_id == "party-7"


def test_a_zero_rated_lines_credit_posts_no_vat_line() -> None:
    draft = lines_draft(LineInput("Exported rods", D(10), D(100), vat_category=VATCategory.ZERO_RATED))
    note, _ = _posted(credit(amount("inv-1:1", "250.00"), reason="PRICE_REDUCTION"), draft)

    assert _sides(note_entry(note, default_books()).lines) == [("1210", ZERO, D("250.00")), ("4200", D("250.00"), ZERO)]


def test_a_note_line_of_no_value_posts_no_sales_returns_line() -> None:
    note = IssuedNote(
        "note-1", True, "HO/CN/2026-27/000001", MUSHAK, date(2026, 11, 26), "customer-001",
        (SoldLine(D("100.00"), "Rods", None, None), SoldLine(ZERO, "Sample", None, None)), ZERO, D("15.00"),
    )  # fmt: skip

    assert _sides(note_entry(note, default_books()).lines) == [
        ("1210", ZERO, D("115.00")),
        ("4200", D("100.00"), ZERO),
        ("2210", D("15.00"), ZERO),
    ]


def test_a_long_description_is_cut_to_the_memos_length() -> None:
    note, _ = _posted(credit(quantity("inv-1:1", 1)), lines_draft(LineInput("d" * 300, D(1), D(10))))

    assert note_entry(note, default_books()).lines[1].memo == "d" * 200


# Books adopted before notes existed


def _adopted_without_note_roles(drop_accounts: frozenset[str] = frozenset()) -> ChartAdopted:
    """A tenant's adoption recorded before the CREDIT_NOTE and DEBIT_NOTE roles were in the template."""
    adoption = DEFAULT_CHART.adoption()
    return ChartAdopted(
        adoption.template,
        tuple(record for record in adoption.accounts if record.code not in drop_accounts),
        tuple(p for p in adoption.posting_accounts if p.document_type not in (CREDIT_NOTE, DEBIT_NOTE)),
    )


def test_books_adopted_before_the_note_roles_existed_take_the_templates_accounts_for_them() -> None:
    books = default_books([_adopted_without_note_roles()])

    filled = {(kind, role): books.posting_account(kind, role).code for kind in (CREDIT_NOTE, DEBIT_NOTE)
              for role in ("RECEIVABLE", "SUPPLEMENTARY_DUTY", "VAT_OUTPUT")}  # fmt: skip
    assert set(filled.values()) == {"1210", "2220", "2210"}
    assert books.posting_account(CREDIT_NOTE, "SALES_RETURNS").code == "4200"
    assert books.posting_account(DEBIT_NOTE, "SALES").code == "4100"
    note, _ = _posted(credit(quantity("inv-1:1", 10)))
    assert _sides(note_entry(note, books).lines)[1] == ("4200", D("50000.00"), ZERO)


def test_a_posting_account_the_tenant_set_is_kept_over_the_templates() -> None:
    chosen = PostingAccountSet(PostingAccount(CREDIT_NOTE, "SALES_RETURNS", "4900"))

    books = default_books([_adopted_without_note_roles(), chosen])

    assert books.posting_account(CREDIT_NOTE, "SALES_RETURNS").code == "4900"


def test_a_role_whose_template_account_the_tenants_chart_lacks_stays_unfilled_and_posting_to_it_is_refused() -> None:
    books = default_books([_adopted_without_note_roles(drop_accounts=frozenset({"4200"}))])
    note, _ = _posted(credit(quantity("inv-1:1", 10)))

    with pytest.raises(IllegalTransitionError, match="CREDIT_NOTE SALES_RETURNS"):
        books.posting_account(CREDIT_NOTE, "SALES_RETURNS")
    with pytest.raises(IllegalTransitionError, match="set its posting account first"):
        note_entry(note, books)
    assert books.posting_account(CREDIT_NOTE, "RECEIVABLE").code == "1210"


def test_posting_account_of_a_role_nobody_fills_is_refused() -> None:
    with pytest.raises(IllegalTransitionError, match="no account takes the posting role INVOICE SALES_RETURNS"):
        default_books().posting_account(INVOICE, "SALES_RETURNS")


# Every note's entry balances


@st.composite
def _notes(draw: st.DrawFn) -> tuple[IssuedNote, NoteIssued]:
    """An invoice of a few lines of any price, SD and VAT, and a credit or debit note of part of some of them."""
    lines = tuple(
        LineInput(
            f"Line {n}",
            D(draw(st.integers(min_value=1, max_value=10**4))),
            from_paisa(draw(st.integers(min_value=1, max_value=10**8))),
            vat_category=draw(st.sampled_from([VATCategory.STANDARD, VATCategory.ZERO_RATED])),
            supplementary_duty_rate=draw(st.sampled_from([D(0), D("0.1"), D("0.35"), D("0.123457")])),
        )
        for n in range(draw(st.integers(min_value=1, max_value=4)))
    )
    kind = draw(st.sampled_from(list(NoteKind)))
    changed = draw(st.lists(st.integers(min_value=0, max_value=len(lines) - 1), min_size=1, unique=True))
    given: list[NoteLineInput] = []
    for index in changed:
        line = lines[index]
        assert line.unit_price is not None
        # At most what the line was invoiced, so that a credit is never refused.
        if draw(st.booleans()):
            given.append(quantity(f"inv-1:{index + 1}", draw(st.integers(1, int(line.quantity)))))
        else:
            paisa = to_paisa(round_to_paisa(line.quantity * line.unit_price))
            given.append(amount(f"inv-1:{index + 1}", from_paisa(draw(st.integers(1, paisa)))))
    reason = "RETURN" if kind is NoteKind.CREDIT else "PRICE_INCREASE"
    return _posted(NoteRequest(kind, None, reason, None, tuple(given)), lines_draft(*lines))


@settings(max_examples=150, deadline=None)
@given(_notes())
def test_every_notes_entry_balances_at_the_notes_total(posted: tuple[IssuedNote, NoteIssued]) -> None:
    note, event = posted

    content = note_entry(note, default_books())

    assert unbalanced(content.lines) is None
    debits, credits = totals(content.lines)
    assert debits == credits == note.total == event.figures.total
    assert all(line.debit or line.credit for line in content.lines)
    assert len([line for line in content.lines if line.party_id == "customer-001"]) == 1
