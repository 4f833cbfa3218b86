"""The ASGI application: routes, the middleware stack, and the services' lifetime."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import TypedDict

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from hisab.access.adapters.auth import TokenVerifier
from hisab.access.adapters.guard import Guard
from hisab.access.adapters.refresh_endpoint import RefreshEndpoint
from hisab.access.adapters.tokens import TokenIssuer
from hisab.access.application.ports import RateLimit
from hisab.api import health
from hisab.api.access_log import AccessLogMiddleware
from hisab.api.graphql.endpoint import GraphQLEndpoint
from hisab.api.graphql.schema import build_schema
from hisab.api.middleware import REQUEST_ID_HEADER, CorrelationIdMiddleware, SecurityHeadersMiddleware
from hisab.api.telemetry import Observability, metrics_endpoint
from hisab.audit.adapters.http import AuditedGetsMiddleware
from hisab.config import Settings
from hisab.edge.idempotency import IDEMPOTENCY_KEY_HEADER
from hisab.invoicing.adapters.documents.endpoint import (
    HTML,
    INVOICE_DOCUMENTS,
    PDF,
    DocumentEndpoint,
    Renderers,
    note_documents,
)
from hisab.invoicing.adapters.documents.note_paths import COLLECTIONS, FORMS
from hisab.invoicing.adapters.documents.renderer import FONTS_DIRECTORY, FONTS_URL_PATH, HtmlRenderer, PdfRenderer
from hisab.invoicing.adapters.imports.endpoint import ImportEndpoint
from hisab.invoicing.domain.notes import NoteKind
from hisab.kernel.services import Services
from hisab.ledger.adapters.reports import pdf_file, xlsx_file
from hisab.ledger.adapters.reports.endpoint import ReportEndpoint
from hisab.ledger.adapters.reports.pdf_file import ReportPdfWriter
from hisab.ledger.adapters.reports.tables import ReportTable, Row, RowStyle
from hisab.purchases.adapters.documents.endpoint import CertificateEndpoint
from hisab.purchases.adapters.documents.mushak66 import CertificateHtml, CertificatePdf
from hisab.purchases.adapters.documents.paths import COLLECTION as VDS_CERTIFICATES
from hisab.purchases.adapters.documents.paths import FORM as MUSHAK66
from hisab.receivables.adapters.bank_endpoint import BankStatementEndpoint
from hisab.receivables.adapters.reports.endpoint import Format, ReceivablesReportEndpoint
from hisab.receivables.adapters.reports.tables import ReceivablesTable
from hisab.vat_return.adapters.documents.renderer import ReturnDocuments
from hisab.vat_return.adapters.documents_endpoint import ReturnDocumentEndpoint
from hisab.vat_return.adapters.reports import endpoint as registers_endpoint
from hisab.vat_return.adapters.reports import files as register_files
from hisab.vat_return.application.dependencies import VatReturns
from hisab.vat_return.application.returns import vat_return
from hisab.web.app import WebOptions, build_web

_CORS_HEADERS = ["Authorization", "Content-Type", IDEMPOTENCY_KEY_HEADER, REQUEST_ID_HEADER,
                 "X-Correlation-ID", "X-Tenant-ID"]  # fmt: skip


class AppState(TypedDict):
    """What every request finds in `request.state`, for the life of the app."""

    services: Services


def create_app(
    settings: Settings,
    open_services: Callable[[], AbstractAsyncContextManager[Services]],
    verifier: TokenVerifier,
    issuer: TokenIssuer | None,
    observability: Observability,
    web: WebOptions,
) -> Starlette:
    """The Hisab web app; `open_services` is entered once, at startup, and left at shutdown.

    Without an `issuer` (tokens come from an identity provider that holds the signing key)
    there is no /auth/refresh: refreshing is then the provider's business.
    """

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[AppState]:
        async with open_services() as services:
            yield {"services": services}

    guard = Guard(
        verifier,
        user_limit=RateLimit(settings.rate_limit_per_second, settings.rate_limit_burst),
        failure_limit=RateLimit(settings.auth_failure_rate_per_second, settings.auth_failure_burst),
    )
    # One renderer of each format for every form: the fonts are loaded once, and one PDF is laid out at a time.
    renderers = Renderers(PdfRenderer(), HtmlRenderer())
    documents = DocumentEndpoint(guard.admit, renderers, INVOICE_DOCUMENTS)
    notes = {kind: DocumentEndpoint(guard.admit, renderers, note_documents(kind)) for kind in NoteKind}
    imports = ImportEndpoint(guard.admit, settings.import_max_bytes)
    bank_statements = BankStatementEndpoint(guard.admit, settings.import_max_bytes)
    # The reports print with the invoice documents' fonts, handed over here: the ledger reads no invoicing adapter.
    report_pdf = ReportPdfWriter(FONTS_DIRECTORY)
    reports = ReportEndpoint(guard.admit, report_pdf)
    # The receivables' reports are laid out by the books' writers: one look and one font set for every report.
    receivable_reports = ReceivablesReportEndpoint(
        guard.admit,
        {
            "pdf": Format(lambda table: report_pdf.render(_as_report(table)), pdf_file.MEDIA_TYPE),
            "xlsx": Format(lambda table: xlsx_file.xlsx_bytes(_as_report(table)), xlsx_file.MEDIA_TYPE),
        },
    )
    # The Mushak-6.6 prints with the tax invoices' fonts, handed over here: purchases read no invoicing adapter.
    certificates = CertificateEndpoint(guard.admit, CertificatePdf(FONTS_DIRECTORY), CertificateHtml(FONTS_URL_PATH))

    # The registers (Mushak-6.1, 6.2) print with the Mushak forms' fonts too.
    register_pdf = register_files.RegisterPdfWriter(FONTS_DIRECTORY)
    registers = registers_endpoint.RegisterDownloadEndpoint(
        guard.admit,
        {
            "xlsx": registers_endpoint.Format(register_files.xlsx_bytes, register_files.XLSX_MEDIA_TYPE),
            "csv": registers_endpoint.Format(register_files.csv_bytes, register_files.CSV_MEDIA_TYPE),
            "pdf": registers_endpoint.Format(register_pdf.render, register_files.PDF_MEDIA_TYPE),
        },
    )
    # The Mushak-9.1 and its exports, from the return the VAT-return application computes (or froze).
    returns = ReturnDocumentEndpoint(
        guard.admit,
        ReturnDocuments(FONTS_DIRECTORY, FONTS_URL_PATH),
        lambda actor, period, services: vat_return(period, actor, services.get(VatReturns)),
    )
    graphql_endpoint = GraphQLEndpoint.create(
        build_schema(federation=settings.graphql_federation), settings, guard, observability
    )
    _, web_routes = build_web(web, guard)
    routes = [
        *web_routes,
        Route("/graphql", graphql_endpoint.handle, methods=["GET", "POST"]),
        Route("/invoices/{invoice_id}/mushak-6.3.pdf", documents.pdf_document, methods=["GET"]),
        Route("/invoices/{invoice_id}/mushak-6.3.html", documents.html_document, methods=["GET"]),
        *(
            Route(f"/{COLLECTIONS[kind]}/{{note_id}}/{FORMS[kind]}.{extension}", serve, methods=["GET"])
            for kind, endpoint in notes.items()
            for extension, serve in ((PDF, endpoint.pdf_document), (HTML, endpoint.html_document))
        ),
        Route(f"/{VDS_CERTIFICATES}/{{certificate_id}}/{MUSHAK66}.pdf", certificates.pdf_document, methods=["GET"]),
        Route(f"/{VDS_CERTIFICATES}/{{certificate_id}}/{MUSHAK66}.html", certificates.html_document, methods=["GET"]),
        Route("/reports/trial-balance.{extension}", reports.trial_balance, methods=["GET"]),
        Route("/reports/income-statement.{extension}", reports.income_statement, methods=["GET"]),
        Route("/reports/balance-sheet.{extension}", reports.balance_sheet, methods=["GET"]),
        Route("/reports/receivables-ageing.{extension}", receivable_reports.ageing, methods=["GET"]),
        Route("/reports/customer-statement.{extension}", receivable_reports.statement, methods=["GET"]),
        Route("/reports/purchase-register.{extension}", registers.purchases, methods=["GET"]),
        Route("/reports/sales-register.{extension}", registers.sales, methods=["GET"]),
        Route("/imports", imports.recent, methods=["GET"]),
        Route("/imports/{kind}", imports.start, methods=["POST"]),
        Route("/imports/{import_id}", imports.progress, methods=["GET"]),
        Route("/bank-statements", bank_statements.start, methods=["POST"]),
        *returns.routes(),
        Mount(FONTS_URL_PATH, StaticFiles(directory=FONTS_DIRECTORY), name="fonts"),
        Route("/health/live", health.live, methods=["GET"]),
        Route("/health/ready", health.readiness_endpoint(settings.readiness_timeout_seconds), methods=["GET"]),
        Route("/metrics", metrics_endpoint(observability.metrics), methods=["GET"]),
    ]
    if issuer is not None:
        routes.append(Route("/auth/refresh", RefreshEndpoint(guard, issuer).handle, methods=["POST"]))
    # Outermost first: every response, a refused preflight included, gets an id and the headers.
    middleware = [
        Middleware(CorrelationIdMiddleware),
        Middleware(AccessLogMiddleware, observability=observability),
        Middleware(SecurityHeadersMiddleware),
        Middleware(
            CORSMiddleware,
            allow_origins=settings.cors_allowed_origins,
            allow_credentials=True,
            allow_methods=["GET", "POST"],
            allow_headers=_CORS_HEADERS,
            expose_headers=[REQUEST_ID_HEADER, "Retry-After"],
            max_age=600,
        ),
        # Innermost: it sees the caller the endpoint admitted, and keeps an audited caller's GET first.
        Middleware(AuditedGetsMiddleware),
    ]
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan)


def _as_report(table: ReceivablesTable) -> ReportTable:
    """A receivables table in the books' report layout: the customer where a report names its project."""
    rows = tuple(Row(RowStyle.TOTAL if r.total else RowStyle.LINE, r.code, r.label, r.amounts) for r in table.rows)
    return ReportTable(
        table.language, table.title, table.period, table.subject, table.code_header, table.label_header,
        table.amount_headers, None, rows, True, table.status, table.filename, table.in_taka, table.page, table.of,
    )  # fmt: skip
