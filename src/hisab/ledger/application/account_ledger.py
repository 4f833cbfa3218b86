"""An account's ledger: its posted lines in order with a running balance, a page at a time.

A page's cursor carries the running balance after its last line, so page 1,000 costs what page 1
does: the opening balance comes from the per-day movements, never from summing earlier pages.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from hisab.event_store.messages import Actor
from hisab.kernel.errors import InvalidCursorError, InvalidInputError
from hisab.kernel.money import ZERO, from_paisa, to_paisa
from hisab.ledger.application.accounts import on_normal_side
from hisab.ledger.application.books import read_books
from hisab.ledger.application.dependencies import Ledger
from hisab.ledger.application.ports import BalanceQuery, LedgerKey, LedgerRow, Movement
from hisab.ledger.domain.accounts import Account

MAX_PAGE_SIZE = 500
_PREFIX = "ledger:"


@dataclass(frozen=True, slots=True)
class LedgerLineView:
    row: LedgerRow
    # After this line, positive on the account's normal side.
    balance: Decimal
    cursor: str


@dataclass(frozen=True, slots=True)
class AccountLedgerView:
    account: Account
    from_day: date
    to_day: date
    opening_balance: Decimal
    closing_balance: Decimal
    lines: tuple[LedgerLineView, ...]
    has_next_page: bool


async def account_ledger(
    code: str, from_day: date, to_day: date, first: int, after: str | None, actor: Actor, ledger: Ledger
) -> AccountLedgerView:
    if from_day > to_day:
        raise InvalidInputError.single("from", "date_order", f"from ({from_day}) is after to ({to_day})")
    books = await read_books(actor.tenant_id, ledger)
    account = books.account(code)
    if account.is_group:
        raise InvalidInputError.single("code", "leaf_account", f"{code} is a group: its accounts have the lines")
    first = max(0, min(first, MAX_PAGE_SIZE))
    codes = frozenset({code})
    before = from_day - timedelta(days=1)
    opening = await ledger.queries.movements(actor.tenant_id, BalanceQuery(through=before, codes=codes))
    opening_net = opening.get(code, Movement(ZERO, ZERO)).net_debit
    closing = await ledger.queries.movements(actor.tenant_id, BalanceQuery(through=to_day, codes=codes))
    key, running = (None, opening_net) if after is None else _decode(after, code)
    rows = await ledger.queries.ledger(actor.tenant_id, code, from_day, to_day, key, first + 1)
    lines = []
    for row in rows[:first]:
        running += row.debit - row.credit
        lines.append(
            LedgerLineView(row, on_normal_side(account, Movement(running, ZERO)), _encode(code, row.key, running))
        )
    return AccountLedgerView(
        account,
        from_day,
        to_day,
        on_normal_side(account, Movement(opening_net, ZERO)),
        on_normal_side(account, closing.get(code)),
        tuple(lines),
        len(rows) > first,
    )


def _encode(code: str, key: LedgerKey, running: Decimal) -> str:
    text = f"{_PREFIX}{code}:{key.entry_date.isoformat()}:{key.posted_position}:{key.line_number}:{to_paisa(running)}"
    return base64.urlsafe_b64encode(text.encode()).decode()


def _decode(cursor: str, code: str) -> tuple[LedgerKey, Decimal]:
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
        prefix, cursor_code, day, position, line, running = text.split(":")
        if f"{prefix}:" != _PREFIX or cursor_code != code:
            raise ValueError("another list's cursor")
        return LedgerKey(date.fromisoformat(day), int(position), int(line)), from_paisa(int(running))
    except (binascii.Error, UnicodeDecodeError, ValueError) as error:
        raise InvalidCursorError("the cursor is not one this service issued for this account") from error
