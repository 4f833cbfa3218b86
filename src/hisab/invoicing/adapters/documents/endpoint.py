"""GET /invoices/{id}/mushak-6.3.pdf and .html, and the credit and debit notes' 6.7 and 6.8, with `?lang=en|bn`.

The same bearer token and tenant rules as GraphQL apply, and errors have the same JSON shape.
Every PDF of an issued invoice (or a note) that a caller holding `invoice:print` fetches is a
print and is recorded (the first is the original), so responses are never cached. A caller who
may only read (the VAT officer) gets an inspection copy instead: marked as no tax invoice (or
note), recorded nowhere.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response

from hisab.audit.domain.reads import RecordRead
from hisab.edge.context import RECORDS_READ, Admission, RequestContext
from hisab.edge.errors import RequestRefusedError, http_error
from hisab.edge.permissions import Permission, require
from hisab.invoicing.adapters.documents.renderer import HtmlRenderer, PdfRenderer
from hisab.invoicing.application.commands import InspectInvoice, PrintInvoice, ViewInvoice
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.documents import inspect_invoice, print_invoice, view_invoice
from hisab.invoicing.application.note_documents import NoteDocumentRequest, inspect_note, print_note, view_note
from hisab.invoicing.domain.notes import NoteKind
from hisab.kernel.errors import ErrorCode, NotFoundError, Violation
from hisab.kernel.language import Language

PDF, HTML = "pdf", "html"
_NO_STORE = {"Cache-Control": "no-store"}
_RECORD_KINDS = {NoteKind.CREDIT: "CreditNote", NoteKind.DEBIT: "DebitNote"}


def mushak63_path(invoice_id: str, language: Language, extension: str = PDF) -> str:
    """Where an invoice's document is served, relative to the service's root."""
    return f"/invoices/{quote(invoice_id, safe='')}/mushak-6.3.{extension}?lang={language.value}"


# What a document is fetched as, decided by its format and the caller's permissions: a print is
# recorded; an inspection copy (a PDF for a caller without invoice:print) and a screen view are not.
Use = Literal["print", "inspection", "screen"]


@dataclass(frozen=True, slots=True)
class Renderers:
    pdf: PdfRenderer
    html: HtmlRenderer

    def of(self, use: Use) -> PdfRenderer | HtmlRenderer:
        return self.html if use == "screen" else self.pdf


# Makes one record's document for one use: (record id, language, use, request, renderers) -> bytes.
Make = Callable[[str, Language, Use, RequestContext, Renderers], Awaitable[bytes]]


@dataclass(frozen=True, slots=True)
class DocumentSource:
    """One collection's documents: how the path and the audit trail name a record, and how its document is made."""

    path_parameter: str
    record_kind: str
    noun: str
    make: Make


async def _invoice_document(
    invoice_id: str, language: Language, use: Use, context: RequestContext, renderers: Renderers
) -> bytes:
    actor, invoicing = context.actor, context.services.get(Invoicing)
    if use == "print":
        return await print_invoice(PrintInvoice(invoice_id, language), actor, invoicing, renderers.pdf)
    if use == "inspection":
        return await inspect_invoice(InspectInvoice(invoice_id, language), actor, invoicing, renderers.pdf)
    return await view_invoice(ViewInvoice(invoice_id, language), actor, invoicing, renderers.html)


INVOICE_DOCUMENTS = DocumentSource("invoice_id", "Invoice", "invoice", _invoice_document)
_NOTE_HANDLERS = {"print": print_note, "inspection": inspect_note, "screen": view_note}


def note_documents(kind: NoteKind) -> DocumentSource:
    """/credit-notes/{note_id}/mushak-6.7.* or /debit-notes/{note_id}/mushak-6.8.* (note_paths.py)."""

    async def make(note_id: str, language: Language, use: Use, context: RequestContext, renderers: Renderers) -> bytes:
        request = NoteDocumentRequest(kind, note_id, language)
        invoicing = context.services.get(Invoicing)
        return await _NOTE_HANDLERS[use](request, context.actor, invoicing, renderers.of(use))

    return DocumentSource("note_id", _RECORD_KINDS[kind], kind.noun, make)


@dataclass(frozen=True, slots=True)
class DocumentEndpoint:
    # The API's guard: the same token, tenant and rate-limit checks as GraphQL.
    admit: Admission
    renderers: Renderers
    source: DocumentSource

    async def pdf_document(self, request: Request) -> Response:
        return await self._handle(request, PDF)

    async def html_document(self, request: Request) -> Response:
        return await self._handle(request, HTML)

    async def _handle(self, request: Request, extension: str) -> Response:
        source = self.source
        try:
            principal = await self.admit(request)
            require(principal, Permission.INVOICE_READ)
            language = _language(request.query_params.get("lang"))
            context = RequestContext(principal, request.state.services, request.state.correlation_id)
            record_id = request.path_params[source.path_parameter]
            use = _use(extension, principal.permissions)
            content = await source.make(record_id, language, use, context, self.renderers)
            setattr(request.state, RECORDS_READ, (RecordRead(source.record_kind, record_id),))
            return Response(content, media_type=self.renderers.of(use).media_type, headers=_NO_STORE)
        except NotFoundError:
            # Not the error's own message, which names the id: this 404 has always said only this.
            return http_error(NotFoundError(f"{source.noun} not found"))
        except Exception as error:  # every kind, by its code: one nobody classified is a 500
            return http_error(error)


def _use(extension: str, permissions: frozenset[Permission]) -> Use:
    if extension == HTML:
        return "screen"
    return "print" if Permission.INVOICE_PRINT in permissions else "inspection"


def _language(raw: str | None) -> Language:
    if raw is None:
        return Language.EN
    try:
        return Language(raw.lower())
    except ValueError:
        message = "lang is en (English) or bn (Bengali)"
        violation = Violation("lang", "language", message)
        raise RequestRefusedError(ErrorCode.BAD_USER_INPUT, message, violations=(violation,)) from None
