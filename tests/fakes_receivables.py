"""In-memory receivables: the contract suite holds them to the SQL read model's behaviour."""

from __future__ import annotations

import builtins
from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from hisab.event_store.messages import StoredEvent
from hisab.event_store.projections import ReadModelTable
from hisab.invoicing.domain.events import InvoiceApproved
from hisab.invoicing.domain.invoice import Invoice, InvoiceStatus
from hisab.invoicing.domain.lines import sum_figures
from hisab.kernel.errors import InvalidInputError
from hisab.kernel.fiscal_year import BANGLADESH_TIME
from hisab.kernel.money import ZERO
from hisab.receivables.adapters.sql.projection import BALANCES, RECEIPTS, SETTLEMENTS, SqlReceivablesProjection
from hisab.receivables.application.ports import (
    BalanceFilter,
    BalancePage,
    PendingCertificate,
    PendingCertificatePage,
    ReceiptFilter,
    ReceiptPage,
)
from hisab.receivables.application.views import ReceiptView, project_receipt
from hisab.receivables.domain.balances import InvoiceBalance, PaymentStatus
from hisab.receivables.domain.events import BalanceWrittenOff, ReceiptRecorded

MemoryReading = Callable[[str, str], AbstractAsyncContextManager[Any]]


class MemoryReceivablesProjection:
    name = SqlReceivablesProjection.name
    follows = SqlReceivablesProjection.follows
    tables: tuple[ReadModelTable, ...] = (RECEIPTS, SETTLEMENTS, BALANCES)

    async def apply(self, tables: Any, stream: Sequence[StoredEvent], new: Sequence[StoredEvent]) -> None:
        first = stream[0]
        key = (first.metadata.tenant_id, first.stream_id)
        if isinstance(first.event, ReceiptRecorded):
            view = project_receipt(stream)
            _ensure_new_transaction(tables, view)
            tables.table(RECEIPTS.name)[key] = view
        elif isinstance(first.event, BalanceWrittenOff):
            tables.table(SETTLEMENTS.name)[key] = [s.event for s in stream]
        else:
            invoice = Invoice.from_events(first.stream_id, (s.event for s in stream))
            if invoice.mushak_number is None or invoice.issued_at is None:
                return
            approved = next(s for s in stream if isinstance(s.event, InvoiceApproved))
            adjusted = sum_figures(line.carried for line in invoice.lines)
            tables.table(BALANCES.name)[key] = InvoiceBalance(
                invoice.invoice_id, approved.position, invoice.customer_id, invoice.customer_party_id,
                invoice.mushak_number, invoice.issued_at.astimezone(BANGLADESH_TIME).date(), invoice.due_date,
                adjusted.total, adjusted.vat, cancelled=invoice.status is InvoiceStatus.CANCELLED,
            )  # fmt: skip


def _ensure_new_transaction(tables: Any, view: ReceiptView) -> None:
    """The SQL read model's unique index on (tenant, provider, transaction id), refused as its projection refuses it."""
    wallet = view.wallet
    if wallet is None:
        return
    for (tenant_id, receipt_id), other in tables.table(RECEIPTS.name).items():
        same = other.wallet is not None and (other.wallet.provider, other.wallet.transaction_id) == (
            wallet.provider, wallet.transaction_id,
        )  # fmt: skip
        if same and tenant_id == view.tenant_id and receipt_id != view.receipt_id:
            message = f"a receipt of {wallet.provider} transaction {wallet.transaction_id} is already recorded"
            raise InvalidInputError.single("wallet.transaction_id", "duplicate_transaction", message)


def balances_in(tables: Any, tenant_id: str, invoice_ids: Sequence[str]) -> dict[str, InvoiceBalance]:
    """Each invoice's facts with the sums over every receipt and write-off that still counts."""
    receipts = [v for (t, _), v in tables.table(RECEIPTS.name).items() if t == tenant_id and v.settles]
    written = [e for (t, _), events in tables.table(SETTLEMENTS.name).items() if t == tenant_id for e in events]
    found: dict[str, InvoiceBalance] = {}
    for invoice_id in invoice_ids:
        facts: InvoiceBalance | None = tables.table(BALANCES.name).get((tenant_id, invoice_id))
        if facts is None:
            continue
        allocated = _sum(a.amount for r in receipts for a in r.allocations if a.invoice_id == invoice_id)
        withheld = [w for r in receipts for w in r.withholdings if w.invoice_id == invoice_id]
        found[invoice_id] = replace(
            facts,
            allocated=allocated,
            withheld_vds=_sum(w.amount for w in withheld if w.kind == "VDS"),
            withheld_ait=_sum(w.amount for w in withheld if w.kind == "AIT"),
            written_off=_sum(e.amount for e in written if e.invoice_id == invoice_id),
        )
    return found


def _sum(amounts: Any) -> Decimal:
    return sum(amounts, ZERO)


class MemoryReceivablesTables:
    async def balances_within(
        self, tables: Any, tenant_id: str, invoice_ids: Sequence[str]
    ) -> dict[str, InvoiceBalance]:
        return balances_in(tables, tenant_id, invoice_ids)


class MemoryReceivableQueries:
    def __init__(self, reading: MemoryReading) -> None:
        self._reading = reading

    async def receipt(self, tenant_id: str, receipt_id: str) -> ReceiptView | None:
        async with self._reading(tenant_id, "receipts.get") as tables:
            found: ReceiptView | None = tables.table(RECEIPTS.name).get((tenant_id, receipt_id))
        return found

    async def receipts(self, tenant_id: str, filter: ReceiptFilter, first: int, after: int | None) -> ReceiptPage:
        matching = [v for v in await self._receipts(tenant_id) if _receipt_matches(v, filter)]
        newest = sorted(matching, key=lambda v: v.sequence, reverse=True)
        page = [v for v in newest if after is None or v.sequence < after]
        return ReceiptPage(page[:first], has_next_page=len(page) > first, total_count=len(matching))

    async def receipts_of_invoices(
        self, tenant_id: str, invoice_ids: Sequence[str]
    ) -> dict[str, builtins.list[ReceiptView]]:
        found: dict[str, builtins.list[ReceiptView]] = {}
        for view in sorted(await self._receipts(tenant_id), key=lambda v: v.sequence):
            named = {a.invoice_id for a in view.allocations} | {w.invoice_id for w in view.withholdings}
            for invoice_id in named & set(invoice_ids):
                found.setdefault(invoice_id, []).append(view)
        return found

    async def balances(self, tenant_id: str, invoice_ids: Sequence[str]) -> dict[str, InvoiceBalance]:
        async with self._reading(tenant_id, "invoice_balances.get") as tables:
            return balances_in(tables, tenant_id, invoice_ids)

    async def list_balances(self, tenant_id: str, filter: BalanceFilter, first: int, after: int | None) -> BalancePage:
        async with self._reading(tenant_id, "invoice_balances.list") as tables:
            ids = [i for (t, i) in tables.table(BALANCES.name) if t == tenant_id]
            balances = list(balances_in(tables, tenant_id, ids).values())
        matching = [b for b in balances if not b.cancelled and _balance_matches(b, filter)]
        newest = sorted(matching, key=lambda b: b.sequence, reverse=True)
        page = [b for b in newest if after is None or b.sequence < after]
        return BalancePage(page[:first], has_next_page=len(page) > first, total_count=len(matching))

    async def pending_certificates(self, tenant_id: str, first: int, after: int | None) -> PendingCertificatePage:
        entries = [
            PendingCertificate(
                w,
                v.receipt_id,
                v.receipt_number,
                v.receipt_date,
                v.customer_id,
                v.receipt_date.toordinal() * 10**13 + v.sequence * 10**3 + position,
            )
            for v in sorted(await self._receipts(tenant_id), key=lambda v: (v.receipt_date, v.sequence))
            if v.settles
            for position, w in enumerate(v.withholdings, start=len(v.allocations) + 1)
            if w.kind == "VDS" and w.certificate_number is None
        ]
        page = [e for e in entries if after is None or e.sequence > after]
        return PendingCertificatePage(page[:first], has_next_page=len(page) > first, total_count=len(entries))

    async def _receipts(self, tenant_id: str) -> builtins.list[ReceiptView]:
        async with self._reading(tenant_id, "receipts.list") as tables:
            return [v for (t, _), v in tables.table(RECEIPTS.name).items() if t == tenant_id]


def _receipt_matches(view: ReceiptView, where: ReceiptFilter) -> bool:
    named = {a.invoice_id for a in view.allocations} | {w.invoice_id for w in view.withholdings}
    return (
        where.customer_id in (None, view.customer_id)
        and where.customer_party_id in (None, view.customer_party_id)
        and (where.invoice_id is None or where.invoice_id in named)
        and (where.date_from is None or view.receipt_date >= where.date_from)
        and (where.date_to is None or view.receipt_date <= where.date_to)
    )


def _balance_matches(balance: InvoiceBalance, where: BalanceFilter) -> bool:
    overdue: date | None = where.overdue_on
    return (
        where.customer_id in (None, balance.customer_id)
        and where.customer_party_id in (None, balance.customer_party_id)
        and (not where.statuses or balance.payment_status in where.statuses)
        and (overdue is None or (balance.outstanding > 0 and balance.due_date < overdue))
    )


def payment_match(tables: Any, tenant_id: str, invoice_id: str, statuses: tuple[str, ...], overdue_on: Any) -> bool:
    """The invoice list's payment filter, as the SQL condition answers it from the balances."""
    balance = balances_in(tables, tenant_id, [invoice_id]).get(invoice_id)
    if balance is None or balance.cancelled:
        return False
    where = BalanceFilter(statuses=tuple(PaymentStatus(s) for s in statuses), overdue_on=overdue_on)
    return _balance_matches(balance, where)
