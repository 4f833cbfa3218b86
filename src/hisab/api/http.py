"""The ASGI application: routes, the middleware stack, and the services' lifetime."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import TypedDict

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from hisab.api import health
from hisab.api.documents.endpoint import DocumentEndpoint
from hisab.api.documents.renderer import FONTS_DIRECTORY, FONTS_URL_PATH, HtmlRenderer, PdfRenderer
from hisab.api.graphql.endpoint import GraphQLEndpoint
from hisab.api.graphql.schema import build_schema
from hisab.api.middleware import CorrelationIdMiddleware
from hisab.api.tokens import check_secret
from hisab.application.services import Services
from hisab.config import Settings


class AppState(TypedDict):
    """What every request finds in `request.state`, for the life of the app."""

    services: Services


def create_app(
    settings: Settings,
    open_services: Callable[[], AbstractAsyncContextManager[Services]],
    jwt_secret: str,
) -> Starlette:
    """The Hisab web app; `open_services` is entered once, at startup, and left at shutdown."""
    check_secret(jwt_secret)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[AppState]:
        async with open_services() as services:
            yield {"services": services}

    graphql_endpoint = GraphQLEndpoint.create(build_schema(), settings, jwt_secret)
    documents = DocumentEndpoint(jwt_secret, settings.jwt_leeway_seconds, PdfRenderer(), HtmlRenderer())
    routes = [
        Route("/graphql", graphql_endpoint.handle, methods=["GET", "POST"]),
        Route("/invoices/{invoice_id}/mushak-6.3.pdf", documents.pdf_document, methods=["GET"]),
        Route("/invoices/{invoice_id}/mushak-6.3.html", documents.html_document, methods=["GET"]),
        Mount(FONTS_URL_PATH, StaticFiles(directory=FONTS_DIRECTORY), name="fonts"),
        Route("/health/live", health.live, methods=["GET"]),
        Route("/health/ready", health.ready, methods=["GET"]),
    ]
    middleware = [
        Middleware(CorrelationIdMiddleware),
    ]
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
