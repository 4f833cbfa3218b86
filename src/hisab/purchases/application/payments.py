"""Payments to suppliers and deposits of what they withheld: recording them, and reading them back.

A payment holds each bill it settles (EventStore.hold on the bill's stream, in the order of their
ids, so two payments of the same bills never wait for each other), reads the bills from their
streams and what earlier payments settled of them from the read model, as the transaction sees
them, and only then decides: two payments racing for one bill are decided one after the other and
together never settle more than it owes, nor withhold its VDS twice. The payment's serial and the
Mushak-6.6's are taken after every rule passed, in the same transaction: a refused payment takes
neither. A deposit holds its kind's payable the same way.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from hisab.event_store.messages import Actor, DomainEvent, StoredEvent
from hisab.event_store.ports import Transaction
from hisab.event_store.streams import Idempotency
from hisab.invoicing.application.queries import ensure_plausible_id
from hisab.invoicing.domain.party import PartyKind
from hisab.kernel.errors import InvalidInputError, NotFoundError
from hisab.kernel.fiscal_year import BANGLADESH_TIME, FiscalYear
from hisab.kernel.handler_telemetry import traced_handler
from hisab.purchases.application.payment_dependencies import Payments
from hisab.purchases.application.payment_views import (
    CertificateView,
    DepositView,
    PaymentView,
    WithholdingPayable,
    project_deposit,
    project_payment,
)
from hisab.purchases.domain.bill import Bill
from hisab.purchases.domain.events import (
    BillRecorded,
    PaymentRecorded,
    SupplierSnapshot,
    VdsCertificate,
    WithholdingDepositRecorded,
)
from hisab.purchases.domain.payment_numbering import (
    bill_hold_key,
    certificate_series,
    deposits_hold_key,
    format_certificate_number,
    format_payment_number,
    payment_series,
)
from hisab.purchases.domain.payments import (
    DepositRequest,
    PaymentDecision,
    PaymentRequest,
    ValidPayment,
    WithholdingPolicy,
    check_deposit,
    decide_payment,
    validate_deposit,
    validate_payment,
)

NOUN = "payment"


@dataclass(frozen=True, slots=True)
class RecordPayment:
    request: PaymentRequest
    idempotency_key: str | None = None


@dataclass(frozen=True, slots=True)
class RecordDeposit:
    request: DepositRequest
    idempotency_key: str | None = None


def _payment_id(view: PaymentView) -> str:
    return view.payment_id


def _deposit_id(view: DepositView) -> str:
    return view.deposit_id


@traced_handler("record_payment", NOUN, found_in=_payment_id)
async def record_payment(command: RecordPayment, actor: Actor, payments: Payments) -> PaymentView:
    """Record a payment; with an Idempotency-Key, a retry gets the payment the first request recorded."""
    payment = validate_payment(command.request, today(payments))
    supplier = await _supplier(payment.supplier_party_id, actor, payments)
    payment_id = payments.new_id()

    async def decide(transaction: Transaction[Any], history: list[StoredEvent]) -> Sequence[DomainEvent]:
        ordered = sorted(payment.bill_ids)
        for bill_id in ordered:
            await transaction.events.hold(actor.tenant_id, bill_hold_key(bill_id))
        bills = {bill_id: bill for bill_id in ordered if (bill := await _bill(transaction, actor, bill_id))}
        settled = await payments.tables.settled_within(transaction.tables, actor.tenant_id, ordered)
        settings = await payments.taxpayer.settings.get_within(transaction.tables, actor.tenant_id)
        policy = WithholdingPolicy(settings.withholding_entity, payments.rates)
        decision = decide_payment(payment, bills, settled, policy, payment_id)
        return [await _recorded(transaction, actor, payments, payment_id, payment, supplier, decision)]

    key = command.idempotency_key
    idempotency = Idempotency(key, _fingerprint(command.request)) if key is not None else None
    recorded = await payments.streams.start(actor, lambda: payment_id, decide, idempotency)
    return project_payment(recorded.stream)


async def _recorded(
    transaction: Transaction[Any],
    actor: Actor,
    payments: Payments,
    payment_id: str,
    payment: ValidPayment,
    supplier: SupplierSnapshot,
    decision: PaymentDecision,
) -> PaymentRecorded:
    """The payment's event, numbered now that every rule passed; with its Mushak-6.6 when it withholds VDS."""
    fiscal_year = FiscalYear.of(payment.payment_date)
    counters = transaction.counters
    serial = await counters.next_value(actor.tenant_id, payment_series(fiscal_year))
    certificate = None
    if decision.certificate_rows:
        number = await counters.next_value(actor.tenant_id, certificate_series(fiscal_year))
        certificate = VdsCertificate(
            f"{payment_id}:6.6", format_certificate_number(payments.issuing_unit, fiscal_year, number), number,
            fiscal_year.start_year, payment.payment_date, decision.certificate_rows,
        )  # fmt: skip
    return PaymentRecorded(
        payment_id, format_payment_number(fiscal_year, serial), serial, fiscal_year.start_year, supplier,
        payment.payment_date, payment.method.value, payment.amount, payment.paid_from_account_code, payment.reference,
        payment.allocations, decision.withholdings, decision.credit_reversals, certificate,
    )  # fmt: skip


async def _bill(transaction: Transaction[Any], actor: Actor, bill_id: str) -> Bill | None:
    """The bill as its stream stands in this transaction; None when the tenant has no bill of that id."""
    stream = await transaction.events.read_stream(actor.tenant_id, bill_id)
    if not stream or not isinstance(stream[0].event, BillRecorded):
        return None
    return Bill.from_events(s.event for s in stream)


async def _supplier(party_id: str, actor: Actor, payments: Payments) -> SupplierSnapshot:
    party = await payments.parties.get(actor.tenant_id, party_id)
    if party is None or not party.active or PartyKind.SUPPLIER not in party.details.kinds:
        raise InvalidInputError.single(
            "supplier_party_id", "supplier_party", "no active supplier party of this tenant has that id"
        )
    details = party.details
    return SupplierSnapshot(party.party_id, details.legal_name, details.address, details.bin, details.tin, details.nid)


def _fingerprint(request: PaymentRequest | DepositRequest) -> str:
    """A digest of the request, to tell a retry from another request under the same key."""
    canonical = json.dumps(asdict(request), default=str, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


@traced_handler("record_withholding_deposit", "deposit", found_in=_deposit_id)
async def record_withholding_deposit(command: RecordDeposit, actor: Actor, payments: Payments) -> DepositView:
    """Withheld tax paid to the treasury by challan: at most what is withheld of its kind and not yet deposited."""
    deposit = validate_deposit(command.request, today(payments))
    deposit_id = payments.new_id()

    async def decide(transaction: Transaction[Any], history: list[StoredEvent]) -> Sequence[DomainEvent]:
        await transaction.events.hold(actor.tenant_id, deposits_hold_key(deposit.kind.value))
        payable = await payments.tables.payable_within(transaction.tables, actor.tenant_id, deposit.kind)
        check_deposit(deposit.amount, deposit.kind, payable.outstanding)
        return [
            WithholdingDepositRecorded(
                deposit_id, deposit.kind, deposit.challan_number, deposit.deposit_date, deposit.amount,
                deposit.paid_from_account_code,
            )
        ]  # fmt: skip

    key = command.idempotency_key
    idempotency = Idempotency(key, _fingerprint(command.request)) if key is not None else None
    recorded = await payments.streams.start(actor, lambda: deposit_id, decide, idempotency)
    return project_deposit(recorded.stream[0])


async def get_payment(payment_id: str, actor: Actor, payments: Payments) -> PaymentView:
    ensure_plausible_id(payment_id, NOUN)
    view = await payments.queries.payment(actor.tenant_id, payment_id)
    if view is None:
        raise NotFoundError(f"payment {payment_id} not found")
    return view


async def get_certificate(certificate_id: str, actor: Actor, payments: Payments) -> CertificateView:
    ensure_plausible_id(certificate_id, "VDS certificate")
    view = await payments.queries.certificate(actor.tenant_id, certificate_id)
    if view is None:
        raise NotFoundError(f"VDS certificate {certificate_id} not found")
    return view


async def withholding_payables(actor: Actor, payments: Payments) -> list[WithholdingPayable]:
    return await payments.queries.withholding_payables(actor.tenant_id)


def today(payments: Payments) -> date:
    return payments.clock().astimezone(BANGLADESH_TIME).date()
