"""What receivables asks of its read model: receipts, and what each issued invoice still owes."""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Protocol, TypeVar

from hisab.receivables.application.views import ReceiptView
from hisab.receivables.domain.ageing import CustomerAgeing
from hisab.receivables.domain.balances import InvoiceBalance, PaymentStatus
from hisab.receivables.domain.events import Withholding
from hisab.receivables.domain.receipts import ReceiptStatus
from hisab.receivables.domain.statement import EntryKind, StatementEntry

S_contra = TypeVar("S_contra", contravariant=True)


@dataclass(frozen=True, slots=True)
class ReceiptFilter:
    customer_id: str | None = None
    customer_party_id: str | None = None
    invoice_id: str | None = None
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True, slots=True)
class ReceiptPage:
    receipts: list[ReceiptView]
    has_next_page: bool
    total_count: int


@dataclass(frozen=True, slots=True)
class BalanceFilter:
    customer_id: str | None = None
    customer_party_id: str | None = None
    statuses: tuple[PaymentStatus, ...] = ()
    # Overdue on this day: something owed and the due date before it.
    overdue_on: date | None = None


@dataclass(frozen=True, slots=True)
class BalancePage:
    balances: list[InvoiceBalance]
    has_next_page: bool
    total_count: int


@dataclass(frozen=True, slots=True)
class PendingCertificate:
    withholding: Withholding
    receipt_id: str
    receipt_number: str
    receipt_date: date
    customer_id: str
    # The page key: the receipt's day, its position and the withholding's, in that order.
    sequence: int


@dataclass(frozen=True, slots=True)
class PendingCertificatePage:
    entries: list[PendingCertificate]
    has_next_page: bool
    total_count: int


class ReceivablesTables(Protocol[S_contra]):
    """The balances as a command's own transaction sees them: after every projection it ran so far."""

    async def balances_within(
        self, tables: S_contra, tenant_id: str, invoice_ids: Sequence[str]
    ) -> dict[str, InvoiceBalance]: ...


class ReceivableQueries(Protocol):
    async def receipt(self, tenant_id: str, receipt_id: str) -> ReceiptView | None: ...

    async def receipts(self, tenant_id: str, filter: ReceiptFilter, first: int, after: int | None) -> ReceiptPage:
        """Newest first (by `sequence`), strictly after the given sequence when one is given."""

    async def receipts_of_invoices(
        self, tenant_id: str, invoice_ids: Sequence[str]
    ) -> dict[str, builtins.list[ReceiptView]]:
        """The receipts that allocated to or withheld from each of these invoices, oldest first, in one query."""

    async def balances(self, tenant_id: str, invoice_ids: Sequence[str]) -> dict[str, InvoiceBalance]: ...

    async def list_balances(self, tenant_id: str, filter: BalanceFilter, first: int, after: int | None) -> BalancePage:
        """Newest issued first (by `sequence`), strictly after the given sequence when one is given."""

    async def pending_certificates(self, tenant_id: str, first: int, after: int | None) -> PendingCertificatePage:
        """VDS withheld by standing receipts without a certificate yet, oldest first."""


@dataclass(frozen=True, slots=True)
class Customer:
    """Whose invoices a report is of: the party, the customer id the invoices name, or (both given) their overlap."""

    customer_id: str | None = None
    customer_party_id: str | None = None

    def names(self, customer_id: str, party_id: str | None) -> bool:
        """Whether an invoice or a receipt naming this customer id and party is this customer's."""
        return self.customer_id in (None, customer_id) and self.customer_party_id in (None, party_id)


@dataclass(frozen=True, slots=True)
class UndoneReceipt:
    """A bounced or reversed receipt: what it had settled of the customer's invoices is owed again."""

    receipt_id: str
    receipt_number: str
    status: ReceiptStatus
    settled: Decimal

    def entry(self, on: date) -> StatementEntry:
        """The statement's debit of the day it was undone: everything it had settled."""
        kind = EntryKind.BOUNCE if self.status is ReceiptStatus.BOUNCED else EntryKind.REVERSAL
        return StatementEntry(on, kind, self.receipt_number, None, self.settled)


@dataclass(frozen=True, slots=True)
class StatementFacts:
    # Every dated document of the customer's invoices up to the statement's end (and those of later days
    # that are cheaper to leave to the statement to drop); undone receipts are dated from their streams.
    entries: list[StatementEntry]
    undone: list[UndoneReceipt]
    unapplied_advance: Decimal


class ReceivableReports(Protocol):
    """The ageing and the statements, each read in one snapshot."""

    async def ageing(
        self, tenant_id: str, as_of: date, bounds: Sequence[int], customer: Customer
    ) -> builtins.list[CustomerAgeing]:
        """What each customer owed at the end of `as_of`, by bucket: invoices issued by then, less what settled
        them by then (after credit and debit notes dated by then); customers owing nothing are left out."""

    async def statement_facts(self, tenant_id: str, customer: Customer, to_day: date) -> StatementFacts:
        """The customer's invoices, notes, settlements and write-offs up to `to_day`, and its advance then."""
