"""Every error the API returns is rendered here, from the code the error carries.

Errors the client can act on keep their message. Anything else is INTERNAL: the client sees
"Internal server error" and nothing more, while the log gets the stack trace.

The domain names its fields in its own words (`lines[0].unit_price`); the client sees the
GraphQL spelling (`input.lineItems[0].unitPrice`), translated here on the way out.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from ariadne.utils import unwrap_graphql_error
from graphql import GraphQLError
from starlette.responses import JSONResponse

from hisab.edge.json_body import BodyError
from hisab.edge.permissions import PermissionDeniedError
from hisab.kernel.error_body import HTTP_STATUS, error_body, violation_json
from hisab.kernel.errors import (
    ErrorCode,
    HisabError,
    InvalidCursorError,
    InvalidInputError,
    SegregationOfDutiesError,
    Violation,
)

INTERNAL_MESSAGE = "Internal server error"

# The domain's names whose GraphQL spelling is not their plain camelCase. All come from
# CreateInvoiceInput; SetSupplierProfileInput and the invoice filter need none.
GRAPHQL_NAMES: Mapping[str, str] = {
    "lines": "lineItems",
    "vendor_tin": "vendorTIN",
    "vendor_bin": "vendorBIN",
    "customer_tin": "customerTIN",
    "customer_bin": "customerBIN",
}
_INDEXED = re.compile(r"(?P<name>[^\[]*)(?P<indices>.*)")
_log = logging.getLogger(__name__)


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
    if isinstance(original, HisabError):
        return original.code
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
    if isinstance(original, HisabError):
        original = _in_graphql_spelling(original)
        formatted["message"] = _message(original)
    if isinstance(original, PermissionDeniedError):
        extensions["permission"] = original.permission.value
    violations = _violations(original)
    if violations:
        extensions["violations"] = [violation_json(v) for v in violations]
    formatted["extensions"] = extensions
    return formatted


def http_error(error: Exception) -> JSONResponse:
    """The response to a request that failed outside GraphQL: its status and body from its code."""
    if isinstance(error, RequestRefusedError):
        return JSONResponse(error.body, error.status, headers=error.headers)
    if isinstance(error, BodyError):
        # Its own status: a body too large is 413, not the 400 of its code.
        violation = Violation("body", error.rule, error.message)
        return JSONResponse(error_body(error.message, error.code, (violation,)), error.status)
    if not isinstance(error, HisabError) or error.code is ErrorCode.INTERNAL:
        _log.error("request failed: %s", error.__class__.__name__, exc_info=error)
        internal = ErrorCode.INTERNAL
        return JSONResponse(error_body(INTERNAL_MESSAGE, internal), HTTP_STATUS[internal])
    shown = _in_graphql_spelling(error)
    return JSONResponse(error_body(_message(shown), error.code, _violations(shown)), HTTP_STATUS[error.code])


class SpelledInputError(InvalidInputError):
    """Violations already in GraphQL spelling (by `fields_under`): not spelled again on the way out,
    so one context's renames (the invoice's `lines` is `lineItems`) stay out of another's paths."""


@contextmanager
def fields_under(prefix: str, renamed: Mapping[str, str] = GRAPHQL_NAMES) -> Iterator[None]:
    """Report the domain's field paths in GraphQL spelling, under the argument that carried them.

    `lines[0].unit_price` under `input` becomes `input.lineItems[0].unitPrice`; `renamed`
    spells the names that are not plain camelCase. An empty prefix spells the paths as they are
    (a violation of a stored record's field, not of an argument).
    """
    try:
        yield
    except SpelledInputError:
        raise
    except InvalidInputError as error:
        spelled = (_spelled(v, renamed) for v in error.violations)
        raise SpelledInputError(
            [replace(v, field=f"{prefix}.{v.field}" if prefix else v.field) for v in spelled]
        ) from error


def graphql_path(path: str, renamed: Mapping[str, str] = GRAPHQL_NAMES) -> str:
    """`lines[0].unit_price` → `lineItems[0].unitPrice`: each name translated, list indices kept."""
    return ".".join(_graphql_segment(segment, renamed) for segment in path.split("."))


def _graphql_segment(segment: str, renamed: Mapping[str, str]) -> str:
    match = _INDEXED.fullmatch(segment)
    assert match is not None  # the pattern matches any text
    name = match["name"]
    return renamed.get(name, _camel_case(name)) + match["indices"]


def _camel_case(name: str) -> str:
    # A name already in camelCase (an adapter's own, such as `filter.fiscalYear`) is left as it is,
    # and so is one of GraphQL's own (`__typename`), which the domain never writes.
    if name.startswith("_"):
        return name
    head, *rest = name.split("_")
    return head + "".join(word[:1].upper() + word[1:] for word in rest)


def _spelled(violation: Violation, renamed: Mapping[str, str]) -> Violation:
    """The violation in GraphQL spelling, its message too when it opens with the field's name."""
    field = graphql_path(violation.field, renamed)
    message = violation.message
    if message.startswith(f"{violation.field} "):
        message = field + message[len(violation.field) :]
    return Violation(field, violation.rule, message)


def _in_graphql_spelling(error: HisabError) -> HisabError:
    """Paths raised outside `fields_under` (the invoice filter's) still reach the client spelled for it."""
    if isinstance(error, InvalidInputError) and not isinstance(error, SpelledInputError):
        return InvalidInputError([_spelled(v, GRAPHQL_NAMES) for v in error.violations])
    return error


def _message(error: HisabError) -> str:
    if isinstance(error, SegregationOfDutiesError):
        return f"Forbidden: {error}"
    return str(error)


def _violations(original: Exception | None) -> tuple[Violation, ...]:
    if isinstance(original, InvalidInputError):
        return original.violations
    if isinstance(original, InvalidCursorError):
        return (Violation("after", "cursor", str(original)),)
    return ()


class RequestRefusedError(Exception):
    """The request is refused before GraphQL runs; it carries its HTTP status, body and headers.

    Only its code is chosen: the status and the body follow from it, as for every other error.
    """

    def __init__(
        self,
        code: ErrorCode,
        message: str,
        *,
        violations: tuple[Violation, ...] = (),
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.status = HTTP_STATUS[code]
        self.body: dict[str, Any] = error_body(message, code, violations)
        self.headers = headers or {}
