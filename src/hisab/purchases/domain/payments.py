"""A payment to a supplier: what it settles of which bills, the VAT and income tax it withholds, the input credit
a cash payment undoes, and the Mushak-6.6 it issues for the VDS.

Two steps, both pure. `validate_payment` checks the request's own shape (before any transaction).
`decide_payment` decides, for the bills as their streams leave them and what earlier payments
settled of each, what the payment settles, withholds and reverses, or refuses it naming every field
and rule: it never takes a serial, so a refused payment leaves no gap.

The rules (docs/payments.md): the amount is what leaves the bank, the sum of the allocations; per
bill, the allocation and this payment's withholdings together are at most what the bill still owes.
VDS (s.49) is withheld by a withholding entity only, once per bill: automatically on the bill's first
payment, from the lines whose service code has a VDS row in force on the payment's date (never an
exempt or zero-rated line), each line min(its VAT, round_half_up(its value x rate)); an entry may give
a rate or an amount instead. TDS is withheld only when an entry asks for it, on the bill's value. A
CASH payment of a bill above Tk 1,00,000 that took input credit reverses that credit in proportion
to the share of the bill it pays (s.46(1)(ka), rule 29; 9.1 note 25).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from hisab.invoicing.domain.rules import MAX_PRICE_PLACES, MAX_RATE_PLACES, Collector
from hisab.kernel.errors import InvalidInputError
from hisab.kernel.money import AMOUNT_CEILING, ZERO, round_to_paisa
from hisab.kernel.vat import VATCategory
from hisab.purchases.domain.bill import Bill, BillLineNow
from hisab.purchases.domain.events import (
    CertificateRow,
    CreditReversal,
    PaymentAllocation,
    PaymentWithholding,
    WithholdingKind,
)
from hisab.purchases.domain.withholding_rates import WithholdingRate, WithholdingRates, WithholdingRateTable

MAX_TEXT = 100
MAX_BILLS = 200
# s.46(1)(ka): a supply above Tk 1,00,000 paid wholly outside a bank or mobile-banking channel gives
# no input credit (bangladesh-vat-returns.md §0 C4, CERTAIN); rule 29 reverses credit already taken.
CASH_CREDIT_LIMIT = Decimal(100_000)
# Neither VDS nor TDS applies to these supplies (VDS Rules 2025 rule 5: exempt and zero-rated supplies).
NOT_WITHHELD = frozenset({VATCategory.EXEMPT, VATCategory.ZERO_RATED})


class PaymentMethod(StrEnum):
    BANK_TRANSFER = "BANK_TRANSFER"
    CHEQUE = "CHEQUE"
    MOBILE_WALLET = "MOBILE_WALLET"
    CASH = "CASH"


@dataclass(frozen=True, slots=True)
class AllocationInput:
    bill_id: str
    amount: Decimal


@dataclass(frozen=True, slots=True)
class WithholdInput:
    """Tax to withhold from one bill's payment: at the given rate, or the given amount, or the table's rate."""

    bill_id: str
    kind: str
    rate: Decimal | None = None
    amount: Decimal | None = None


@dataclass(frozen=True, slots=True)
class PaymentRequest:
    supplier_party_id: str
    payment_date: date
    method: str
    amount: Decimal
    reference: str | None
    paid_from_account_code: str | None
    allocations: tuple[AllocationInput, ...]
    withhold: tuple[WithholdInput, ...] = ()


@dataclass(frozen=True, slots=True)
class ValidWithhold:
    position: int
    bill_id: str
    kind: WithholdingKind
    rate: Decimal | None
    amount: Decimal | None


@dataclass(frozen=True, slots=True)
class ValidPayment:
    supplier_party_id: str
    payment_date: date
    method: PaymentMethod
    amount: Decimal
    reference: str | None
    paid_from_account_code: str | None
    allocations: tuple[PaymentAllocation, ...]
    withhold: tuple[ValidWithhold, ...]

    @property
    def bill_ids(self) -> tuple[str, ...]:
        return tuple(a.bill_id for a in self.allocations)


@dataclass(frozen=True, slots=True)
class BillSettled:
    """What earlier payments settled of one bill: paid, VDS and TDS withheld, input credit reversed."""

    paid: Decimal = ZERO
    vds: Decimal = ZERO
    tds: Decimal = ZERO
    credit_reversed: Decimal = ZERO

    @property
    def settled(self) -> Decimal:
        return self.paid + self.vds + self.tds


@dataclass(frozen=True, slots=True)
class WithholdingPolicy:
    """What decides the withholding: whether the tenant is a withholding entity, and the rate tables."""

    withholding_entity: bool
    rates: WithholdingRates


@dataclass(frozen=True, slots=True)
class PaymentDecision:
    withholdings: tuple[PaymentWithholding, ...]
    credit_reversals: tuple[CreditReversal, ...]
    # One row per bill the payment withholds VDS from: the Mushak-6.6's table.
    certificate_rows: tuple[CertificateRow, ...]


def validate_payment(request: PaymentRequest, today: date) -> ValidPayment:
    """The request's own rules, before any bill is read; InvalidInputError names every problem."""
    found = Collector()
    party_id = found.required_text(request.supplier_party_id, "supplier_party_id", MAX_TEXT)
    if request.payment_date > today:
        found.add("date", "not_in_future", f"the date {request.payment_date} is after today ({today} in Dhaka)")
    method = _method(request.method, found)
    if found.decimal(request.amount, "amount", places=MAX_PRICE_PLACES, positive=True, ceiling=AMOUNT_CEILING):
        allocated = sum((a.amount for a in request.allocations), ZERO)
        if request.allocations and allocated != request.amount:
            found.add(
                "amount", "equals_allocations", f"the amount {request.amount} is not the allocations' sum {allocated}"
            )
    reference = found.optional_text(request.reference, "reference", MAX_TEXT)
    account = found.optional_text(request.paid_from_account_code, "paid_from_account_code", MAX_TEXT)
    allocations = _allocations(request.allocations, found)
    withhold = _withhold(request.withhold, {a.bill_id for a in allocations}, found)
    found.raise_any()
    assert method is not None
    return ValidPayment(
        party_id, request.payment_date, method, request.amount, reference, account, allocations, withhold
    )


def _method(raw: str, found: Collector) -> PaymentMethod | None:
    try:
        return PaymentMethod(raw)
    except ValueError:
        names = ", ".join(PaymentMethod)
        found.add("method", "payment_method", f"the method is one of {names}")
        return None


def _allocations(raw: tuple[AllocationInput, ...], found: Collector) -> tuple[PaymentAllocation, ...]:
    if not raw:
        found.add("allocations", "required", "a payment settles at least one bill")
    elif len(raw) > MAX_BILLS:
        found.add("allocations", "max_items", f"a payment settles at most {MAX_BILLS} bills")
    seen: set[str] = set()
    valid = []
    for index, allocation in enumerate(raw):
        field = f"allocations[{index}]"
        bill_id = found.required_text(allocation.bill_id, f"{field}.bill_id", MAX_TEXT)
        if bill_id in seen:
            found.add(f"{field}.bill_id", "duplicate_bill", "each bill is allocated once in a payment")
        seen.add(bill_id)
        positive = found.decimal(
            allocation.amount, f"{field}.amount", places=MAX_PRICE_PLACES, positive=True, ceiling=AMOUNT_CEILING
        )
        if positive:
            valid.append(PaymentAllocation(bill_id, allocation.amount))
    return tuple(valid)


def _withhold(raw: tuple[WithholdInput, ...], allocated: set[str], found: Collector) -> tuple[ValidWithhold, ...]:
    seen: set[tuple[str, str]] = set()
    valid = []
    for index, entry in enumerate(raw):
        field = f"withhold[{index}]"
        try:
            kind = WithholdingKind(entry.kind)
        except ValueError:
            found.add(f"{field}.kind", "withholding_kind", "the kind is VDS or TDS")
            continue
        if entry.bill_id not in allocated:
            found.add(f"{field}.bill_id", "not_allocated", "tax is withheld only from a bill the payment allocates to")
        if (entry.bill_id, kind) in seen:
            found.add(f"{field}.kind", "duplicate_withholding", f"{kind} is listed once per bill")
        seen.add((entry.bill_id, kind))
        if entry.rate is not None and entry.amount is not None:
            found.add(f"{field}.rate", "rate_or_amount", "give a rate or an amount, not both")
        rate = entry.rate
        if (
            rate is not None
            and found.decimal(rate, f"{field}.rate", places=MAX_RATE_PLACES, positive=True)
            and rate > 1
        ):
            found.add(f"{field}.rate", "max_rate", "the rate is a fraction: 0.10 means 10%, at most 1")
        if entry.amount is not None:
            # VDS of 0.00 says the supply is excluded (VDS Rules rule 5: a startup, an EFD receipt naming the
            # buyer...): the bill's first payment then withholds none. TDS is only ever asked for, so above 0.
            positive = kind is WithholdingKind.TDS
            found.decimal(
                entry.amount, f"{field}.amount", places=MAX_PRICE_PLACES, positive=positive, ceiling=AMOUNT_CEILING
            )
        valid.append(ValidWithhold(index, entry.bill_id, kind, entry.rate, entry.amount))
    return tuple(valid)


def decide_payment(
    payment: ValidPayment,
    bills: Mapping[str, Bill],
    settled: Mapping[str, BillSettled],
    policy: WithholdingPolicy,
    new_withholding_id: str,
) -> PaymentDecision:
    """What the payment withholds and reverses of each bill, or InvalidInputError naming every rule it breaks.

    `bills` are the allocated bills as their streams stand (a missing one was not found), `settled`
    what earlier payments settled of each; `new_withholding_id` prefixes the withholdings' ids.
    """
    found = Collector()
    entries = {(w.bill_id, w.kind): w for w in payment.withhold}
    withholdings: list[PaymentWithholding] = []
    reversals: list[CreditReversal] = []
    rows: list[CertificateRow] = []
    for index, allocation in enumerate(payment.allocations):
        field = f"allocations[{index}]"
        bill = bills.get(allocation.bill_id)
        if not _payable(bill, payment, field, found):
            continue
        assert bill is not None
        before = settled.get(bill.bill_id, BillSettled())
        held = []
        vds = _vds(bill, before, entries.get((bill.bill_id, WithholdingKind.VDS)), payment, policy, found)
        if vds is not None:
            held.append(vds)
            rows.append(
                CertificateRow(
                    bill.bill_id, bill.recorded.supplier_invoice_number, bill.recorded.supplier_invoice_date,
                    bill.total, bill.vat, vds.amount,
                )
            )  # fmt: skip
        tds_entry = entries.get((bill.bill_id, WithholdingKind.TDS))
        tds = _tds(bill, before, tds_entry, payment, policy.rates.tds, found) if tds_entry else None
        if tds is not None:
            held.append(tds)
        owed = bill.total - before.settled
        taken = allocation.amount + sum((w.amount for w in held), ZERO)
        if taken > owed:
            found.add(
                f"{field}.amount", "more_than_owed",
                f"bill {bill.recorded.bill_number} owes {owed}; this payment would settle {taken} of it "
                f"({allocation.amount} paid, {taken - allocation.amount} withheld)",
            )  # fmt: skip
        withholdings.extend(held)
        reversal = _cash_reversal(bill, before, allocation.amount, payment.method)
        if reversal is not None:
            reversals.append(reversal)
    found.raise_any()
    numbered = tuple(
        PaymentWithholding(f"{new_withholding_id}:{n}", w.bill_id, w.kind, w.rate, w.base, w.amount, w.service_code)
        for n, w in enumerate(withholdings, start=1)
    )
    return PaymentDecision(numbered, tuple(reversals), tuple(rows))


def _payable(bill: Bill | None, payment: ValidPayment, field: str, found: Collector) -> bool:
    if bill is None:
        found.add(f"{field}.bill_id", "unknown_bill", "no bill of this tenant has that id")
        return False
    if bill.supplier.party_id != payment.supplier_party_id:
        found.add(f"{field}.bill_id", "other_supplier", f"bill {bill.recorded.bill_number} is another supplier's")
        return False
    if bill.received_date > payment.payment_date:
        found.add(
            f"{field}.bill_id", "bill_after_payment",
            f"bill {bill.recorded.bill_number} was received on {bill.received_date}, after the payment's date",
        )  # fmt: skip
        return False
    return True


def _withheld_lines(bill: Bill) -> tuple[BillLineNow, ...]:
    return tuple(line for line in bill.lines if line.recorded.vat_category not in NOT_WITHHELD)


def _vds(
    bill: Bill,
    before: BillSettled,
    entry: ValidWithhold | None,
    payment: ValidPayment,
    policy: WithholdingPolicy,
    found: Collector,
) -> PaymentWithholding | None:
    field = f"withhold[{entry.position}]" if entry else ""
    if not policy.withholding_entity:
        if entry is not None:
            found.add(
                f"{field}.kind", "not_withholding_entity",
                "the tenant is not a withholding entity (its settings say so): it deducts no VDS",
            )  # fmt: skip
        return None
    if before.vds > 0:
        if entry is not None:
            message = f"bill {bill.recorded.bill_number} already had {before.vds} of VDS withheld"
            found.add(f"{field}.kind", "already_withheld", message)
        return None
    if entry is None and before.settled > 0:
        # Automatic VDS is the first payment's; a later one withholds only when asked.
        return None
    if entry is not None and entry.amount is not None:
        if entry.amount > bill.vat:
            found.add(f"{field}.amount", "more_than_vat", f"the VDS is at most the bill's VAT, {bill.vat}")
            return None
        if entry.amount == 0:
            return None
        return PaymentWithholding("", bill.bill_id, WithholdingKind.VDS, None, bill.vat, entry.amount, None)
    return _vds_at_rate(bill, entry, payment.payment_date, policy.rates.vds, field, found)


def _vds_at_rate(
    bill: Bill,
    entry: ValidWithhold | None,
    on: date,
    table: WithholdingRateTable,
    field: str,
    found: Collector,
) -> PaymentWithholding | None:
    """Per line, min(its VAT, round_half_up(its value x rate)): the entry's rate for every taxable line, or the
    table's rate for the line's service code (a line with no row withholds nothing)."""
    given = entry.rate if entry is not None else None
    used: list[tuple[BillLineNow, Decimal, WithholdingRate | None]] = []
    for line in _withheld_lines(bill):
        row = table.rate_for(line.recorded.service_code, on)
        rate = given if given is not None else (row.rate if row else None)
        if rate is not None:
            used.append((line, min(line.vat, round_to_paisa(line.value * rate)), row))
    amount = sum((a for _, a, _ in used), ZERO)
    if amount <= 0:
        if entry is not None:
            found.add(
                f"{field}.kind", "no_vds_rate",
                f"bill {bill.recorded.bill_number} has no taxable line whose service code has a VDS rate on {on}: "
                "give the rate or the amount",
            )  # fmt: skip
        return None
    rows = {row for _, _, row in used if row is not None}
    rates = {row.rate for row in rows}
    rate = given if given is not None else (rates.pop() if len(rates) == 1 else None)
    code = next(iter(rows)).service_code if given is None and len(rows) == 1 else None
    base = sum((line.value for line, _, _ in used), ZERO)
    return PaymentWithholding("", bill.bill_id, WithholdingKind.VDS, rate, base, amount, code)


def _tds(
    bill: Bill,
    before: BillSettled,
    entry: ValidWithhold,
    payment: ValidPayment,
    table: WithholdingRateTable,
    found: Collector,
) -> PaymentWithholding | None:
    field = f"withhold[{entry.position}]"
    if before.tds > 0:
        message = f"bill {bill.recorded.bill_number} already had {before.tds} of TDS withheld"
        found.add(f"{field}.kind", "already_withheld", message)
        return None
    if entry.amount is not None:
        return PaymentWithholding("", bill.bill_id, WithholdingKind.TDS, None, bill.value, entry.amount, None)
    if entry.rate is not None:
        amount = round_to_paisa(bill.value * entry.rate)
        return PaymentWithholding("", bill.bill_id, WithholdingKind.TDS, entry.rate, bill.value, amount, None)
    # Income tax is withheld whatever the supply's VAT category: every line's code counts.
    rows = {
        row.service_code: row
        for line in bill.lines
        if (row := table.rate_for(line.recorded.service_code, payment.payment_date)) is not None
    }
    if len({row.rate for row in rows.values()}) != 1:
        found.add(
            f"{field}.rate", "no_tds_rate",
            f"the TDS table has not one rate for bill {bill.recorded.bill_number}'s service codes on "
            f"{payment.payment_date}: give the rate or the amount",
        )  # fmt: skip
        return None
    row = next(iter(rows.values()))
    code = row.service_code if len(rows) == 1 else None
    # The base is the bill's value, excluding VAT and SD (Tax at Source Rules 2026, Rule 3(1) serial 18).
    amount = round_to_paisa(bill.value * row.rate)
    return PaymentWithholding("", bill.bill_id, WithholdingKind.TDS, row.rate, bill.value, amount, code)


def _cash_reversal(bill: Bill, before: BillSettled, paid: Decimal, method: PaymentMethod) -> CreditReversal | None:
    """Input credit a cash payment undoes: the credit's share of the bill paid in cash, never more than is left."""
    if method is not PaymentMethod.CASH or bill.value <= CASH_CREDIT_LIMIT or bill.total <= 0:
        return None
    left = bill.creditable_vat - before.credit_reversed
    if left <= 0:
        return None
    vat = min(left, round_to_paisa(bill.creditable_vat * paid / bill.total))
    return CreditReversal(bill.bill_id, vat) if vat > 0 else None


def reversal_warning(bill_number: str, reversal: CreditReversal) -> str:
    """What the response says of a reversal: the user learns why the books lose input credit."""
    return (
        f"bill {bill_number} is above Tk 1,00,000 and paid in cash: {reversal.vat} of its input VAT credit is "
        "reversed (s.46(1)(ka), rule 29; Mushak-9.1 note 25). Pay through a bank or mobile wallet to keep it."
    )


def check_deposit(amount: Decimal, kind: WithholdingKind, outstanding: Decimal) -> None:
    """A deposit pays the treasury what was withheld: never more than is withheld and not yet deposited."""
    if amount > outstanding:
        raise InvalidInputError.single(
            "amount", "more_than_withheld", f"{outstanding} of {kind} is withheld and not yet deposited"
        )


@dataclass(frozen=True, slots=True)
class DepositRequest:
    kind: str
    challan_number: str
    deposit_date: date
    amount: Decimal
    paid_from_account_code: str | None = None


@dataclass(frozen=True, slots=True)
class ValidDeposit:
    kind: WithholdingKind
    challan_number: str
    deposit_date: date
    amount: Decimal
    paid_from_account_code: str | None


def validate_deposit(request: DepositRequest, today: date) -> ValidDeposit:
    found = Collector()
    kind: WithholdingKind | None = None
    try:
        kind = WithholdingKind(request.kind)
    except ValueError:
        found.add("kind", "withholding_kind", "the kind is VDS or TDS")
    challan = found.required_text(request.challan_number, "challan_number", MAX_TEXT, label="the challan number")
    if request.deposit_date > today:
        found.add("date", "not_in_future", f"the date {request.deposit_date} is after today ({today} in Dhaka)")
    found.decimal(request.amount, "amount", places=MAX_PRICE_PLACES, positive=True, ceiling=AMOUNT_CEILING)
    account = found.optional_text(request.paid_from_account_code, "paid_from_account_code", MAX_TEXT)
    found.raise_any()
    assert kind is not None
    return ValidDeposit(kind, challan, request.deposit_date, request.amount, account)
