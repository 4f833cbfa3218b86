"""GET /invoices/{id}/mushak-6.3.pdf and .html, with `?lang=en|bn`.

The same bearer token and tenant rules as GraphQL apply, and errors have the same JSON shape.
Every PDF of an issued invoice that a caller holding `invoice:print` fetches is a print and is
recorded (the first is the original), so responses are never cached. A caller who may only read
(the VAT officer) gets an inspection copy instead: marked as no tax invoice, recorded nowhere.
"""

from __future__ import annotations

from dataclasses import dataclass
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
from hisab.kernel.errors import ErrorCode, NotFoundError, Violation
from hisab.kernel.language import Language

PDF, HTML = "pdf", "html"
_NO_STORE = {"Cache-Control": "no-store"}


def mushak63_path(invoice_id: str, language: Language, extension: str = PDF) -> str:
    """Where an invoice's document is served, relative to the service's root."""
    return f"/invoices/{quote(invoice_id, safe='')}/mushak-6.3.{extension}?lang={language.value}"


@dataclass(frozen=True, slots=True)
class DocumentEndpoint:
    # The API's guard: the same token, tenant and rate-limit checks as GraphQL.
    admit: Admission
    pdf: PdfRenderer
    html: HtmlRenderer

    async def pdf_document(self, request: Request) -> Response:
        return await self._handle(request, PDF)

    async def html_document(self, request: Request) -> Response:
        return await self._handle(request, HTML)

    async def _handle(self, request: Request, extension: str) -> Response:
        try:
            principal = await self.admit(request)
            require(principal, Permission.INVOICE_READ)
            language = _language(request.query_params.get("lang"))
            context = RequestContext(principal, request.state.services, request.state.correlation_id)
            invoice_id = request.path_params["invoice_id"]
            response = await self._document(invoice_id, language, extension, context)
            setattr(request.state, RECORDS_READ, (RecordRead("Invoice", invoice_id),))
            return response
        except NotFoundError:
            # Not the error's own message, which names the id: this 404 has always said only this.
            return http_error(NotFoundError("invoice not found"))
        except Exception as error:  # every kind, by its code: one nobody classified is a 500
            return http_error(error)

    async def _document(self, invoice_id: str, language: Language, extension: str, context: RequestContext) -> Response:
        actor, invoicing = context.actor, context.services.get(Invoicing)
        if extension == PDF and Permission.INVOICE_PRINT in context.principal.permissions:
            content = await print_invoice(PrintInvoice(invoice_id, language), actor, invoicing, self.pdf)
            return Response(content, media_type=self.pdf.media_type, headers=_NO_STORE)
        if extension == PDF:
            content = await inspect_invoice(InspectInvoice(invoice_id, language), actor, invoicing, self.pdf)
            return Response(content, media_type=self.pdf.media_type, headers=_NO_STORE)
        content = await view_invoice(ViewInvoice(invoice_id, language), actor, invoicing, self.html)
        return Response(content, media_type=self.html.media_type, headers=_NO_STORE)


def _language(raw: str | None) -> Language:
    if raw is None:
        return Language.EN
    try:
        return Language(raw.lower())
    except ValueError:
        message = "lang is en (English) or bn (Bengali)"
        violation = Violation("lang", "language", message)
        raise RequestRefusedError(ErrorCode.BAD_USER_INPUT, message, violations=(violation,)) from None
