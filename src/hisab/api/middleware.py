"""ASGI middleware: the correlation id every request carries and echoes back; security headers."""

from __future__ import annotations

import re
import uuid

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

REQUEST_ID_HEADER = "X-Request-ID"
_CLIENT_HEADERS = (REQUEST_ID_HEADER, "X-Correlation-ID")
# A client's id goes into logs and events as it is, so only short, plain ones are taken.
_SANE_ID = re.compile(r"[A-Za-z0-9._-]{1,100}")


def correlation_id(headers: Headers) -> str:
    """The client's X-Request-ID (or X-Correlation-ID) if it is sane, else a new one."""
    for name in _CLIENT_HEADERS:
        value = headers.get(name)
        if value is not None and _SANE_ID.fullmatch(value):
            return value
    return str(uuid.uuid4())


class CorrelationIdMiddleware:
    """Puts the request's correlation id in `request.state` and in the X-Request-ID response header."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = correlation_id(Headers(scope=scope))
        scope.setdefault("state", {})["correlation_id"] = request_id

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)[REQUEST_ID_HEADER] = request_id
            await send(message)

        await self.app(scope, receive, send_with_id)


# An API of JSON for programs: nothing in it is to be framed, sniffed, cached or sent on.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


class SecurityHeadersMiddleware:
    """Adds the security headers to every response, keeping any that a route set itself."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)
