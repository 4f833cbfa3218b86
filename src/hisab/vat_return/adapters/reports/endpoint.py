"""GET /reports/purchase-register.{xlsx,csv,pdf} and /reports/sales-register.{xlsx,csv,pdf}.

A download is a read with the same bearer token, tenant rules and JSON errors as GraphQL, and needs
`vat:read`. Both take `from` and `to` (YYYY-MM-DD, both included) and `lang=en|bn`; every parameter
that is wrong is named in one BAD_USER_INPUT answer, as the receivables' reports do.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response

from hisab.edge.context import Admission, RequestContext
from hisab.edge.errors import http_error
from hisab.edge.permissions import Permission, require
from hisab.edge.query_params import read_day, read_language
from hisab.invoicing.domain.rules import Collector
from hisab.kernel.errors import NotFoundError
from hisab.vat_return.adapters.reports.tables import RegisterTable, register_table
from hisab.vat_return.application.registers import Registers, whole_register
from hisab.vat_return.domain.entries import Register


@dataclass(frozen=True, slots=True)
class Format:
    write: Callable[[RegisterTable], bytes]
    media_type: str


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
            language = read_language(params, found)
            start, end = read_day(params, "from", found), read_day(params, "to", found)
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
