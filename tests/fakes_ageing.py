"""The ageing and the statements over the in-memory read models: the contract suite holds them to the SQL."""

from __future__ import annotations

import builtins
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from hisab.invoicing.adapters.sql.notes import NOTES
from hisab.invoicing.adapters.sql.statements import INVOICES
from hisab.invoicing.application.note_views import NoteView
from hisab.invoicing.application.views import InvoiceView
from hisab.invoicing.domain.notes import NoteKind
from hisab.kernel.fiscal_year import BANGLADESH_TIME
from hisab.kernel.money import ZERO
from hisab.receivables.adapters.sql.projection import BALANCES, RECEIPTS, SETTLEMENTS
from hisab.receivables.application.ports import Customer, StatementFacts, UndoneReceipt
from hisab.receivables.application.views import ReceiptView
from hisab.receivables.domain.ageing import CustomerAgeing, bucket_of
from hisab.receivables.domain.balances import InvoiceBalance
from hisab.receivables.domain.events import BalanceWrittenOff
from hisab.receivables.domain.statement import EntryKind, StatementEntry

MemoryReading = Callable[[str, str], AbstractAsyncContextManager[Any]]


@dataclass(frozen=True, slots=True)
class _Settled:
    """One amount settled of an invoice, as a statement shows it, and whether it still counts."""

    entry: StatementEntry
    invoice_id: str
    active: bool
    receipt: ReceiptView | None


@dataclass(frozen=True)
class MemoryReceivableReports:
    reading: MemoryReading

    async def ageing(
        self, tenant_id: str, as_of: date, bounds: Sequence[int], customer: Customer
    ) -> builtins.list[CustomerAgeing]:
        async with self.reading(tenant_id, "receivables.ageing") as tables:
            invoices = _invoices(tables, tenant_id, customer)
            settled = list(_settlements(tables, tenant_id))
            notes = _notes(tables, tenant_id)
            names = {key: view.buyer_name for key, view in tables.table(INVOICES.name).items()}
        owed: dict[tuple[str, str | None], list[Decimal]] = {}
        named_by: dict[tuple[str, str | None], str] = {}
        for invoice in invoices:
            if invoice.cancelled or invoice.issued_on > as_of:
                continue
            later = sum((_signed(n) for n in notes.get(invoice.invoice_id, []) if n.note_date > as_of), ZERO)
            paid = sum(
                (
                    s.entry.amount
                    for s in settled
                    if s.invoice_id == invoice.invoice_id and s.active and s.entry.on <= as_of
                ),
                ZERO,
            )
            key = (invoice.customer_id, invoice.customer_party_id)
            amounts = owed.setdefault(key, [ZERO] * (len(bounds) + 2))
            amounts[bucket_of(invoice.due_date, as_of, bounds)] += invoice.adjusted_total + later - paid
            named_by[key] = max(named_by.get(key, invoice.invoice_id), invoice.invoice_id)
        found = [
            CustomerAgeing(key[0], key[1], names.get((tenant_id, named_by[key])), tuple(amounts))
            for key, amounts in owed.items()
            if any(amounts)
        ]
        return sorted(found, key=lambda c: (c.customer_id, c.customer_party_id or ""))

    async def statement_facts(self, tenant_id: str, customer: Customer, to_day: date) -> StatementFacts:
        async with self.reading(tenant_id, "receivables.statement") as tables:
            invoices = {i.invoice_id: i for i in _invoices(tables, tenant_id, customer)}
            settled = [s for s in _settlements(tables, tenant_id) if s.invoice_id in invoices and s.entry.on <= to_day]
            notes = _notes(tables, tenant_id)
            views = {key: view for key, view in tables.table(INVOICES.name).items() if key[0] == tenant_id}
            receipts: list[ReceiptView] = [v for (t, _), v in tables.table(RECEIPTS.name).items() if t == tenant_id]
        entries = [s.entry for s in settled]
        undone: dict[str, UndoneReceipt] = {}
        for s in settled:
            if s.receipt is not None and not s.active:
                before = undone.get(s.receipt.receipt_id)
                total = s.entry.amount + (before.settled if before else ZERO)
                undone[s.receipt.receipt_id] = UndoneReceipt(
                    s.receipt.receipt_id, s.receipt.receipt_number, s.receipt.status, total
                )
        for invoice in invoices.values():
            if invoice.issued_on > to_day:
                continue
            own = notes.get(invoice.invoice_id, [])
            entries += [_note_entry(n) for n in own]
            number = invoice.mushak_number
            issued = invoice.adjusted_total + sum((_signed(n) for n in own), ZERO)
            entries.append(StatementEntry(invoice.issued_on, EntryKind.INVOICE, number, number, issued))
            view: InvoiceView | None = views.get((tenant_id, invoice.invoice_id))
            if invoice.cancelled and view is not None and view.cancelled_at is not None:
                paid = sum((s.entry.amount for s in settled if s.invoice_id == invoice.invoice_id and s.active), ZERO)
                on = view.cancelled_at.astimezone(BANGLADESH_TIME).date()
                entries.append(
                    StatementEntry(on, EntryKind.CANCELLATION, number, number, invoice.adjusted_total - paid)
                )
        advance = sum(
            (
                r.amount - sum((a.amount for a in r.allocations if a.allocated_on <= to_day), ZERO)
                for r in receipts
                if r.settles and r.receipt_date <= to_day and customer.names(r.customer_id, r.customer_party_id)
            ),
            ZERO,
        )
        return StatementFacts(entries, list(undone.values()), advance)


def _invoices(tables: Any, tenant_id: str, customer: Customer) -> list[InvoiceBalance]:
    return [
        facts
        for (t, _), facts in tables.table(BALANCES.name).items()
        if t == tenant_id and customer.names(facts.customer_id, facts.customer_party_id)
    ]


def _notes(tables: Any, tenant_id: str) -> dict[str, list[NoteView]]:
    found: dict[str, list[NoteView]] = {}
    for (t, _), view in tables.table(NOTES.name).items():
        if t == tenant_id:
            found.setdefault(view.invoice_id, []).append(view)
    return found


def _signed(note: NoteView) -> Decimal:
    """What a note took off the invoice's total: a credit note's total, less a debit note's."""
    return note.figures.total if note.kind is NoteKind.CREDIT else -note.figures.total


def _note_entry(note: NoteView) -> StatementEntry:
    kind = EntryKind.CREDIT_NOTE if note.kind is NoteKind.CREDIT else EntryKind.DEBIT_NOTE
    return StatementEntry(note.note_date, kind, note.note_number, note.invoice_mushak_number, note.figures.total)


def _settlements(tables: Any, tenant_id: str) -> Iterator[_Settled]:
    balances = tables.table(BALANCES.name)

    def number(invoice_id: str) -> str | None:
        facts: InvoiceBalance | None = balances.get((tenant_id, invoice_id))
        return facts.mushak_number if facts is not None else None

    for (t, _), r in tables.table(RECEIPTS.name).items():
        if t != tenant_id:
            continue
        for a in r.allocations:
            kind = EntryKind.RECEIPT if a.allocated_on == r.receipt_date else EntryKind.ADVANCE_APPLIED
            entry = StatementEntry(a.allocated_on, kind, r.receipt_number, number(a.invoice_id), a.amount)
            yield _Settled(entry, a.invoice_id, r.settles, r)
        for w in r.withholdings:
            entry = StatementEntry(r.receipt_date, EntryKind(w.kind), r.receipt_number, number(w.invoice_id), w.amount)
            yield _Settled(entry, w.invoice_id, r.settles, r)
    for (t, _), events in tables.table(SETTLEMENTS.name).items():
        for e in events if t == tenant_id else ():
            if isinstance(e, BalanceWrittenOff):
                mushak = number(e.invoice_id) or ""
                entry = StatementEntry(e.written_off_on, EntryKind.WRITE_OFF, mushak, mushak, e.amount)
                yield _Settled(entry, e.invoice_id, True, None)
