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

    As in `upsert_invoice_replacing_lines`, the old lines go before the new ones come in. A new
    invoice has no old lines, so a batch of new ones sends no ids and the delete finds nothing.
    """
    invoice_columns, line_columns = ", ".join(INVOICE_COLUMNS), ", ".join(LINE_COLUMNS)
    conflict = upsert_invoice("numeric", invoices).split(" ON CONFLICT ", 1)[1]
    return (
        f"WITH invoice AS (INSERT INTO {invoices} ({invoice_columns}) SELECT {invoice_columns} "
        f"FROM jsonb_populate_recordset(NULL::{invoices}, $1::jsonb) ON CONFLICT {conflict}), "
        f"gone AS (DELETE FROM {lines} WHERE tenant_id = $2 AND invoice_id = ANY($3::text[]) RETURNING 1) "
        f"INSERT INTO {lines} ({line_columns}) SELECT {line_columns} "
        f"FROM jsonb_populate_recordset(NULL::{lines}, $4::jsonb) WHERE (SELECT count(*) FROM gone) >= 0"
    )


def rows_json(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """Rows made with JSON_VALUES as the JSON array of objects that `jsonb_populate_recordset` reads."""
    return json.dumps([dict(zip(columns, row, strict=True)) for row in rows], ensure_ascii=False)
