"""The Idempotency-Key header, read the same way by every endpoint that takes one."""

from __future__ import annotations

import re

from hisab.edge.errors import RequestRefusedError
from hisab.kernel.errors import ErrorCode, Violation

IDEMPOTENCY_KEY_HEADER = "Idempotency-Key"
_IDEMPOTENCY_KEY = re.compile(r"[\x20-\x7e]{1,200}")


def idempotency_key(raw: str | None) -> str | None:
    """The key a request carries (None without the header); refused unless 1 to 200 printable ASCII characters."""
    if raw is None:
        return None
    if not _IDEMPOTENCY_KEY.fullmatch(raw):
        message = "the Idempotency-Key header is 1 to 200 printable ASCII characters"
        violation = Violation(IDEMPOTENCY_KEY_HEADER, "idempotency_key_format", message)
        raise RequestRefusedError(ErrorCode.BAD_USER_INPUT, message, violations=(violation,))
    return raw
