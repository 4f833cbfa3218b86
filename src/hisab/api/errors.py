"""Every error the API returns is shaped here: one `extensions.code` per kind of failure.

Errors the client can act on keep their message. Anything else is INTERNAL: the client sees
"Internal server error" and nothing more, while the log gets the stack trace.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from enum import StrEnum
from typing import Any

from ariadne.utils import unwrap_graphql_error
from graphql import GraphQLError

from hisab.access.adapters.auth import ForbiddenError
from hisab.access.adapters.permissions import PermissionDeniedError
from hisab.kernel.errors import (
    ConflictError,
    IllegalTransitionError,
    InvalidCursorError,
    InvalidInputError,
    NotFoundError,
    SegregationOfDutiesError,
    Violation,
)

INTERNAL_MESSAGE = "Internal server error"


class ErrorCode(StrEnum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    FORBIDDEN = "FORBIDDEN"
    BAD_USER_INPUT = "BAD_USER_INPUT"
    NOT_FOUND = "NOT_FOUND"
    CONFLICT = "CONFLICT"
    RATE_LIMITED = "RATE_LIMITED"
    UNAVAILABLE = "UNAVAILABLE"
    INTERNAL = "INTERNAL"


_CODES: tuple[tuple[type[Exception], ErrorCode], ...] = (
    (InvalidInputError, ErrorCode.BAD_USER_INPUT),
    (InvalidCursorError, ErrorCode.BAD_USER_INPUT),
    (NotFoundError, ErrorCode.NOT_FOUND),
    (IllegalTransitionError, ErrorCode.CONFLICT),
    (ConflictError, ErrorCode.CONFLICT),
    (PermissionDeniedError, ErrorCode.FORBIDDEN),
    (SegregationOfDutiesError, ErrorCode.FORBIDDEN),
    (ForbiddenError, ErrorCode.FORBIDDEN),
)


class _ExpectedErrorsFilter(logging.Filter):
    """Ariadne logs every error it formats; only unexpected ones are worth a stack trace."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        return not isinstance(error, GraphQLError) or classify(error) is ErrorCode.INTERNAL


# The logger handed to Ariadne, so that bad input and conflicts do not flood the error log.
graphql_logger = logging.getLogger("hisab.api.graphql")
graphql_logger.addFilter(_ExpectedErrorsFilter())


def classify(error: GraphQLError) -> ErrorCode:
    original = unwrap_graphql_error(error)
    if original is None:
        # graphql-core's own errors: syntax, validation and variable coercion have no path;
        # one with a path (such as null in a non-null field) is our bug.
        return ErrorCode.BAD_USER_INPUT if error.path is None else ErrorCode.INTERNAL
    for kind, code in _CODES:
        if isinstance(original, kind):
            return code
    if error.path is None and isinstance(original, (ValueError, TypeError)):
        return ErrorCode.BAD_USER_INPUT  # a custom scalar refused an input value
    return ErrorCode.INTERNAL


def format_error(error: GraphQLError, debug: bool = False) -> dict[str, Any]:
    """Ariadne's `error_formatter`: the JSON of one error, never with internal detail."""
    code = classify(error)
    formatted: dict[str, Any] = dict(error.formatted)
    if code is ErrorCode.INTERNAL:
        formatted["message"] = INTERNAL_MESSAGE
        formatted["extensions"] = {"code": code.value}
        return formatted
    extensions: dict[str, Any] = {**formatted.get("extensions", {}), "code": code.value}
    original = unwrap_graphql_error(error)
    if isinstance(original, PermissionDeniedError):
        extensions["permission"] = original.permission.value
    elif isinstance(original, SegregationOfDutiesError):
        formatted["message"] = f"Forbidden: {original}"
    violations = _violations(original)
    if violations:
        extensions["violations"] = [_violation_json(v) for v in violations]
    formatted["extensions"] = extensions
    return formatted


def error_body(message: str, code: ErrorCode, violations: tuple[Violation, ...] = ()) -> dict[str, Any]:
    """A GraphQL-shaped response for a request refused before GraphQL ran."""
    extensions: dict[str, Any] = {"code": code.value}
    if violations:
        extensions["violations"] = [_violation_json(v) for v in violations]
    return {"data": None, "errors": [{"message": message, "extensions": extensions}]}


@contextmanager
def fields_under(prefix: str) -> Iterator[None]:
    """Report the domain's field paths under the argument that carried them (`input.lineItems[0]`)."""
    try:
        yield
    except InvalidInputError as error:
        prefixed = [replace(v, field=f"{prefix}.{v.field}") for v in error.violations]
        raise InvalidInputError(prefixed) from error


def _violations(original: Exception | None) -> tuple[Violation, ...]:
    if isinstance(original, InvalidInputError):
        return original.violations
    if isinstance(original, InvalidCursorError):
        return (Violation("after", "cursor", str(original)),)
    return ()


def _violation_json(violation: Violation) -> dict[str, str]:
    return {"field": violation.field, "rule": violation.rule, "message": violation.message}
