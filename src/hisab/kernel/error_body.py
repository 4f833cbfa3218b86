"""How an error looks on the wire: its HTTP status and its GraphQL-shaped JSON.

Pure shaping, no framework, so that the access adapters (which refuse requests before the
API runs) and the API's renderer (`hisab.edge.errors`) write the same bytes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hisab.kernel.errors import ErrorCode, Violation

HTTP_STATUS: Mapping[ErrorCode, int] = {
    ErrorCode.BAD_USER_INPUT: 400,
    ErrorCode.UNAUTHENTICATED: 401,
    ErrorCode.FORBIDDEN: 403,
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.CONFLICT: 409,
    ErrorCode.RATE_LIMITED: 429,
    ErrorCode.INTERNAL: 500,
    ErrorCode.UNAVAILABLE: 503,
}


def error_body(message: str, code: ErrorCode, violations: tuple[Violation, ...] = ()) -> dict[str, Any]:
    """A GraphQL-shaped response for a request that failed outside GraphQL."""
    extensions: dict[str, Any] = {"code": code.value}
    if violations:
        extensions["violations"] = [violation_json(v) for v in violations]
    return {"data": None, "errors": [{"message": message, "extensions": extensions}]}


def violation_json(violation: Violation) -> dict[str, str]:
    return {"field": violation.field, "rule": violation.rule, "message": violation.message}
