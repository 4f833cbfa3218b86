"""GET /vds-certificates/{certificate_id}/mushak-6.6.pdf and .html, with `?lang=en|bn`.

The same bearer token and tenant rules as GraphQL apply, and errors have the same JSON shape; the
caller needs `purchase:read`. A certificate is issued with its payment and never changes, so every
fetch gets the same document; fetches are not recorded as prints (docs/payments.md). The renderers
are handed in by the app, with the fonts of the tax invoices.
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response

from hisab.audit.domain.reads import RecordRead
from hisab.edge.context import RECORDS_READ, Admission, RequestContext
from hisab.edge.errors import RequestRefusedError, http_error
from hisab.edge.permissions import Permission, require
from hisab.kernel.errors import ErrorCode, NotFoundError, Violation
from hisab.kernel.language import Language
from hisab.purchases.application.certificates import CertificateRenderer, render_certificate
from hisab.purchases.application.payment_dependencies import Payments

_NO_STORE = {"Cache-Control": "no-store"}


@dataclass(frozen=True, slots=True)
class CertificateEndpoint:
    admit: Admission
    pdf: CertificateRenderer
    html: CertificateRenderer

    async def pdf_document(self, request: Request) -> Response:
        return await self._handle(request, self.pdf)

    async def html_document(self, request: Request) -> Response:
        return await self._handle(request, self.html)

    async def _handle(self, request: Request, renderer: CertificateRenderer) -> Response:
        try:
            principal = await self.admit(request)
            require(principal, Permission.PURCHASE_READ)
            language = _language(request.query_params.get("lang"))
            certificate_id = request.path_params["certificate_id"]
            context = RequestContext(principal, request.state.services, request.state.correlation_id)
            payments = context.services.get(Payments)
            content = await render_certificate(certificate_id, language, context.actor, payments, renderer)
            setattr(request.state, RECORDS_READ, (RecordRead("VdsCertificate", certificate_id),))
            return Response(content, media_type=renderer.media_type, headers=_NO_STORE)
        except NotFoundError:
            return http_error(NotFoundError("VDS certificate not found"))
        except Exception as error:  # every kind, by its code: one nobody classified is a 500
            return http_error(error)


def _language(raw: str | None) -> Language:
    if raw is None:
        return Language.EN
    try:
        return Language(raw.lower())
    except ValueError:
        message = "lang is en (English) or bn (Bengali)"
        raise RequestRefusedError(
            ErrorCode.BAD_USER_INPUT, message, violations=(Violation("lang", "language", message),)
        ) from None
