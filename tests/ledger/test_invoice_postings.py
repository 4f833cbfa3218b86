"""What an issued tax invoice posts: its sales journal, read from the invoice's own events."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

from hisab.invoicing.domain.draft import LineInput
from hisab.invoicing.domain.events import InvoiceCreated, InvoiceDetailsChanged, InvoiceEvent
from hisab.invoicing.domain.invoice import Invoice
from hisab.kernel.fiscal_year import FiscalYear
from hisab.ledger.domain.events import SourceDocument
from hisab.ledger.domain.invoice_postings import (
    IssuedInvoice,
    SoldLine,
    issued_invoice,
    posting_entry_id,
    sales_entry,
)
from hisab.ledger.domain.journal import JournalKind, JournalLine, unbalanced
from hisab.ledger.domain.periods import FiscalPeriod
from hisab.ledger.domain.posting_rules import INVOICE
from tests.builders import ISSUED_AT, opening_events, steel_rods_draft
from tests.ledger.builders import DEFAULT_CHART, decided, default_books

ZERO = Decimal("0.00")
MUSHAK = "HO/2024-25/000001"


def _issued_events(events: list[InvoiceEvent] | None = None, issued_at: datetime = ISSUED_AT) -> list[InvoiceEvent]:
    stream = events if events is not None else list(opening_events("inv-1"))
    return [*stream, Invoice.from_events("inv-1", stream).approve(MUSHAK, 1, issued_at)]


def _invoice(**changes: object) -> IssuedInvoice:
    fields: dict[str, object] = {
        "invoice_id": "inv-1",
        "internal_number": "INV-2025-01-15-000001",
        "mushak_number": MUSHAK,
        "issued_on": date(2025, 1, 20),
        "party_id": "customer-001",
        "lines": ((Decimal("500000.00"), "Construction Materials - Steel Rods"),),
        "supplementary_duty": ZERO,
        "vat": Decimal("75000.00"),
        "grand_total": Decimal("575000.00"),
    }
    fields.update(changes)
    # Lines are written as (value, description); a project and cost centre have tests of their own.
    fields["lines"] = tuple(SoldLine(value, text, None, None) for value, text in fields["lines"])  # type: ignore[attr-defined]
    return IssuedInvoice(**fields)  # type: ignore[arg-type]


def _sides(lines: tuple[JournalLine, ...]) -> list[tuple[str, Decimal, Decimal]]:
    return [(line.account_code, line.debit, line.credit) for line in lines]


def test_the_steel_rods_invoice_posts_receivable_sales_and_vat_output() -> None:
    invoice = issued_invoice(_issued_events())
    content = sales_entry(invoice, default_books())
    assert _sides(content.lines) == [
        ("1210", Decimal("575000.00"), ZERO),
        ("4100", ZERO, Decimal("500000.00")),
        ("2210", ZERO, Decimal("75000.00")),
    ]
    assert unbalanced(content.lines) is None
    receivable, sales, _vat = content.lines
    assert receivable.party_id == "customer-001"
    assert sales.memo == "Construction Materials - Steel Rods"
    assert (content.kind, content.date, content.reference) == (JournalKind.SALES, date(2025, 1, 20), MUSHAK)
    assert content.narration == f"Tax invoice {MUSHAK} (INV-2025-01-15-000001) issued"
    assert invoice.source == SourceDocument(INVOICE, "inv-1", MUSHAK)


def test_the_facts_of_an_issued_invoice_come_from_its_events() -> None:
    assert issued_invoice(_issued_events()) == _invoice()


def test_a_lines_project_and_cost_centre_go_with_its_sales_credit() -> None:
    draft = steel_rods_draft(
        lines=(LineInput("Rods for Tower A", Decimal(100), Decimal(5000), project="Tower A", cost_center="CC-7"),)
    )
    invoice = issued_invoice(_issued_events(list(opening_events("inv-1", draft))))
    sales = sales_entry(invoice, default_books()).lines[1]
    assert (sales.account_code, sales.project, sales.cost_center) == ("4100", "Tower A", "CC-7")


def test_supplementary_duty_is_credited_to_sd_payable() -> None:
    draft = steel_rods_draft(
        lines=(LineInput("Cigarettes", Decimal(10), Decimal(1000), supplementary_duty_rate=Decimal("0.10")),)
    )
    invoice = issued_invoice(_issued_events(list(opening_events("inv-1", draft))))
    assert invoice.supplementary_duty > ZERO
    content = sales_entry(invoice, default_books())
    assert _sides(content.lines) == [
        ("1210", invoice.grand_total, ZERO),
        ("4100", ZERO, Decimal("10000.00")),
        ("2220", ZERO, invoice.supplementary_duty),
        ("2210", ZERO, invoice.vat),
    ]
    assert unbalanced(content.lines) is None


def test_each_line_is_credited_to_sales_on_its_own() -> None:
    lines = ((Decimal("300.00"), "Rods"), (Decimal("200.00"), "Cement"))
    content = sales_entry(_invoice(lines=lines, vat=ZERO, grand_total=Decimal("500.00")), default_books())
    assert [(line.account_code, line.credit, line.memo) for line in content.lines[1:]] == [
        ("4100", Decimal("300.00"), "Rods"),
        ("4100", Decimal("200.00"), "Cement"),
    ]


def test_amounts_of_zero_are_not_posted() -> None:
    lines = ((Decimal("500.00"), "Exported rods"), (ZERO, "Free sample"))
    content = sales_entry(_invoice(lines=lines, vat=ZERO, grand_total=Decimal("500.00")), default_books())
    assert _sides(content.lines) == [("1210", Decimal("500.00"), ZERO), ("4100", ZERO, Decimal("500.00"))]


def test_a_blank_description_leaves_no_memo_and_a_long_one_is_cut_to_200_characters() -> None:
    lines = ((Decimal("1.00"), ""), (Decimal("1.00"), "d" * 300))
    content = sales_entry(_invoice(lines=lines, vat=ZERO, grand_total=Decimal("2.00")), default_books())
    assert [line.memo for line in content.lines[1:]] == [None, "d" * 200]


def test_the_tenants_posting_accounts_are_used() -> None:
    books = default_books()
    decided(books, books.set_posting_account(INVOICE, "SALES", "4900", DEFAULT_CHART))
    decided(books, books.set_posting_account(INVOICE, "RECEIVABLE", "1230", DEFAULT_CHART))
    assert [line.account_code for line in sales_entry(_invoice(), books).lines] == ["1230", "4900", "2210"]


def test_the_customers_party_id_is_preferred_over_the_customer_id() -> None:
    opening = list(opening_events("inv-1"))
    created = opening[0]
    assert isinstance(created, InvoiceCreated)
    opening[0] = replace(created, customer_party_id="party-rahim")
    assert issued_invoice(_issued_events(opening)).party_id == "party-rahim"


def test_the_customer_as_the_details_last_changed_it_is_the_party() -> None:
    opening = list(opening_events("inv-1"))
    created = opening[0]
    assert isinstance(created, InvoiceCreated)
    opening[0] = replace(created, customer_party_id="party-rahim")

    def changed(customer_id: str, party_id: str | None) -> InvoiceDetailsChanged:
        return InvoiceDetailsChanged("inv-1", customer_id, party_id, None, None, None, None, None, date(2025, 2, 15))

    to_karim = [*opening, changed("customer-karim", "party-karim")]
    assert issued_invoice(_issued_events(to_karim)).party_id == "party-karim"
    unregistered = [*to_karim, changed("customer-walk-in", None)]
    assert issued_invoice(_issued_events(unregistered)).party_id == "customer-walk-in"


def test_the_issue_date_is_the_date_in_dhaka() -> None:
    evening_in_utc = datetime(2026, 6, 30, 20, 0, tzinfo=UTC)
    invoice = issued_invoice(_issued_events(issued_at=evening_in_utc))
    assert invoice.issued_on == date(2026, 7, 1)
    assert FiscalPeriod.of(sales_entry(invoice, default_books()).date) == FiscalPeriod(FiscalYear(2026), 1)
    before_midnight = issued_invoice(_issued_events(issued_at=datetime(2026, 6, 30, 17, 59, tzinfo=UTC)))
    assert before_midnight.issued_on == date(2026, 6, 30)


def test_an_automatic_entry_id_is_derived_from_its_document_and_occasion() -> None:
    issue = posting_entry_id("tenant-a", INVOICE, "inv-1", "issued")
    assert issue == posting_entry_id("tenant-a", INVOICE, "inv-1", "issued")
    assert issue.startswith("journal:")
    others = {
        posting_entry_id("tenant-a", INVOICE, "inv-1", "cancelled"),
        posting_entry_id("tenant-a", INVOICE, "inv-2", "issued"),
        posting_entry_id("tenant-b", INVOICE, "inv-1", "issued"),
        posting_entry_id("tenant-a", "CREDIT_NOTE", "inv-1", "issued"),
    }
    assert issue not in others
    assert len(others) == 4
