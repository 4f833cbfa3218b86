"""POST /graphql runs a request; GET /graphql serves GraphiQL outside production.

The endpoint is ours rather than Ariadne's ASGI app so that it controls how the body is
read (exact numbers, see `hisab.api.numbers`) and who may call (bearer tokens).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import Any

from ariadne import graphql
from ariadne.explorer import ExplorerGraphiQL
from graphql import GraphQLSchema
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from hisab.api.auth import AuthenticationError, ForbiddenError, authenticate, check_tenant_header
from hisab.api.context import RequestContext
from hisab.api.errors import ErrorCode, error_body, format_error, graphql_logger
from hisab.api.graphql import operations
from hisab.api.graphql.caching import QueryParser, QueryValidator
from hisab.api.graphql.validation_rules import VALIDATION_RULES
from hisab.api.json_body import BodyError, parse_json, read_body
from hisab.api.telemetry import Observability
from hisab.config import Settings
from hisab.domain.errors import Violation

IDEMPOTENCY_KEY_HEADER = "Idempotency-Key"
_IDEMPOTENCY_KEY = re.compile(r"[\x20-\x7e]{1,200}")
_EXPLORER_HINT = (
    "# Every request needs a token: add to the Headers pane below\n"
    '# {"Authorization": "Bearer <token>"}  (the server printed one at start; or run `hisab token`)\n'
    "\n{\n  invoices(first: 5) {\n    totalCount\n"
    "    edges { node { invoiceNumber status grandTotal { formattedAmount } } }\n  }\n}\n"
)


class RequestRefusedError(Exception):
    """The request is refused before GraphQL runs; it carries its HTTP status and body."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(status)
        self.status = status
        self.body = body


@dataclass(frozen=True, slots=True)
class GraphQLEndpoint:
    schema: GraphQLSchema
    settings: Settings
    jwt_secret: str
    parser: QueryParser
    validator: QueryValidator
    explorer_page: str | None
    observability: Observability

    @classmethod
    def create(
        cls, schema: GraphQLSchema, settings: Settings, jwt_secret: str, observability: Observability
    ) -> GraphQLEndpoint:
        size = settings.graphql_query_cache_size
        explorer_page = (
            None
            if settings.environment == "production"
            else ExplorerGraphiQL(title="Hisab GraphQL", default_query=_EXPLORER_HINT).html(None)
        )
        parser, validator = QueryParser(size), QueryValidator(size)
        return cls(schema, settings, jwt_secret, parser, validator, explorer_page, observability)

    async def handle(self, request: Request) -> Response:
        if request.method == "GET":
            if self.explorer_page is None:
                return JSONResponse({"detail": "Not Found"}, status_code=404)
            return HTMLResponse(self.explorer_page)
        try:
            context = self._context(request)
            data = parse_json(await read_body(request.stream()))
        except RequestRefusedError as refused:
            return JSONResponse(refused.body, status_code=refused.status)
        except BodyError as error:
            violation = Violation("body", error.rule, error.message)
            return JSONResponse(error_body(error.message, ErrorCode.BAD_USER_INPUT, (violation,)), error.status)
        return JSONResponse(await self._execute(request, context, data))

    async def _execute(self, request: Request, context: RequestContext, data: object) -> dict[str, Any]:
        """Run the operation inside a span of its own, and time it by the root fields it selects."""
        label = operations.describe(data, self.parser, self.schema)
        request.state.graphql_operation = label.fields
        attributes = {
            "graphql.operation.type": label.kind,
            "graphql.operation.name": label.name or "",
            "hisab.graphql.fields": label.fields,
            "hisab.tenant_id": context.principal.tenant_id,
        }
        started = time.perf_counter()
        with self.observability.tracer.span(f"{label.kind} {label.fields}", attributes):
            _, result = await graphql(
                self.schema,
                data,
                context_value=context,
                query_parser=self.parser,
                query_validator=self.validator,
                validation_rules=VALIDATION_RULES,
                error_formatter=format_error,
                logger=graphql_logger,
                debug=False,
            )
        self.observability.metrics.graphql_operation(label.fields, label.kind, time.perf_counter() - started)
        result_body: dict[str, Any] = result
        return result_body

    def _context(self, request: Request) -> RequestContext:
        try:
            principal = authenticate(
                request.headers.get("Authorization"), self.jwt_secret, self.settings.jwt_leeway_seconds
            )
            check_tenant_header(principal, request.headers.get("X-Tenant-ID"))
            request.state.tenant_id, request.state.user_id = principal.tenant_id, principal.user_id
        except AuthenticationError as error:
            body = error_body(f"Unauthorized: {error.reason}", ErrorCode.UNAUTHENTICATED)
            raise RequestRefusedError(401, body) from None
        except ForbiddenError as error:
            raise RequestRefusedError(403, error_body(f"Forbidden: {error}", ErrorCode.FORBIDDEN)) from None
        return RequestContext(
            principal=principal,
            services=request.state.services,
            correlation_id=request.state.correlation_id,
            idempotency_key=_idempotency_key(request.headers.get(IDEMPOTENCY_KEY_HEADER)),
        )


def _idempotency_key(raw: str | None) -> str | None:
    if raw is None:
        return None
    if not _IDEMPOTENCY_KEY.fullmatch(raw):
        message = "the Idempotency-Key header is 1 to 200 printable ASCII characters"
        violation = Violation(IDEMPOTENCY_KEY_HEADER, "idempotency_key_format", message)
        raise RequestRefusedError(400, error_body(message, ErrorCode.BAD_USER_INPUT, (violation,)))
    return raw
