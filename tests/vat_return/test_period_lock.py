"""Which day of which document the period lock checks, event by event."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from hisab.event_store.messages import DomainEvent, StoredEvent
from hisab.invoicing.domain.events import InvoiceApproved, InvoiceCancelled, InvoicePrinted
from hisab.invoicing.domain.printing import CopyKind
from hisab.kernel.language import Language
from hisab.receivables.domain.events import (
    AdvanceAllocated,
    Allocation,
    BalanceWrittenOff,
    ChequeBounced,
    ChequeCleared,
    ChequeDeposited,
    WithholdingCertificateRecorded,
)
from hisab.vat_return.application.period_lock import LOCKED_EVENTS, document_dates
from tests.builders import metadata, opening_events


def _stored(stream_id: str, events: list[DomainEvent]) -> list[StoredEvent]:
    return [StoredEvent(f"e-{n}", stream_id, n, n, event, metadata()) for n, event in enumerate(events, start=1)]


def test_an_invoices_changes_are_dated_by_its_invoice_date_and_its_issue_and_cancellation_too() -> None:
    opening: list[DomainEvent] = list(opening_events("inv-1"))
    approved = InvoiceApproved("inv-1", "HO/2024-25/000001", 1, 2024, datetime(2025, 1, 20, 20, 0, tzinfo=UTC))
    cancelled = InvoiceCancelled("inv-1", "keyed twice", datetime(2025, 2, 1, 4, 0, tzinfo=UTC))
    stream = _stored("inv-1", [*opening, approved, cancelled])

    assert set(document_dates(stream[: len(opening)], stream[: len(opening)])) == {("invoice_date", date(2025, 1, 15))}
    # 20:00 UTC on 20 January is 21 January in Dhaka.
    assert document_dates(stream[:-1], stream[-2:-1]) == [
        ("invoice_date", date(2025, 1, 15)), ("issued_at", date(2025, 1, 21)),
    ]  # fmt: skip
    assert document_dates(stream, stream[-1:]) == [
        ("invoice_date", date(2025, 1, 15)), ("issued_at", date(2025, 1, 21)), ("cancelled_at", date(2025, 2, 1)),
    ]  # fmt: skip


def test_printing_an_invoice_is_no_change_of_it() -> None:
    printed = InvoicePrinted("inv-1", (CopyKind.ORIGINAL,), Language.EN, "user-1", datetime(2025, 3, 1, tzinfo=UTC))

    assert InvoicePrinted not in LOCKED_EVENTS
    assert document_dates(_stored("inv-1", [printed]), []) == []


def test_what_becomes_of_a_receipt_is_dated_by_its_own_day() -> None:
    events: list[DomainEvent] = [
        AdvanceAllocated("rct-1", (Allocation("inv-1", Decimal(10)),), date(2026, 8, 1)),
        ChequeDeposited("rct-1", date(2026, 8, 2)),
        ChequeCleared("rct-1", date(2026, 8, 3)),
        ChequeBounced("rct-1", date(2026, 8, 4), "insufficient funds"),
        WithholdingCertificateRecorded("rct-1", "rct-1:1", "6.6/17", date(2026, 8, 5)),
        BalanceWrittenOff("inv-1", "party-1", Decimal("0.40"), date(2026, 8, 6), "rounding"),
    ]
    stream = _stored("rct-1", events)

    assert document_dates(stream, stream) == [
        ("date", date(2026, 8, 1)), ("date", date(2026, 8, 2)), ("date", date(2026, 8, 3)), ("date", date(2026, 8, 4)),
        ("certificate_date", date(2026, 8, 5)), ("date", date(2026, 8, 6)),
    ]  # fmt: skip
