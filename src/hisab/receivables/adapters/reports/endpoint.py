"""GET /reports/receivables-ageing.{pdf,xlsx} and /reports/customer-statement.{pdf,xlsx}.

A download is a read with the same bearer token, tenant rules and JSON errors as GraphQL, and
needs `receivable:read`. The ageing takes `asOf` (YYYY-MM-DD), optionally `buckets` (30,60,90),
`customerId` or `customerPartyId`; a statement takes `customerId` or `customerPartyId`, `from` and
`to`; both take `lang=en|bn`. Every parameter that is wrong is named in one BAD_USER_INPUT answer.
The writers are handed in by the app: they are the books' report writers.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import Response

from hisab.edge.context import Admission, RequestContext
from hisab.edge.errors import http_error
from hisab.edge.permissions import Permission, require
from hisab.edge.query_params import read_day, read_language
from hisab.event_store.messages import Actor
from hisab.invoicing.domain.rules import Collector
from hisab.kernel.errors import NotFoundError
from hisab.kernel.language import Language
from hisab.receivables.adapters.reports.tables import ReceivablesTable, ageing_table, statement_table
from hisab.receivables.application.ageing import receivables_ageing
from hisab.receivables.application.dependencies import Receivables
from hisab.receivables.application.ports import Customer
from hisab.receivables.application.statements import customer_statement
from hisab.receivables.domain.ageing import DEFAULT_BOUNDS

_BOUNDS = re.compile(r"\d{1,5}(,\d{1,5})*")


@dataclass(frozen=True, slots=True)
class Format:
    write: Callable[[ReceivablesTable], bytes]
    media_type: str


_Build = Callable[[QueryParams, Collector, Language, Actor, Receivables], Awaitable[ReceivablesTable]]


def _customer(params: QueryParams) -> Customer:
    return Customer(params.get("customerId") or None, params.get("customerPartyId") or None)


async def _ageing(
    params: QueryParams, found: Collector, language: Language, actor: Actor, receivables: Receivables
) -> ReceivablesTable:
    as_of = read_day(params, "asOf", found)
    raw = params.get("buckets")
    if raw is not None and not _BOUNDS.fullmatch(raw):
        found.add("buckets", "bounds", "buckets are days separated by commas, such as 30,60,90")
    found.raise_any()
    assert as_of is not None
    bounds = tuple(int(days) for days in raw.split(",")) if raw else DEFAULT_BOUNDS
    report = await receivables_ageing(as_of, actor, receivables, bounds, _customer(params))
    return ageing_table(report, language)


async def _statement(
    params: QueryParams, found: Collector, language: Language, actor: Actor, receivables: Receivables
) -> ReceivablesTable:
    customer = _customer(params)
    from_day, to_day = read_day(params, "from", found), read_day(params, "to", found)
    found.raise_any()
    assert from_day is not None
    assert to_day is not None
    statement = await customer_statement(customer, from_day, to_day, actor, receivables)
    named = " · ".join(name for name in (customer.customer_id, customer.customer_party_id) if name)
    return statement_table(statement, named, language)


@dataclass(frozen=True, slots=True)
class ReceivablesReportEndpoint:
    # The API's guard: the same token, tenant and rate-limit checks as GraphQL.
    admit: Admission
    formats: Mapping[str, Format]

    async def ageing(self, request: Request) -> Response:
        return await self._handle(request, _ageing)

    async def statement(self, request: Request) -> Response:
        return await self._handle(request, _statement)

    def _format(self, extension: str) -> Format:
        if extension not in self.formats:
            raise NotFoundError(f"these reports are downloaded as {', '.join(self.formats)}, not {extension}")
        return self.formats[extension]

    async def _handle(self, request: Request, build: _Build) -> Response:
        try:
            principal = await self.admit(request)
            require(principal, Permission.RECEIVABLE_READ)
            extension = request.path_params["extension"]
            chosen, found = self._format(extension), Collector()
            language = read_language(request.query_params, found)
            services = request.state.services
            actor = RequestContext(principal, services, request.state.correlation_id).actor
            table = await build(request.query_params, found, language, actor, services.get(Receivables))
            # Laying out a PDF or zipping a workbook takes milliseconds the event loop must not wait for.
            content = await asyncio.to_thread(chosen.write, table)
        except Exception as error:  # every kind, by its code: one nobody classified is a 500
            return http_error(error)
        disposition = f'attachment; filename="{table.filename}.{extension}"'
        headers = {"Content-Disposition": disposition, "Cache-Control": "no-store"}
        return Response(content, media_type=chosen.media_type, headers=headers)
