"""The payments read model in SQL: payments and what each settles and withholds, the Mushak-6.6s, deposits,
and each bill's payable.

`bill_payables` has two kinds of column, written by two kinds of stream: the bill's own facts (its
number, supplier and total after notes), from the bill's stream, and the sums of what payments
settled of it, recomputed in SQL from `payment_allocations` and `payment_withholdings` whenever a
payment of it is recorded. Each write names only its own columns, so a supplier's note and a
payment of one bill never overwrite each other's figures.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any

from hisab.event_store.adapters.sql.pages import TenantTable, children_of
from hisab.event_store.adapters.sql.params import Params, placeholders
from hisab.event_store.adapters.sql.session import SqlSession
from hisab.event_store.adapters.sql.types import Row
from hisab.event_store.messages import DomainEvent, StoredEvent
from hisab.event_store.projections import ReadModelTable
from hisab.kernel.money import from_paisa, to_paisa
from hisab.purchases.application.payment_ports import (
    CertificateFilter,
    CertificatePage,
    PayableFilter,
    PaymentFilter,
    PaymentPage,
)
from hisab.purchases.application.payment_views import (
    AllocationView,
    BillPayable,
    BillPaymentStatus,
    CertificateView,
    PaymentView,
    WithholdingPayable,
    project_payment,
)
from hisab.purchases.domain.bill import Bill
from hisab.purchases.domain.events import (
    BillRecorded,
    CertificateRow,
    PaymentRecorded,
    PaymentWithholding,
    SupplierNoteRecorded,
    SupplierSnapshot,
    WithholdingDepositRecorded,
    WithholdingKind,
)
from hisab.purchases.domain.payments import BillSettled

PAYMENT_COLUMNS = (
    "tenant_id", "payment_id", "sequence", "payment_number", "supplier_party_id", "supplier_name",
    "supplier_address", "supplier_bin", "supplier_tin", "supplier_nid", "payment_date", "method", "amount_paisa",
    "paid_from_account_code", "reference", "certificate_id", "certificate_number", "recorded_by", "recorded_at",
    "version",
)  # fmt: skip
ALLOCATION_COLUMNS = ("tenant_id", "payment_id", "position", "bill_id", "amount_paisa", "credit_reversed_paisa")
WITHHOLDING_COLUMNS = (
    "tenant_id", "payment_id", "position", "withholding_id", "bill_id", "kind", "rate", "base_paisa", "amount_paisa",
    "service_code",
)  # fmt: skip
CERTIFICATE_COLUMNS = (
    "tenant_id", "certificate_id", "sequence", "payment_id", "certificate_number", "serial", "fiscal_year",
    "issued_on", "supplier_party_id",
)  # fmt: skip
CERTIFICATE_ROW_COLUMNS = (
    "tenant_id", "certificate_id", "position", "bill_id", "supplier_invoice_number", "supplier_invoice_date",
    "total_value_paisa", "vat_paisa", "deducted_paisa",
)  # fmt: skip
FACT_COLUMNS = ("sequence", "bill_number", "supplier_party_id", "supplier_invoice_number", "total_paisa")
SUM_COLUMNS = ("paid_paisa", "vds_paisa", "tds_paisa", "credit_reversed_paisa")
PAYABLE_COLUMNS = ("tenant_id", "bill_id", *FACT_COLUMNS, *SUM_COLUMNS)
DEPOSIT_COLUMNS = (
    "tenant_id", "deposit_id", "sequence", "kind", "challan_number", "deposit_date", "amount_paisa",
    "paid_from_account_code",
)  # fmt: skip

PAYMENTS = ReadModelTable("payments", PAYMENT_COLUMNS, key=("tenant_id", "payment_id"), noun="payment",
                          reported_key="payment_id")  # fmt: skip
ALLOCATIONS = ReadModelTable("payment_allocations", ALLOCATION_COLUMNS, key=("tenant_id", "payment_id", "position"),
                             noun="payment allocation", reported_key="payment_id")  # fmt: skip
WITHHOLDINGS = ReadModelTable("payment_withholdings", WITHHOLDING_COLUMNS,
                              key=("tenant_id", "payment_id", "position"), noun="payment withholding",
                              reported_key="payment_id")  # fmt: skip
CERTIFICATES = ReadModelTable("vds_certificates", CERTIFICATE_COLUMNS, key=("tenant_id", "certificate_id"),
                              noun="VDS certificate", reported_key="certificate_id")  # fmt: skip
CERTIFICATE_ROWS = ReadModelTable("vds_certificate_rows", CERTIFICATE_ROW_COLUMNS,
                                  key=("tenant_id", "certificate_id", "position"), noun="VDS certificate row",
                                  reported_key="certificate_id")  # fmt: skip
PAYABLES = ReadModelTable("bill_payables", PAYABLE_COLUMNS, key=("tenant_id", "bill_id"), noun="bill payable",
                          reported_key="bill_id")  # fmt: skip
DEPOSITS = ReadModelTable("withholding_deposits", DEPOSIT_COLUMNS, key=("tenant_id", "deposit_id"),
                          noun="withholding deposit", reported_key="deposit_id")  # fmt: skip
PAYMENT_TABLES = (PAYMENTS, ALLOCATIONS, WITHHOLDINGS, CERTIFICATES, CERTIFICATE_ROWS, PAYABLES, DEPOSITS)
FOLLOWED: frozenset[type[DomainEvent]] = frozenset(
    {BillRecorded, SupplierNoteRecorded, PaymentRecorded, WithholdingDepositRecorded}
)

Reading = Callable[[str, str], AbstractAsyncContextManager[SqlSession]]
_OUTSTANDING = "(total_paisa - paid_paisa - vds_paisa - tds_paisa)"
_SETTLED = "(paid_paisa + vds_paisa + tds_paisa)"
_STATUS = {
    BillPaymentStatus.UNPAID: f"{_OUTSTANDING} > 0 AND {_SETTLED} = 0",
    BillPaymentStatus.PARTLY_PAID: f"{_OUTSTANDING} > 0 AND {_SETTLED} > 0",
    BillPaymentStatus.PAID: f"{_OUTSTANDING} <= 0",
}


class SqlPaymentProjection:
    name = "payments"
    follows = FOLLOWED
    tables: tuple[ReadModelTable, ...] = PAYMENT_TABLES

    async def apply(self, tables: SqlSession, stream: Sequence[StoredEvent], new: Sequence[StoredEvent]) -> None:
        first = stream[0]
        if isinstance(first.event, PaymentRecorded):
            await _payment(tables, stream)
        elif isinstance(first.event, WithholdingDepositRecorded):
            await _deposit(tables, first)
        elif isinstance(first.event, BillRecorded):
            await _bill(tables, stream)


async def _insert(tables: SqlSession, table: ReadModelTable, row: Sequence[Any]) -> None:
    sql = (
        f"INSERT INTO {tables.table(table.name)} ({', '.join(table.columns)}) "
        f"VALUES ({placeholders(tables.style, len(table.columns))})"
    )
    await tables.fetch(sql, tuple(row))


async def _payment(tables: SqlSession, stream: Sequence[StoredEvent]) -> None:
    # A payment is one event and never changes: its rows are written once.
    view, recorded = project_payment(stream), stream[0].event
    assert isinstance(recorded, PaymentRecorded)
    codec, supplier, tenant_id = tables.codec, view.supplier, view.tenant_id
    await _insert(
        tables, PAYMENTS,
        (
            tenant_id, view.payment_id, view.sequence, view.payment_number, supplier.party_id, supplier.name,
            supplier.address, supplier.bin, supplier.tin, supplier.nid, codec.date_in(view.payment_date), view.method,
            to_paisa(view.amount), view.paid_from_account_code, view.reference, view.certificate_id,
            view.certificate_number, view.recorded_by, codec.datetime_in(view.recorded_at), view.version,
        ),
    )  # fmt: skip
    for position, a in enumerate(view.allocations, start=1):
        row = (tenant_id, view.payment_id, position, a.bill_id, to_paisa(a.amount), to_paisa(a.credit_reversed))
        await _insert(tables, ALLOCATIONS, row)
    for position, w in enumerate(view.withholdings, start=1):
        rate = codec.decimal_in(w.rate) if w.rate is not None else None
        await _insert(
            tables, WITHHOLDINGS,
            (tenant_id, view.payment_id, position, w.withholding_id, w.bill_id, w.kind.value, rate, to_paisa(w.base),
             to_paisa(w.amount), w.service_code),
        )  # fmt: skip
    certificate = recorded.certificate
    if certificate is not None:
        await _insert(
            tables, CERTIFICATES,
            (tenant_id, certificate.certificate_id, view.sequence, view.payment_id, certificate.certificate_number,
             certificate.serial, certificate.fiscal_year, codec.date_in(certificate.issued_on), supplier.party_id),
        )  # fmt: skip
        for position, r in enumerate(certificate.rows, start=1):
            await _insert(
                tables, CERTIFICATE_ROWS,
                (tenant_id, certificate.certificate_id, position, r.bill_id, r.supplier_invoice_number,
                 codec.date_in(r.supplier_invoice_date), to_paisa(r.total_value), to_paisa(r.vat),
                 to_paisa(r.deducted)),
            )  # fmt: skip
    await _resum(tables, tenant_id, {a.bill_id for a in view.allocations})


async def _deposit(tables: SqlSession, stored: StoredEvent) -> None:
    event = stored.event
    assert isinstance(event, WithholdingDepositRecorded)
    await _insert(
        tables, DEPOSITS,
        (stored.metadata.tenant_id, event.deposit_id, stored.position, event.kind.value, event.challan_number,
         tables.codec.date_in(event.deposit_date), to_paisa(event.amount), event.paid_from_account_code),
    )  # fmt: skip


async def _bill(tables: SqlSession, stream: Sequence[StoredEvent]) -> None:
    bill = Bill.from_events(s.event for s in stream)
    recorded = bill.recorded
    row = (
        stream[0].metadata.tenant_id, bill.bill_id, stream[0].position, recorded.bill_number, bill.supplier.party_id,
        recorded.supplier_invoice_number, to_paisa(bill.total), *(0 for _ in SUM_COLUMNS),
    )  # fmt: skip
    # A new row starts with nothing settled; an existing one keeps its sums (only the facts are updated),
    # and a rebuild's fresh tables, which have no column defaults, get the same zeros.
    updates = ", ".join(f"{column} = excluded.{column}" for column in FACT_COLUMNS)
    sql = (
        f"INSERT INTO {tables.table(PAYABLES.name)} ({', '.join(PAYABLE_COLUMNS)}) "
        f"VALUES ({placeholders(tables.style, len(PAYABLE_COLUMNS))}) "
        f"ON CONFLICT (tenant_id, bill_id) DO UPDATE SET {updates}"
    )
    await tables.fetch(sql, row)


async def _resum(tables: SqlSession, tenant_id: str, bill_ids: set[str]) -> None:
    """Each bill's sums, recomputed from every allocation and withholding of it."""
    allocations, withholdings = tables.table(ALLOCATIONS.name), tables.table(WITHHOLDINGS.name)
    payables = tables.table(PAYABLES.name)
    updates = ", ".join(f"{column} = excluded.{column}" for column in SUM_COLUMNS)
    for bill_id in sorted(bill_ids):
        params = tables.params()
        withheld = [
            f"(SELECT coalesce(sum(amount_paisa), 0) FROM {withholdings} "
            f"WHERE {_of(params, tenant_id, 'bill_id', bill_id)} AND kind = '{kind.value}')"
            for kind in WithholdingKind
        ]
        selected = f"{params.add(tenant_id)}, {params.add(bill_id)}, coalesce(sum(amount_paisa), 0)"
        sums = f"{', '.join(withheld)}, coalesce(sum(credit_reversed_paisa), 0)"
        sql = (
            f"INSERT INTO {payables} (tenant_id, bill_id, {', '.join(SUM_COLUMNS)}) "
            f"SELECT {selected}, {sums} FROM {allocations} WHERE {_of(params, tenant_id, 'bill_id', bill_id)} "
            f"ON CONFLICT (tenant_id, bill_id) DO UPDATE SET {updates}"
        )
        await tables.fetch(sql, params.values)


def _of(params: Params, tenant_id: str, column: str, value: str) -> str:
    """The tenant's rows of one value: sqlite3's placeholders are positional, so each use takes its own."""
    return f"tenant_id = {params.add(tenant_id)} AND {column} = {params.add(value)}"


class SqlPaymentTables:
    async def settled_within(
        self, tables: SqlSession, tenant_id: str, bill_ids: Sequence[str]
    ) -> dict[str, BillSettled]:
        params = tables.params()
        sql = (
            f"SELECT bill_id, {', '.join(SUM_COLUMNS)} FROM bill_payables WHERE tenant_id = {params.add(tenant_id)} "
            f"AND {params.is_in('bill_id', list(bill_ids))}"
        )
        return {
            row["bill_id"]: BillSettled(*(from_paisa(row[column]) for column in SUM_COLUMNS))
            for row in await tables.fetch(sql, params.values)
        }

    async def payable_within(self, tables: SqlSession, tenant_id: str, kind: WithholdingKind) -> WithholdingPayable:
        return (await _payables(tables, tenant_id, (kind,)))[0]


async def _payables(session: SqlSession, tenant_id: str, kinds: Sequence[WithholdingKind]) -> list[WithholdingPayable]:
    found = []
    for kind in kinds:
        params = session.params()
        withheld, deposited = (
            f"(SELECT coalesce(sum(amount_paisa), 0) FROM {table} WHERE {_of(params, tenant_id, 'kind', kind.value)})"
            for table in ("payment_withholdings", "withholding_deposits")
        )
        rows = await session.fetch(f"SELECT {withheld} AS withheld, {deposited} AS deposited", params.values)
        found.append(WithholdingPayable(kind, from_paisa(rows[0]["withheld"]), from_paisa(rows[0]["deposited"])))
    return found


_PAYMENTS_TABLE = TenantTable("payments", PAYMENT_COLUMNS, "payment_id")
_CERTIFICATES_TABLE = TenantTable("vds_certificates", CERTIFICATE_COLUMNS, "certificate_id")


class SqlPaymentQueries:
    def __init__(self, reading: Reading) -> None:
        self._reading = reading

    async def payment(self, tenant_id: str, payment_id: str) -> PaymentView | None:
        async with self._reading(tenant_id, "payments.get") as session:
            row = await _PAYMENTS_TABLE.get(session, tenant_id, payment_id)
            views = await _payment_views(session, tenant_id, [row] if row else [])
        return views[0] if views else None

    async def payments(self, tenant_id: str, filter: PaymentFilter, first: int, after: int | None) -> PaymentPage:
        def where(params: Params) -> str:
            conditions = [f"tenant_id = {params.add(tenant_id)}"]
            if filter.supplier_party_id is not None:
                conditions.append(f"supplier_party_id = {params.add(filter.supplier_party_id)}")
            if filter.bill_id is not None:
                conditions.append(
                    f"payment_id IN (SELECT payment_id FROM payment_allocations WHERE tenant_id = "
                    f"{params.add(tenant_id)} AND bill_id = {params.add(filter.bill_id)})"
                )
            conditions += _dated("payment_date", params, session.codec, filter.date_from, filter.date_to)
            return " AND ".join(conditions)

        async with self._reading(tenant_id, "payments.list") as session:
            page = await _PAYMENTS_TABLE.page(session, where, first, after)
            views = await _payment_views(session, tenant_id, page.rows)
        return PaymentPage(views, page.has_next_page, page.total_count)

    async def certificate(self, tenant_id: str, certificate_id: str) -> CertificateView | None:
        async with self._reading(tenant_id, "vds_certificates.get") as session:
            row = await _CERTIFICATES_TABLE.get(session, tenant_id, certificate_id)
            views = await _certificate_views(session, tenant_id, [row] if row else [])
        return views[0] if views else None

    async def certificates_by_id(self, tenant_id: str, certificate_ids: Sequence[str]) -> dict[str, CertificateView]:
        async with self._reading(tenant_id, "vds_certificates.get_many") as session:
            rows = await _CERTIFICATES_TABLE.get_many(session, tenant_id, certificate_ids)
            views = await _certificate_views(session, tenant_id, rows)
        return {view.certificate_id: view for view in views}

    async def certificates(
        self, tenant_id: str, filter: CertificateFilter, first: int, after: int | None
    ) -> CertificatePage:
        def where(params: Params) -> str:
            conditions = [f"tenant_id = {params.add(tenant_id)}"]
            if filter.supplier_party_id is not None:
                conditions.append(f"supplier_party_id = {params.add(filter.supplier_party_id)}")
            conditions += _dated("issued_on", params, session.codec, filter.date_from, filter.date_to)
            return " AND ".join(conditions)

        async with self._reading(tenant_id, "vds_certificates.list") as session:
            page = await _CERTIFICATES_TABLE.page(session, where, first, after)
            views = await _certificate_views(session, tenant_id, page.rows)
        return CertificatePage(views, page.has_next_page, page.total_count)

    async def bill_payables(self, tenant_id: str, filter: PayableFilter, limit: int) -> list[BillPayable]:
        async with self._reading(tenant_id, "bill_payables.list") as session:
            params = session.params()
            # Only bills whose own stream was projected: a payment alone does not make a payable.
            conditions = [f"tenant_id = {params.add(tenant_id)}", "total_paisa IS NOT NULL"]
            if filter.supplier_party_id is not None:
                conditions.append(f"supplier_party_id = {params.add(filter.supplier_party_id)}")
            if filter.statuses:
                conditions.append("(" + " OR ".join(f"({_STATUS[s]})" for s in filter.statuses) + ")")
            sql = (
                f"SELECT {', '.join(PAYABLE_COLUMNS)} FROM bill_payables WHERE {' AND '.join(conditions)} "
                f"ORDER BY sequence DESC LIMIT {params.add(limit)}"
            )
            rows = await session.fetch(sql, params.values)
        return [
            BillPayable(
                row["bill_id"], row["sequence"], row["bill_number"], row["supplier_party_id"],
                row["supplier_invoice_number"], from_paisa(row["total_paisa"]),
                *(from_paisa(row[column]) for column in SUM_COLUMNS),
            )
            for row in rows
        ]  # fmt: skip

    async def withholding_payables(self, tenant_id: str) -> list[WithholdingPayable]:
        async with self._reading(tenant_id, "withholding_payables.get") as session:
            return await _payables(session, tenant_id, tuple(WithholdingKind))


def _dated(column: str, params: Params, codec: Any, date_from: Any, date_to: Any) -> list[str]:
    found = []
    if date_from is not None:
        found.append(f"{column} >= {params.add(codec.date_in(date_from))}")
    if date_to is not None:
        found.append(f"{column} <= {params.add(codec.date_in(date_to))}")
    return found


def _supplier(row: Row) -> SupplierSnapshot:
    return SupplierSnapshot(
        row["supplier_party_id"], row["supplier_name"], row["supplier_address"], row["supplier_bin"],
        row["supplier_tin"], row["supplier_nid"],
    )  # fmt: skip


async def _payment_views(session: SqlSession, tenant_id: str, rows: Sequence[Row]) -> list[PaymentView]:
    if not rows:
        return []
    ids, codec = [row["payment_id"] for row in rows], session.codec
    allocations = await children_of(
        session, "payment_allocations", ALLOCATION_COLUMNS, tenant_id, "payment_id", ids, "position"
    )
    withholdings = await children_of(
        session, "payment_withholdings", WITHHOLDING_COLUMNS, tenant_id, "payment_id", ids, "position"
    )
    return [
        PaymentView(
            tenant_id, row["payment_id"], row["sequence"], row["payment_number"], _supplier(row),
            codec.date_out(row["payment_date"]), row["method"], from_paisa(row["amount_paisa"]),
            row["paid_from_account_code"], row["reference"],
            tuple(
                AllocationView(a["bill_id"], from_paisa(a["amount_paisa"]), from_paisa(a["credit_reversed_paisa"]))
                for a in allocations.get(row["payment_id"], [])
            ),
            tuple(
                PaymentWithholding(
                    w["withholding_id"], w["bill_id"], WithholdingKind(w["kind"]),
                    codec.decimal_out(w["rate"]) if w["rate"] is not None else None, from_paisa(w["base_paisa"]),
                    from_paisa(w["amount_paisa"]), w["service_code"],
                )
                for w in withholdings.get(row["payment_id"], [])
            ),
            row["certificate_id"], row["certificate_number"], row["recorded_by"],
            codec.datetime_out(row["recorded_at"]), row["version"],
        )
        for row in rows
    ]  # fmt: skip


async def _certificate_views(session: SqlSession, tenant_id: str, rows: Sequence[Row]) -> list[CertificateView]:
    if not rows:
        return []
    codec = session.codec
    payments = {
        row["payment_id"]: row
        for row in await _PAYMENTS_TABLE.get_many(session, tenant_id, [row["payment_id"] for row in rows])
    }
    lines = await children_of(
        session, "vds_certificate_rows", CERTIFICATE_ROW_COLUMNS, tenant_id, "certificate_id",
        [row["certificate_id"] for row in rows], "position",
    )  # fmt: skip
    return [
        CertificateView(
            tenant_id, row["certificate_id"], row["sequence"], row["payment_id"],
            payments[row["payment_id"]]["payment_number"], row["certificate_number"], row["serial"],
            row["fiscal_year"], codec.date_out(row["issued_on"]), _supplier(payments[row["payment_id"]]),
            tuple(
                CertificateRow(
                    r["bill_id"], r["supplier_invoice_number"], codec.date_out(r["supplier_invoice_date"]),
                    from_paisa(r["total_value_paisa"]), from_paisa(r["vat_paisa"]), from_paisa(r["deducted_paisa"]),
                )
                for r in lines.get(row["certificate_id"], [])
            ),
            codec.datetime_out(payments[row["payment_id"]]["recorded_at"]),
        )
        for row in rows
    ]  # fmt: skip
