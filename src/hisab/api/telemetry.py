"""What the HTTP layer reports and the spans it opens: ports that `hisab.bootstrap` fills."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Protocol

from starlette.requests import Request
from starlette.responses import Response

from hisab.kernel.telemetry import Span, Tracer


class ServerSpan(Span, Protocol):
    def update_name(self, name: str) -> None: ...


class HttpTracer(Tracer, Protocol):
    def server_span(self, traceparent: str | None, tracestate: str | None) -> AbstractContextManager[ServerSpan]:
        """The span of one incoming request, a child of the caller's when it sent a `traceparent`."""

    def current_trace_id(self) -> str | None: ...


class HttpMetrics(Protocol):
    def request_served(self, method: str, route: str, status: int, seconds: float) -> None: ...

    def graphql_operation(self, operation: str, kind: str, seconds: float) -> None: ...

    async def exposition(self) -> tuple[bytes, str]:
        """The body of GET /metrics and its content type."""


@dataclass(frozen=True, slots=True)
class Observability:
    metrics: HttpMetrics
    tracer: HttpTracer


def metrics_endpoint(metrics: HttpMetrics) -> Callable[[Request], Awaitable[Response]]:
    async def scrape(request: Request) -> Response:
        body, content_type = await metrics.exposition()
        return Response(body, media_type=content_type)

    return scrape
