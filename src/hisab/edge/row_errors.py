"""A file refused row by row (a bulk import, a bank statement): the service's error shape, every row's problems."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from starlette.responses import JSONResponse

from hisab.kernel.error_body import HTTP_STATUS, error_body
from hisab.kernel.errors import ErrorCode


class RowError(Protocol):
    @property
    def row(self) -> int: ...

    @property
    def column(self) -> str | None: ...

    @property
    def rule(self) -> str: ...

    @property
    def message(self) -> str: ...


def rows_refused(message: str, errors: Sequence[RowError], most: int) -> JSONResponse:
    """BAD_USER_INPUT naming each row's column, rule and problem; past `most` of them, only how many more."""
    code = ErrorCode.BAD_USER_INPUT
    body = error_body(message, code)
    extensions = body["errors"][0]["extensions"]
    extensions["violationCount"] = len(errors)
    extensions["violations"] = [
        {"row": e.row, "column": e.column, "rule": e.rule, "message": e.message} for e in errors[:most]
    ]
    if len(errors) > most:
        extensions["unlisted"] = len(errors) - most
    return JSONResponse(body, HTTP_STATUS[code])
