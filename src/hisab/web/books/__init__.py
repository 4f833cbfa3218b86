"""The books' pages: the chart of accounts and the trial balance."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from starlette.responses import Response
from starlette.routing import BaseRoute

from hisab.edge.permissions import Permission
from hisab.kernel.errors import InvalidInputError
from hisab.ledger.application import accounts, reports
from hisab.ledger.application.accounts import END_OF_TIME
from hisab.ledger.application.dependencies import Ledger
from hisab.ledger.domain.accounts import AccountType
from hisab.web.pages import Page, Web

TYPE_NAMES = {
    AccountType.ASSET: "Assets",
    AccountType.LIABILITY: "Liabilities",
    AccountType.EQUITY: "Equity",
    AccountType.INCOME: "Income",
    AccountType.EXPENSE: "Expenses",
}


def routes(web: Web) -> list[BaseRoute]:
    return [
        web.page("/books", chart_of_accounts, Permission.LEDGER_READ),
        web.page("/books/trial-balance", trial_balance, Permission.LEDGER_READ),
    ]


async def chart_of_accounts(page: Page) -> Response:
    ledger = page.services.get(Ledger)
    found = await accounts.list_accounts(accounts.AccountFilter(), page.actor, ledger)
    balances = await accounts.account_balances([a.code for a in found], END_OF_TIME, page.actor, ledger)
    groups = [
        (page.t(name), [account for account in found if account.type is account_type])
        for account_type, name in TYPE_NAMES.items()
    ]
    return await page.render("books/chart.html", groups=groups, balances=balances)


async def trial_balance(page: Page) -> Response:
    text = page.request.query_params.get("as_of", "")
    errors: dict[str, str] = {}
    try:
        as_of = date.fromisoformat(text) if text else date.today()
    except ValueError:
        errors["as_of"] = page.t("Enter a date such as 2026-06-30.")
        as_of = date.today()
    report = None
    if not errors:
        try:
            report = await reports.trial_balance(as_of, None, page.actor, page.services.get(Ledger))
        except InvalidInputError as error:
            errors = page.field_errors(error)
    zero = Decimal(0)
    return await page.render(
        "books/trial_balance.html", block="report", report=report, as_of=text or as_of.isoformat(),
        errors=errors, zero=zero,
    )  # fmt: skip
