"""The chart of accounts: list, look up and change it; an account's balance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from hisab.event_store.messages import Actor, DomainEvent
from hisab.event_store.ports import Transaction
from hisab.kernel.money import ZERO
from hisab.ledger.application.books import DecideBooks, change_books, read_books
from hisab.ledger.application.dependencies import Ledger
from hisab.ledger.application.journals import ensure_clean_filter
from hisab.ledger.application.ports import BalanceQuery, Movement
from hisab.ledger.domain.accounts import Account, AccountType, BalanceSide
from hisab.ledger.domain.books import AccountUpdate, Books
from hisab.ledger.domain.events import AccountRecord

# Far enough ahead that every posting is on or before it.
END_OF_TIME = date(9999, 12, 31)


@dataclass(frozen=True, slots=True)
class AccountFilter:
    type: AccountType | None = None
    active: bool | None = None
    search: str | None = None


async def list_accounts(where: AccountFilter, actor: Actor, ledger: Ledger) -> list[Account]:
    ensure_clean_filter({"search": where.search})
    books = await read_books(actor.tenant_id, ledger)
    term = (where.search or "").strip().casefold()
    found = [
        account
        for account in books.accounts.values()
        if (where.type is None or account.type is where.type)
        and (where.active is None or account.active is where.active)
        and (
            not term
            or term in account.code
            or term in account.name.casefold()
            or term in (account.name_bn or "").casefold()
        )
    ]
    return sorted(found, key=lambda account: account.code)


async def get_account(code: str, actor: Actor, ledger: Ledger) -> Account | None:
    return (await read_books(actor.tenant_id, ledger)).accounts.get(code)


async def create_account(new: AccountRecord, actor: Actor, ledger: Ledger) -> Account:
    async def decide(books: Books, transaction: Transaction[Any]) -> list[DomainEvent]:
        return books.add_account(new, ledger.template)

    return await _changed(new.code, decide, actor, ledger)


async def update_account(code: str, update: AccountUpdate, actor: Actor, ledger: Ledger) -> Account:
    async def decide(books: Books, transaction: Transaction[Any]) -> list[DomainEvent]:
        return books.change_account(code, update, ledger.template)

    return await _changed(code, decide, actor, ledger)


async def deactivate_account(code: str, actor: Actor, ledger: Ledger) -> Account:
    """Refused while the account has a balance: read with postings held off, so none can slip in."""

    async def decide(books: Books, transaction: Transaction[Any]) -> list[DomainEvent]:
        books.account(code)
        query = BalanceQuery(through=END_OF_TIME, codes=frozenset({code}))
        moved = (await ledger.tables.movements(transaction.tables, actor.tenant_id, query)).get(code)
        return books.deactivate(code, moved is not None and moved.net_debit != ZERO, ledger.template)

    stream = await change_books(actor, ledger, decide, alone=True)
    return Books.from_events((s.event for s in stream), ledger.template).account(code)


async def _changed(code: str, decide: DecideBooks, actor: Actor, ledger: Ledger) -> Account:
    stream = await change_books(actor, ledger, decide)
    return Books.from_events((s.event for s in stream), ledger.template).account(code)


def on_normal_side(account: Account, movement: Movement | None) -> Decimal:
    """A balance as people read it: positive on the side the account normally stands on."""
    if movement is None:
        return ZERO
    return movement.net_debit if account.normal_side is BalanceSide.DEBIT else -movement.net_debit


async def account_balances(codes: list[str], as_of: date, actor: Actor, ledger: Ledger) -> dict[str, Decimal]:
    """The balance of each account (a group's is the sum of its leaves) at the end of `as_of`."""
    books = await read_books(actor.tenant_id, ledger)
    leaves = {code: [leaf.code for leaf in books.leaves_under(code)] for code in codes if code in books.accounts}
    wanted = frozenset(leaf for group in leaves.values() for leaf in group)
    moved = await ledger.queries.movements(actor.tenant_id, BalanceQuery(through=as_of, codes=wanted))
    balances: dict[str, Decimal] = {}
    for code, leaf_codes in leaves.items():
        debit = sum((moved[leaf].debit for leaf in leaf_codes if leaf in moved), ZERO)
        credit = sum((moved[leaf].credit for leaf in leaf_codes if leaf in moved), ZERO)
        balances[code] = on_normal_side(books.accounts[code], Movement(debit, credit))
    return balances
