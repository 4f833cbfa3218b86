"""The read model's statements, written once for both databases.

The written tables' names are parameters so that a rebuild can project into fresh tables with
the very statements the live path uses; they only ever come from `SqlSession.table`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from hisab.event_store.adapters.sql.params import Params, Style, placeholders
from hisab.event_store.adapters.sql.values import ValueCodec
from hisab.event_store.projections import ReadModelTable
from hisab.invoicing.adapters.sql.rows import INVOICE_COLUMNS, LINE_COLUMNS
from hisab.invoicing.application.ports import InvoiceFilter
from hisab.invoicing.domain.numbering import INVOICE_NUMBER_SERIES_PREFIX
from hisab.kernel.fiscal_year import BANGLADESH_TIME
from hisab.kernel.money import to_paisa

INVOICES = ReadModelTable(
    "invoices", INVOICE_COLUMNS, key=("tenant_id", "invoice_id"), noun="invoice", reported_key="invoice_id"
)
LINES = ReadModelTable(
    "invoice_lines",
    LINE_COLUMNS,
    key=("tenant_id", "invoice_id", "position"),
    noun="invoice",
    reported_key="invoice_id",
)

_MUTABLE = [c for c in INVOICE_COLUMNS if c not in ("tenant_id", "invoice_id")]


def upsert_invoice(style: Style, invoices: str) -> str:
    updates = ", ".join(f"{column} = excluded.{column}" for column in _MUTABLE)
    return (
        f"INSERT INTO {invoices} ({', '.join(INVOICE_COLUMNS)}) "
        f"VALUES ({placeholders(style, len(INVOICE_COLUMNS))}) "
        f"ON CONFLICT (tenant_id, invoice_id) DO UPDATE SET {updates}"
    )


# The PostgreSQL type of each of LINE_COLUMNS: lines travel as one array per column, which
# (unlike an array of the table's row type) does not tie a cached statement to a table's type
# oid, so it works for the rebuild's temporary tables too.
LINE_ARRAY_TYPES = (
    "text", "text", "int", "text", "text", "numeric", "bigint", "text", "numeric", "numeric", "numeric",
    "text", "text", "bigint", "bigint", "bigint", "bigint", "text", "text", "text", "text",
    "numeric", "bigint", "bigint", "bigint", "numeric", "bigint", "bigint", "bigint",
)  # fmt: skip


def upsert_invoice_replacing_lines(invoices: str, lines: str) -> str:
    """PostgreSQL: the invoice row and all its lines in one statement (asyncpg, `$n` parameters).

    The parameters are the invoice row's, then one array per line column. The old lines are
    deleted before the new ones go in: the insert waits on the delete's count, a one-time filter
    evaluated before the first row is inserted.
    """
    first = len(INVOICE_COLUMNS) + 1
    arrays = ", ".join(f"${first + i}::{kind}[]" for i, kind in enumerate(LINE_ARRAY_TYPES))
    return (
        f"WITH invoice AS ({upsert_invoice('numeric', invoices)}), "
        f"gone AS (DELETE FROM {lines} WHERE tenant_id = $1 AND invoice_id = $2 RETURNING 1) "
        f"INSERT INTO {lines} ({', '.join(LINE_COLUMNS)}) SELECT * FROM unnest({arrays}) "
        "WHERE (SELECT count(*) FROM gone) >= 0"
    )


def delete_lines(style: Style, lines: str) -> str:
    return (
        f"DELETE FROM {lines} "
        f"WHERE tenant_id = {placeholders(style, 1)} AND invoice_id = {placeholders(style, 1, start=2)}"
    )


def insert_line(style: Style, lines: str) -> str:
    return f"INSERT INTO {lines} ({', '.join(LINE_COLUMNS)}) VALUES ({placeholders(style, len(LINE_COLUMNS))})"


# PostgreSQL reads an invoice's lines in the statement that reads the invoice, as an array of
# `invoice_lines` rows (asyncpg decodes them as records): one round trip instead of two.
LINES_ARRAY = (
    "ARRAY(SELECT l FROM invoice_lines l WHERE l.tenant_id = invoices.tenant_id "
    "AND l.invoice_id = invoices.invoice_id ORDER BY l.position) AS lines"
)


def _invoice_columns(with_lines: bool) -> str:
    return ", ".join((*INVOICE_COLUMNS, LINES_ARRAY) if with_lines else INVOICE_COLUMNS)


def select_invoice(style: Style, *, with_lines: bool = False) -> str:
    return (
        f"SELECT {_invoice_columns(with_lines)} FROM invoices "
        f"WHERE tenant_id = {placeholders(style, 1)} AND invoice_id = {placeholders(style, 1, start=2)}"
    )


def select_invoices(params: Params, tenant_id: str, invoice_ids: list[str], *, with_lines: bool = False) -> str:
    return (
        f"SELECT {_invoice_columns(with_lines)} FROM invoices WHERE tenant_id = {params.add(tenant_id)} "
        f"AND {params.is_in('invoice_id', invoice_ids)}"
    )


def select_invoice_by_number(params: Params, tenant_id: str, number: str, *, with_lines: bool = False) -> str:
    """By internal number or Mushak serial; the two never look alike (INV-… against UNIT/…)."""
    return (
        f"SELECT {_invoice_columns(with_lines)} FROM invoices WHERE tenant_id = {params.add(tenant_id)} "
        f"AND (invoice_number = {params.add(number)} OR mushak_number = {params.add(number)}) "
        "ORDER BY sequence LIMIT 1"
    )


# The condition on `invoice_id` that a filter's payment fields make, written by the context that
# keeps payments (receivables), so that this read model need not know its tables.
PaymentCondition = Callable[[Params, ValueCodec, str, tuple[str, ...], date | None], str]


def list_invoices(
    params: Params,
    codec: ValueCodec,
    tenant_id: str,
    where: InvoiceFilter,
    limit: int,
    after_sequence: int | None,
    *,
    with_lines: bool = False,
    payments: PaymentCondition | None = None,
) -> str:
    conditions = _conditions(params, codec, tenant_id, where, payments)
    if after_sequence is not None:
        conditions.append(f"sequence < {params.add(after_sequence)}")
    return (
        f"SELECT {_invoice_columns(with_lines)} FROM invoices WHERE {' AND '.join(conditions)} "
        f"ORDER BY sequence DESC LIMIT {params.add(limit)}"
    )


def count_invoices(
    params: Params, codec: ValueCodec, tenant_id: str, where: InvoiceFilter, payments: PaymentCondition | None = None
) -> str:
    """How many invoices match; without a filter, read from the invoice-number counters.

    count(*) visits every matching row, which grows with the tenant. But every invoice takes
    exactly one number from a per-date counter in the transaction that creates it (a rollback
    gives the number back), so the sum of those counters is the tenant's invoice count, read
    from one row per invoice date.
    """
    if where == InvoiceFilter():
        prefix = INVOICE_NUMBER_SERIES_PREFIX
        return (
            f"SELECT coalesce(sum(value), 0) FROM counters WHERE tenant_id = {params.add(tenant_id)} "
            f"AND substr(series, 1, {len(prefix)}) = {params.add(prefix)}"
        )
    conditions = _conditions(params, codec, tenant_id, where, payments)
    return f"SELECT count(*) FROM invoices WHERE {' AND '.join(conditions)}"


def dhaka_midnight(day: date) -> datetime:
    """The moment a Dhaka day starts: invoices are issued at moments, tax periods are Dhaka days."""
    return datetime.combine(day, time(), BANGLADESH_TIME)


def _conditions(
    params: Params, codec: ValueCodec, tenant_id: str, where: InvoiceFilter, payments: PaymentCondition | None
) -> list[str]:
    conditions = [f"tenant_id = {params.add(tenant_id)}"]
    if where.statuses:
        conditions.append(params.is_in("status", [status.value for status in where.statuses]))
    if where.customer_id is not None:
        conditions.append(f"customer_id = {params.add(where.customer_id)}")
    if where.vendor_id is not None:
        conditions.append(f"vendor_id = {params.add(where.vendor_id)}")
    if where.fiscal_year is not None:
        conditions.append(f"fiscal_year = {params.add(where.fiscal_year)}")
    if where.invoice_date_from is not None:
        conditions.append(f"invoice_date >= {params.add(codec.date_in(where.invoice_date_from))}")
    if where.invoice_date_to is not None:
        conditions.append(f"invoice_date <= {params.add(codec.date_in(where.invoice_date_to))}")
    for column, days in (("issued_at", where.issued_between), ("cancelled_at", where.cancelled_between)):
        if days is not None:
            starts, ends = (codec.datetime_in(dhaka_midnight(day)) for day in (days[0], days[1] + timedelta(days=1)))
            conditions.append(f"{column} >= {params.add(starts)} AND {column} < {params.add(ends)}")
    if where.min_total is not None:
        conditions.append(f"grand_total_paisa >= {params.add(to_paisa(where.min_total))}")
    if where.max_total is not None:
        conditions.append(f"grand_total_paisa <= {params.add(to_paisa(where.max_total))}")
    if where.mushak_number is not None:
        conditions.append(f"mushak_number = {params.add(where.mushak_number)}")
    if where.customer_party_id is not None:
        conditions.append(f"customer_party_id = {params.add(where.customer_party_id)}")
    if where.search:
        conditions.append(params.contains("search_text", where.search))
    if where.payment_statuses or where.overdue_on is not None:
        if payments is None:
            raise ValueError("this read model was given no payment conditions")
        conditions.append(payments(params, codec, tenant_id, where.payment_statuses, where.overdue_on))
    return conditions
