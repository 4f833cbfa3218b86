"""Credit and debit notes on every backend: issued through the handler, read back exactly from the note
read model and the invoice's, posted to the books in the same transaction, and rebuilt to what was written;
on PostgreSQL, concurrent notes on one invoice take gapless serials and never credit more than it carried."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from hisab.event_store.adapters.postgres.database import PostgresDatabase
from hisab.event_store.messages import DomainEvent, StoredEvent
from hisab.event_store.ports import Database, Transaction
from hisab.invoicing.application.commands import ApproveInvoice, CreateInvoice
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.handlers import approve_invoice, create_invoice
from hisab.invoicing.application.note_views import NoteView
from hisab.invoicing.application.notes import (
    IssueNote,
    ListNotes,
    encode_note_cursor,
    get_note,
    issue_note,
    list_notes,
    notes_of_invoices,
)
from hisab.invoicing.application.parties import create_party
from hisab.invoicing.application.ports import NoteFilter
from hisab.invoicing.application.queries import get_invoice
from hisab.invoicing.application.views import InvoiceView
from hisab.invoicing.domain.draft import InvoiceDraft, LineInput
from hisab.invoicing.domain.invoice import Invoice
from hisab.invoicing.domain.lines import Figures
from hisab.invoicing.domain.notes import NoteKind, NoteLineInput, NoteRequest
from hisab.invoicing.domain.party import PartyInput, PartyKind
from hisab.kernel.errors import ConcurrencyError, IllegalTransitionError, InvalidInputError, NotFoundError
from hisab.kernel.language import Language
from hisab.ledger.application.dependencies import Ledger
from hisab.ledger.application.periods import close_period, reopen_period
from hisab.ledger.application.postings import ISSUE
from hisab.ledger.domain.books import PeriodClosedError
from hisab.ledger.domain.invoice_postings import posting_entry_id
from hisab.ledger.domain.periods import FiscalPeriod
from hisab.ledger.domain.posting_rules import CREDIT_NOTE, DEBIT_NOTE
from hisab.taxpayer.application.dependencies import Taxpayer
from hisab.taxpayer.application.tenant_settings import (
    UpdateTenantSettings,
    get_tenant_settings,
    update_tenant_settings,
)
from hisab.taxpayer.domain.policy import TenantPolicy
from tests.builders import actor, checker, rebuild, services, steel_rods_draft

D = Decimal
RODS_DRAFT = steel_rods_draft()
NOVEMBER = FiscalPeriod.parse("2026-27/P05")


class Calendar:
    """A clock that moves a second per reading and a day (or more) when told, so notes can be dated apart."""

    def __init__(self, start: datetime = datetime(2026, 11, 2, 4, 0, tzinfo=UTC)) -> None:
        self._moment = start

    def __call__(self) -> datetime:
        self._moment += timedelta(seconds=1)
        return self._moment

    def turn(self, days: int) -> None:
        self._moment += timedelta(days=days)


def _figures(figures: Figures) -> tuple[str, str, str, str, str]:
    return (
        str(figures.quantity), str(figures.value), str(figures.supplementary_duty), str(figures.vat),
        str(figures.total),
    )  # fmt: skip


def _exactly(view: NoteView) -> list[object]:
    """Everything a note shows, amounts as exact strings, so a round trip that loses a digit is seen."""
    return [
        replace(view, lines=()),
        _figures(view.figures),
        [
            (
                line,
                str(line.supplementary_duty_rate),
                str(line.vat_rate),
                _figures(line.before),
                _figures(line.change),
                _figures(line.after),
            )
            for line in view.lines
        ],
    ]


async def _issued(invoicing: Invoicing, draft: InvoiceDraft = RODS_DRAFT, tenant: str = "tenant-a") -> InvoiceView:
    created = await create_invoice(CreateInvoice(draft), actor(tenant), invoicing)
    return await approve_invoice(ApproveInvoice(created.invoice_id), checker(tenant), invoicing)


def _credit(*lines: NoteLineInput, reason: str = "RETURN", on: date | None = None) -> NoteRequest:
    return NoteRequest(NoteKind.CREDIT, on, reason, None, lines)


def _debit(*lines: NoteLineInput, reason: str = "PRICE_INCREASE", on: date | None = None) -> NoteRequest:
    return NoteRequest(NoteKind.DEBIT, on, reason, None, lines)


def _units(invoice: InvoiceView, count: str | int, line: int = 0) -> NoteLineInput:
    return NoteLineInput(invoice.lines[line].line_id, quantity=D(count))


def _taka(invoice: InvoiceView, value: str, line: int = 0) -> NoteLineInput:
    return NoteLineInput(invoice.lines[line].line_id, amount=D(value))


async def _note(invoicing: Invoicing, invoice: InvoiceView, request: NoteRequest, tenant: str = "tenant-a") -> NoteView:
    return await issue_note(IssueNote(invoice.invoice_id, request), actor(tenant), invoicing)


async def _print(invoicing: Invoicing, note: NoteView, calendar: Calendar) -> None:
    """Record a print of the note on its invoice's stream, as the document endpoint does."""

    async def decide(transaction: Transaction[Any], history: list[StoredEvent]) -> Sequence[DomainEvent]:
        invoice = Invoice.from_events(note.invoice_id, (s.event for s in history))
        return [invoice.print_note(note.note_id, Language.EN, "user-1", calendar())]

    await invoicing.streams.change(actor(), note.invoice_id, decide, noun="invoice")


async def test_a_note_reads_back_exactly_as_it_was_issued(database: Database[Any]) -> None:
    invoicing = services(database).get(Invoicing)
    draft = steel_rods_draft(
        lines=(
            LineInput("Rods", D(100), D(5000), hs_code="7214.20", unit_of_supply="pcs"),
            LineInput("Cigarettes", D(3), D("333.33"), supplementary_duty_rate=D("0.35"), project="Tower A"),
        )
    )
    invoice = await _issued(invoicing, draft)

    credit = await _note(invoicing, invoice, _credit(_units(invoice, "10.5"), _units(invoice, 1, line=1)))
    debit = await _note(invoicing, invoice, _debit(_taka(invoice, "1000.00")))

    for issued in (credit, debit):
        found = await get_note(issued.kind, issued.note_id, actor(), invoicing)
        assert _exactly(found) == _exactly(issued)
    assert (credit.note_number, credit.serial, credit.fiscal_year) == ("HO/CN/2026-27/000001", 1, 2026)
    assert (debit.note_number, debit.serial) == ("HO/DN/2026-27/000001", 1)
    assert [_figures(line.change) for line in credit.lines] == [
        ("10.5", "52500.00", "0.00", "7875.00", "60375.00"),
        ("1", "333.33", "116.67", "67.50", "517.50"),
    ]
    assert _figures(credit.figures) == ("11.5", "52833.33", "116.67", "7942.50", "60892.50")
    assert [_figures(line.after) for line in debit.lines] == [("89.5", "448500.00", "0.00", "67275.00", "515775.00")]
    assert (credit.invoice_mushak_number, credit.issued_by) == (invoice.mushak_number, "user-1")
    assert await rebuild(database, verify_only=True) == []


async def test_an_amount_given_without_paisa_reads_back_the_same_on_every_backend(database: Database[Any]) -> None:
    invoicing = services(database).get(Invoicing)
    invoice = await _issued(invoicing)

    issued = await _note(invoicing, invoice, _credit(_taka(invoice, "1000"), reason="PRICE_REDUCTION"))

    found = await get_note(NoteKind.CREDIT, issued.note_id, actor(), invoicing)
    assert [_figures(line.change) for line in found.lines] == [("0", "1000.00", "0.00", "150.00", "1150.00")]
    assert [_figures(line.change) for line in issued.lines] == [("0", "1000.00", "0.00", "150.00", "1150.00")]


async def test_a_note_of_the_other_kind_or_another_tenant_is_not_found(database: Database[Any]) -> None:
    invoicing = services(database).get(Invoicing)
    invoice = await _issued(invoicing)
    credit = await _note(invoicing, invoice, _credit(_units(invoice, 1)))

    with pytest.raises(NotFoundError, match="debit note"):
        await get_note(NoteKind.DEBIT, credit.note_id, actor(), invoicing)
    with pytest.raises(NotFoundError):
        await get_note(NoteKind.CREDIT, credit.note_id, actor("tenant-b"), invoicing)
    with pytest.raises(NotFoundError):
        await _note(invoicing, invoice, _credit(_units(invoice, 1)), tenant="tenant-b")


async def test_the_invoice_shows_what_its_notes_credited_and_debited_after_reading_back(
    database: Database[Any],
) -> None:
    invoicing = services(database).get(Invoicing)
    invoice = await _issued(invoicing)
    await _note(invoicing, invoice, _credit(_units(invoice, 10)))
    await _note(invoicing, invoice, _debit(_taka(invoice, "1000.00")))
    await _note(invoicing, invoice, _credit(_taka(invoice, "200.00"), reason="PRICE_REDUCTION"))

    read = await get_invoice(invoice.invoice_id, actor(), invoicing)

    line = read.lines[0]
    assert _figures(line.credited) == ("10", "50200.00", "0.00", "7530.00", "57730.00")
    assert _figures(line.debited) == ("0", "1000.00", "0.00", "150.00", "1150.00")
    assert _figures(line.carried) == ("90", "450800.00", "0.00", "67620.00", "518420.00")
    assert (_figures(read.credited), _figures(read.debited)) == (_figures(line.credited), _figures(line.debited))
    assert str(read.adjusted.total) == "518420.00"
    assert str(read.totals.grand_total - read.credited.total + read.debited.total) == "518420.00"
    assert not read.credited_in_full

    await _note(invoicing, invoice, _credit(reason="CANCELLATION"))
    settled = await get_invoice(invoice.invoice_id, actor(), invoicing)
    assert _figures(settled.lines[0].carried) == ("0", "0.00", "0.00", "0.00", "0.00")
    assert _figures(settled.credited) == ("100", "501000.00", "0.00", "75150.00", "576150.00")
    assert settled.credited_in_full
    assert await rebuild(database, verify_only=True) == []


async def test_notes_are_listed_newest_first_by_kind_with_every_filter_and_keyset_pages(
    database: Database[Any],
) -> None:
    calendar = Calendar()
    invoicing = services(database, calendar).get(Invoicing)
    party = await create_party(PartyInput("RAHIM", (PartyKind.CUSTOMER,), "Rahim Builders Ltd"), actor(), invoicing)
    first = await _issued(invoicing)
    second = await _issued(invoicing, steel_rods_draft(customer_id="customer-002", customer_party_id=party.party_id))
    early = await _note(invoicing, first, _credit(_units(first, 1)))
    calendar.turn(8)
    middle = await _note(invoicing, second, _credit(_units(second, 2)))
    debit = await _note(invoicing, second, _debit(_units(second, 1)))
    calendar.turn(10)
    late = await _note(invoicing, first, _credit(_units(first, 3)))

    async def listed(**where: Any) -> list[str]:
        page = await list_notes(ListNotes(NoteFilter(NoteKind.CREDIT, **where), first=10), actor(), invoicing)
        assert page.total_count == len(page.notes)
        return [note.note_id for note in page.notes]

    assert await listed() == [late.note_id, middle.note_id, early.note_id]
    assert await listed(invoice_id=first.invoice_id) == [late.note_id, early.note_id]
    assert await listed(date_from=date(2026, 11, 10)) == [late.note_id, middle.note_id]
    assert await listed(date_to=date(2026, 11, 10)) == [middle.note_id, early.note_id]
    assert await listed(date_from=date(2026, 11, 10), date_to=date(2026, 11, 10)) == [middle.note_id]
    assert await listed(customer_id="customer-002") == [middle.note_id]
    assert await listed(customer_party_id=party.party_id) == [middle.note_id]
    assert await listed(customer_id="customer-003") == []
    debits = await list_notes(ListNotes(NoteFilter(NoteKind.DEBIT)), actor(), invoicing)
    assert [note.note_id for note in debits.notes] == [debit.note_id]
    assert (middle.note_date, late.note_date) == (date(2026, 11, 10), date(2026, 11, 20))

    page_one = await list_notes(ListNotes(NoteFilter(NoteKind.CREDIT), first=2), actor(), invoicing)
    cursor = encode_note_cursor(page_one.notes[-1])
    page_two = await list_notes(ListNotes(NoteFilter(NoteKind.CREDIT), first=2, after=cursor), actor(), invoicing)
    assert ([n.note_id for n in page_one.notes], page_one.has_next_page, page_one.total_count) == (
        [late.note_id, middle.note_id],
        True,
        3,
    )
    assert ([n.note_id for n in page_two.notes], page_two.has_next_page, page_two.total_count) == (
        [early.note_id],
        False,
        3,
    )
    other_tenant = await list_notes(ListNotes(NoteFilter(NoteKind.CREDIT)), actor("tenant-b"), invoicing)
    assert other_tenant.notes == []


async def test_a_filter_whose_dates_are_reversed_is_refused(database: Database[Any]) -> None:
    invoicing = services(database).get(Invoicing)
    reversed_dates = NoteFilter(NoteKind.CREDIT, date_from=date(2026, 11, 20), date_to=date(2026, 11, 10))

    with pytest.raises(InvalidInputError, match="before its `from` date"):
        await list_notes(ListNotes(reversed_dates), actor(), invoicing)


async def test_the_notes_of_several_invoices_come_in_one_query_oldest_first_of_both_kinds(
    database: Database[Any],
) -> None:
    invoicing = services(database).get(Invoicing)
    first, second, quiet = [await _issued(invoicing) for _ in range(3)]
    a = await _note(invoicing, first, _credit(_units(first, 1)))
    b = await _note(invoicing, second, _debit(_units(second, 1)))
    c = await _note(invoicing, first, _debit(_taka(first, "10.00")))

    found = await notes_of_invoices([first.invoice_id, second.invoice_id, quiet.invoice_id], actor(), invoicing)

    assert {key: [n.note_id for n in notes] for key, notes in found.items()} == {
        first.invoice_id: [a.note_id, c.note_id],
        second.invoice_id: [b.note_id],
    }
    assert await notes_of_invoices([], actor(), invoicing) == {}


async def test_a_print_of_a_note_counts_on_that_note_alone_and_rebuilds_equal(database: Database[Any]) -> None:
    calendar = Calendar()
    invoicing = services(database, calendar).get(Invoicing)
    invoice = await _issued(invoicing)
    printed = await _note(invoicing, invoice, _credit(_units(invoice, 1)))
    other = await _note(invoicing, invoice, _credit(_units(invoice, 1)))

    await _print(invoicing, printed, calendar)
    await _print(invoicing, printed, calendar)

    assert (await get_note(NoteKind.CREDIT, printed.note_id, actor(), invoicing)).print_count == 2
    assert (await get_note(NoteKind.CREDIT, other.note_id, actor(), invoicing)).print_count == 0
    listed = await list_notes(ListNotes(NoteFilter(NoteKind.CREDIT)), actor(), invoicing)
    assert [(n.note_id, n.print_count) for n in listed.notes] == [(other.note_id, 0), (printed.note_id, 2)]
    assert (await get_invoice(invoice.invoice_id, actor(), invoicing)).print_count == 0
    assert await rebuild(database, verify_only=True) == []


async def test_each_note_posts_its_own_sales_journal_entry_in_the_issuing_transaction(
    database: Database[Any],
) -> None:
    wired = services(database)
    invoicing, ledger = wired.get(Invoicing), wired.get(Ledger)
    invoice = await _issued(invoicing)
    credit = await _note(invoicing, invoice, _credit(_units(invoice, 10)))
    debit = await _note(invoicing, invoice, _debit(_taka(invoice, "1000.00")))

    credited = await ledger.queries.entry("tenant-a", posting_entry_id("tenant-a", CREDIT_NOTE, credit.note_id, ISSUE))
    debited = await ledger.queries.entry("tenant-a", posting_entry_id("tenant-a", DEBIT_NOTE, debit.note_id, ISSUE))

    assert credited is not None
    assert debited is not None
    assert (credited.number, credited.entry_date) == ("SJ/2026-27/000002", credit.note_date)
    assert [(line.account_code, str(line.debit), str(line.credit)) for line in credited.lines] == [
        ("1210", "0.00", "57500.00"),
        ("4200", "50000.00", "0.00"),
        ("2210", "7500.00", "0.00"),
    ]
    assert [(line.account_code, str(line.debit), str(line.credit)) for line in debited.lines] == [
        ("1210", "1150.00", "0.00"),
        ("4100", "0.00", "1000.00"),
        ("2210", "0.00", "150.00"),
    ]
    assert debited.number == "SJ/2026-27/000003"
    assert await rebuild(database, verify_only=True) == []


async def test_a_refused_note_consumes_no_serial(database: Database[Any]) -> None:
    invoicing = services(database).get(Invoicing)
    invoice = await _issued(invoicing)

    with pytest.raises(InvalidInputError) as refused:
        await _note(invoicing, invoice, _credit(_units(invoice, 101)))
    issued = await _note(invoicing, invoice, _credit(_units(invoice, 100)))

    assert [(v.field, v.rule) for v in refused.value.violations] == [("lines[0].quantity", "more_than_remains")]
    assert (issued.serial, issued.note_number) == (1, "HO/CN/2026-27/000001")


async def test_a_note_dated_in_a_closed_period_is_refused_and_consumes_no_serial(database: Database[Any]) -> None:
    wired = services(database)
    invoicing, ledger = wired.get(Invoicing), wired.get(Ledger)
    invoice = await _issued(invoicing)
    await close_period(NOVEMBER, actor(user_id="cfo-1"), ledger)

    with pytest.raises(PeriodClosedError, match="2026-27/P05"):
        await _note(invoicing, invoice, _credit(_units(invoice, 10)))
    assert (await get_invoice(invoice.invoice_id, actor(), invoicing)).credited.total == 0
    assert (await list_notes(ListNotes(NoteFilter(NoteKind.CREDIT)), actor(), invoicing)).notes == []

    await reopen_period(NOVEMBER, "the return came in before the close", actor(user_id="cfo-1"), ledger)
    issued = await _note(invoicing, invoice, _credit(_units(invoice, 10)))
    assert issued.serial == 1


async def test_a_note_posts_on_its_own_date_though_the_invoices_period_is_closed(database: Database[Any]) -> None:
    calendar = Calendar(datetime(2026, 10, 30, 4, 0, tzinfo=UTC))
    wired = services(database, calendar)
    invoicing, ledger = wired.get(Invoicing), wired.get(Ledger)
    invoice = await _issued(invoicing)
    await close_period(FiscalPeriod.parse("2026-27/P04"), actor(user_id="cfo-1"), ledger)
    calendar.turn(5)

    with pytest.raises(PeriodClosedError, match="2026-27/P04"):
        await _note(invoicing, invoice, _credit(_units(invoice, 1), on=date(2026, 10, 31)))
    issued = await _note(invoicing, invoice, _credit(_units(invoice, 1)))

    entry = await ledger.queries.entry("tenant-a", posting_entry_id("tenant-a", CREDIT_NOTE, issued.note_id, ISSUE))
    assert entry is not None
    assert (issued.note_date, entry.entry_date, issued.serial) == (date(2026, 11, 4), date(2026, 11, 4), 1)


async def test_a_note_asked_for_at_a_version_the_invoice_has_moved_past_is_not_issued_again(
    database: Database[Any],
) -> None:
    invoicing = services(database).get(Invoicing)
    invoice = await _issued(invoicing)
    command = IssueNote(invoice.invoice_id, _credit(_units(invoice, 1)), expected_version=invoice.version)

    first = await issue_note(command, actor(), invoicing)
    with pytest.raises(ConcurrencyError, match=f"expected version {invoice.version}"):
        await issue_note(command, actor(), invoicing)

    listed = await list_notes(ListNotes(NoteFilter(NoteKind.CREDIT)), actor(), invoicing)
    assert [note.note_id for note in listed.notes] == [first.note_id]


async def test_the_tenants_age_limit_reads_back_and_refuses_a_note_dated_beyond_it(database: Database[Any]) -> None:
    calendar = Calendar()
    wired = services(database, calendar)
    invoicing, taxpayer = wired.get(Invoicing), wired.get(Taxpayer)
    invoice = await _issued(invoicing)
    await update_tenant_settings(UpdateTenantSettings(TenantPolicy(note_max_invoice_age_days=10)), actor(), taxpayer)
    calendar.turn(11)

    with pytest.raises(InvalidInputError) as refused:
        await _note(invoicing, invoice, _credit(_units(invoice, 1)))
    within = await _note(invoicing, invoice, _credit(_units(invoice, 1), on=date(2026, 11, 12)))

    assert [(v.field, v.rule) for v in refused.value.violations] == [("date", "invoice_age_limit")]
    assert (within.note_date, within.serial) == (date(2026, 11, 12), 1)
    assert (await get_tenant_settings(actor(), taxpayer)).note_max_invoice_age_days == 10
    assert (await get_tenant_settings(actor("tenant-b"), taxpayer)).note_max_invoice_age_days is None


async def test_a_draft_invoice_takes_no_note(database: Database[Any]) -> None:
    invoicing = services(database).get(Invoicing)
    draft = await create_invoice(CreateInvoice(RODS_DRAFT), actor(), invoicing)

    with pytest.raises(IllegalTransitionError, match="DRAFT"):
        await _note(invoicing, draft, _credit(_units(draft, 1)))


# PostgreSQL: notes racing for one invoice


# The fake and SQLite take one writer at a time; only PostgreSQL has writers that race.


@pytest.fixture
async def postgres(postgres_url: str) -> AsyncIterator[PostgresDatabase]:
    opened = await PostgresDatabase.open(postgres_url, min_size=1, max_size=12)
    yield opened
    await opened.close()


async def _racing(invoicing: Invoicing, invoice: InvoiceView, requests: list[NoteRequest]) -> list[object]:
    """Every request at once; each one's note, or the error it ended with."""
    return await asyncio.gather(*(_note(invoicing, invoice, request) for request in requests), return_exceptions=True)


@pytest.mark.postgres
async def test_fifty_concurrent_notes_on_fifty_invoices_take_serials_one_to_fifty(postgres: PostgresDatabase) -> None:
    invoicing = services(postgres).get(Invoicing)
    invoices = [await _issued(invoicing) for _ in range(50)]

    notes = await asyncio.gather(*(_note(invoicing, invoice, _credit(_units(invoice, 1))) for invoice in invoices))

    assert sorted(note.serial for note in notes) == list(range(1, 51))
    assert len({note.note_number for note in notes}) == 50


@pytest.mark.postgres
async def test_fifty_concurrent_notes_on_one_invoice_take_serials_one_to_fifty(postgres: PostgresDatabase) -> None:
    invoicing = services(postgres).get(Invoicing)
    invoice = await _issued(invoicing)

    results = await _racing(invoicing, invoice, [_credit(_units(invoice, 1)) for _ in range(50)])

    issued = [r for r in results if isinstance(r, NoteView)]
    # Whatever won, the serials it took are gapless and the invoice carries exactly the rest.
    assert sorted(note.serial for note in issued) == list(range(1, len(issued) + 1))
    read = await get_invoice(invoice.invoice_id, actor(), invoicing)
    assert read.lines[0].carried.quantity == 100 - len(issued)
    assert [type(r).__name__ for r in results if not isinstance(r, NoteView)] == []
    assert _figures(read.lines[0].carried) == ("50", "250000.00", "0.00", "37500.00", "287500.00")


@pytest.mark.postgres
async def test_concurrent_credits_that_together_would_take_more_than_a_line_carries_are_refused_beyond_it(
    postgres: PostgresDatabase,
) -> None:
    invoicing = services(postgres).get(Invoicing)
    invoice = await _issued(invoicing)

    results = await _racing(invoicing, invoice, [_credit(_units(invoice, 10)) for _ in range(20)])

    issued = [r for r in results if isinstance(r, NoteView)]
    read = await get_invoice(invoice.invoice_id, actor(), invoicing)
    # Never more than the line carried, whoever won, and gapless serials for the winners.
    assert read.lines[0].carried.quantity == 100 - 10 * len(issued) >= 0
    assert sorted(note.serial for note in issued) == list(range(1, len(issued) + 1))
    assert await rebuild(postgres, verify_only=True) == []
    refusals = [
        (type(r).__name__, [v.rule for v in r.violations] if isinstance(r, InvalidInputError) else str(r))
        for r in results
        if not isinstance(r, NoteView)
    ]
    assert refusals == [("InvalidInputError", ["more_than_remains"])] * 10
    assert _figures(read.lines[0].carried) == ("0", "0.00", "0.00", "0.00", "0.00")
