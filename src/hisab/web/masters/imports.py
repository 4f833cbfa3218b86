"""Importing parties or items from a CSV or XLSX file: the upload, the import's progress, the rows with errors.

The import runs as a task of this process, as the API's ImportEndpoint runs it within its request;
the upload waits until the file is refused (its rows' errors are shown at once) or the import has
started, then shows the import's page, which polls its progress from the import's own record, so
any worker can answer it.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from starlette.datastructures import UploadFile
from starlette.responses import Response
from starlette.routing import BaseRoute

from hisab.edge.permissions import Permission
from hisab.invoicing.adapters.imports.files import read_table
from hisab.invoicing.application.import_rows import (
    HEADER_ROW,
    ITEM_COLUMNS,
    MAX_LISTED_ERRORS,
    PARTY_COLUMNS,
    Columns,
    ImportRejectedError,
    RowError,
    Table,
)
from hisab.invoicing.application.import_views import ImportView
from hisab.invoicing.application.imports import Imports, StartImport, get_import, import_file, recent_imports
from hisab.invoicing.domain.imports import ImportKind
from hisab.kernel.errors import InvalidInputError, NotFoundError, Violation
from hisab.web.pages import Page, Web

_log = logging.getLogger(__name__)
# The form's own fields and the multipart boundaries, beside the file.
FORM_OVERHEAD = 64 * 1024
_RUNNING: set[asyncio.Task[ImportView]] = set()


@dataclass(frozen=True, slots=True)
class Kind:
    kind: ImportKind
    path: str
    columns: Columns
    title: str


KINDS = (
    Kind(ImportKind.PARTIES, "/parties", PARTY_COLUMNS, "Import customers and suppliers"),
    Kind(ImportKind.ITEMS, "/items", ITEM_COLUMNS, "Import items"),
)


def routes(web: Web, max_bytes: int) -> list[BaseRoute]:
    found: list[BaseRoute] = []
    for kind in KINDS:
        pages = ImportPages(kind, max_bytes)
        found += [
            web.page(f"{kind.path}/import", pages.upload, Permission.INVOICE_CREATE, methods=("GET", "POST")),
            web.page(f"{kind.path}/import/template.csv", pages.template, Permission.INVOICE_READ),
            web.page(f"{kind.path}/import/{{import_id}}", pages.progress, Permission.INVOICE_READ),
        ]
    return found


@dataclass(frozen=True, slots=True)
class ImportPages:
    kind: Kind
    max_bytes: int

    async def template(self, page: Page) -> Response:
        name = f"{self.kind.kind.value}-template.csv"
        return Response(
            ",".join(self.kind.columns.known) + "\r\n", media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"},
        )  # fmt: skip

    async def upload(self, page: Page) -> Response:
        if page.request.method == "GET":
            return await self._form(page)
        declared = page.request.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_bytes + FORM_OVERHEAD:
            return await self._form(page, self._too_large(page), status=413)
        form = await page.form()
        upload = form.get("file")
        try:
            content = await upload.read(self.max_bytes + 1) if isinstance(upload, UploadFile) else b""
        finally:
            await form.close()
        if not isinstance(upload, UploadFile) or not upload.filename:
            return await self._form(page, page.t("Choose a CSV or XLSX file."))
        if len(content) > self.max_bytes:
            return await self._form(page, self._too_large(page), status=413)
        try:
            # The content tells CSV from XLSX: browsers name a CSV's type in several ways.
            table = read_table(content, "")
        except InvalidInputError as error:
            return await self._form(page, " ".join(page.violations(error)))
        except ImportRejectedError as error:
            return await self._rejected(page, error, None)
        command = StartImport(self.kind.kind, table, hashlib.sha256(content).hexdigest())
        try:
            view = await self._started(page, command)
        except ImportRejectedError as error:
            return await self._rejected(page, error, table)
        return page.redirect(f"{self.kind.path}/import/{view.import_id}")

    async def progress(self, page: Page) -> Response:
        view = await get_import(page.request.path_params["import_id"], page.actor, page.services.get(Imports))
        if view.kind is not self.kind.kind:
            raise NotFoundError(f"import {view.import_id} not found")
        return await page.render("parties/import_progress.html", block="progress", view=view, kind=self.kind)

    async def _started(self, page: Page, command: StartImport) -> ImportView:
        """The import once it has started (or ended); raise what refused it before it started."""
        imports = page.services.get(Imports)
        since = imports.invoicing.clock()
        task: asyncio.Task[ImportView] = asyncio.ensure_future(import_file(command, page.actor, imports))
        _RUNNING.add(task)
        task.add_done_callback(_forget)
        while True:
            done, _ = await asyncio.wait({task}, timeout=0.25)
            if done:
                return task.result()
            if (view := await self._running(page, imports, command, since)) is not None:
                return view

    async def _running(self, page: Page, imports: Imports, command: StartImport, since: datetime) -> ImportView | None:
        for view in await recent_imports(page.actor, imports):
            if (
                view.file_sha256 == command.file_sha256
                and view.kind is command.kind
                and view.created_by == page.principal.user_id
                and view.created_at >= since
            ):
                return view
        return None

    def _too_large(self, page: Page) -> str:
        return page.t("The file is larger than {size} MiB; split it into several imports.",
                      size=round(self.max_bytes / (1024 * 1024), 1))  # fmt: skip

    async def _form(self, page: Page, error: str | None = None, status: int = 400) -> Response:
        imports = page.services.get(Imports)
        recent = [view for view in await recent_imports(page.actor, imports) if view.kind is self.kind.kind]
        errors = {"file": error} if error else {}
        code = status if error and not page.is_htmx else 200
        return await page.render(
            "parties/import.html", block="content", status=code, kind=self.kind, errors=errors, recent=recent,
            rejected=None,
        )  # fmt: skip

    async def _rejected(self, page: Page, error: ImportRejectedError, table: Table | None) -> Response:
        imports = page.services.get(Imports)
        recent = [view for view in await recent_imports(page.actor, imports) if view.kind is self.kind.kind]
        return await page.render(
            "parties/import.html", block="content", status=200 if page.is_htmx else 400, kind=self.kind, errors={},
            recent=recent, rejected=_rejection(page, error.errors, table),
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class RejectedRow:
    number: int
    values: dict[str, str]
    errors: dict[str, list[str]]


@dataclass(frozen=True, slots=True)
class Rejection:
    columns: tuple[str, ...]
    file_errors: list[str]
    rows: list[RejectedRow]
    count: int
    unlisted: int


def _rejection(page: Page, errors: Sequence[RowError], table: Table | None) -> Rejection:
    """The file's errors by row, each next to its column; what concerns no data cell, listed apart."""
    columns = table.columns if table else ()
    cells = {row.number: row.cells for row in table.rows} if table else {}
    listed = errors[:MAX_LISTED_ERRORS]
    file_errors: list[str] = []
    rows: dict[int, RejectedRow] = {}
    for error in listed:
        message = page.web.catalog.violation(Violation(error.column, error.rule, error.message), page.language)
        if error.row == HEADER_ROW or error.row not in cells or error.column not in columns:
            file_errors.append(page.t("Row {row}, {column}: {message}", row=error.row, column=error.column,
                                      message=message))  # fmt: skip
            continue
        row = rows.setdefault(error.row, RejectedRow(error.row, dict(cells[error.row]), {}))
        row.errors.setdefault(error.column, []).append(message)
    return Rejection(columns, file_errors, list(rows.values()), len(errors), len(errors) - len(listed))


def _forget(task: asyncio.Task[ImportView]) -> None:
    _RUNNING.discard(task)
    if task.cancelled():
        return
    error = task.exception()
    if error is not None and not isinstance(error, ImportRejectedError | InvalidInputError):
        _log.warning("an import from the web failed", exc_info=error)
