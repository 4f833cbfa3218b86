"""The read model's statements, written once for both databases.

Table names are parameters so that a rebuild can project into fresh tables with the very
statements the live path uses; they only ever come from `ReadModelTables` below.
"""

from __future__ import annotations

from dataclasses import dataclass

from hisab.application.ports import InvoiceFilter
from hisab.infrastructure.sql.invoice_rows import INVOICE_COLUMNS, LINE_COLUMNS
from hisab.infrastructure.sql.params import Params, Style, placeholders
from hisab.infrastructure.sql.profile_sql import PROFILE_COLUMNS
from hisab.infrastructure.sql.values import ValueCodec


@dataclass(frozen=True, slots=True)
class ReadModelTables:
    invoices: str = "invoices"
    lines: str = "invoice_lines"
    profiles: str = "supplier_profiles"

    def with_columns(self) -> tuple[tuple[str, tuple[str, ...], str], ...]:
        """Each table, its columns, and the SQL of the key a difference in it is reported under."""
        return (
            (self.invoices, INVOICE_COLUMNS, "'invoice', tenant_id, invoice_id"),
            (self.lines, LINE_COLUMNS, "'invoice', tenant_id, invoice_id"),
            (self.profiles, PROFILE_COLUMNS, "'supplier profile', tenant_id, ''"),
        )


LIVE = ReadModelTables()
REBUILT = ReadModelTables("rebuilt_invoices", "rebuilt_invoice_lines", "rebuilt_supplier_profiles")

_MUTABLE = [c for c in INVOICE_COLUMNS if c not in ("tenant_id", "invoice_id")]


def upsert_invoice(style: Style, tables: ReadModelTables = LIVE) -> str:
    updates = ", ".join(f"{column} = excluded.{column}" for column in _MUTABLE)
    return (
        f"INSERT INTO {tables.invoices} ({', '.join(INVOICE_COLUMNS)}) "
        f"VALUES ({placeholders(style, len(INVOICE_COLUMNS))}) "
        f"ON CONFLICT (tenant_id, invoice_id) DO UPDATE SET {updates}"
    )


def delete_lines(style: Style, tables: ReadModelTables = LIVE) -> str:
    return (
        f"DELETE FROM {tables.lines} "
        f"WHERE tenant_id = {placeholders(style, 1)} AND invoice_id = {placeholders(style, 1, start=2)}"
    )


def insert_line(style: Style, tables: ReadModelTables = LIVE) -> str:
    return (
        f"INSERT INTO {tables.lines} ({', '.join(LINE_COLUMNS)}) "
        f"VALUES ({placeholders(style, len(LINE_COLUMNS))})"
    )


def select_invoice(style: Style) -> str:
    return (
        f"SELECT {', '.join(INVOICE_COLUMNS)} FROM invoices "
        f"WHERE tenant_id = {placeholders(style, 1)} AND invoice_id = {placeholders(style, 1, start=2)}"
    )


def select_lines(params: Params, tenant_id: str, invoice_ids: list[str]) -> str:
    """The lines of a whole page of invoices in one query (no N+1)."""
    return (
        f"SELECT {', '.join(LINE_COLUMNS)} FROM invoice_lines "
        f"WHERE tenant_id = {params.add(tenant_id)} AND {params.is_in('invoice_id', invoice_ids)} "
        "ORDER BY invoice_id, position"
    )


def list_invoices(
    params: Params, codec: ValueCodec, tenant_id: str, where: InvoiceFilter, limit: int, after_sequence: int | None
) -> str:
    conditions = _conditions(params, codec, tenant_id, where)
    if after_sequence is not None:
        conditions.append(f"sequence < {params.add(after_sequence)}")
    return (
        f"SELECT {', '.join(INVOICE_COLUMNS)} FROM invoices WHERE {' AND '.join(conditions)} "
        f"ORDER BY sequence DESC LIMIT {params.add(limit)}"
    )


def count_invoices(params: Params, codec: ValueCodec, tenant_id: str, where: InvoiceFilter) -> str:
    return f"SELECT count(*) FROM invoices WHERE {' AND '.join(_conditions(params, codec, tenant_id, where))}"


def _conditions(params: Params, codec: ValueCodec, tenant_id: str, where: InvoiceFilter) -> list[str]:
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
    return conditions


def differences(tables: tuple[ReadModelTables, ReadModelTables]) -> list[tuple[bool, str]]:
    """Queries for the (kind, tenant, id) keys of rows that one table set has and the other lacks.

    Each comes with whether its rows are in the first set (the live one) rather than the second.
    """
    queries = []
    for first_side, (left, right) in ((True, tables), (False, tables[::-1])):
        for (table_left, columns, key), (table_right, _, _) in zip(
            left.with_columns(), right.with_columns(), strict=True
        ):
            column_list = ", ".join(columns)
            queries.append(
                (
                    first_side,
                    f"SELECT {key} FROM (SELECT {column_list} FROM {table_left} "
                    f"EXCEPT SELECT {column_list} FROM {table_right}) AS d",
                )
            )
    return queries
