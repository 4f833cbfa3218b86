"""GET /reports/trial-balance, /reports/income-statement and /reports/balance-sheet as .csv, .xlsx or .pdf.

Fetching a report is a read, with the same bearer token, tenant rules and JSON errors as GraphQL
and the Mushak-6.3 documents: `ledger:read` is required. The query names the report's dates
(`asOf`, or `from` and `to`, written YYYY-MM-DD), optionally a `project`, and `lang=en|bn`; every
parameter that is wrong is named in one BAD_USER_INPUT answer. The file comes as an attachment
named after the report and its dates, and is never cached: the books change with every posting.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import Response

from hisab.edge.context import Admission, RequestContext
from hisab.edge.errors import http_error
from hisab.edge.permissions import Permission, require
from hisab.event_store.messages import Actor
from hisab.kernel.errors import InvalidInputError, NotFoundError, Violation
from hisab.kernel.language import Language
from hisab.ledger.adapters.reports import csv_file, pdf_file, xlsx_file
from hisab.ledger.adapters.reports.pdf_file import ReportPdfWriter
from hisab.ledger.adapters.reports.tables import (
    ReportTable,
    balance_sheet_table,
    income_statement_table,
    trial_balance_table,
)
from hisab.ledger.application.dependencies import Ledger
from hisab.ledger.application.reports import balance_sheet, income_statement, trial_balance

# date.fromisoformat also takes forms such as 20261130 and 2026-W48-1; the API takes one.
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_FORMATS = ("csv", "xlsx", "pdf")


@dataclass
class _Query:
    """The query's parameters; what is wrong is collected, so that one answer names all of it."""

    params: QueryParams
    violations: list[Violation] = field(default_factory=list)

    def language(self) -> Language:
        raw = self.params.get("lang")
        if raw is None:
            return Language.EN
        try:
            return Language(raw.lower())
        except ValueError:
            self.refuse("lang", "language", "lang is en (English) or bn (Bengali)")
            return Language.EN

    def refuse(self, name: str, rule: str, message: str) -> None:
        self.violations.append(Violation(name, rule, message))

    def days(self, *names: str) -> tuple[date, ...]:
        """The report's dates, read last: every violation found so far, theirs included, is raised here."""
        days = tuple(day for day in (self._day(name) for name in names) if day is not None)
        if self.violations:
            raise InvalidInputError(self.violations)
        return days

    def _day(self, name: str) -> date | None:
        raw = self.params.get(name)
        if not raw:
            self.refuse(name, "required", f"{name} is required: a date written YYYY-MM-DD")
        elif not _DATE.fullmatch(raw):
            self.refuse(name, "date", f"{name} must be a date written YYYY-MM-DD, such as 2026-11-30")
        else:
            try:
                return date.fromisoformat(raw)
            except ValueError:
                self.refuse(name, "date", f"{name} must be a date: {raw} is not a calendar date")
        return None


# Reads a report's parameters from the query and builds its table.
_Report = Callable[[_Query, Language, Actor, Ledger], Awaitable[ReportTable]]


async def _trial_balance(query: _Query, language: Language, actor: Actor, ledger: Ledger) -> ReportTable:
    (as_of,) = query.days("asOf")
    return trial_balance_table(await trial_balance(as_of, query.params.get("project"), actor, ledger), language)


async def _income_statement(query: _Query, language: Language, actor: Actor, ledger: Ledger) -> ReportTable:
    from_day, to_day = query.days("from", "to")
    report = await income_statement(from_day, to_day, query.params.get("project"), actor, ledger)
    return income_statement_table(report, language)


async def _balance_sheet(query: _Query, language: Language, actor: Actor, ledger: Ledger) -> ReportTable:
    if "project" in query.params:
        # Refused rather than ignored: a caller asking for one project's must not take the whole business's for it.
        query.refuse("project", "not_accepted", "the balance sheet is of the whole business: it takes no project")
    (as_of,) = query.days("asOf")
    return balance_sheet_table(await balance_sheet(as_of, actor, ledger), language)


@dataclass(frozen=True, slots=True)
class ReportEndpoint:
    # The API's guard: the same token, tenant and rate-limit checks as GraphQL.
    admit: Admission
    pdf: ReportPdfWriter

    async def trial_balance(self, request: Request) -> Response:
        return await self._handle(request, _trial_balance)

    async def income_statement(self, request: Request) -> Response:
        return await self._handle(request, _income_statement)

    async def balance_sheet(self, request: Request) -> Response:
        return await self._handle(request, _balance_sheet)

    async def _handle(self, request: Request, report: _Report) -> Response:
        try:
            principal = await self.admit(request)
            require(principal, Permission.LEDGER_READ)
            extension = request.path_params["extension"]
            if extension not in _FORMATS:
                raise NotFoundError(f"reports are downloaded as {', '.join(_FORMATS)}, not {extension}")
            query = _Query(request.query_params)
            language = query.language()
            context = RequestContext(principal, request.state.services, request.state.correlation_id)
            table = await report(query, language, context.actor, context.services.get(Ledger))
            return await self._file(table, extension)
        except Exception as error:  # every kind, by its code: one nobody classified is a 500
            return http_error(error)

    async def _file(self, table: ReportTable, extension: str) -> Response:
        writers = {
            "csv": (csv_file.csv_bytes, csv_file.MEDIA_TYPE),
            "xlsx": (xlsx_file.xlsx_bytes, xlsx_file.MEDIA_TYPE),
            "pdf": (self.pdf.render, pdf_file.MEDIA_TYPE),
        }
        write, media_type = writers[extension]
        # Laying out a PDF or zipping a workbook takes milliseconds the event loop must not wait for.
        content = await asyncio.to_thread(write, table)
        headers = {
            "Content-Disposition": f'attachment; filename="{table.filename}.{extension}"',
            "Cache-Control": "no-store",
        }
        return Response(content, media_type=media_type, headers=headers)
