"""Automatic postings: the journal entries that other documents' events post, in their transaction.

Issuing a tax invoice posts its sales journal; cancelling an issued one reverses it; a credit or
debit note posts its own entry, dated on the note's date; a receipt, an advance applied and a
write-off each post theirs, and a bounced cheque or a reversed receipt reverses them; reversing
any entry (by hand or by a cancellation) posts its mirror; closing a fiscal year posts its
closing entry. Each is a reaction to the event, so the document and its entry commit together
or not at all: a closed period refuses the invoice's approval itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from hisab.event_store.messages import Actor, DomainEvent, StoredEvent
from hisab.event_store.ports import Transaction
from hisab.event_store.reactions import Consequence
from hisab.invoicing.domain.events import InvoiceApproved, InvoiceCancelled
from hisab.invoicing.domain.note_events import CreditNoteIssued, DebitNoteIssued, NoteIssued
from hisab.kernel.fiscal_year import BANGLADESH_TIME, FiscalYear
from hisab.ledger.application.books import books_within
from hisab.ledger.application.journals import reversal_entry_id
from hisab.ledger.application.ports import BalanceQuery, BooksTables
from hisab.ledger.domain.books import Books, ChartTemplate
from hisab.ledger.domain.closing import closing_content
from hisab.ledger.domain.entries import JournalEntry, draft_event, mirror_content, posted_event
from hisab.ledger.domain.events import FiscalYearClosed, JournalEntryDrafted, JournalEntryReversed, SourceDocument
from hisab.ledger.domain.invoice_postings import issued_invoice, posting_entry_id, sales_entry
from hisab.ledger.domain.journal import EntryContent, JournalKind, number_series
from hisab.ledger.domain.note_postings import issued_note, note_entry
from hisab.ledger.domain.posting_rules import (
    BILL,
    FISCAL_YEAR,
    INVOICE,
    PAYMENT,
    RECEIPT,
    SUPPLIER_NOTE,
    VAT_DEPOSIT,
    WITHHOLDING_DEPOSIT,
    WRITE_OFF,
)
from hisab.ledger.domain.purchase_postings import (
    bill_entry,
    bill_source,
    deposit_source,
    payment_entry,
    payment_source,
    supplier_note_entry,
    supplier_note_source,
    withholding_deposit_entry,
)
from hisab.ledger.domain.receipt_postings import advance_entry, receipt_entry, receipt_source, write_off_entry
from hisab.ledger.domain.vat_postings import vat_deposit_entry, vat_deposit_source
from hisab.purchases.domain.bill import Bill
from hisab.purchases.domain.events import (
    BillRecorded,
    PaymentRecorded,
    SupplierNoteRecorded,
    WithholdingDepositRecorded,
)
from hisab.receivables.domain.events import (
    AdvanceAllocated,
    BalanceWrittenOff,
    ChequeBounced,
    ReceiptRecorded,
    ReceiptReversed,
)
from hisab.vat_return.domain.events import VatDepositRecorded

ISSUE, CLOSING = "issue", "closing"


def closing_entry_id(tenant_id: str, fiscal_year: FiscalYear) -> str:
    return posting_entry_id(tenant_id, FISCAL_YEAR, fiscal_year.short_label, CLOSING)


def receipt_entry_id(tenant_id: str, receipt_id: str, version: int) -> str:
    """The entry of the receipt's event at `version`: its recording (1), or an advance applied later."""
    return posting_entry_id(tenant_id, RECEIPT, receipt_id, str(version))


def invoice_entry_id(tenant_id: str, invoice_id: str) -> str:
    return posting_entry_id(tenant_id, INVOICE, invoice_id, ISSUE)


@dataclass(frozen=True, slots=True)
class LedgerPostings:
    tables: BooksTables[Any]
    template: ChartTemplate
    name: str = "ledger_postings"
    follows: frozenset[type[DomainEvent]] = frozenset(
        {
            InvoiceApproved, InvoiceCancelled, CreditNoteIssued, DebitNoteIssued, JournalEntryReversed,
            FiscalYearClosed, ReceiptRecorded, AdvanceAllocated, ChequeBounced, ReceiptReversed, BalanceWrittenOff,
            BillRecorded, SupplierNoteRecorded, PaymentRecorded, WithholdingDepositRecorded, VatDepositRecorded,
        }
    )  # fmt: skip

    async def react(
        self, transaction: Transaction[Any], actor: Actor, stream: Sequence[StoredEvent], new: Sequence[StoredEvent]
    ) -> Sequence[Consequence]:
        consequences: list[Consequence] = []
        for stored in new:
            event = stored.event
            if isinstance(event, InvoiceApproved):
                consequences += await self._issued(transaction, actor, stream)
            elif isinstance(event, InvoiceCancelled) and any(isinstance(s.event, InvoiceApproved) for s in stream):
                consequences += await self._cancelled(transaction, actor, stream, event)
            elif isinstance(event, CreditNoteIssued | DebitNoteIssued):
                consequences += await self._noted(transaction, actor, stream, event)
            elif isinstance(event, ReceiptRecorded | AdvanceAllocated | BalanceWrittenOff):
                consequences += await self._settled(transaction, actor, stream, stored)
            elif isinstance(event, ChequeBounced | ReceiptReversed):
                consequences += await self._undone(transaction, actor, stream, event)
            elif isinstance(event, JournalEntryReversed):
                consequences += await self._reversed(transaction, actor, stream, event)
            elif isinstance(event, FiscalYearClosed) and event.closing_entry_id is not None:
                consequences += await self._closed(transaction, actor, event)
            elif isinstance(event, BillRecorded | SupplierNoteRecorded | PaymentRecorded | WithholdingDepositRecorded):
                consequences += await self._purchased(transaction, actor, stream, event)
            elif isinstance(event, VatDepositRecorded):
                books = await self._books(transaction, actor.tenant_id)
                entry_id = posting_entry_id(actor.tenant_id, VAT_DEPOSIT, event.deposit_id, ISSUE)
                content = vat_deposit_entry(event, books)
                consequences.append(
                    await self._posting(transaction, actor, entry_id, content, books, source=vat_deposit_source(event))
                )
        return consequences

    async def _purchased(
        self,
        transaction: Transaction[Any],
        actor: Actor,
        stream: Sequence[StoredEvent],
        event: BillRecorded | SupplierNoteRecorded | PaymentRecorded | WithholdingDepositRecorded,
    ) -> list[Consequence]:
        """A bill, a supplier's note, a payment or a deposit of withheld tax: each posts an entry of its own."""
        books = await self._books(transaction, actor.tenant_id)
        tenant = actor.tenant_id
        if isinstance(event, BillRecorded):
            entry_id = posting_entry_id(tenant, BILL, event.bill_id, ISSUE)
            content, source = bill_entry(event, books), bill_source(event)
        elif isinstance(event, SupplierNoteRecorded):
            bill = Bill.from_events(s.event for s in stream)
            entry_id = posting_entry_id(tenant, SUPPLIER_NOTE, event.note_id, ISSUE)
            content, source = supplier_note_entry(bill, event, books), supplier_note_source(event)
        elif isinstance(event, PaymentRecorded):
            entry_id = posting_entry_id(tenant, PAYMENT, event.payment_id, ISSUE)
            content, source = payment_entry(event, books), payment_source(event)
        else:
            entry_id = posting_entry_id(tenant, WITHHOLDING_DEPOSIT, event.deposit_id, ISSUE)
            content, source = withholding_deposit_entry(event, books), deposit_source(event)
        if not any(line.debit or line.credit for line in content.lines):
            return []
        return [await self._posting(transaction, actor, entry_id, content, books, source=source)]

    async def _books(self, transaction: Transaction[Any], tenant_id: str) -> Books:
        # Shared with every other posting, exclusive of closing: the period read next stays as read.
        await self.tables.share(transaction.tables, tenant_id)
        return await books_within(transaction, tenant_id, self.template)

    async def _issued(
        self, transaction: Transaction[Any], actor: Actor, stream: Sequence[StoredEvent]
    ) -> list[Consequence]:
        invoice = issued_invoice(s.event for s in stream)
        if not invoice.grand_total:
            return []
        books = await self._books(transaction, actor.tenant_id)
        content = sales_entry(invoice, books)
        entry_id = invoice_entry_id(actor.tenant_id, invoice.invoice_id)
        return [await self._posting(transaction, actor, entry_id, content, books, source=invoice.source)]

    async def _noted(
        self, transaction: Transaction[Any], actor: Actor, stream: Sequence[StoredEvent], event: NoteIssued
    ) -> list[Consequence]:
        note = issued_note((s.event for s in stream), event)
        if not note.total:
            return []
        books = await self._books(transaction, actor.tenant_id)
        entry_id = posting_entry_id(actor.tenant_id, note.document_type, note.note_id, ISSUE)
        return [await self._posting(transaction, actor, entry_id, note_entry(note, books), books, source=note.source)]

    async def _settled(
        self, transaction: Transaction[Any], actor: Actor, stream: Sequence[StoredEvent], stored: StoredEvent
    ) -> list[Consequence]:
        """A receipt, an advance applied or a write-off: each posts an entry of its own."""
        books = await self._books(transaction, actor.tenant_id)
        event, first = stored.event, stream[0].event
        if isinstance(event, BalanceWrittenOff):
            entry_id = posting_entry_id(actor.tenant_id, WRITE_OFF, stored.stream_id, str(stored.version))
            return [await self._posting(transaction, actor, entry_id, write_off_entry(event, books), books)]
        assert isinstance(first, ReceiptRecorded)
        if isinstance(event, AdvanceAllocated):
            content = advance_entry(first, event, books)
        else:
            content = receipt_entry(first, books)
        entry_id = receipt_entry_id(actor.tenant_id, first.receipt_id, stored.version)
        return [await self._posting(transaction, actor, entry_id, content, books, source=receipt_source(first))]

    async def _undone(
        self,
        transaction: Transaction[Any],
        actor: Actor,
        stream: Sequence[StoredEvent],
        event: ChequeBounced | ReceiptReversed,
    ) -> list[Consequence]:
        """A bounce or a reversal reverses every entry the receipt posted."""
        day = event.bounced_on if isinstance(event, ChequeBounced) else event.reversed_on
        what = "cheque bounced" if isinstance(event, ChequeBounced) else "receipt reversed"
        consequences = []
        posted = [s.version for s in stream if isinstance(s.event, ReceiptRecorded | AdvanceAllocated)]
        for version in posted:
            entry_id = receipt_entry_id(actor.tenant_id, event.receipt_id, version)
            history = await transaction.events.read_stream(actor.tenant_id, entry_id)
            if history:
                reversed_ = JournalEntryReversed(
                    entry_id, reversal_entry_id(actor.tenant_id, entry_id), f"{what}: {event.reason}", day
                )
                consequences.append(Consequence(entry_id, history, [reversed_]))
        return consequences

    async def _cancelled(
        self, transaction: Transaction[Any], actor: Actor, stream: Sequence[StoredEvent], event: InvoiceCancelled
    ) -> list[Consequence]:
        entry_id = invoice_entry_id(actor.tenant_id, stream[0].stream_id)
        history = await transaction.events.read_stream(actor.tenant_id, entry_id)
        # An invoice issued before the books existed posted nothing, so there is nothing to reverse.
        if not history:
            return []
        day = event.cancelled_at.astimezone(BANGLADESH_TIME).date()
        reason = f"tax invoice cancelled: {event.reason}"
        reversed_ = JournalEntryReversed(entry_id, reversal_entry_id(actor.tenant_id, entry_id), reason, day)
        return [Consequence(entry_id, history, [reversed_])]

    async def _reversed(
        self, transaction: Transaction[Any], actor: Actor, stream: Sequence[StoredEvent], event: JournalEntryReversed
    ) -> list[Consequence]:
        original = JournalEntry.from_events(event.entry_id, (s.event for s in stream))
        books = await self._books(transaction, actor.tenant_id)
        content = mirror_content(original, event.reversal_date, event.reason)
        drafted = original.content
        return [
            await self._posting(
                transaction,
                actor,
                event.reversed_by,
                content,
                books,
                source=drafted.source,
                reverses=event.entry_id,
                reason=event.reason,
            )
        ]

    async def _closed(self, transaction: Transaction[Any], actor: Actor, event: FiscalYearClosed) -> list[Consequence]:
        fiscal_year = FiscalYear(event.fiscal_year)
        books = await books_within(transaction, actor.tenant_id, self.template)
        balances = await self.tables.movements(
            transaction.tables, actor.tenant_id, BalanceQuery(through=fiscal_year.last_day)
        )
        content = closing_content(fiscal_year, {c: (m.debit, m.credit) for c, m in balances.items()}, books)
        assert content is not None
        assert event.closing_entry_id is not None
        return [await self._posting(transaction, actor, event.closing_entry_id, content, books)]

    async def _posting(
        self,
        transaction: Transaction[Any],
        actor: Actor,
        entry_id: str,
        content: EntryContent,
        books: Books,
        *,
        source: SourceDocument | None = None,
        reverses: str | None = None,
        reason: str | None = None,
    ) -> Consequence:
        """A new entry drafted and posted at once: its period must be open (a closing entry's needn't be)."""
        drafted: JournalEntryDrafted = draft_event(
            entry_id, content, books, source=source, reverses=reverses, reversal_reason=reason
        )
        if content.kind is not JournalKind.CLOSING:
            books.ensure_open(content.date)
        fiscal_year = FiscalYear.of(content.date)
        serial = await transaction.counters.next_value(actor.tenant_id, number_series(content.kind, fiscal_year))
        return Consequence(entry_id, [], [drafted, posted_event(entry_id, content.kind, fiscal_year, serial)])
