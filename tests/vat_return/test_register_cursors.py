"""A register's cursor stands for a row's place in that register and is refused anywhere else."""

from __future__ import annotations

import base64
import json
from datetime import date

import pytest

from hisab.kernel.errors import InvalidCursorError
from hisab.vat_return.application.register_views import RegisterKey
from hisab.vat_return.domain.entries import Register

KEY = RegisterKey(date(2026, 7, 10), "HO/2026-27/000001", "INVOICE", "inv-1", 2)


def _cursor(raw: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(raw).encode()).decode()


def test_a_cursor_reads_back_as_the_key_it_was_made_of() -> None:
    assert RegisterKey.decode(KEY.encode(Register.SALES), Register.SALES) == KEY


@pytest.mark.parametrize(
    "cursor",
    [
        KEY.encode(Register.SALES),  # the sales register's, handed to the purchase register
        "not base64 at all!",
        _cursor({"SALES": 1}),
        _cursor(["PURCHASES", "2026-07-10", "N", "BILL", "bill-1"]),
        _cursor(["PURCHASES", "2026-13-40", "N", "BILL", "bill-1", 1]),
        _cursor(["PURCHASES", 20260710, "N", "BILL", "bill-1", 1]),
        _cursor(["PURCHASES", "2026-07-10", "N", "BILL", "bill-1", True]),
        _cursor(["PURCHASES", "2026-07-10", "N", "BILL", "bill-1", "1"]),
        _cursor(7),
    ],
)
def test_a_cursor_of_another_register_or_of_no_register_is_refused(cursor: str) -> None:
    with pytest.raises(InvalidCursorError):
        RegisterKey.decode(cursor, Register.PURCHASES)


def test_keys_order_rows_by_day_then_document_then_line() -> None:
    later_line = RegisterKey(KEY.entry_date, KEY.document_number, KEY.document_type, KEY.document_id, 3)
    next_day = RegisterKey(date(2026, 7, 11), "A", "BILL", "a", 1)

    assert sorted([next_day, later_line, KEY]) == [KEY, later_line, next_day]
