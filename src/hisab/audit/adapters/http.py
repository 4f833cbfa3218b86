"""Every GET (and HEAD) of an audited caller outside GraphQL (a document download) is kept before it is answered.

The guard leaves the admitted caller in `request.state.principal`, and an endpoint may name the
records it served in `request.state.records_read`. When the response starts, the read is kept;
if it cannot be, the response is replaced by a 503 and its body is never sent (fail closed).
Requests that no guard admitted (health, metrics, fonts, GraphiQL) have no caller and are not kept.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hisab.audit.application.dependencies import Audit
from hisab.audit.application.reads import AuditUnavailableError, ReadMade, reads_are_kept, record_read
from hisab.audit.domain.reads import Channel, FieldRead, RecordRead
from hisab.edge.context import RECORDS_READ, Principal
from hisab.edge.errors import http_error
from hisab.event_store.messages import Actor
from hisab.kernel.error_body import HTTP_STATUS
from hisab.kernel.services import Services

_CODES = {status: code.value for code, status in HTTP_STATUS.items()}
# Starlette answers HEAD on every GET route by running it: the same read, without the body.
READS = frozenset({"GET", "HEAD"})


class AuditedGetsMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in READS:
            await self.app(scope, receive, send)
            return
        state: dict[str, object] = scope.setdefault("state", {})
        withheld = False

        async def send_kept(message: Message) -> None:
            nonlocal withheld
            if withheld:
                return
            if message["type"] == "http.response.start":
                try:
                    await _keep(scope, state, message["status"])
                except AuditUnavailableError as error:
                    withheld = True
                    await http_error(error)(scope, receive, send)
                    return
            await send(message)

        await self.app(scope, receive, send_kept)


async def _keep(scope: Scope, state: dict[str, object], status: int) -> None:
    principal, services = state.get("principal"), state.get("services")
    if not isinstance(principal, Principal) or not isinstance(services, Services):
        return
    audit = services.get(Audit)
    if not reads_are_kept(principal.roles, audit):
        return
    query = scope.get("query_string", b"").decode("latin-1")
    route = getattr(scope.get("route"), "path", None)
    arguments: dict[str, object] = {**scope.get("path_params", {}), **dict(parse_qsl(query))}
    records = state.get(RECORDS_READ, ())
    read = ReadMade(
        Channel.HTTP,
        f"{scope['method']} {scope['path']}" + (f"?{query}" if query else ""),
        (FieldRead(route if isinstance(route, str) else scope["path"], arguments),),
        tuple(r for r in records if isinstance(r, RecordRead)) if isinstance(records, tuple) else (),
        (_CODES.get(status, str(status)),) if status >= 400 else (),
    )
    actor = Actor(principal.tenant_id, principal.user_id, str(state.get("correlation_id", "")))
    await record_read(read, actor, principal.roles, audit)
