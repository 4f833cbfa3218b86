"""POST /graphql runs a request (or a small batch); GET /graphql serves GraphiQL outside production.

The endpoint is ours rather than Ariadne's ASGI app so that it controls how the body is
read (exact numbers, see `hisab.edge.exact_numbers`), who may call (`hisab.access.adapters.guard`) and how much.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from ariadne import graphql
from ariadne.explorer import ExplorerGraphiQL
from graphql import ASTValidationRule, GraphQLSchema
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from hisab.access.adapters.guard import Guard
from hisab.access.application.dependencies import Access
from hisab.api.graphql import operations
from hisab.api.graphql.caching import QueryParser, QueryValidator
from hisab.api.graphql.limits import limit_rules
from hisab.api.graphql.validation_rules import VALIDATION_RULES
from hisab.api.telemetry import Observability
from hisab.audit.adapters.graphql.reads import ReadCollector
from hisab.audit.application.dependencies import Audit
from hisab.audit.application.reads import AuditUnavailableError, ReadMade, reads_are_kept, record_read
from hisab.audit.domain.reads import Channel
from hisab.config import Settings
from hisab.edge.context import RequestContext
from hisab.edge.errors import RequestRefusedError, format_error, graphql_logger, http_error
from hisab.edge.idempotency import IDEMPOTENCY_KEY_HEADER, idempotency_key
from hisab.edge.json_body import BodyError, parse_json, read_body
from hisab.kernel.error_body import error_body

_EXPLORER_HINT = (
    "# Every request needs a token: add to the Headers pane below\n"
    '# {"Authorization": "Bearer <token>"}  (the server printed one at start; or run `hisab token`)\n'
    "# Ctrl-Space lists the fields you may ask for; the Docs pane shows the whole schema.\n"
    "\n{\n  __typename\n}\n"
)
# GraphiQL loads its scripts and styles from esm.sh; the page is served outside production only.
_EXPLORER_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' https://esm.sh; "
    "style-src 'self' 'unsafe-inline' https://esm.sh; font-src 'self' data: https://esm.sh; "
    "img-src 'self' data:; worker-src 'self' blob: https://esm.sh; connect-src 'self' https://esm.sh; "
    "frame-ancestors 'none'"
)


@dataclass(frozen=True, slots=True)
class GraphQLEndpoint:
    schema: GraphQLSchema
    settings: Settings
    guard: Guard
    parser: QueryParser
    validator: QueryValidator
    rules: tuple[type[ASTValidationRule], ...]
    explorer_page: str | None
    observability: Observability

    @classmethod
    def create(
        cls, schema: GraphQLSchema, settings: Settings, guard: Guard, observability: Observability
    ) -> GraphQLEndpoint:
        size = settings.graphql_query_cache_size
        explorer_page = (
            None
            if settings.is_production
            else ExplorerGraphiQL(title="Hisab GraphQL", default_query=_EXPLORER_HINT).html(None)
        )
        limits = limit_rules(settings.graphql_max_depth, settings.graphql_max_aliases, settings.graphql_max_cost)
        rules: tuple[type[ASTValidationRule], ...] = (*VALIDATION_RULES, *limits)
        parser, validator = QueryParser(size), QueryValidator(size)
        return cls(schema, settings, guard, parser, validator, rules, explorer_page, observability)

    async def handle(self, request: Request) -> Response:
        if request.method == "GET":
            if self.explorer_page is None:
                return JSONResponse({"detail": "Not Found"}, status_code=404)
            return HTMLResponse(self.explorer_page, headers={"Content-Security-Policy": _EXPLORER_CSP})
        try:
            context = await self._context(request)
            data = parse_json(await read_body(request, self.settings.max_body_bytes))
            batch = await self._operations(data, context)
        except (RequestRefusedError, BodyError) as error:
            return http_error(error)
        results = [await self._execute(request, operation, context) for operation in batch]
        return JSONResponse(results if isinstance(data, list) else results[0])

    async def _execute(self, request: Request, operation: object, context: RequestContext) -> Any:
        """Run one operation inside a span of its own, and time it by the root fields it selects.

        A query of an audited caller is kept in the audit trail before its data is returned; if it
        cannot be kept, the data is withheld (fail closed).
        """
        label = operations.describe(operation, self.parser, self.schema)
        collector = _collector(operation, label, context)
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
                operation,
                context_value=context,
                query_parser=self.parser,
                query_validator=self.validator,
                validation_rules=self.rules,
                introspection=not self.settings.is_production,
                error_formatter=format_error,
                logger=graphql_logger,
                debug=False,
                middleware=[collector] if collector is not None else None,
            )
            if collector is not None and collector.fields:
                result = await _kept(collector, label, result, context)
        self.observability.metrics.graphql_operation(label.fields, label.kind, time.perf_counter() - started)
        return result

    async def _context(self, request: Request) -> RequestContext:
        principal = await self.guard.admit(request)
        request.state.tenant_id, request.state.user_id = principal.tenant_id, principal.user_id
        return RequestContext(
            principal=principal,
            services=request.state.services,
            correlation_id=request.state.correlation_id,
            idempotency_key=idempotency_key(request.headers.get(IDEMPOTENCY_KEY_HEADER)),
        )

    async def _operations(self, data: object, context: RequestContext) -> list[object]:
        """The operations of a request: one, or a batch of at most `graphql_max_batch`, each one charged."""
        if not isinstance(data, list):
            return [data]
        limit = self.settings.graphql_max_batch
        if not 1 <= len(data) <= limit:
            raise BodyError(f"a batch holds 1 to {limit} operations", rule="batch_size")
        if context.idempotency_key is not None and len(data) > 1:
            raise BodyError("an Idempotency-Key applies to one operation, not to a batch", rule="batch_idempotency")
        principal = context.principal
        if len(data) > 1:
            limiter = context.services.get(Access).rate_limiter
            await self.guard.charge(limiter, principal.tenant_id, principal.user_id, cost=len(data) - 1)
        return data


def _collector(operation: object, label: operations.OperationLabel, context: RequestContext) -> ReadCollector | None:
    """A collector for a query of a caller whose reads are kept; None for anything else."""
    if label.kind != "query" or not reads_are_kept(context.principal.roles, context.services.get(Audit)):
        return None
    return ReadCollector(operation.get("variables") if isinstance(operation, dict) else None)


async def _kept(
    collector: ReadCollector, label: operations.OperationLabel, result: Any, context: RequestContext
) -> Any:
    """The result, once the read is kept; else the error that refuses it, in place of its data."""
    errors = result.get("errors") or []
    codes = tuple(str(error.get("extensions", {}).get("code")) for error in errors)
    read = ReadMade(Channel.GRAPHQL, label.name, tuple(collector.fields), tuple(collector.records), codes)
    try:
        await record_read(read, context.actor, context.principal.roles, context.services.get(Audit))
    except AuditUnavailableError as error:
        return error_body(str(error), error.code)
    return result
