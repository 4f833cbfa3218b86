"""Every request observed: a server span, the HTTP metrics, and one access log line.

The endpoints leave who called (`tenant_id`, `user_id`) and which GraphQL operation ran in
`request.state`; this middleware reads them once the response is sent.
"""

from __future__ import annotations

import logging
import time

import structlog
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hisab.api.telemetry import Observability

ACCESS_LOG = logging.getLogger("hisab.access")
# Probes and scrapes arrive every few seconds; at INFO they would bury the requests of users.
QUIET_ROUTES = frozenset({"/health/live", "/health/ready", "/metrics"})
UNMATCHED_ROUTE = "unmatched"


class AccessLogMiddleware:
    def __init__(self, app: ASGIApp, observability: Observability) -> None:
        self.app = app
        self.metrics = observability.metrics
        self.tracer = observability.tracer

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        headers = Headers(scope=scope)
        state: dict[str, object] = scope.setdefault("state", {})
        status = 500  # unless a response starts: an exception that escapes becomes a 500 outside

        async def send_observed(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        with self.tracer.server_span(headers.get("traceparent"), headers.get("tracestate")) as span:
            trace_id = self.tracer.current_trace_id()
            with structlog.contextvars.bound_contextvars(request_id=state.get("correlation_id"), trace_id=trace_id):
                try:
                    await self.app(scope, receive, send_observed)
                finally:
                    method, route = scope["method"], _route(scope)
                    seconds = time.perf_counter() - started
                    span.update_name(f"{method} {route}")
                    for key, value in _span_attributes(route, status, state).items():
                        span.set_attribute(key, value)
                    self.metrics.request_served(method, route, status, seconds)
                    _log_access(scope, route, status, seconds, state, trace_id)


def _route(scope: Scope) -> str:
    """The route's template (`/graphql`), never the raw path, which a client could vary without end."""
    path = getattr(scope.get("route"), "path", None)
    return path if isinstance(path, str) else UNMATCHED_ROUTE


def _span_attributes(route: str, status: int, state: dict[str, object]) -> dict[str, str | int]:
    attributes: dict[str, str | int] = {"http.route": route, "http.response.status_code": status}
    for key in ("tenant_id", "user_id"):
        value = state.get(key)
        if isinstance(value, str):
            attributes[f"hisab.{key}"] = value
    return attributes


def _log_access(
    scope: Scope, route: str, status: int, seconds: float, state: dict[str, object], trace_id: str | None
) -> None:
    level = logging.WARNING if status >= 500 else logging.DEBUG if route in QUIET_ROUTES else logging.INFO
    if not ACCESS_LOG.isEnabledFor(level):
        return
    client = scope.get("client")
    fields = {
        "method": scope["method"],
        "route": route,
        "path": scope["path"],
        "status": status,
        "duration_ms": round(seconds * 1000, 2),
        "tenant": state.get("tenant_id"),
        "user": state.get("user_id"),
        "operation": state.get("graphql_operation"),
        "request_id": state.get("correlation_id"),
        "trace_id": trace_id,
        "client": client[0] if client else None,
    }
    ACCESS_LOG.log(level, "request", extra=fields)
