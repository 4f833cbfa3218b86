"""One invoice's page, its Mushak-6.3 (shown in the page and as PDF), its approval actions, and the approval queue.

Every action is a form POST that runs the same use case as the API's mutation, with the version
the page was shown at: if someone changed the invoice in between, the action is refused as a
conflict instead of acting on what the user did not see.
"""

from __future__ import annotations

from starlette.responses import Response
from starlette.routing import BaseRoute

from hisab.edge.permissions import Permission
from hisab.invoicing.application.approvals import (
    ListPendingApprovals,
    RejectInvoice,
    SubmitInvoice,
    encode_pending_cursor,
    get_approval_trail,
    list_pending_approvals,
    reject_invoice,
    submit_invoice,
)
from hisab.invoicing.application.commands import (
    ApproveInvoice,
    CancelInvoice,
    InspectInvoice,
    PrintInvoice,
    ViewInvoice,
)
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.documents import inspect_invoice, print_invoice, view_invoice
from hisab.invoicing.application.handlers import approve_invoice, cancel_invoice
from hisab.invoicing.application.queries import get_invoice
from hisab.invoicing.domain.invoice import InvoiceStatus
from hisab.kernel.errors import InvalidInputError
from hisab.kernel.language import Language
from hisab.taxpayer.application.approval_policies import get_approval_policy
from hisab.taxpayer.application.dependencies import Taxpayer
from hisab.web.documents import DOCUMENT_HEADERS, renderers
from hisab.web.invoices.pages import STATUS_LABELS
from hisab.web.pages import Page, Web

APPROVALS_PAGE_SIZE = 20


def routes(web: Web) -> list[BaseRoute]:
    read = Permission.INVOICE_READ
    return [
        web.page("/approvals", approvals, Permission.INVOICE_APPROVE),
        web.page("/invoices/{invoice_id}", invoice_page, read),
        web.page("/invoices/{invoice_id}/document.html", invoice_screen, read),
        web.page("/invoices/{invoice_id}/document.pdf", invoice_pdf, read),
        web.page("/invoices/{invoice_id}/submit", submit, Permission.INVOICE_CREATE, methods=("POST",)),
        web.page("/invoices/{invoice_id}/approve", approve, Permission.INVOICE_APPROVE, methods=("POST",)),
        web.page("/invoices/{invoice_id}/reject", reject, Permission.INVOICE_APPROVE, methods=("POST",)),
        web.page("/invoices/{invoice_id}/cancel", cancel, Permission.INVOICE_CANCEL, methods=("POST",)),
    ]


async def invoice_page(page: Page) -> Response:
    invoicing = page.services.get(Invoicing)
    invoice = await get_invoice(_invoice_id(page), page.actor, invoicing)
    trail = await get_approval_trail(invoice.invoice_id, page.actor, invoicing)
    next_role = None
    if trail.pending is not None and len(trail.pending.approvals) < len(trail.pending.roles):
        next_role = trail.pending.roles[len(trail.pending.approvals)]
    issued = invoice.status is InvoiceStatus.APPROVED
    # Without an approval policy a draft is approved directly; with one it is submitted, then approved by level.
    has_policy = await get_approval_policy(page.actor, page.services.get(Taxpayer)) is not None
    return await page.render(
        "invoices/invoice.html", invoice=invoice, trail=trail, next_role=next_role, issued=issued,
        draft=invoice.status is InvoiceStatus.DRAFT, pending=invoice.status is InvoiceStatus.PENDING_APPROVAL,
        has_policy=has_policy, may_print=page.may(Permission.INVOICE_PRINT),
        status_label=page.t(STATUS_LABELS[invoice.status]),
    )  # fmt: skip


async def invoice_screen(page: Page) -> Response:
    command = ViewInvoice(_invoice_id(page), _language(page))
    content = await view_invoice(command, page.actor, page.services.get(Invoicing), renderers().html)
    return Response(content, media_type=renderers().html.media_type, headers=DOCUMENT_HEADERS)


async def invoice_pdf(page: Page) -> Response:
    """A recorded print for a user who may print (the first one the original), else the inspection copy."""
    invoice_id, language, invoicing = _invoice_id(page), _language(page), page.services.get(Invoicing)
    if page.may(Permission.INVOICE_PRINT):
        content = await print_invoice(PrintInvoice(invoice_id, language), page.actor, invoicing, renderers().pdf)
    else:
        content = await inspect_invoice(InspectInvoice(invoice_id, language), page.actor, invoicing, renderers().pdf)
    name = f"mushak-6.3-{invoice_id}-{language.value}.pdf"
    headers = {**DOCUMENT_HEADERS, "Content-Disposition": f'attachment; filename="{name}"'}
    return Response(content, media_type=renderers().pdf.media_type, headers=headers)


async def submit(page: Page) -> Response:
    command = SubmitInvoice(_invoice_id(page), await _version(page))
    invoice = await submit_invoice(command, page.actor, page.services.get(Invoicing))
    return page.redirect(_path(invoice.invoice_id), flash=page.t("Submitted for approval."))


async def approve(page: Page) -> Response:
    command = ApproveInvoice(_invoice_id(page), await _version(page), page.principal.roles)
    invoice = await approve_invoice(command, page.actor, page.services.get(Invoicing))
    if invoice.mushak_number:
        message = page.t("Approved: tax invoice {serial} issued.", serial=invoice.mushak_number)
    else:
        message = page.t("Your approval is recorded; the next level approves next.")
    return page.redirect(_path(invoice.invoice_id), flash=message)


async def reject(page: Page) -> Response:
    reason = await _reason(page)
    command = RejectInvoice(_invoice_id(page), reason, page.principal.roles, await _version(page))
    invoice = await reject_invoice(command, page.actor, page.services.get(Invoicing))
    return page.redirect(_path(invoice.invoice_id), flash=page.t("Rejected: the invoice is a draft again."))


async def cancel(page: Page) -> Response:
    command = CancelInvoice(_invoice_id(page), await _reason(page), await _version(page))
    invoice = await cancel_invoice(command, page.actor, page.services.get(Invoicing))
    return page.redirect(_path(invoice.invoice_id), flash=page.t("Cancelled."))


async def approvals(page: Page) -> Response:
    """What waits for this user's approval, newest first, a page at a time."""
    after = page.request.query_params.get("after") or None
    query = ListPendingApprovals(page.principal.roles, APPROVALS_PAGE_SIZE, after)
    waiting = await list_pending_approvals(query, page.actor, page.services.get(Invoicing))
    next_url = None
    if waiting.has_next_page and waiting.entries:
        next_url = f"/approvals?after={encode_pending_cursor(waiting.entries[-1].sequence)}"
    return await page.render("approvals/list.html", entries=waiting.entries, next_url=next_url)


def _invoice_id(page: Page) -> str:
    invoice_id: str = page.request.path_params["invoice_id"]
    return invoice_id


def _language(page: Page) -> Language:
    return Language.BN if page.request.query_params.get("lang") == Language.BN.value else Language.EN


def _path(invoice_id: str) -> str:
    return f"/invoices/{invoice_id}"


async def _version(page: Page) -> int | None:
    text = str((await page.form()).get("expected_version", "")).strip()
    if not text.isdigit():
        raise InvalidInputError.single("expected_version", "required", "the page's version of the invoice is missing")
    return int(text)


async def _reason(page: Page) -> str:
    reason = str((await page.form()).get("reason", "")).strip()
    if not reason:
        raise InvalidInputError.single("reason", "required", page.t("Give a reason."))
    return reason
