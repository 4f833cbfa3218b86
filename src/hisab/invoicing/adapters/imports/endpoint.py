"""POST /imports/{parties|items|invoices} takes a CSV or XLSX file; GET /imports/{id} shows its progress.

The same bearer token, tenant and rate-limit checks as GraphQL apply, and errors have the same
JSON shape; a file's own errors name their row and column. The POST answers when the import is
done (201, the finished import); while it runs, `GET /imports/{id}` shows how many records are
committed. The body has its own limit (HISAB_IMPORT_MAX_BYTES), apart from GraphQL's.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from hisab.edge.context import Admission, RequestContext
from hisab.edge.errors import http_error
from hisab.edge.idempotency import IDEMPOTENCY_KEY_HEADER, idempotency_key
from hisab.edge.json_body import BodyError, read_body
from hisab.edge.permissions import Permission, require
from hisab.edge.row_errors import rows_refused
from hisab.invoicing.adapters.imports.files import read_table
from hisab.invoicing.application.import_rows import MAX_LISTED_ERRORS, ImportRejectedError
from hisab.invoicing.application.import_views import ImportView
from hisab.invoicing.application.imports import Imports, StartImport, get_import, import_file, recent_imports
from hisab.invoicing.domain.imports import ImportKind
from hisab.kernel.errors import NotFoundError

_NO_STORE = {"Cache-Control": "no-store"}
_KINDS = ", ".join(kind.value for kind in ImportKind)


@dataclass(frozen=True, slots=True)
class ImportEndpoint:
    admit: Admission
    max_bytes: int

    async def start(self, request: Request) -> Response:
        try:
            principal = await self.admit(request)
            require(principal, Permission.INVOICE_CREATE)
            kind = _kind(request.path_params["kind"])
            key = idempotency_key(request.headers.get(IDEMPOTENCY_KEY_HEADER))
            content = await self._body(request)
            table = read_table(content, request.headers.get("Content-Type", ""))
            command = StartImport(kind, table, hashlib.sha256(content).hexdigest(), key)
            context = RequestContext(principal, request.state.services, request.state.correlation_id, key)
            view = await import_file(command, context.actor, context.services.get(Imports))
            return JSONResponse(import_json(view), 201, headers=_NO_STORE)
        except ImportRejectedError as error:
            return rejected(error)
        except Exception as error:  # every kind, by its code: one nobody classified is a 500
            return http_error(error)

    async def progress(self, request: Request) -> Response:
        try:
            principal = await self.admit(request)
            require(principal, Permission.INVOICE_READ)
            context = RequestContext(principal, request.state.services, request.state.correlation_id)
            view = await get_import(request.path_params["import_id"], context.actor, context.services.get(Imports))
            return JSONResponse(import_json(view), headers=_NO_STORE)
        except Exception as error:
            return http_error(error)

    async def recent(self, request: Request) -> Response:
        try:
            principal = await self.admit(request)
            require(principal, Permission.INVOICE_READ)
            context = RequestContext(principal, request.state.services, request.state.correlation_id)
            views = await recent_imports(context.actor, context.services.get(Imports))
            return JSONResponse({"imports": [import_json(view) for view in views]}, headers=_NO_STORE)
        except Exception as error:
            return http_error(error)

    async def _body(self, request: Request) -> bytes:
        try:
            return await read_body(request, self.max_bytes)
        except BodyError as error:
            message = (
                f"the file is larger than the import limit of {_size(self.max_bytes)} ({self.max_bytes} bytes, "
                "HISAB_IMPORT_MAX_BYTES); split it into several imports"
            )
            raise BodyError(message, rule="file_size", status=error.status) from error


def _kind(raw: str) -> ImportKind:
    try:
        return ImportKind(raw)
    except ValueError:
        raise NotFoundError(f"there is no import of {raw}: POST /imports/ with one of {_KINDS}") from None


def _size(limit: int) -> str:
    mebibytes = limit / (1024 * 1024)
    return f"{mebibytes:g} MiB" if mebibytes >= 1 else f"{limit / 1024:g} KiB"


def import_json(view: ImportView) -> dict[str, Any]:
    return {
        "id": view.import_id,
        "kind": view.kind.value,
        "status": view.status.value,
        "total": view.total,
        "processed": view.processed,
        "rows": view.rows,
        "reason": view.reason,
        "fileSha256": view.file_sha256,
        "createdBy": view.created_by,
        "createdAt": view.created_at.isoformat(),
        "updatedAt": view.updated_at.isoformat(),
        "version": view.version,
    }


def rejected(error: ImportRejectedError) -> JSONResponse:
    """The service's error shape; each violation names its row (the header is row 1) and column."""
    return rows_refused(str(error), error.errors, MAX_LISTED_ERRORS)
