"""GET /vat-returns/{period}/mushak-9.1.pdf, .html, .json and .csv, with `?lang=en|bn`.

The period is the return's ("2026-27/Q1" or "2026-07"; its slash may be written as is or as %2F).
A download is a read, with the same bearer token, tenant rules and JSON errors as GraphQL and the
other documents, and needs `vat:read`. The return is the one the VAT return's application computes
(or froze, once prepared): the endpoint is handed that function, `ViewOf`, by the app, and only lays
the view out. Nothing is cached: an open return changes with every document recorded in its period.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from hisab.audit.domain.reads import RecordRead
from hisab.edge.context import RECORDS_READ, Admission, RequestContext
from hisab.edge.errors import RequestRefusedError, http_error
from hisab.edge.permissions import Permission, require
from hisab.event_store.messages import Actor
from hisab.kernel.errors import ErrorCode, NotFoundError, Violation
from hisab.kernel.language import Language
from hisab.kernel.services import Services
from hisab.vat_return.adapters import exports
from hisab.vat_return.adapters.documents.renderer import HTML_MEDIA_TYPE, PDF_MEDIA_TYPE, ReturnDocuments
from hisab.vat_return.application.return_views import VatReturnView

PATH = "/vat-returns/{period:path}/mushak-9.1.{extension}"
RECORD_KIND = "VatReturn"

# The return of a tax period as the caller may see it: the VAT return application's
# `vat_return_of(actor, period, returns)`, given the request's services to find `returns` in.
ViewOf = Callable[[Actor, str, Services], Awaitable[VatReturnView]]


@dataclass(frozen=True, slots=True)
class _Format:
    media_type: str
    # A document opens in the browser; a data file is saved.
    attachment: bool


_FORMATS = {
    "pdf": _Format(PDF_MEDIA_TYPE, attachment=False),
    "html": _Format(HTML_MEDIA_TYPE, attachment=False),
    "json": _Format(exports.JSON_MEDIA_TYPE, attachment=True),
    "csv": _Format(exports.CSV_MEDIA_TYPE, attachment=True),
}


def mushak91_path(period: str, extension: str, language: Language) -> str:
    """Where a period's return is served, relative to the service's root (for a GraphQL field to give)."""
    return f"/vat-returns/{period}/mushak-9.1.{extension}?lang={language.value}"


def filename(period: str, extension: str, language: Language) -> str:
    """mushak-9.1-2026-27-Q1.pdf, mushak-9.1-2026-07-bn.csv: the period's slash is not a file name's."""
    suffix = "" if language is Language.EN else f"-{language.value}"
    return f"mushak-9.1-{period.replace('/', '-')}{suffix}.{extension}"


@dataclass(frozen=True, slots=True)
class ReturnDocumentEndpoint:
    # The API's guard: the same token, tenant and rate-limit checks as GraphQL.
    admit: Admission
    documents: ReturnDocuments
    view_of: ViewOf

    def routes(self) -> list[Route]:
        return [Route(PATH, self.download, methods=["GET"])]

    async def download(self, request: Request) -> Response:
        try:
            principal = await self.admit(request)
            require(principal, Permission.VAT_READ)
            extension = request.path_params["extension"]
            if extension not in _FORMATS:
                raise NotFoundError(f"the return is downloaded as {', '.join(_FORMATS)}, not {extension}")
            language = _language(request.query_params.get("lang"))
            period = request.path_params["period"]
            context = RequestContext(principal, request.state.services, request.state.correlation_id)
            view = await self.view_of(context.actor, period, context.services)
            # Laying out a PDF takes a good part of a second the event loop must not wait for.
            content = await asyncio.to_thread(self._render, view, extension, language)
            setattr(request.state, RECORDS_READ, (RecordRead(RECORD_KIND, view.period),))
        except Exception as error:  # every kind, by its code: one nobody classified is a 500
            return http_error(error)
        chosen = _FORMATS[extension]
        disposition = "attachment" if chosen.attachment else "inline"
        headers = {
            "Content-Disposition": f'{disposition}; filename="{filename(view.period, extension, language)}"',
            "Cache-Control": "no-store",
        }
        return Response(content, media_type=chosen.media_type, headers=headers)

    def _render(self, view: VatReturnView, extension: str, language: Language) -> bytes:
        if extension == "pdf":
            return self.documents.pdf(view, language)
        if extension == "html":
            return self.documents.html(view, language)
        if extension == "json":
            return exports.json_bytes(view, language)
        return exports.csv_bytes(view, language)


def _language(raw: str | None) -> Language:
    if raw is None:
        return Language.EN
    try:
        return Language(raw.lower())
    except ValueError:
        message = "lang is en (English) or bn (Bengali)"
        violation = Violation("lang", "language", message)
        raise RequestRefusedError(ErrorCode.BAD_USER_INPUT, message, violations=(violation,)) from None
