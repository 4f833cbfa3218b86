"""GET /reports/purchase-register.{xlsx,csv,pdf} and /reports/sales-register.{xlsx,csv,pdf}.

A download is a read with the same bearer token, tenant rules and JSON errors as GraphQL, and needs
`vat:read`. Both take `from` and `to` (YYYY-MM-DD, both included) and `lang=en|bn`; every parameter
that is wrong is named in one BAD_USER_INPUT answer, as the receivables' reports do.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import Response

from hisab.edge.context import Admission, RequestContext
from hisab.edge.errors import http_error
from hisab.edge.permissions import Permission, require
from hisab.invoicing.domain.rules import Collector
from hisab.kernel.errors import NotFoundError
from hisab.kernel.language import Language
from hisab.vat_return.adapters.reports.tables import RegisterTable, register_table
from hisab.vat_return.application.registers import Registers, whole_register
from hisab.vat_return.domain.entries import Register

# date.fromisoformat also takes 20261130 and 2026-W48-1; the API takes one form, as the other reports do.
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class Format:
    write: Callable[[RegisterTable], bytes]
    media_type: str


def _read_day(params: QueryParams, name: str, found: Collector) -> date | None:
    raw = params.get(name) or ""
    if not _DATE.fullmatch(raw):
        found.add(name, "date", f"{name} is required: a date written YYYY-MM-DD, such as 2026-09-30")
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        found.add(name, "date", f"{name} must be a date: {raw} is not a calendar date")
        return None


def _read_language(params: QueryParams, found: Collector) -> Language:
    try:
        return Language((params.get("lang") or Language.EN.value).lower())
    except ValueError:
        found.add("lang", "language", "lang is en (English) or bn (Bengali)")
        return Language.EN


@dataclass(frozen=True, slots=True)
class RegisterDownloadEndpoint:
    # The API's guard: the same token, tenant and rate-limit checks as GraphQL.
    admit: Admission
    formats: Mapping[str, Format]

    async def purchases(self, request: Request) -> Response:
        return await self._handle(request, Register.PURCHASES)

    async def sales(self, request: Request) -> Response:
        return await self._handle(request, Register.SALES)

    def _format(self, extension: str) -> Format:
        if extension not in self.formats:
            raise NotFoundError(f"the registers are downloaded as {', '.join(self.formats)}, not {extension}")
        return self.formats[extension]

    async def _handle(self, request: Request, register: Register) -> Response:
        try:
            principal = await self.admit(request)
            require(principal, Permission.VAT_READ)
            extension = request.path_params["extension"]
            chosen, found, params = self._format(extension), Collector(), request.query_params
            language = _read_language(params, found)
            start, end = _read_day(params, "from", found), _read_day(params, "to", found)
            found.raise_any()
            assert start is not None
            assert end is not None
            services = request.state.services
            actor = RequestContext(principal, services, request.state.correlation_id).actor
            page = await whole_register(register, start, end, actor, services.get(Registers))
            table = register_table(page, language)
            # Laying out a PDF or zipping a workbook takes milliseconds the event loop must not wait for.
            content = await asyncio.to_thread(chosen.write, table)
        except Exception as error:  # every kind, by its code: one nobody classified is a 500
            return http_error(error)
        disposition = f'attachment; filename="{table.filename}.{extension}"'
        headers = {"Content-Disposition": disposition, "Cache-Control": "no-store"}
        return Response(content, media_type=chosen.media_type, headers=headers)
