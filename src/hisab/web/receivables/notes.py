"""Credit and debit notes: the form from an issued invoice, the note's page, its Mushak-6.7/6.8, and the list."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response
from starlette.routing import BaseRoute

from hisab.edge.permissions import Permission
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.note_documents import NoteDocumentRequest, inspect_note, print_note, view_note
from hisab.invoicing.application.notes import (
    IssueNote,
    ListNotes,
    encode_note_cursor,
    get_note,
    issue_note,
    list_notes,
)
from hisab.invoicing.application.ports import NoteFilter
from hisab.invoicing.application.queries import get_invoice
from hisab.invoicing.application.views import InvoiceView
from hisab.invoicing.domain.notes import CreditReason, DebitReason, NoteKind, NoteLineInput, NoteRequest
from hisab.kernel.errors import InvalidInputError, NotFoundError, Violation
from hisab.kernel.language import Language
from hisab.web.documents import DOCUMENT_HEADERS as _DOCUMENT_HEADERS
from hisab.web.documents import renderers
from hisab.web.pages import Page, Web
from hisab.web.receivables.forms import date_of, decimal_of

_KINDS = {"credit": NoteKind.CREDIT, "debit": NoteKind.DEBIT}
_SLUGS = {kind: slug for slug, kind in _KINDS.items()}
REASONS: dict[NoteKind, dict[str, str]] = {
    NoteKind.CREDIT: {
        CreditReason.RETURN: "Goods returned", CreditReason.PRICE_REDUCTION: "Price reduced",
        CreditReason.QUANTITY_SHORTFALL: "Less supplied than invoiced", CreditReason.CANCELLATION: "Supply cancelled",
        CreditReason.OTHER: "Another reason",
    },
    NoteKind.DEBIT: {
        DebitReason.PRICE_INCREASE: "Price increased", DebitReason.ADDITIONAL_QUANTITY: "More supplied than invoiced",
        DebitReason.OTHER: "Another reason",
    },
}  # fmt: skip
# The documents' headers: the form carries its styles inline (no script), and only our own pages frame it.


def routes(web: Web) -> list[BaseRoute]:
    adjust, read = Permission.INVOICE_ADJUST, Permission.INVOICE_READ
    return [
        web.page("/invoices/{invoice_id}/credit-notes/new", new_credit_note, adjust),
        web.page("/invoices/{invoice_id}/credit-notes/new", issue_credit_note, adjust, methods=("POST",)),
        web.page("/invoices/{invoice_id}/debit-notes/new", new_debit_note, adjust),
        web.page("/invoices/{invoice_id}/debit-notes/new", issue_debit_note, adjust, methods=("POST",)),
        web.page("/notes", notes_list, read),
        web.page("/notes/{kind:str}/{note_id}", note_page, read),
        web.page("/notes/{kind:str}/{note_id}/document.html", note_screen, read),
        web.page("/notes/{kind:str}/{note_id}/document.pdf", note_pdf, read),
    ]


async def new_credit_note(page: Page) -> Response:
    return await _form(page, NoteKind.CREDIT, {}, {}, [])


async def new_debit_note(page: Page) -> Response:
    return await _form(page, NoteKind.DEBIT, {}, {}, [])


async def issue_credit_note(page: Page) -> Response:
    return await _issue(page, NoteKind.CREDIT)


async def issue_debit_note(page: Page) -> Response:
    return await _issue(page, NoteKind.DEBIT)


async def _form(
    page: Page, kind: NoteKind, values: dict[str, str], errors: dict[str, str], messages: list[str], status: int = 200
) -> Response:
    invoice = await get_invoice(page.request.path_params["invoice_id"], page.actor, page.services.get(Invoicing))
    reasons = [(code, page.t(text)) for code, text in REASONS[kind].items()]
    return await page.render(
        "notes/form.html", status=status, kind=kind.value, slug=_SLUGS[kind], invoice=invoice, reasons=reasons,
        values=values, errors=errors, messages=messages,
    )  # fmt: skip


async def _issue(page: Page, kind: NoteKind) -> Response:
    form = await page.form()
    values = {key: str(value) for key, value in form.items() if key != "csrf_token"}
    invoice_id = page.request.path_params["invoice_id"]
    invoicing = page.services.get(Invoicing)
    invoice = await get_invoice(invoice_id, page.actor, invoicing)
    problems: list[Violation] = []
    lines, renamed = _lines(invoice, values, problems)
    note_date = date_of(values.get("date", ""), "date", problems)
    try:
        if problems:
            raise InvalidInputError(problems)
        request = NoteRequest(kind, note_date, values.get("reason", ""), values.get("reason_text") or None, lines)
        note = await issue_note(IssueNote(invoice_id, request), page.actor, invoicing)
    except InvalidInputError as error:
        errors = page.field_errors(error, renamed)
        shown = {"date", "reason", "reason_text", *(f"lines[{n}].quantity" for n in range(len(invoice.lines))),
                 *(f"lines[{n}].amount" for n in range(len(invoice.lines)))}  # fmt: skip
        messages = [message for name, message in errors.items() if name not in shown]
        return await _form(page, kind, values, errors, messages, status=400)
    flash = page.t("Note {number} issued", number=note.note_number)
    return page.redirect(f"/notes/{_SLUGS[kind]}/{note.note_id}", flash=flash)


def _lines(
    invoice: InvoiceView, values: dict[str, str], problems: list[Violation]
) -> tuple[tuple[NoteLineInput, ...], dict[str, str]]:
    """The lines given a quantity or an amount, and how the domain's `lines[i]` maps onto the form's rows."""
    lines: list[NoteLineInput] = []
    renamed: dict[str, str] = {}
    for row, line in enumerate(invoice.lines):
        quantity = decimal_of(values.get(f"lines[{row}].quantity", ""), f"lines[{row}].quantity", problems)
        amount = decimal_of(values.get(f"lines[{row}].amount", ""), f"lines[{row}].amount", problems)
        if quantity is None and amount is None:
            continue
        index = len(lines)
        for name in ("quantity", "amount", "invoice_line_id"):
            renamed[f"lines[{index}].{name}"] = f"lines[{row}].{'amount' if amount is not None else 'quantity'}"
        renamed[f"lines[{index}]"] = f"lines[{row}].quantity"
        lines.append(NoteLineInput(line.line_id, quantity, amount))
    return tuple(lines), renamed


async def note_page(page: Page) -> Response:
    kind = _kind(page)
    note = await get_note(kind, page.request.path_params["note_id"], page.actor, page.services.get(Invoicing))
    reason = REASONS[kind].get(note.reason)
    return await page.render(
        "notes/note.html", note=note, slug=_SLUGS[kind], reason=page.t(reason) if reason else note.reason,
        may_print=page.may(Permission.INVOICE_PRINT),
    )  # fmt: skip


async def note_screen(page: Page) -> Response:
    request = _document_request(page)
    content = await view_note(request, page.actor, page.services.get(Invoicing), renderers().html)
    return Response(content, media_type=renderers().html.media_type, headers=_DOCUMENT_HEADERS)


async def note_pdf(page: Page) -> Response:
    """A recorded print for a user who may print (the first one the original), else the inspection copy."""
    request = _document_request(page)
    handler = print_note if page.may(Permission.INVOICE_PRINT) else inspect_note
    content = await handler(request, page.actor, page.services.get(Invoicing), renderers().pdf)
    name = f"{request.kind.form}-{request.note_id}-{request.language.value}.pdf"
    headers = {**_DOCUMENT_HEADERS, "Content-Disposition": f'attachment; filename="{name}"'}
    return Response(content, media_type=renderers().pdf.media_type, headers=headers)


def _document_request(page: Page) -> NoteDocumentRequest:
    language = Language.BN if page.request.query_params.get("lang") == "bn" else Language.EN
    return NoteDocumentRequest(_kind(page), page.request.path_params["note_id"], language)


def _kind(page: Page) -> NoteKind:
    kind = _KINDS.get(page.request.path_params["kind"])
    if kind is None:
        raise NotFoundError("no such kind of note")
    return kind


async def notes_list(page: Page) -> Response:
    params = page.request.query_params
    asked = params.get("kind", "")
    slug = asked if asked in _KINDS else "credit"
    kind = _KINDS[slug]
    after = params.get("after") or None
    found = await list_notes(ListNotes(NoteFilter(kind=kind), 20, after), page.actor, page.services.get(Invoicing))
    next_url = f"/notes?kind={slug}&after={encode_note_cursor(found.notes[-1])}" if found.has_next_page else None
    context: dict[str, Any] = {"notes": found.notes, "slug": slug, "next_url": next_url}
    return await page.render("notes/list.html", block="results", **context)
