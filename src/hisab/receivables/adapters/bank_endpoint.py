"""POST /bank-statements imports a bank statement file for one of the tenant's bank accounts.

The file is the body itself, or the `file` part of a multipart/form-data body. What it is a
statement of comes in the query string (or as form fields of a multipart body): `account`, the
ledger account code of the bank account (required); `format` (DBBL_CSV, BRAC_CSV or CAMT053;
default: told from the file); `defaultBank=true` when the account is the one the books post
receipts without a deposit account to. The same bearer token, tenant and rate-limit checks as
GraphQL apply, with permission receivable:write. A file's own errors name their row and column,
in the import endpoint's shape; nothing is stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.message import Message
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from hisab.edge.context import Admission, RequestContext
from hisab.edge.errors import http_error
from hisab.edge.json_body import BodyError, read_body
from hisab.edge.permissions import Permission, require
from hisab.edge.row_errors import rows_refused
from hisab.kernel.errors import InvalidInputError
from hisab.receivables.application.dependencies import Receivables
from hisab.receivables.application.reconciliation import ImportStatement, StatementView, import_statement
from hisab.receivables.domain.bank_statements import StatementFormat
from hisab.receivables.domain.statement_files import MAX_LISTED_ERRORS, StatementFileError

_NO_STORE = {"Cache-Control": "no-store"}
_FORMATS = ", ".join(f.value for f in StatementFormat)


@dataclass(frozen=True, slots=True)
class BankStatementEndpoint:
    admit: Admission
    max_bytes: int

    async def start(self, request: Request) -> Response:
        try:
            principal = await self.admit(request)
            require(principal, Permission.RECEIVABLE_WRITE)
            body = await self._body(request)
            fields, content = _fields_and_file(body, request.headers.get("Content-Type", ""))
            options = {**request.query_params, **fields}
            command = ImportStatement(
                options.get("account", "").strip(), content, _format(options.get("format")),
                options.get("defaultBank", "").strip().lower() in ("true", "1", "yes"),
            )  # fmt: skip
            context = RequestContext(principal, request.state.services, request.state.correlation_id)
            view = await import_statement(command, context.actor, context.services.get(Receivables))
            return JSONResponse(statement_json(view), 201, headers=_NO_STORE)
        except StatementFileError as error:
            return rejected(error)
        except Exception as error:  # every kind, by its code: one nobody classified is a 500
            return http_error(error)

    async def _body(self, request: Request) -> bytes:
        try:
            return await read_body(request, self.max_bytes)
        except BodyError as error:
            message = f"the file is larger than the limit of {self.max_bytes} bytes (HISAB_IMPORT_MAX_BYTES)"
            raise BodyError(message, rule="file_size", status=error.status) from error


def _format(raw: str | None) -> StatementFormat | None:
    if not raw:
        return None
    try:
        return StatementFormat(raw.strip().upper())
    except ValueError:
        raise InvalidInputError.single("format", "format", f"'{raw}' is not one of {_FORMATS}") from None


def _fields_and_file(body: bytes, content_type: str) -> tuple[dict[str, str], bytes]:
    """The form fields and the file of a multipart body; no fields and the body itself otherwise."""
    if not content_type.lower().startswith("multipart/form-data"):
        return {}, body
    header = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    message = BytesParser(policy=HTTP).parsebytes(header + body)
    fields: dict[str, str] = {}
    content: bytes | None = None
    for part in message.iter_parts() if message.is_multipart() else ():
        assert isinstance(part, Message)
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        if not isinstance(name, str) or not isinstance(payload, bytes):
            continue
        if name == "file":
            content = payload
        else:
            fields[name] = payload.decode("utf-8", errors="replace")
    if content is None:
        raise InvalidInputError.single("file", "file_part", "the multipart body has no part named file")
    return fields, content


def statement_json(view: StatementView) -> dict[str, Any]:
    def money(amount: Any) -> str | None:
        return str(amount) if amount is not None else None

    return {
        "id": view.statement_id,
        "accountCode": view.account_code,
        "defaultBank": view.default_bank,
        "format": view.source_format.value,
        "periodFrom": view.period_from.isoformat(),
        "periodTo": view.period_to.isoformat(),
        "openingBalance": money(view.opening_balance),
        "closingBalance": money(view.closing_balance),
        "lineCount": view.line_count,
        "creditTotal": money(view.credit_total),
        "debitTotal": money(view.debit_total),
        "importedBy": view.imported_by,
        "importedAt": view.imported_at.isoformat(),
        "version": view.version,
    }


def rejected(error: StatementFileError) -> JSONResponse:
    """The service's error shape; each violation names its row (the file's line, or the entry) and column."""
    return rows_refused(str(error), error.errors, MAX_LISTED_ERRORS)
