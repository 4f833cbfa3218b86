"""Receipts: recording one, applying its advance, a cheque's life, reversing, certificates, write-offs.

Whatever settles an invoice (an allocation, a withholding, a write-off) holds the invoice first
(EventStore.hold) and then reads what it owes from the balances as the transaction sees them, so
that two receipts racing for one invoice are decided one after the other and together never settle
more than it owes. Invoices are held in the order of their ids, so two receipts holding the same
invoices can never wait for each other.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date
from typing import Any

from hisab.event_store.messages import Actor, DomainEvent, StoredEvent
from hisab.event_store.ports import Transaction
from hisab.event_store.streams import Idempotency
from hisab.invoicing.application.queries import ensure_plausible_id
from hisab.invoicing.domain.party import PartyKind
from hisab.invoicing.domain.rules import Collector
from hisab.kernel.errors import InvalidInputError, NotFoundError
from hisab.kernel.fiscal_year import BANGLADESH_TIME, FiscalYear
from hisab.kernel.handler_telemetry import traced_handler
from hisab.receivables.application.dependencies import Receivables
from hisab.receivables.application.views import ReceiptView, project_receipt
from hisab.receivables.domain.balances import InvoiceBalance, check_settlements, check_write_off
from hisab.receivables.domain.events import BalanceWrittenOff
from hisab.receivables.domain.numbering import (
    format_receipt_number,
    invoice_hold_key,
    receipt_series,
    write_off_stream_id,
)
from hisab.receivables.domain.receipts import (
    MAX_REASON,
    AllocationInput,
    Receipt,
    ReceiptRequest,
    ValidReceipt,
    open_receipt,
    validate_allocations,
    validate_receipt,
)

NOUN = "receipt"


@dataclass(frozen=True, slots=True)
class RecordReceipt:
    request: ReceiptRequest
    idempotency_key: str | None = None


@dataclass(frozen=True, slots=True)
class AllocateAdvance:
    receipt_id: str
    allocations: tuple[AllocationInput, ...]
    expected_version: int | None = None


@dataclass(frozen=True, slots=True)
class ChangeReceipt:
    """Deposit, clear, bounce or reverse: what happens to a receipt, on a day, for a reason when it needs one."""

    receipt_id: str
    on: date | None = None
    reason: str = ""
    expected_version: int | None = None


@dataclass(frozen=True, slots=True)
class RecordCertificate:
    withholding_id: str
    certificate_number: str
    certificate_date: date


@dataclass(frozen=True, slots=True)
class WriteOffBalance:
    invoice_id: str
    reason: str


def _receipt_id(view: ReceiptView) -> str:
    return view.receipt_id


def _named(command: AllocateAdvance | ChangeReceipt) -> str:
    return command.receipt_id


@traced_handler("record_receipt", NOUN, found_in=_receipt_id)
async def record_receipt(command: RecordReceipt, actor: Actor, receivables: Receivables) -> ReceiptView:
    """Record a receipt; with an Idempotency-Key, a retry gets the receipt the first request recorded."""
    today = _today(receivables)
    request = await _with_customer(command.request, actor, receivables)
    receipt = validate_receipt(request, today)
    receipt_id = receivables.new_id()

    async def decide(transaction: Transaction[Any], history: list[StoredEvent]) -> Sequence[DomainEvent]:
        balances = await _held_balances(transaction, actor, receivables, receipt.invoice_ids)
        named = _as_registered(receipt, balances.values())
        customer = (named.customer_id, named.customer_party_id)
        check_settlements(balances, customer, named.allocations, named.withholdings)
        fiscal_year = FiscalYear.of(receipt.receipt_date)
        serial = await transaction.counters.next_value(actor.tenant_id, receipt_series(fiscal_year))
        number = format_receipt_number(fiscal_year, serial)
        return [open_receipt(receipt_id, named, number, serial, fiscal_year.start_year)]

    key = command.idempotency_key
    idempotency = Idempotency(key, _fingerprint(command.request)) if key is not None else None
    recorded = await receivables.streams.start(actor, lambda: receipt_id, decide, idempotency)
    return project_receipt(recorded.stream)


def _fingerprint(request: ReceiptRequest) -> str:
    """A digest of the request, to tell a retry from another request under the same key."""
    canonical = json.dumps(asdict(request), default=str, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


@traced_handler("allocate_advance", NOUN, named_by=_named, found_in=_receipt_id)
async def allocate_advance(command: AllocateAdvance, actor: Actor, receivables: Receivables) -> ReceiptView:
    ensure_plausible_id(command.receipt_id, NOUN)
    allocations = validate_allocations(command.allocations)
    today = _today(receivables)

    async def decide(transaction: Transaction[Any], history: list[StoredEvent]) -> Sequence[DomainEvent]:
        receipt = Receipt.from_events(command.receipt_id, (s.event for s in history))
        event = receipt.allocate_advance(allocations, today)
        assert receipt.recorded is not None
        balances = await _held_balances(transaction, actor, receivables, {a.invoice_id for a in allocations})
        customer = (receipt.recorded.customer_id, receipt.recorded.customer_party_id)
        check_settlements(balances, customer, allocations, ())
        return [event]

    return await _change(command.receipt_id, command.expected_version, decide, actor, receivables)


@traced_handler("deposit_cheque", NOUN, named_by=_named, found_in=_receipt_id)
async def deposit_cheque(command: ChangeReceipt, actor: Actor, receivables: Receivables) -> ReceiptView:
    on = command.on or _today(receivables)
    return await _simple(command, actor, receivables, lambda receipt: receipt.deposit(on))


@traced_handler("clear_cheque", NOUN, named_by=_named, found_in=_receipt_id)
async def clear_cheque(command: ChangeReceipt, actor: Actor, receivables: Receivables) -> ReceiptView:
    on = command.on or _today(receivables)
    return await _simple(command, actor, receivables, lambda receipt: receipt.clear(on))


@traced_handler("bounce_cheque", NOUN, named_by=_named, found_in=_receipt_id)
async def bounce_cheque(command: ChangeReceipt, actor: Actor, receivables: Receivables) -> ReceiptView:
    on = command.on or _today(receivables)
    return await _simple(command, actor, receivables, lambda receipt: receipt.bounce(on, command.reason))


@traced_handler("reverse_receipt", NOUN, named_by=_named, found_in=_receipt_id)
async def reverse_receipt(command: ChangeReceipt, actor: Actor, receivables: Receivables) -> ReceiptView:
    on = command.on or _today(receivables)
    return await _simple(command, actor, receivables, lambda receipt: receipt.reverse(on, command.reason))


@traced_handler("record_withholding_certificate", NOUN, found_in=_receipt_id)
async def record_withholding_certificate(
    command: RecordCertificate, actor: Actor, receivables: Receivables
) -> ReceiptView:
    receipt_id = command.withholding_id.rpartition(":")[0]
    if not receipt_id:
        raise NotFoundError("withholding not found")
    ensure_plausible_id(receipt_id, "withholding")
    if command.certificate_date > _today(receivables):
        raise InvalidInputError.single("certificate_date", "not_in_future", "the certificate's date is after today")

    async def decide(transaction: Transaction[Any], history: list[StoredEvent]) -> Sequence[DomainEvent]:
        receipt = Receipt.from_events(receipt_id, (s.event for s in history))
        if command.withholding_id not in receipt.withholdings:
            raise NotFoundError(f"withholding {command.withholding_id} not found")
        return [
            receipt.record_certificate(command.withholding_id, command.certificate_number, command.certificate_date)
        ]

    return await _change(receipt_id, None, decide, actor, receivables, noun="withholding")


async def write_off_balance(command: WriteOffBalance, actor: Actor, receivables: Receivables) -> InvoiceBalance:
    """Write off what is left of an invoice, when it is within the tenant's tolerance."""
    ensure_plausible_id(command.invoice_id)
    found = Collector()
    reason = found.required_text(command.reason, "reason", MAX_REASON, multiline=True, label="the reason")
    found.raise_any()
    today = _today(receivables)
    stream_id = write_off_stream_id(command.invoice_id)

    async def decide(transaction: Transaction[Any], history: list[StoredEvent]) -> Sequence[DomainEvent]:
        balances = await _held_balances(transaction, actor, receivables, {command.invoice_id})
        balance = balances.get(command.invoice_id)
        if balance is None or balance.cancelled:
            raise NotFoundError(f"no issued invoice {command.invoice_id}")
        policy = await receivables.invoicing.taxpayer.settings.get_within(transaction.tables, actor.tenant_id)
        amount = check_write_off(balance, policy.write_off_tolerance)
        party = balance.customer_party_id or balance.customer_id
        return [BalanceWrittenOff(command.invoice_id, party, amount, today, reason)]

    await receivables.streams.change(actor, stream_id, decide, noun="invoice", may_be_new=True)
    balances = await receivables.queries.balances(actor.tenant_id, [command.invoice_id])
    return balances[command.invoice_id]


async def get_receipt(receipt_id: str, actor: Actor, receivables: Receivables) -> ReceiptView:
    ensure_plausible_id(receipt_id, NOUN)
    view = await receivables.queries.receipt(actor.tenant_id, receipt_id)
    if view is None:
        raise NotFoundError(f"receipt {receipt_id} not found")
    return view


def _as_registered(receipt: ValidReceipt, balances: Iterable[InvoiceBalance]) -> ValidReceipt:
    """A receipt naming a customer by its id, for invoices of one registered party of that id, is that party's:
    so the customer's account in the books is one, however the receipt named it."""
    if receipt.customer_party_id is not None:
        return receipt
    parties = {b.customer_party_id for b in balances if b.customer_id == receipt.customer_id}
    if len(parties) != 1 or None in parties:
        return receipt
    return replace(receipt, customer_party_id=parties.pop())


async def _held_balances(
    transaction: Transaction[Any], actor: Actor, receivables: Receivables, invoice_ids: Iterable[str]
) -> dict[str, InvoiceBalance]:
    ordered = sorted(set(invoice_ids))
    for invoice_id in ordered:
        await transaction.events.hold(actor.tenant_id, invoice_hold_key(invoice_id))
    return await receivables.tables.balances_within(transaction.tables, actor.tenant_id, ordered)


async def _with_customer(request: ReceiptRequest, actor: Actor, receivables: Receivables) -> ReceiptRequest:
    """A registered customer party names the receipt's customer by its code, unless a customer id is given too."""
    party_id = request.customer_party_id
    if party_id is None:
        return request
    party = await receivables.invoicing.parties.get(actor.tenant_id, party_id) if party_id.strip() else None
    if party is None or not party.active or PartyKind.CUSTOMER not in party.details.kinds:
        raise InvalidInputError.single(
            "customer_party_id", "customer_party", "no active customer party of this tenant has that id"
        )
    return replace(request, customer_id=request.customer_id or party.details.code)


async def _simple(command: ChangeReceipt, actor: Actor, receivables: Receivables, change: Any) -> ReceiptView:
    ensure_plausible_id(command.receipt_id, NOUN)
    today = _today(receivables)
    if command.on is not None and command.on > today:
        raise InvalidInputError.single(
            "date", "not_in_future", f"the date {command.on} is after today ({today} in Dhaka)"
        )

    async def decide(transaction: Transaction[Any], history: list[StoredEvent]) -> Sequence[DomainEvent]:
        receipt = Receipt.from_events(command.receipt_id, (s.event for s in history))
        return [change(receipt)]

    return await _change(command.receipt_id, command.expected_version, decide, actor, receivables)


async def _change(
    receipt_id: str,
    expected_version: int | None,
    decide: Any,
    actor: Actor,
    receivables: Receivables,
    *,
    noun: str = NOUN,
) -> ReceiptView:
    recorded = await receivables.streams.change(
        actor, receipt_id, decide, noun=noun, expected_version=expected_version, exclusive=True
    )
    return project_receipt(recorded.stream)


def _today(receivables: Receivables) -> date:
    return receivables.clock().astimezone(BANGLADESH_TIME).date()
