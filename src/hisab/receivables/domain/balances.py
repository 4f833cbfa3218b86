"""What an issued invoice still owes, and the rules that keep it from ever owing less than nothing.

An invoice owes its adjusted total (its grand total after credit and debit notes), less what
receipts allocated to it, less the tax the customer withheld from it (VDS and AIT), less what was
written off. Nothing may settle more than the invoice owes, and VDS never exceeds its VAT.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from hisab.kernel.errors import InvalidInputError, Violation
from hisab.kernel.money import ZERO
from hisab.receivables.domain.events import Allocation
from hisab.receivables.domain.receipts import WithholdingInput, WithholdingKind


class PaymentStatus(StrEnum):
    UNPAID = "UNPAID"
    PARTIALLY_PAID = "PARTIALLY_PAID"
    PAID = "PAID"
    WRITTEN_OFF = "WRITTEN_OFF"


@dataclass(frozen=True, slots=True)
class InvoiceBalance:
    invoice_id: str
    # The issuing event's position: newest-issued-first pages are keyed on it.
    sequence: int
    customer_id: str
    customer_party_id: str | None
    mushak_number: str
    issued_on: date
    due_date: date
    adjusted_total: Decimal
    adjusted_vat: Decimal
    allocated: Decimal = ZERO
    withheld_vds: Decimal = ZERO
    withheld_ait: Decimal = ZERO
    written_off: Decimal = ZERO
    cancelled: bool = False

    @property
    def withheld(self) -> Decimal:
        return self.withheld_vds + self.withheld_ait

    @property
    def settled(self) -> Decimal:
        return self.allocated + self.withheld + self.written_off

    @property
    def outstanding(self) -> Decimal:
        return ZERO if self.cancelled else self.adjusted_total - self.settled

    @property
    def payment_status(self) -> PaymentStatus:
        if self.outstanding and not self.settled:
            return PaymentStatus.UNPAID
        if self.outstanding:
            return PaymentStatus.PARTIALLY_PAID
        return PaymentStatus.WRITTEN_OFF if self.written_off else PaymentStatus.PAID

    def days_overdue(self, on: date) -> int:
        """Days past the due date with something still owed; 0 when nothing is owed or it is not due yet."""
        if not self.outstanding or on <= self.due_date:
            return 0
        return (on - self.due_date).days


def check_settlements(
    balances: Mapping[str, InvoiceBalance],
    customer: tuple[str, str | None],
    allocations: Sequence[Allocation],
    withholdings: Sequence[WithholdingInput],
    allocations_path: str = "allocations",
) -> None:
    """Raise naming every allocation or withholding the invoices cannot take, with what they still owe."""
    problems: list[Violation] = []
    owed = {invoice_id: balance.outstanding for invoice_id, balance in balances.items()}
    vat_left = {invoice_id: balance.adjusted_vat - balance.withheld_vds for invoice_id, balance in balances.items()}
    settlements: list[tuple[str, str, Decimal, str | None]] = [
        (f"{allocations_path}[{i}]", a.invoice_id, a.amount, None) for i, a in enumerate(allocations)
    ] + [(f"withheld[{i}]", w.invoice_id, w.amount, w.kind) for i, w in enumerate(withholdings)]
    for path, invoice_id, amount, kind in settlements:
        balance = balances.get(invoice_id)
        problem = _unsettleable(balance, invoice_id, customer)
        if problem is not None:
            problems.append(Violation(f"{path}.invoice_id", *problem))
            continue
        assert balance is not None
        if amount > owed[invoice_id]:
            problems.append(
                Violation(f"{path}.amount", "more_than_outstanding", _owes(balance, owed[invoice_id], amount))
            )
            continue
        if kind == WithholdingKind.VDS and amount > vat_left[invoice_id]:
            left = vat_left[invoice_id]
            message = f"invoice {balance.mushak_number} has {left} of VAT left to withhold; VDS of {amount} is more"
            problems.append(Violation(f"{path}.amount", "vds_above_vat", message))
            continue
        owed[invoice_id] -= amount
        if kind == WithholdingKind.VDS:
            vat_left[invoice_id] -= amount
    if problems:
        raise InvalidInputError(problems)


def _unsettleable(
    balance: InvoiceBalance | None, invoice_id: str, customer: tuple[str, str | None]
) -> tuple[str, str] | None:
    if balance is None:
        return "invoice", "no issued tax invoice of this tenant has that id"
    if balance.cancelled:
        return "cancelled_invoice", f"invoice {balance.mushak_number} is cancelled"
    customer_id, party_id = customer
    same = balance.customer_party_id == party_id if party_id is not None else balance.customer_id == customer_id
    if not same:
        return "other_customer", f"invoice {balance.mushak_number} is another customer's"
    return None


def _owes(balance: InvoiceBalance, left: Decimal, amount: Decimal) -> str:
    return (
        f"invoice {balance.mushak_number} owes {left} (adjusted total {balance.adjusted_total}, "
        f"settled {balance.adjusted_total - left}); {amount} is more than that"
    )


def check_write_off(balance: InvoiceBalance, tolerance: Decimal) -> Decimal:
    """The amount a write-off takes: all the invoice still owes, when that is within the tenant's tolerance."""
    owed = balance.outstanding
    if not owed:
        raise InvalidInputError.single("invoice_id", "nothing_owed", f"invoice {balance.mushak_number} owes nothing")
    if owed > tolerance:
        raise InvalidInputError.single(
            "invoice_id",
            "above_tolerance",
            f"invoice {balance.mushak_number} owes {owed}, more than the tenant's write-off tolerance of {tolerance}",
        )
    return owed
