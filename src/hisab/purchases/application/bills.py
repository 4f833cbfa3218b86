"""Bills received: recording one, the supplier's credit and debit notes against it, reading them back.

Recording a bill holds its supplier's invoice (EventStore.hold) and then looks, in the same transaction, for
a bill that records it already: two requests for one supplier's invoice are decided one after the other, and
the second is refused. The read model's unique index says it again, should anything get past. The serial is
taken last, after every rule passed, so a refused bill leaves no gap.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

from hisab.event_store.messages import Actor, DomainEvent, StoredEvent
from hisab.event_store.ports import Transaction
from hisab.event_store.streams import Idempotency
from hisab.invoicing.application.queries import ensure_plausible_id
from hisab.invoicing.domain.party import PartyKind
from hisab.kernel.errors import ConflictError, InvalidInputError, NotFoundError, Violation
from hisab.kernel.fiscal_year import BANGLADESH_TIME, FiscalYear
from hisab.kernel.handler_telemetry import traced_handler
from hisab.purchases.application.bill_ports import BillFilter, BillPage
from hisab.purchases.application.bill_views import BillView, project_bill
from hisab.purchases.application.dependencies import Purchases
from hisab.purchases.domain.bill import Bill
from hisab.purchases.domain.bills import BillInput, ValidBill, open_bill, validate_bill
from hisab.purchases.domain.events import BillRecorded, SupplierSnapshot
from hisab.purchases.domain.numbering import bill_series, format_bill_number, supplier_invoice_hold_key
from hisab.purchases.domain.supplier_notes import SupplierNoteInput, decide_supplier_note

NOUN = "bill"


@dataclass(frozen=True, slots=True)
class RecordBill:
    request: BillInput
    idempotency_key: str | None = None


@dataclass(frozen=True, slots=True)
class RecordSupplierNote:
    bill_id: str
    request: SupplierNoteInput
    expected_version: int | None = None


class DuplicateSupplierInvoiceError(ConflictError):
    """The supplier's invoice is recorded already, as another bill; `field` is the input that names it."""

    field = "supplier_invoice_number"


def _bill_id(view: BillView) -> str:
    return view.bill_id


def _named(command: RecordSupplierNote) -> str:
    return command.bill_id


@traced_handler("record_bill", NOUN, found_in=_bill_id)
async def record_bill(command: RecordBill, actor: Actor, purchases: Purchases) -> BillView:
    """Record a bill; with an Idempotency-Key, a retry gets the bill the first request recorded."""
    today = _today(purchases)
    bill_id = purchases.new_id()
    bill = validate_bill(command.request, purchases.rates, today, bill_id)
    supplier, credit_days = await _supplier(bill.supplier_party_id, actor, purchases)
    await _check_items(bill, actor, purchases)
    due_date = bill.due_date or bill.received_date + timedelta(days=credit_days)

    async def decide(transaction: Transaction[Any], history: list[StoredEvent]) -> Sequence[DomainEvent]:
        tenant = actor.tenant_id
        number = bill.supplier_invoice_number
        await transaction.events.hold(tenant, supplier_invoice_hold_key(supplier.party_id, number))
        taken = await purchases.bill_tables.bill_number_of_supplier_invoice(
            transaction.tables, tenant, supplier.party_id, number
        )
        if taken is not None:
            raise duplicate_supplier_invoice(supplier.name, number, taken)
        policy = await purchases.taxpayer.settings.get_within(transaction.tables, tenant)
        fiscal_year = FiscalYear.of(bill.received_date)
        serial = await transaction.counters.next_value(tenant, bill_series(fiscal_year))
        numbered = (format_bill_number(fiscal_year, serial), serial, fiscal_year.start_year)
        return [open_bill(bill, supplier, due_date, policy, numbered)]

    key = command.idempotency_key
    idempotency = Idempotency(key, _fingerprint(command.request)) if key is not None else None
    recorded = await purchases.streams.start(actor, lambda: bill_id, decide, idempotency)
    return project_bill(recorded.stream)


def duplicate_supplier_invoice(supplier: str, number: str, bill_number: str | None) -> DuplicateSupplierInvoiceError:
    recorded_as = f" as bill {bill_number}" if bill_number else ""
    return DuplicateSupplierInvoiceError(f"{supplier}'s invoice {number} is already recorded{recorded_as}")


def _fingerprint(request: BillInput) -> str:
    """A digest of the request, to tell a retry from another request under the same key."""
    canonical = json.dumps(asdict(request), default=str, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


async def _supplier(party_id: str, actor: Actor, purchases: Purchases) -> tuple[SupplierSnapshot, int]:
    """The supplier as the bill keeps it, and its credit days (the default due date's)."""
    party = await purchases.invoicing.parties.get(actor.tenant_id, party_id)
    if party is None or not party.active or PartyKind.SUPPLIER not in party.details.kinds:
        raise InvalidInputError.single(
            "supplier_party_id", "supplier_party", "no active supplier party of this tenant has that id"
        )
    details = party.details
    snapshot = SupplierSnapshot(party.party_id, details.legal_name, details.address, details.bin, details.tin,
                                details.nid)  # fmt: skip
    return snapshot, details.credit_days


async def _check_items(bill: ValidBill, actor: Actor, purchases: Purchases) -> None:
    """A line naming an item names one of the tenant's registered items (the purchase book is kept by item)."""
    named = {line.item_id for line in bill.lines if line.item_id is not None}
    if not named:
        return
    found = await purchases.invoicing.items.get_many(actor.tenant_id, sorted(named))
    unknown = [
        Violation(f"lines[{line.position - 1}].item_id", "item", "no registered item of this tenant has that id")
        for line in bill.lines
        if line.item_id is not None and line.item_id not in found
    ]
    if unknown:
        raise InvalidInputError(unknown)


@traced_handler("record_supplier_note", NOUN, named_by=_named, found_in=_bill_id)
async def record_supplier_note(command: RecordSupplierNote, actor: Actor, purchases: Purchases) -> BillView:
    """A supplier's credit or debit note on the bill's stream, decided against the bill and every earlier note."""
    ensure_plausible_id(command.bill_id, NOUN)
    today = _today(purchases)
    note_id = purchases.new_id()

    async def decide(transaction: Transaction[Any], history: list[StoredEvent]) -> Sequence[DomainEvent]:
        if not isinstance(history[0].event, BillRecorded):
            raise NotFoundError(f"bill {command.bill_id} not found")
        bill = Bill.from_events(s.event for s in history)
        return [decide_supplier_note(bill, command.request, note_id, today)]

    recorded = await purchases.streams.change(
        actor, command.bill_id, decide, noun=NOUN, expected_version=command.expected_version, exclusive=True
    )
    return project_bill(recorded.stream)


async def get_bill(bill_id: str, actor: Actor, purchases: Purchases) -> BillView:
    ensure_plausible_id(bill_id, NOUN)
    view = await purchases.bills.get(actor.tenant_id, bill_id)
    if view is None:
        raise NotFoundError(f"bill {bill_id} not found")
    return view


async def list_bills(
    filter: BillFilter, first: int, after_sequence: int | None, actor: Actor, purchases: Purchases
) -> BillPage:
    if filter.date_from is not None and filter.date_to is not None and filter.date_from > filter.date_to:
        raise InvalidInputError.single("filter.to", "after_from", "the filter's end is before its start")
    return await purchases.bills.list(actor.tenant_id, filter, first, after_sequence)


def _today(purchases: Purchases) -> date:
    return purchases.clock().astimezone(BANGLADESH_TIME).date()
