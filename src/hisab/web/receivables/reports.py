"""The receivables ageing by customer on a day, and a customer's statement of account over a period."""

from __future__ import annotations

from datetime import date

from starlette.responses import Response
from starlette.routing import BaseRoute

from hisab.edge.permissions import Permission
from hisab.kernel.errors import InvalidInputError, Violation
from hisab.kernel.fiscal_year import BANGLADESH_TIME
from hisab.receivables.application.ageing import receivables_ageing
from hisab.receivables.application.dependencies import Receivables
from hisab.receivables.application.ports import Customer
from hisab.receivables.application.statements import customer_statement
from hisab.receivables.domain.ageing import bucket_names
from hisab.receivables.domain.statement import EntryKind
from hisab.web.pages import Page, Web
from hisab.web.receivables.forms import date_of
from hisab.web.receivables.receipts import customers

ENTRY_KINDS = {
    EntryKind.INVOICE: "Invoice", EntryKind.DEBIT_NOTE: "Debit note", EntryKind.CREDIT_NOTE: "Credit note",
    EntryKind.CANCELLATION: "Cancellation", EntryKind.RECEIPT: "Receipt", EntryKind.ADVANCE_APPLIED: "Advance applied",
    EntryKind.VDS: "VDS withheld", EntryKind.AIT: "AIT withheld", EntryKind.WRITE_OFF: "Written off",
    EntryKind.BOUNCE: "Cheque bounced", EntryKind.REVERSAL: "Receipt reversed",
}  # fmt: skip


def routes(web: Web) -> list[BaseRoute]:
    read = Permission.RECEIVABLE_READ
    return [web.page("/ageing", ageing, read), web.page("/statements", statement, read)]


def _today(page: Page) -> date:
    return page.services.get(Receivables).clock().astimezone(BANGLADESH_TIME).date()


async def ageing(page: Page) -> Response:
    problems: list[Violation] = []
    as_of = date_of(page.request.query_params.get("as_of", ""), "as_of", problems) or _today(page)
    receivables = page.services.get(Receivables)
    report = await receivables_ageing(as_of, page.actor, receivables)
    buckets = [page.t("Current"), *(page.t("{days} days", days=name) for name in bucket_names(report.bounds))]
    errors = page.field_errors(InvalidInputError(problems)) if problems else {}
    return await page.render(
        "ageing/ageing.html", block="report", report=report, buckets=buckets, as_of=as_of.isoformat(), errors=errors
    )


async def statement(page: Page) -> Response:
    params = page.request.query_params
    problems: list[Violation] = []
    today = _today(page)
    to_day = date_of(params.get("to", ""), "to", problems) or today
    from_day = date_of(params.get("from", ""), "from", problems) or to_day.replace(day=1)
    party_id = params.get("customer", "")
    found = None
    errors: dict[str, str] = {}
    if party_id and not problems:
        try:
            found = await customer_statement(
                Customer(customer_party_id=party_id), from_day, to_day, page.actor, page.services.get(Receivables)
            )
        except InvalidInputError as error:
            errors = page.field_errors(error, {"customer_id": "customer"})
    elif problems:
        errors = page.field_errors(InvalidInputError(problems))
    values = {"customer": party_id, "from": from_day.isoformat(), "to": to_day.isoformat()}
    kinds = {kind.value: page.t(text) for kind, text in ENTRY_KINDS.items()}
    return await page.render(
        "statements/statement.html", block="report", statement=found, values=values, errors=errors, kinds=kinds,
        customers=await customers(page),
    )  # fmt: skip
