"""The tax periods and the Mushak-9.1: its notes by the form's parts, each note's documents, the checks,
preparing, submitting and amending it, its deposits, and its PDF."""

from __future__ import annotations

import asyncio
from datetime import date, datetime, timedelta
from functools import cache

from starlette.responses import Response

from hisab.invoicing.adapters.documents.renderer import FONTS_DIRECTORY, FONTS_URL_PATH
from hisab.kernel.errors import ConflictError, InvalidInputError, NotFoundError, Violation
from hisab.kernel.fiscal_year import BANGLADESH_TIME
from hisab.kernel.language import Language
from hisab.vat_return.adapters.documents.renderer import ReturnDocuments
from hisab.vat_return.adapters.documents_endpoint import filename
from hisab.vat_return.application import returns
from hisab.vat_return.application.dependencies import VatReturns
from hisab.vat_return.domain.entries import DocumentType
from hisab.vat_return.domain.events import Override
from hisab.vat_return.domain.form import PARTS, form_note, notes_of
from hisab.vat_return.domain.lifecycle import DepositInput
from hisab.web.pages import Page
from hisab.web.purchases.forms import FormReader

NET_PAYABLE, CLOSING_BALANCE = 34, 65
# Where a note's document is shown: the page of the invoice, the bill or the payment it came from.
DOCUMENT_PAGES = {
    DocumentType.INVOICE: "/invoices/{}", DocumentType.INVOICE_CANCELLATION: "/invoices/{}",
    DocumentType.BILL: "/bills/{}", DocumentType.VDS_DEDUCTED: "/payments/{}",
    DocumentType.CASH_PAYMENT: "/payments/{}",
}  # fmt: skip


@cache
def return_documents() -> ReturnDocuments:
    """The Mushak-9.1's renderer for the web app, built at its first use (it loads the forms' fonts)."""
    return ReturnDocuments(FONTS_DIRECTORY, FONTS_URL_PATH)


def period_of(slug: str) -> str:
    """The return's period from its URL: 2026-27-Q1 is 2026-27/Q1; a month (2026-07) is itself."""
    head, _, tail = slug.rpartition("-")
    return f"{head}/{tail}" if tail.startswith("Q") else slug


def slug_of(period: str) -> str:
    return period.replace("/", "-")


def _today() -> date:
    return datetime.now(BANGLADESH_TIME).date()


async def periods(page: Page) -> Response:
    today = _today()
    found = await returns.tax_periods(today - timedelta(days=365), today, page.actor, page.services.get(VatReturns))
    return await page.render("vat/periods.html", periods=list(reversed(found)), slug_of=slug_of)


async def return_page(
    page: Page, *, errors: dict[str, str] | None = None, status: int = 200, messages: list[str] | None = None
) -> Response:
    period = period_of(page.request.path_params["period"])
    vat_returns = page.services.get(VatReturns)
    view = await returns.vat_return(period, page.actor, vat_returns, sources=0)
    checks = await returns.vat_return_checks(period, page.actor, vat_returns)
    figures = {figure.note: figure for figure in view.notes}
    parts = [(part, [(note, figures[note.note]) for note in notes_of(part.number)]) for part in PARTS]
    form = await page.form() if page.request.method == "POST" else None
    return await page.render(
        "vat/return.html", status=status, view=view, parts=parts, checks=checks, slug=slug_of(view.period),
        net_payable=figures[NET_PAYABLE].amount, closing_balance=figures[CLOSING_BALANCE].amount,
        errors=errors or {}, messages=messages or [], values=dict(form.items()) if form else {},
        today=_today().isoformat(), now=datetime.now(BANGLADESH_TIME).strftime("%Y-%m-%dT%H:%M"),
    )  # fmt: skip


async def note_page(page: Page) -> Response:
    period = period_of(page.request.path_params["period"])
    number = page.request.path_params["note"]
    if not 1 <= number <= 68:
        raise NotFoundError(f"the Mushak-9.1 has no note {number}")
    view = await returns.vat_return(period, page.actor, page.services.get(VatReturns))
    return await page.render(
        "vat/note.html", view=view, figure=view.note(number), form_note=form_note(number), slug=slug_of(view.period),
        document_pages=DOCUMENT_PAGES,
    )  # fmt: skip


async def checks_page(page: Page) -> Response:
    period = period_of(page.request.path_params["period"])
    vat_returns = page.services.get(VatReturns)
    view = await returns.vat_return(period, page.actor, vat_returns, sources=0)
    checks = await returns.vat_return_checks(period, page.actor, vat_returns)
    return await page.render("vat/checks.html", view=view, checks=checks, slug=slug_of(view.period))


async def return_pdf(page: Page) -> Response:
    try:
        language = Language(page.request.path_params["lang"])
    except ValueError:
        raise NotFoundError("no such language") from None
    view = await returns.vat_return(period_of(page.request.path_params["period"]), page.actor,
                                    page.services.get(VatReturns))  # fmt: skip
    content = await asyncio.to_thread(return_documents().pdf, view, language)
    return Response(
        content, media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{filename(view.period, "pdf", language)}"',
                 "Cache-Control": "no-store"},
    )  # fmt: skip


def _back(page: Page, flash: str) -> Response:
    return page.redirect(f"/vat/returns/{page.request.path_params['period']}", flash=flash)


async def prepare(page: Page) -> Response:
    period = period_of(page.request.path_params["period"])
    await returns.prepare_vat_return(returns.PrepareReturn(period), page.actor, page.services.get(VatReturns))
    return _back(page, page.t("The return is prepared."))


def _moment(name: str, raw: str, reader: FormReader) -> datetime | None:
    try:
        return datetime.fromisoformat(raw.strip()).replace(tzinfo=BANGLADESH_TIME)
    except ValueError:
        reader.violations.append(Violation(name, "date", "not a date and time"))
        return None


async def submit(page: Page) -> Response:
    period = period_of(page.request.path_params["period"])
    form = await page.form()
    reader = FormReader()
    reference = reader.text("submission_reference", str(form.get("submission_reference", "")), required=True)
    at = _moment("submitted_at", str(form.get("submitted_at", "")), reader)
    overrides = tuple(
        Override(key.removeprefix("override."), str(reason).strip())
        for key, reason in form.items()
        if key.startswith("override.") and str(reason).strip()
    )
    try:
        if reader.violations:
            raise InvalidInputError(reader.violations)
        assert reference is not None
        assert at is not None
        command = returns.SubmitReturn(period, reference, at, overrides)
        await returns.submit_vat_return(command, page.actor, page.services.get(VatReturns))
    except InvalidInputError as error:
        return await return_page(page, errors=page.field_errors(error), status=400)
    except ConflictError as error:
        return await return_page(page, messages=page.violations(error), status=409)
    return _back(page, page.t("The return is submitted: the period is locked."))


async def amend(page: Page) -> Response:
    period = period_of(page.request.path_params["period"])
    form = await page.form()
    reader = FormReader()
    reason = reader.text("reason", str(form.get("reason", "")), required=True)
    reference = reader.text("amend_reference", str(form.get("amend_reference", "")), required=True)
    at = _moment("amended_at", str(form.get("amended_at", "")), reader)
    try:
        if reader.violations:
            raise InvalidInputError(reader.violations)
        assert reason is not None
        assert reference is not None
        assert at is not None
        command = returns.AmendReturn(period, reason, reference, at)
        await returns.amend_vat_return(command, page.actor, page.services.get(VatReturns))
    except InvalidInputError as error:
        return await return_page(page, errors=page.field_errors(error), status=400)
    return _back(page, page.t("The amended return is submitted."))


async def deposit(page: Page) -> Response:
    period = period_of(page.request.path_params["period"])
    form = await page.form()
    reader = FormReader()
    challan = reader.text("challan_number", str(form.get("challan_number", "")), required=True)
    day = reader.day("deposit_date", str(form.get("deposit_date", "")), required=True)
    amount = reader.decimal("amount", str(form.get("amount", "")), required=True)
    code = reader.text("code", str(form.get("code", "")), required=True)
    try:
        if reader.violations:
            raise InvalidInputError(reader.violations)
        assert challan is not None
        assert day is not None
        assert amount is not None
        assert code is not None
        given = DepositInput(str(form.get("kind") or "VAT"), challan, day, amount, code)
        await returns.record_vat_deposit(returns.RecordDeposit(period, given), page.actor,
                                         page.services.get(VatReturns))  # fmt: skip
    except InvalidInputError as error:
        errors = page.field_errors(error, {"deposit_date": "deposit_date", "date": "deposit_date"})
        return await return_page(page, errors=errors, status=400)
    return _back(page, page.t("Deposit {challan} recorded.", challan=challan))
