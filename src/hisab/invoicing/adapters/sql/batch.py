"""Many invoices' rows in one PostgreSQL statement, for the batch write path.

The rows travel as one JSON array per table, turned back into rows by the table's own row type
(`jsonb_populate_recordset`): the statement then needs no list of column types, so a column the
read model gains is carried as soon as `INVOICE_COLUMNS` and `LINE_COLUMNS` name it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from hisab.invoicing.adapters.sql.rows import INVOICE_COLUMNS, LINE_COLUMNS
from hisab.invoicing.adapters.sql.statements import upsert_invoice


def upsert_invoices_replacing_lines(invoices: str, lines: str) -> str:
    """$1: the invoice rows; $2: the ids of the invoices whose lines are replaced; $3: their new lines.

    As in `upsert_invoice_replacing_lines`, the old lines go before the new ones come in.
    """
    invoice_columns, line_columns = ", ".join(INVOICE_COLUMNS), ", ".join(LINE_COLUMNS)
    conflict = upsert_invoice("numeric", invoices).split(" ON CONFLICT ", 1)[1]
    return (
        f"WITH given AS (SELECT * FROM jsonb_populate_recordset(NULL::{invoices}, $1::jsonb)), "
        f"invoice AS (INSERT INTO {invoices} ({invoice_columns}) SELECT {invoice_columns} FROM given "
        f"ON CONFLICT {conflict}), "
        f"gone AS (DELETE FROM {lines} WHERE tenant_id = (SELECT min(tenant_id) FROM given) "
        "AND invoice_id = ANY($2::text[]) RETURNING 1) "
        f"INSERT INTO {lines} ({line_columns}) SELECT {line_columns} "
        f"FROM jsonb_populate_recordset(NULL::{lines}, $3::jsonb) WHERE (SELECT count(*) FROM gone) >= 0"
    )


def rows_json(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """Rows as the JSON array of objects that `jsonb_populate_recordset` reads, values kept exact."""
    return json.dumps([dict(zip(columns, row, strict=True)) for row in rows], default=_json_value)


def _json_value(value: object) -> str:
    # PostgreSQL reads a JSON string with the column type's own input function: exact for
    # numeric, and a datetime keeps its offset.
    if isinstance(value, (Decimal, date, datetime)):
        return str(value) if isinstance(value, Decimal) else value.isoformat()
    raise TypeError(f"no JSON form for {type(value).__name__}")
