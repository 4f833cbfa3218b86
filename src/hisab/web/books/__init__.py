"""The books' pages: the chart of accounts, the trial balance, the profit and loss and the balance sheet."""

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
        web.page("/books/profit-and-loss", profit_and_loss, Permission.LEDGER_READ),
        web.page("/books/balance-sheet", balance_sheet, Permission.LEDGER_READ),
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


def _day_asked(page: Page, name: str, default: date, errors: dict[str, str]) -> tuple[date, str]:
    """The day a picker sent (or `default`), and the text to show back in it; a bad one is a field error."""
    text = page.request.query_params.get(name, "")
    try:
        return (date.fromisoformat(text) if text else default), text or default.isoformat()
    except ValueError:
        errors[name] = page.t("Enter a date such as 2026-06-30.")
        return default, text


async def profit_and_loss(page: Page) -> Response:
    errors: dict[str, str] = {}
    today = date.today()
    from_day, from_text = _day_asked(page, "from", today.replace(day=1), errors)
    to_day, to_text = _day_asked(page, "to", today, errors)
    report = None
    if not errors:
        try:
            report = await reports.income_statement(from_day, to_day, None, page.actor, page.services.get(Ledger))
        except InvalidInputError as error:
            errors = page.field_errors(error)
    return await page.render(
        "books/profit_and_loss.html", block="report", report=report, from_day=from_text, to_day=to_text,
        errors=errors,
    )  # fmt: skip


async def balance_sheet(page: Page) -> Response:
    errors: dict[str, str] = {}
    as_of, as_of_text = _day_asked(page, "as_of", date.today(), errors)
    report = None
    if not errors:
        report = await reports.balance_sheet(as_of, page.actor, page.services.get(Ledger))
    return await page.render("books/balance_sheet.html", block="report", report=report, as_of=as_of_text, errors=errors)
