"""A receipt from a customer: how the money came, what it settles, and its lifecycle.

A receipt records the money received (by bank transfer, cheque, cash, card or a mobile wallet),
how much of it settles which invoices (allocations), and the tax the customer withheld from what
it paid (VDS and AIT, each against one invoice). What is not allocated is the customer's advance,
applied later. A cheque is RECEIVED, then DEPOSITED, then CLEARED or BOUNCED; a bounce or a
reversal undoes everything the receipt settled, and the invoices owe it again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum

from hisab.event_store.messages import DomainEvent
from hisab.invoicing.domain.party import normalise_phone
from hisab.invoicing.domain.rules import MAX_PRICE_PLACES, Collector
from hisab.kernel.errors import IllegalTransitionError, InvalidInputError
from hisab.kernel.money import AMOUNT_CEILING, ZERO
from hisab.kernel.text import is_clean_identifier
from hisab.receivables.domain.events import (
    AdvanceAllocated,
    Allocation,
    Cheque,
    ChequeBounced,
    ChequeCleared,
    ChequeDeposited,
    ReceiptRecorded,
    ReceiptReversed,
    Wallet,
    Withholding,
    WithholdingCertificateRecorded,
)

MAX_TEXT = 100
MAX_REASON = 500
MAX_SETTLEMENTS = 500
# s.46(1)(ka): a buyer who pays more than Tk 1,00,000 for a supply wholly outside a bank or
# mobile-banking channel takes no input-tax credit (bangladesh-vat-returns.md §0 C4, CERTAIN).
CASH_CREDIT_LIMIT = Decimal(100_000)


class ReceiptMethod(StrEnum):
    BANK_TRANSFER = "BANK_TRANSFER"
    CHEQUE = "CHEQUE"
    CASH = "CASH"
    MOBILE_WALLET = "MOBILE_WALLET"
    CARD = "CARD"


class WalletProvider(StrEnum):
    BKASH = "BKASH"
    NAGAD = "NAGAD"
    ROCKET = "ROCKET"
    UPAY = "UPAY"


class WithholdingKind(StrEnum):
    # VAT deducted at source: evidenced by the customer's Mushak-6.6.
    VDS = "VDS"
    # Advance income tax deducted at source, with the customer's certificate.
    AIT = "AIT"


class ReceiptStatus(StrEnum):
    COMPLETED = "COMPLETED"
    RECEIVED = "RECEIVED"
    DEPOSITED = "DEPOSITED"
    CLEARED = "CLEARED"
    BOUNCED = "BOUNCED"
    REVERSED = "REVERSED"


@dataclass(frozen=True, slots=True)
class ChequeInput:
    number: str | None
    bank: str | None
    branch: str | None
    cheque_date: date | None


@dataclass(frozen=True, slots=True)
class WalletInput:
    provider: str | None
    msisdn: str | None
    transaction_id: str | None


@dataclass(frozen=True, slots=True)
class AllocationInput:
    invoice_id: str
    amount: Decimal


@dataclass(frozen=True, slots=True)
class WithholdingInput:
    invoice_id: str
    kind: str
    amount: Decimal
    certificate_number: str | None = None
    certificate_date: date | None = None


@dataclass(frozen=True, slots=True)
class ReceiptRequest:
    customer_id: str
    customer_party_id: str | None
    # None: today, in Dhaka.
    receipt_date: date | None
    method: str
    amount: Decimal
    deposit_account_code: str | None
    reference: str | None
    cheque: ChequeInput | None
    wallet: WalletInput | None
    allocations: tuple[AllocationInput, ...] = ()
    withholdings: tuple[WithholdingInput, ...] = ()


@dataclass(frozen=True, slots=True)
class ValidReceipt:
    customer_id: str
    customer_party_id: str | None
    receipt_date: date
    method: ReceiptMethod
    amount: Decimal
    deposit_account_code: str | None
    reference: str | None
    cheque: Cheque | None
    wallet: Wallet | None
    allocations: tuple[Allocation, ...]
    withholdings: tuple[WithholdingInput, ...]

    @property
    def invoice_ids(self) -> frozenset[str]:
        return frozenset(a.invoice_id for a in self.allocations) | {w.invoice_id for w in self.withholdings}


def validate_receipt(request: ReceiptRequest, today: date) -> ValidReceipt:
    """The receipt's own rules (what the invoices still owe is checked against their balances)."""
    found = Collector()
    day = request.receipt_date or today
    if day > today:
        found.add("date", "not_in_future", f"the receipt's date {day} is after today ({today} in Dhaka)")
    customer = found.required_text(request.customer_id, "customer_id", MAX_TEXT, label="the customer")
    method = _method(request.method, found)
    amount = _money(request.amount, "amount", found, positive=True)
    account = found.coded(request.deposit_account_code, "deposit_account_code", _ACCOUNT, _ACCOUNT_RULE)
    reference = found.optional_text(request.reference, "reference", MAX_TEXT)
    cheque = _cheque(request.cheque, method, found)
    wallet = _wallet(request.wallet, method, found)
    allocations = _allocations(request.allocations, "allocations", found)
    withholdings = _withholdings(request.withholdings, found)
    if amount is not None and sum((a.amount for a in allocations), ZERO) > amount:
        found.add("allocations", "more_than_received", f"the allocations add up to more than the {amount} received")
    found.raise_any()
    assert method is not None
    assert amount is not None
    return ValidReceipt(
        customer, request.customer_party_id, day, method, amount, account, reference, cheque, wallet,
        allocations, withholdings,
    )  # fmt: skip


_ACCOUNT = re.compile(r"[A-Za-z0-9.\-]{1,20}")
_ACCOUNT_RULE = "an account code is 1 to 20 letters, digits, dots or hyphens"


def _method(raw: str, found: Collector) -> ReceiptMethod | None:
    try:
        return ReceiptMethod(raw)
    except ValueError:
        found.add("method", "method", f"the method is one of {', '.join(ReceiptMethod)}")
        return None


def _money(value: Decimal, field: str, found: Collector, *, positive: bool) -> Decimal | None:
    if found.decimal(value, field, places=MAX_PRICE_PLACES, positive=positive, ceiling=AMOUNT_CEILING):
        return value.quantize(Decimal("0.01"))
    return None


def _cheque(given: ChequeInput | None, method: ReceiptMethod | None, found: Collector) -> Cheque | None:
    if method is not ReceiptMethod.CHEQUE:
        if given is not None:
            found.add("cheque", "cheque_only", "cheque details belong to a receipt by CHEQUE")
        return None
    if given is None:
        found.add("cheque", "required", "a receipt by CHEQUE needs the cheque's number, bank and date")
        return None
    number = found.required_text(given.number, "cheque.number", 30, label="the cheque number")
    bank = found.required_text(given.bank, "cheque.bank", MAX_TEXT, label="the bank")
    branch = found.optional_text(given.branch, "cheque.branch", MAX_TEXT)
    if given.cheque_date is None:
        found.add("cheque.cheque_date", "required", "the cheque's date is required")
        return None
    return Cheque(number, bank, branch, given.cheque_date)


def _wallet(given: WalletInput | None, method: ReceiptMethod | None, found: Collector) -> Wallet | None:
    if method is not ReceiptMethod.MOBILE_WALLET:
        if given is not None:
            found.add("wallet", "wallet_only", "wallet details belong to a receipt by MOBILE_WALLET")
        return None
    if given is None:
        found.add("wallet", "required", "a receipt by MOBILE_WALLET needs the provider, number and transaction id")
        return None
    provider = given.provider or ""
    if provider not in set(WalletProvider):
        found.add("wallet.provider", "provider", f"the provider is one of {', '.join(WalletProvider)}")
    msisdn = normalise_phone((given.msisdn or "").strip())
    if msisdn is None:
        found.add("wallet.msisdn", "msisdn_format", "a wallet is a Bangladeshi mobile number: 01[3-9] and 8 digits")
    transaction = found.required_text(given.transaction_id, "wallet.transaction_id", 50, label="the transaction id")
    if msisdn is None or provider not in set(WalletProvider):
        return None
    return Wallet(provider, msisdn, transaction.upper())


def validate_allocations(given: Iterable[AllocationInput]) -> tuple[Allocation, ...]:
    """An advance's allocations, checked as a receipt's are."""
    found = Collector()
    allocations = _allocations(given, "allocations", found)
    found.raise_any()
    return allocations


def _allocations(given: Iterable[AllocationInput], path: str, found: Collector) -> tuple[Allocation, ...]:
    allocations: list[Allocation] = []
    seen: set[str] = set()
    for index, each in enumerate(given):
        if index >= MAX_SETTLEMENTS:
            found.add(path, "max_items", f"at most {MAX_SETTLEMENTS} allocations")
            break
        amount = _money(each.amount, f"{path}[{index}].amount", found, positive=True)
        if not is_clean_identifier(each.invoice_id):
            found.add(f"{path}[{index}].invoice_id", "invoice", "no issued tax invoice of this tenant has that id")
            continue
        if each.invoice_id in seen:
            found.add(f"{path}[{index}].invoice_id", "duplicate_invoice", "an invoice is allocated to once per receipt")
        seen.add(each.invoice_id)
        if amount is not None:
            allocations.append(Allocation(each.invoice_id, amount))
    return tuple(allocations)


def _withholdings(given: Iterable[WithholdingInput], found: Collector) -> tuple[WithholdingInput, ...]:
    kept: list[WithholdingInput] = []
    seen: set[tuple[str, str]] = set()
    for index, each in enumerate(given):
        path = f"withheld[{index}]"
        if index >= MAX_SETTLEMENTS:
            found.add("withheld", "max_items", f"at most {MAX_SETTLEMENTS} withholdings")
            break
        if each.kind not in set(WithholdingKind):
            found.add(f"{path}.kind", "kind", "a withholding is VDS or AIT")
        amount = _money(each.amount, f"{path}.amount", found, positive=True)
        if not is_clean_identifier(each.invoice_id):
            found.add(f"{path}.invoice_id", "invoice", "no issued tax invoice of this tenant has that id")
            continue
        if (each.invoice_id, each.kind) in seen:
            found.add(
                f"{path}.invoice_id", "duplicate_invoice", f"{each.kind} on an invoice is withheld once per receipt"
            )
        seen.add((each.invoice_id, each.kind))
        number = found.optional_text(each.certificate_number, f"{path}.certificate_number", 50)
        if (number is None) != (each.certificate_date is None):
            found.add(f"{path}.certificate_date", "certificate", "a certificate has both its number and its date")
        if amount is not None:
            kept.append(replace(each, amount=amount, certificate_number=number))
    return tuple(kept)


def cash_warnings(method: ReceiptMethod, amount: Decimal) -> tuple[str, ...]:
    if method is ReceiptMethod.CASH and amount > CASH_CREDIT_LIMIT:
        return (
            f"more than {CASH_CREDIT_LIMIT:,.0f} Taka received in cash: the buyer takes no input-tax credit for a "
            "supply paid wholly outside a bank or mobile-banking channel (s.46(1)(ka))",
        )
    return ()


def open_receipt(receipt_id: str, receipt: ValidReceipt, number: str, serial: int, fiscal_year: int) -> ReceiptRecorded:
    withholdings = tuple(
        Withholding(f"{receipt_id}:{n}", w.invoice_id, w.kind, w.amount, w.certificate_number, w.certificate_date)
        for n, w in enumerate(receipt.withholdings, start=1)
    )
    return ReceiptRecorded(
        receipt_id, number, serial, fiscal_year, receipt.customer_id, receipt.customer_party_id,
        receipt.receipt_date, receipt.method.value, receipt.amount, receipt.deposit_account_code, receipt.reference,
        receipt.cheque, receipt.wallet, receipt.allocations, withholdings,
    )  # fmt: skip


@dataclass(slots=True)
class Receipt:
    receipt_id: str
    version: int = 0
    recorded: ReceiptRecorded | None = None
    status: ReceiptStatus = ReceiptStatus.COMPLETED
    allocations: list[Allocation] = field(default_factory=list)
    withholdings: dict[str, Withholding] = field(default_factory=dict)
    # The last day anything of it was settled or changed: a bounce or reversal, which undoes all of it,
    # is not dated before it (nor is a clearing before the deposit).
    last_dated: date = date.min
    deposited_on: date | None = None

    @classmethod
    def from_events(cls, receipt_id: str, events: Iterable[DomainEvent]) -> Receipt:
        receipt = cls(receipt_id)
        for event in events:
            receipt.apply(event)
        return receipt

    def apply(self, event: DomainEvent) -> None:
        match event:
            case ReceiptRecorded():
                self.recorded = event
                self.last_dated = event.receipt_date
                is_cheque = event.method == ReceiptMethod.CHEQUE
                self.status = ReceiptStatus.RECEIVED if is_cheque else ReceiptStatus.COMPLETED
                self.allocations = list(event.allocations)
                self.withholdings = {w.withholding_id: w for w in event.withholdings}
            case AdvanceAllocated():
                self.allocations.extend(event.allocations)
                self.last_dated = max(self.last_dated, event.allocated_on)
            case ChequeDeposited():
                self.status = ReceiptStatus.DEPOSITED
                self.deposited_on = event.deposited_on
                self.last_dated = max(self.last_dated, event.deposited_on)
            case ChequeCleared():
                self.status = ReceiptStatus.CLEARED
                self.last_dated = max(self.last_dated, event.cleared_on)
            case ChequeBounced():
                self.status = ReceiptStatus.BOUNCED
            case ReceiptReversed():
                self.status = ReceiptStatus.REVERSED
            case WithholdingCertificateRecorded():
                held = self.withholdings[event.withholding_id]
                self.withholdings[event.withholding_id] = replace(
                    held, certificate_number=event.certificate_number, certificate_date=event.certificate_date
                )
        self.version += 1

    @property
    def amount(self) -> Decimal:
        return self.recorded.amount if self.recorded else ZERO

    @property
    def allocated(self) -> Decimal:
        return sum((a.amount for a in self.allocations), ZERO)

    @property
    def unallocated(self) -> Decimal:
        return self.amount - self.allocated

    @property
    def undone(self) -> bool:
        """Bounced or reversed: it settles nothing any more."""
        return self.status in (ReceiptStatus.BOUNCED, ReceiptStatus.REVERSED)

    def ensure_standing(self, doing: str) -> None:
        if self.undone:
            raise IllegalTransitionError(f"the receipt is {self.status}: it cannot be {doing}")

    def allocate_advance(self, allocations: tuple[Allocation, ...], on: date) -> AdvanceAllocated:
        self.ensure_standing("allocated")
        total = sum((a.amount for a in allocations), ZERO)
        if not allocations:
            raise InvalidInputError.single("allocations", "min_items", "allocate to at least one invoice")
        if total > self.unallocated:
            raise InvalidInputError.single(
                "allocations", "more_than_unallocated",
                f"the receipt has {self.unallocated} unallocated; the allocations add up to {total}",
            )  # fmt: skip
        return AdvanceAllocated(self.receipt_id, allocations, on)

    def deposit(self, on: date) -> ChequeDeposited:
        self._ensure_cheque(ReceiptStatus.RECEIVED, "deposited")
        assert self.recorded is not None
        self._not_before(on, self.recorded.receipt_date, "the receipt's date")
        return ChequeDeposited(self.receipt_id, on)

    def clear(self, on: date) -> ChequeCleared:
        self._ensure_cheque(ReceiptStatus.DEPOSITED, "cleared")
        assert self.deposited_on is not None
        self._not_before(on, self.deposited_on, "the deposit's date")
        return ChequeCleared(self.receipt_id, on)

    def bounce(self, on: date, reason: str) -> ChequeBounced:
        if self.recorded is None or self.recorded.method != ReceiptMethod.CHEQUE:
            raise IllegalTransitionError("only a receipt by cheque bounces; reverse any other receipt")
        if self.status not in (ReceiptStatus.RECEIVED, ReceiptStatus.DEPOSITED):
            raise IllegalTransitionError(f"a {self.status} cheque cannot bounce")
        self._not_before(on, self.last_dated, "the receipt's last change")
        return ChequeBounced(self.receipt_id, on, _reason(reason))

    def reverse(self, on: date, reason: str) -> ReceiptReversed:
        self.ensure_standing("reversed")
        self._not_before(on, self.last_dated, "the receipt's last change")
        return ReceiptReversed(self.receipt_id, on, _reason(reason))

    def record_certificate(self, withholding_id: str, number: str, on: date) -> WithholdingCertificateRecorded:
        self.ensure_standing("given a certificate")
        held = self.withholdings.get(withholding_id)
        if held is None:
            raise InvalidInputError.single("withholding_id", "withholding", "the receipt has no such withholding")
        if held.certificate_number is not None:
            raise IllegalTransitionError(f"the withholding already has certificate {held.certificate_number}")
        found = Collector()
        text = found.required_text(number, "certificate_number", 50, label="the certificate number")
        found.raise_any()
        return WithholdingCertificateRecorded(self.receipt_id, withholding_id, text, on)

    def _ensure_cheque(self, status: ReceiptStatus, doing: str) -> None:
        if self.recorded is None or self.recorded.method != ReceiptMethod.CHEQUE:
            raise IllegalTransitionError(f"only a receipt by cheque is {doing}")
        if self.status is not status:
            raise IllegalTransitionError(f"a {self.status} cheque cannot be {doing}; it must be {status}")

    def _not_before(self, on: date, earliest: date, what: str) -> None:
        if on < earliest:
            raise InvalidInputError.single("date", "after_receipt", f"the date {on} is before {what} ({earliest})")


def _reason(raw: str) -> str:
    found = Collector()
    text = found.required_text(raw, "reason", MAX_REASON, multiline=True, label="the reason")
    found.raise_any()
    return text
