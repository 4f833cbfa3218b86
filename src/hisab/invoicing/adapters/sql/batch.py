"""Many invoices' rows in one PostgreSQL statement, for the batch write path.

The rows travel as one JSON array per table, turned back into rows by the table's own row type
(`jsonb_populate_recordset`): the statement then needs no list of column types, so a column the
read model gains is carried as soon as `INVOICE_COLUMNS` and `LINE_COLUMNS` name it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from hisab.event_store.adapters.sql.values import TextValues
from hisab.invoicing.adapters.sql.rows import INVOICE_COLUMNS, LINE_COLUMNS
from hisab.invoicing.adapters.sql.statements import upsert_invoice

# Rows bound for JSON hold dates, datetimes and decimals as ISO and exact decimal text, which
# PostgreSQL reads back through each column type's own input function: exact, offsets kept.
JSON_VALUES = TextValues()


def upsert_invoices_replacing_lines(invoices: str, lines: str) -> str:
    """$1: the invoice rows; $2: the tenant; $3: the ids of the invoices whose old lines go; $4: the new lines.

    As in `upsert_invoice_replacing_lines`, the old lines go before the new ones come in.
    """
    return (
        f"WITH invoice AS ({_upsert_invoices(invoices)}), "
        f"gone AS (DELETE FROM {lines} WHERE tenant_id = $2 AND invoice_id = ANY($3::text[]) RETURNING 1) "
        f"{_insert_lines(lines, '$4')} WHERE (SELECT count(*) FROM gone) >= 0"
    )


def upsert_invoices_adding_lines(invoices: str, lines: str) -> str:
    """$1: the invoice rows; $2: their lines. For new invoices, which have no old lines to delete:
    the batch then reads nothing of the tenant's lines, however many there are."""
    return f"WITH invoice AS ({_upsert_invoices(invoices)}) {_insert_lines(lines, '$2')}"


def _upsert_invoices(invoices: str) -> str:
    columns = ", ".join(INVOICE_COLUMNS)
    conflict = upsert_invoice("numeric", invoices).split(" ON CONFLICT ", 1)[1]
    return (
        f"INSERT INTO {invoices} ({columns}) SELECT {columns} "
        f"FROM jsonb_populate_recordset(NULL::{invoices}, $1::jsonb) ON CONFLICT {conflict}"
    )


def _insert_lines(lines: str, parameter: str) -> str:
    columns = ", ".join(LINE_COLUMNS)
    return (
        f"INSERT INTO {lines} ({columns}) SELECT {columns} "
        f"FROM jsonb_populate_recordset(NULL::{lines}, {parameter}::jsonb)"
    )


def rows_json(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """Rows made with JSON_VALUES as the JSON array of objects that `jsonb_populate_recordset` reads."""
    return json.dumps([dict(zip(columns, row, strict=True)) for row in rows], ensure_ascii=False)
