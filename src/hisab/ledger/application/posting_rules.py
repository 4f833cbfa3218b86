"""Which account each posting role takes, per tenant: read and change them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hisab.event_store.messages import Actor, DomainEvent
from hisab.event_store.ports import Transaction
from hisab.ledger.application.books import change_books, read_books
from hisab.ledger.application.dependencies import Ledger
from hisab.ledger.domain.accounts import Account, AccountType
from hisab.ledger.domain.books import Books
from hisab.ledger.domain.posting_rules import ROLES_BY_KEY


@dataclass(frozen=True, slots=True)
class PostingRuleView:
    document_type: str
    role: str
    description: str
    account_type: AccountType
    account: Account

    @property
    def account_code(self) -> str:
        return self.account.code


def _views(books: Books) -> list[PostingRuleView]:
    return [
        PostingRuleView(role.document_type, role.role, role.description, role.account_type, account)
        for role, account in books.posting_rules()
    ]


async def posting_rules(actor: Actor, ledger: Ledger) -> list[PostingRuleView]:
    return _views(await read_books(actor.tenant_id, ledger))


async def set_posting_account(
    document_type: str, role: str, account_code: str, actor: Actor, ledger: Ledger
) -> PostingRuleView:
    """From the next document on; entries already posted keep the accounts they were posted to."""

    async def decide(books: Books, transaction: Transaction[Any]) -> list[DomainEvent]:
        return books.set_posting_account(document_type, role, account_code, ledger.template)

    stream = await change_books(actor, ledger, decide)
    books = Books.from_events((s.event for s in stream), ledger.template)
    spec = ROLES_BY_KEY[(document_type, role)]
    return PostingRuleView(
        spec.document_type, spec.role, spec.description, spec.account_type, books.posting_account(*spec.key)
    )
