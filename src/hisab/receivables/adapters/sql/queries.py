"""Receivables queries over either SQL database: receipts, balances, certificates still to chase."""

from __future__ import annotations

import builtins
from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from datetime import date
from typing import Any

from hisab.event_store.adapters.sql.pages import children_of
from hisab.event_store.adapters.sql.params import Params
from hisab.event_store.adapters.sql.session import SqlSession
from hisab.event_store.adapters.sql.types import Row
from hisab.event_store.adapters.sql.values import ValueCodec
from hisab.kernel.money import from_paisa
from hisab.receivables.adapters.sql.projection import BALANCE_COLUMNS, RECEIPT_COLUMNS, SETTLEMENT_COLUMNS
from hisab.receivables.application.ports import (
    BalanceFilter,
    BalancePage,
    PendingCertificate,
    PendingCertificatePage,
    ReceiptFilter,
    ReceiptPage,
)
from hisab.receivables.application.views import AllocationView, ReceiptView
from hisab.receivables.domain.balances import InvoiceBalance, PaymentStatus
from hisab.receivables.domain.events import Cheque, Wallet, Withholding
from hisab.receivables.domain.receipts import ReceiptMethod, ReceiptStatus

Reading = Callable[[str, str], AbstractAsyncContextManager[SqlSession]]
# A certificate to chase is paged by (receipt day, receipt position, settlement position) packed in one
# orderable 64-bit integer: positions stay below 10^10 events and 1,000 settlements a receipt.
_DAY, _POSITION = 10**13, 10**3
_OUTSTANDING = "(adjusted_total_paisa - allocated_paisa - withheld_vds_paisa - withheld_ait_paisa - written_off_paisa)"
_SETTLED = "(allocated_paisa + withheld_vds_paisa + withheld_ait_paisa + written_off_paisa)"
# Each payment status as a condition on the sums (a cancelled invoice owes nothing and has none).
_STATUS = {
    PaymentStatus.UNPAID: f"{_OUTSTANDING} > 0 AND {_SETTLED} = 0",
    PaymentStatus.PARTIALLY_PAID: f"{_OUTSTANDING} > 0 AND {_SETTLED} > 0",
    PaymentStatus.PAID: f"{_OUTSTANDING} = 0 AND written_off_paisa = 0",
    PaymentStatus.WRITTEN_OFF: f"{_OUTSTANDING} = 0 AND written_off_paisa > 0",
}


class SqlReceivablesTables:
    async def balances_within(
        self, tables: SqlSession, tenant_id: str, invoice_ids: Sequence[str]
    ) -> dict[str, InvoiceBalance]:
        return await _balances(tables, tenant_id, invoice_ids)


class SqlReceivableQueries:
    def __init__(self, reading: Reading) -> None:
        self._reading = reading

    async def receipt(self, tenant_id: str, receipt_id: str) -> ReceiptView | None:
        async with self._reading(tenant_id, "receipts.get") as session:
            params = session.params()
            sql = _select_receipts(params, tenant_id, lambda p: f"receipt_id = {p.add(receipt_id)}")
            views = await _receipts(session, tenant_id, await session.fetch(sql, params.values))
        return views[0] if views else None

    async def receipts(self, tenant_id: str, filter: ReceiptFilter, first: int, after: int | None) -> ReceiptPage:
        async with self._reading(tenant_id, "receipts.list") as session:
            page, counting = session.params(), session.params()
            select = _select_receipts(
                page, tenant_id, lambda p: _receipt_conditions(p, session.codec, tenant_id, filter, after)
            )
            sql = f"{select} ORDER BY sequence DESC LIMIT {page.add(first + 1)}"
            rows = await session.fetch(sql, page.values)
            tenant = counting.add(tenant_id)
            counted = _receipt_conditions(counting, session.codec, tenant_id, filter, None)
            total = await session.fetch(
                f"SELECT count(*) FROM receipts WHERE tenant_id = {tenant} AND {counted}", counting.values
            )
            views = await _receipts(session, tenant_id, rows[:first])
        return ReceiptPage(views, has_next_page=len(rows) > first, total_count=total[0][0])

    async def receipts_of_invoices(
        self, tenant_id: str, invoice_ids: Sequence[str]
    ) -> dict[str, builtins.list[ReceiptView]]:
        if not invoice_ids:
            return {}
        async with self._reading(tenant_id, "receipts.of_invoices") as session:
            params = session.params()

            def settled(p: Params) -> str:
                return (
                    f"receipt_id IN (SELECT source_id FROM invoice_settlements WHERE tenant_id = {p.add(tenant_id)} "
                    f"AND {p.is_in('invoice_id', list(invoice_ids))})"
                )

            sql = f"{_select_receipts(params, tenant_id, settled)} ORDER BY sequence"
            views = await _receipts(session, tenant_id, await session.fetch(sql, params.values))
        found: dict[str, builtins.list[ReceiptView]] = {}
        for view in views:
            named = {a.invoice_id for a in view.allocations} | {w.invoice_id for w in view.withholdings}
            for invoice_id in named & set(invoice_ids):
                found.setdefault(invoice_id, []).append(view)
        return found

    async def balances(self, tenant_id: str, invoice_ids: Sequence[str]) -> dict[str, InvoiceBalance]:
        async with self._reading(tenant_id, "invoice_balances.get") as session:
            return await _balances(session, tenant_id, invoice_ids)

    async def list_balances(self, tenant_id: str, filter: BalanceFilter, first: int, after: int | None) -> BalancePage:
        async with self._reading(tenant_id, "invoice_balances.list") as session:
            page, counting = session.params(), session.params()
            where = _balance_conditions(page, session.codec, tenant_id, filter)
            if after is not None:
                where += f" AND sequence < {page.add(after)}"
            sql = (
                f"SELECT {', '.join(BALANCE_COLUMNS)} FROM invoice_balances WHERE {where} "
                f"ORDER BY sequence DESC LIMIT {page.add(first + 1)}"
            )
            rows = await session.fetch(sql, page.values)
            counted = _balance_conditions(counting, session.codec, tenant_id, filter)
            total = await session.fetch(f"SELECT count(*) FROM invoice_balances WHERE {counted}", counting.values)
        balances = [_balance(row, session.codec) for row in rows[:first]]
        return BalancePage(balances, has_next_page=len(rows) > first, total_count=total[0][0])

    async def pending_certificates(self, tenant_id: str, first: int, after: int | None) -> PendingCertificatePage:
        async with self._reading(tenant_id, "certificates.pending") as session:
            page, counting = session.params(), session.params()

            def where(params: Params) -> str:
                return (
                    f"s.tenant_id = {params.add(tenant_id)} AND s.kind = 'VDS' AND s.active = {params.add(True)} "
                    "AND s.certificate_number IS NULL"
                )

            # Oldest receipt first (by its date, then as recorded): the cursor packs both into one number.
            key = f"(r.receipt_day * {_DAY} + r.sequence * {_POSITION} + s.position)"
            condition = where(page) + (f" AND {key} > {page.add(after)}" if after is not None else "")
            joined = "invoice_settlements s JOIN receipts r ON r.tenant_id = s.tenant_id AND r.receipt_id = s.source_id"
            sql = (
                f"SELECT s.withholding_id, s.invoice_id, s.kind, s.amount_paisa, r.receipt_id, r.receipt_number, "
                f"r.receipt_date, r.customer_id, {key} AS sequence FROM {joined} WHERE {condition} "
                f"ORDER BY r.receipt_day, r.sequence, s.position LIMIT {page.add(first + 1)}"
            )
            rows = await session.fetch(sql, page.values)
            total = await session.fetch(f"SELECT count(*) FROM {joined} WHERE {where(counting)}", counting.values)
        entries = [
            PendingCertificate(
                Withholding(
                    row["withholding_id"], row["invoice_id"], row["kind"], from_paisa(row["amount_paisa"]), None, None
                ),
                row["receipt_id"],
                row["receipt_number"],
                session.codec.date_out(row["receipt_date"]),
                row["customer_id"],
                row["sequence"],
            )
            for row in rows[:first]
        ]
        return PendingCertificatePage(entries, has_next_page=len(rows) > first, total_count=total[0][0])


def _select_receipts(params: Params, tenant_id: str, condition: Callable[[Params], str]) -> str:
    """The receipts meeting `condition`, whose parameters are added after the tenant's, in the text's order."""
    tenant = params.add(tenant_id)
    return f"SELECT {', '.join(RECEIPT_COLUMNS)} FROM receipts WHERE tenant_id = {tenant} AND {condition(params)}"


def _receipt_conditions(
    params: Params, codec: ValueCodec, tenant_id: str, where: ReceiptFilter, after: int | None
) -> str:
    conditions = ["1 = 1"]
    if where.customer_id is not None:
        conditions.append(f"customer_id = {params.add(where.customer_id)}")
    if where.customer_party_id is not None:
        conditions.append(f"customer_party_id = {params.add(where.customer_party_id)}")
    if where.invoice_id is not None:
        conditions.append(
            f"receipt_id IN (SELECT source_id FROM invoice_settlements WHERE tenant_id = {params.add(tenant_id)} "
            f"AND invoice_id = {params.add(where.invoice_id)})"
        )
    if where.date_from is not None:
        conditions.append(f"receipt_date >= {params.add(codec.date_in(where.date_from))}")
    if where.date_to is not None:
        conditions.append(f"receipt_date <= {params.add(codec.date_in(where.date_to))}")
    if after is not None:
        conditions.append(f"sequence < {params.add(after)}")
    return " AND ".join(conditions)


def _balance_conditions(params: Params, codec: ValueCodec, tenant_id: str, where: BalanceFilter) -> str:
    conditions = [
        f"tenant_id = {params.add(tenant_id)}",
        "mushak_number IS NOT NULL",
        f"cancelled = {params.add(False)}",
    ]
    if where.customer_id is not None:
        conditions.append(f"customer_id = {params.add(where.customer_id)}")
    if where.customer_party_id is not None:
        conditions.append(f"customer_party_id = {params.add(where.customer_party_id)}")
    if where.statuses:
        conditions.append("(" + " OR ".join(f"({_STATUS[status]})" for status in where.statuses) + ")")
    if where.overdue_on is not None:
        conditions.append(f"{_OUTSTANDING} > 0 AND due_date < {params.add(codec.date_in(where.overdue_on))}")
    return " AND ".join(conditions)


async def _balances(session: SqlSession, tenant_id: str, invoice_ids: Sequence[str]) -> dict[str, InvoiceBalance]:
    if not invoice_ids:
        return {}
    params = session.params()
    sql = (
        f"SELECT {', '.join(BALANCE_COLUMNS)} FROM {session.table('invoice_balances')} "
        f"WHERE tenant_id = {params.add(tenant_id)} AND {params.is_in('invoice_id', list(invoice_ids))} "
        "AND mushak_number IS NOT NULL"
    )
    rows = await session.fetch(sql, params.values)
    return {row["invoice_id"]: _balance(row, session.codec) for row in rows}


def _balance(row: Row, codec: ValueCodec) -> InvoiceBalance:
    return InvoiceBalance(
        invoice_id=row["invoice_id"],
        sequence=row["sequence"],
        customer_id=row["customer_id"],
        customer_party_id=row["customer_party_id"],
        mushak_number=row["mushak_number"],
        issued_on=codec.date_out(row["issued_on"]),
        due_date=codec.date_out(row["due_date"]),
        adjusted_total=from_paisa(row["adjusted_total_paisa"]),
        adjusted_vat=from_paisa(row["adjusted_vat_paisa"]),
        allocated=from_paisa(row["allocated_paisa"]),
        withheld_vds=from_paisa(row["withheld_vds_paisa"]),
        withheld_ait=from_paisa(row["withheld_ait_paisa"]),
        written_off=from_paisa(row["written_off_paisa"]),
        cancelled=bool(row["cancelled"]),
    )


async def _receipts(session: SqlSession, tenant_id: str, rows: Sequence[Row]) -> builtins.list[ReceiptView]:
    """Each receipt with what it settles, the settlements of the whole page read in one query."""
    if not rows:
        return []
    ids = [row["receipt_id"] for row in rows]
    settled = await children_of(
        session, "invoice_settlements", SETTLEMENT_COLUMNS, tenant_id, "source_id", ids, "source_id, position"
    )
    return [_receipt(row, settled.get(row["receipt_id"], []), session.codec) for row in rows]


def _receipt(row: Row, settlements: Sequence[Row], codec: ValueCodec) -> ReceiptView:
    cheque = (
        Cheque(row["cheque_number"], row["cheque_bank"], row["cheque_branch"], codec.date_out(row["cheque_date"]))
        if row["cheque_number"] is not None
        else None
    )
    wallet = (
        Wallet(row["wallet_provider"], row["wallet_msisdn"], row["wallet_transaction_id"])
        if row["wallet_provider"] is not None
        else None
    )
    allocations = tuple(
        AllocationView(s["invoice_id"], from_paisa(s["amount_paisa"]), codec.date_out(s["settled_on"]))
        for s in settlements
        if s["kind"] == "ALLOCATION"
    )
    withholdings = tuple(
        Withholding(
            s["withholding_id"],
            s["invoice_id"],
            s["kind"],
            from_paisa(s["amount_paisa"]),
            s["certificate_number"],
            _optional_date(s["certificate_date"], codec),
        )
        for s in settlements
        if s["kind"] != "ALLOCATION"
    )
    return ReceiptView(
        tenant_id=row["tenant_id"],
        receipt_id=row["receipt_id"],
        sequence=row["sequence"],
        receipt_number=row["receipt_number"],
        customer_id=row["customer_id"],
        customer_party_id=row["customer_party_id"],
        receipt_date=codec.date_out(row["receipt_date"]),
        method=ReceiptMethod(row["method"]),
        amount=from_paisa(row["amount_paisa"]),
        status=ReceiptStatus(row["status"]),
        deposit_account_code=row["deposit_account_code"],
        reference=row["reference"],
        cheque=cheque,
        wallet=wallet,
        allocations=allocations,
        withholdings=withholdings,
        recorded_by=row["recorded_by"],
        recorded_at=codec.datetime_out(row["recorded_at"]),
        version=row["version"],
    )


def _optional_date(value: Any, codec: ValueCodec) -> date | None:
    return codec.date_out(value) if value is not None else None


def payment_condition(
    params: Params, codec: ValueCodec, tenant_id: str, statuses: tuple[str, ...], overdue_on: date | None
) -> str:
    """The invoices (by `invoice_id`) of these payment statuses, or owing past their due date on a day:
    the invoice list's payment filter, answered from the balances."""
    found = BalanceFilter(statuses=tuple(PaymentStatus(s) for s in statuses), overdue_on=overdue_on)
    conditions = _balance_conditions(params, codec, tenant_id, found)
    return f"invoice_id IN (SELECT invoice_id FROM invoice_balances WHERE {conditions})"
