"""Receipts: the list, recording one with the customer's open invoices oldest first, and a cheque's states."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Any

from starlette.responses import Response
from starlette.routing import BaseRoute

from hisab.edge.permissions import Permission
from hisab.event_store.messages import Actor
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.parties import ListParties, list_parties
from hisab.invoicing.application.ports import PartyFilter
from hisab.invoicing.domain.party import PartyKind
from hisab.kernel.cursors import SequenceCursors
from hisab.kernel.errors import InvalidInputError, NotFoundError, Violation
from hisab.kernel.money import ZERO
from hisab.receivables.application import receipts
from hisab.receivables.application.dependencies import Receivables
from hisab.receivables.application.ports import BalanceFilter, ReceiptFilter
from hisab.receivables.application.views import ReceiptView
from hisab.receivables.domain.balances import InvoiceBalance, PaymentStatus
from hisab.receivables.domain.receipts import (
    AllocationInput,
    ChequeInput,
    ReceiptMethod,
    ReceiptRequest,
    ReceiptStatus,
    WalletInput,
    WithholdingInput,
    WithholdingKind,
)
from hisab.web.pages import Page, Web
from hisab.web.receivables.forms import date_of, decimal_of

METHODS = {
    ReceiptMethod.BANK_TRANSFER: "Bank transfer", ReceiptMethod.CHEQUE: "Cheque", ReceiptMethod.CASH: "Cash",
    ReceiptMethod.CARD: "Card", ReceiptMethod.MOBILE_WALLET: "Mobile wallet (bKash, Nagad, Rocket, Upay)",
}  # fmt: skip
WALLETS = (("BKASH", "bKash"), ("NAGAD", "Nagad"), ("ROCKET", "Rocket"), ("UPAY", "Upay"))
STATUSES = {
    ReceiptStatus.COMPLETED: "Completed", ReceiptStatus.RECEIVED: "Received", ReceiptStatus.DEPOSITED: "Deposited",
    ReceiptStatus.CLEARED: "Cleared", ReceiptStatus.BOUNCED: "Bounced", ReceiptStatus.REVERSED: "Reversed",
}  # fmt: skip
_CURSORS = SequenceCursors("receipt:")
_OPEN = (PaymentStatus.UNPAID, PaymentStatus.PARTIALLY_PAID)
Change = Callable[[receipts.ChangeReceipt, Actor, Receivables], Awaitable[ReceiptView]]
_CHANGES: dict[str, tuple[Change, str]] = {
    "deposit": (receipts.deposit_cheque, "Cheque deposited"),
    "clear": (receipts.clear_cheque, "Cheque cleared"),
    "bounce": (receipts.bounce_cheque, "Cheque bounced"),
    "reverse": (receipts.reverse_receipt, "Receipt reversed"),
}


def routes(web: Web) -> list[BaseRoute]:
    read, write = Permission.RECEIVABLE_READ, Permission.RECEIVABLE_WRITE
    return [
        web.page("/receipts", receipt_list, read),
        web.page("/receipts/new", new_receipt, write),
        web.page("/receipts/new", record, write, methods=("POST",)),
        web.page("/receipts/{receipt_id}", receipt_page, read),
        web.page("/receipts/{receipt_id}/{action:str}", change_receipt, write, methods=("POST",)),
    ]


async def receipt_list(page: Page) -> Response:
    params = page.request.query_params
    problems: list[Violation] = []
    date_from = date_of(params.get("from", ""), "from", problems)
    date_to = date_of(params.get("to", ""), "to", problems)
    where = ReceiptFilter(customer_party_id=params.get("customer") or None, date_from=date_from, date_to=date_to)
    after = _CURSORS.decode(params["after"]) if params.get("after") else None
    receivables = page.services.get(Receivables)
    found = await receivables.queries.receipts(page.actor.tenant_id, where, 20, after)
    query = {key: value for key, value in params.items() if key != "after" and value}
    next_url = None
    if found.has_next_page:
        query["after"] = _CURSORS.encode(found.receipts[-1].sequence)
        next_url = "/receipts?" + "&".join(f"{key}={value}" for key, value in query.items())
    return await page.render(
        "receipts/list.html", block="results", receipts=found.receipts, next_url=next_url,
        customers=await customers(page), values=dict(params), errors=page.field_errors(InvalidInputError(problems))
        if problems else {}, statuses=_labels(page, STATUSES), methods=_labels(page, METHODS),
    )  # fmt: skip


async def new_receipt(page: Page) -> Response:
    params = page.request.query_params
    values = {"customer_party_id": params.get("customer", ""), "amount": params.get("amount", ""),
              "method": params.get("method", ReceiptMethod.BANK_TRANSFER.value)}  # fmt: skip
    return await _form(page, values, {}, [], invoice_id=params.get("invoice"), suggest=True)


async def _form(
    page: Page, values: dict[str, str], errors: dict[str, str], messages: list[str], *,
    invoice_id: str | None = None, suggest: bool = False, status: int = 200,
) -> Response:  # fmt: skip
    owed = await _open_invoices(page, values.get("customer_party_id", ""), invoice_id)
    if suggest:
        values = {**values, **_suggested(owed, values.get("amount", ""))}
    return await page.render(
        "receipts/form.html", block="allocations", status=status, values=values, errors=errors, messages=messages,
        customers=await customers(page), owed=owed, methods=_labels(page, METHODS), wallets=WALLETS,
    )  # fmt: skip


async def customers(page: Page) -> list[tuple[str, str]]:
    query = ListParties(PartyFilter(kinds=(PartyKind.CUSTOMER,), active=True), first=100)
    found = await list_parties(query, page.actor, page.services.get(Invoicing))
    named = sorted(found.parties, key=lambda party: party.details.legal_name)
    return [("", page.t("Choose a customer"))] + [
        (party.party_id, f"{party.details.legal_name} ({party.details.code})") for party in named
    ]


async def _open_invoices(page: Page, party_id: str, invoice_id: str | None) -> list[InvoiceBalance]:
    """The customer's invoices that still owe, oldest first (the one asked for first of all)."""
    if not party_id:
        return []
    where = BalanceFilter(customer_party_id=party_id, statuses=_OPEN)
    found = await page.services.get(Receivables).queries.list_balances(page.actor.tenant_id, where, 100, None)
    owed = sorted(found.balances, key=lambda balance: (balance.issued_on, balance.sequence))
    return sorted(owed, key=lambda balance: balance.invoice_id != invoice_id) if invoice_id else owed


def _suggested(owed: list[InvoiceBalance], amount_text: str) -> dict[str, str]:
    """The amount allocated oldest invoice first, each up to what it owes."""
    amount = decimal_of(amount_text, "amount", [])
    left = amount if amount is not None and amount > 0 else ZERO
    suggested: dict[str, str] = {}
    for row, balance in enumerate(owed):
        take = min(left, balance.outstanding)
        left -= take
        suggested[f"allocations[{row}].amount"] = f"{take:.2f}" if take > 0 else ""
    return suggested


async def record(page: Page) -> Response:
    form = await page.form()
    values = {key: str(value) for key, value in form.items() if key != "csrf_token"}
    if values.get("recompute"):
        return await _form(page, values, {}, [], suggest=True)
    owed = await _open_invoices(page, values.get("customer_party_id", ""), None)
    problems: list[Violation] = []
    request, renamed = _request(values, owed, problems)
    try:
        if problems:
            raise InvalidInputError(problems)
        receivables = page.services.get(Receivables)
        view = await receipts.record_receipt(receipts.RecordReceipt(request), page.actor, receivables)
    except InvalidInputError as error:
        errors = page.field_errors(error, renamed)
        messages = [message for name, message in errors.items() if not _shown(name)]
        return await _form(page, values, errors, messages, status=400)
    flash = page.t("Receipt {number} recorded", number=view.receipt_number)
    return page.redirect(f"/receipts/{view.receipt_id}", flash=flash)


_FIELDS = {"customer_party_id", "customer_id", "date", "method", "amount", "deposit_account_code", "reference",
           "cheque.number", "cheque.bank", "cheque.branch", "cheque.cheque_date", "wallet.provider", "wallet.msisdn",
           "wallet.transaction_id"}  # fmt: skip


def _shown(name: str) -> bool:
    return name in _FIELDS or name.startswith(("allocations[", "vds[", "ait["))


def _request(
    values: dict[str, str], owed: list[InvoiceBalance], problems: list[Violation]
) -> tuple[ReceiptRequest, dict[str, str]]:
    method = values.get("method", "")
    amount = decimal_of(values.get("amount", ""), "amount", problems)
    if amount is None and not any(p.field == "amount" for p in problems):
        problems.append(Violation("amount", "required", "the amount received is required"))
    allocations: list[AllocationInput] = []
    withholdings: list[WithholdingInput] = []
    renamed: dict[str, str] = {"customer_id": "customer_party_id"}
    for row, balance in enumerate(owed):
        given = decimal_of(values.get(f"allocations[{row}].amount", ""), f"allocations[{row}].amount", problems)
        if given is not None:
            index = len(allocations)
            renamed[f"allocations[{index}].amount"] = renamed[f"allocations[{index}].invoice_id"] = (
                f"allocations[{row}].amount"
            )
            allocations.append(AllocationInput(balance.invoice_id, given))
        for kind in (WithholdingKind.VDS, WithholdingKind.AIT):
            prefix = f"{kind.value.lower()}[{row}]"
            held = decimal_of(values.get(f"{prefix}.amount", ""), f"{prefix}.amount", problems)
            if held is None:
                continue
            number = values.get(f"{prefix}.certificate_number", "").strip() or None
            day = date_of(values.get(f"{prefix}.certificate_date", ""), f"{prefix}.certificate_date", problems)
            index = len(withholdings)
            for name in ("amount", "invoice_id", "kind", "certificate_number", "certificate_date"):
                target = name if name in ("certificate_number", "certificate_date") else "amount"
                renamed[f"withheld[{index}].{name}"] = f"{prefix}.{target}"
            withholdings.append(WithholdingInput(balance.invoice_id, kind.value, held, number, day))
    cheque = None
    if method == ReceiptMethod.CHEQUE:
        cheque_date = date_of(values.get("cheque.cheque_date", ""), "cheque.cheque_date", problems)
        cheque = ChequeInput(values.get("cheque.number"), values.get("cheque.bank"), values.get("cheque.branch"),
                             cheque_date)  # fmt: skip
    wallet = None
    if method == ReceiptMethod.MOBILE_WALLET:
        wallet = WalletInput(values.get("wallet.provider"), values.get("wallet.msisdn"),
                             values.get("wallet.transaction_id"))  # fmt: skip
    request = ReceiptRequest(
        customer_id="", customer_party_id=values.get("customer_party_id") or None,
        receipt_date=date_of(values.get("date", ""), "date", problems), method=method,
        amount=amount if amount is not None else Decimal(0),
        deposit_account_code=values.get("deposit_account_code", "").strip() or None,
        reference=values.get("reference", "").strip() or None, cheque=cheque, wallet=wallet,
        allocations=tuple(allocations), withholdings=tuple(withholdings),
    )  # fmt: skip
    if request.customer_party_id is None:
        problems.append(Violation("customer_party_id", "required", "choose the customer"))
    return request, renamed


async def receipt_page(page: Page) -> Response:
    receivables = page.services.get(Receivables)
    view = await receipts.get_receipt(page.request.path_params["receipt_id"], page.actor, receivables)
    return await _show(page, view)


async def _show(page: Page, view: ReceiptView, errors: dict[str, str] | None = None, status: int = 200) -> Response:
    receivables = page.services.get(Receivables)
    invoice_ids = [a.invoice_id for a in view.allocations] + [w.invoice_id for w in view.withholdings]
    invoices = await page.services.get(Invoicing).invoices.get_many(page.actor.tenant_id, invoice_ids)
    party = await receivables.invoicing.parties.get(page.actor.tenant_id, view.customer_party_id or "") if (
        view.customer_party_id) else None  # fmt: skip
    actions = _actions(view) if page.may(Permission.RECEIVABLE_WRITE) else []
    return await page.render(
        "receipts/receipt.html", status=status, receipt=view, invoices=invoices, actions=actions,
        customer=party.details.legal_name if party else view.customer_id, errors=errors or {},
        method=page.t(METHODS[view.method]), status_text=page.t(STATUSES[view.status]),
    )  # fmt: skip


def _actions(view: ReceiptView) -> list[str]:
    """What may happen to the receipt next, as the domain's lifecycle allows."""
    if view.status is ReceiptStatus.RECEIVED:
        return ["deposit", "bounce"]
    if view.status is ReceiptStatus.DEPOSITED:
        return ["clear", "bounce"]
    if view.status in (ReceiptStatus.COMPLETED, ReceiptStatus.CLEARED):
        return ["reverse"]
    return []


async def change_receipt(page: Page) -> Response:
    action = page.request.path_params["action"]
    receipt_id = page.request.path_params["receipt_id"]
    if action not in _CHANGES:
        raise NotFoundError("no such change of a receipt")
    handler, done = _CHANGES[action]
    form = await page.form()
    version = str(form.get("expected_version", ""))
    command = receipts.ChangeReceipt(
        receipt_id, reason=str(form.get("reason", "")), expected_version=int(version) if version.isdigit() else None
    )
    receivables = page.services.get(Receivables)
    try:
        await handler(command, page.actor, receivables)
    except InvalidInputError as error:
        view = await receipts.get_receipt(receipt_id, page.actor, receivables)
        return await _show(page, view, {"reason": " ".join(page.violations(error))}, status=400)
    return page.redirect(f"/receipts/{receipt_id}", flash=page.t(done))


def _labels(page: Page, labels: dict[Any, str]) -> list[tuple[str, str]]:
    return [(str(code), page.t(text)) for code, text in labels.items()]
