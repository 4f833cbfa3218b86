"""What free text the domain accepts: any Unicode a database can store, no control characters.

NUL cannot be stored in PostgreSQL text at all, and a lone surrogate (legal in JSON, not in
UTF-8) cannot be encoded; both are refused here rather than failing deep in a driver.
"""

from __future__ import annotations

from hisab.kernel.errors import Violation

_LINE_BREAKS = frozenset("\t\n\r")


def text_violation(value: str, field: str, *, multiline: bool = False) -> Violation | None:
    """The first problem with `value` as stored text, or None when it is fine."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return Violation(field, "unicode", "the text contains characters that are not valid Unicode (lone surrogates)")
    allowed = _LINE_BREAKS if multiline else frozenset()
    if any((ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0) and c not in allowed for c in value):
        return Violation(field, "control_characters", "the text must not contain control characters such as NUL")
    return None


def is_clean_identifier(value: str, max_length: int = 200) -> bool:
    """Whether an id from a caller could name anything we store (else it names nothing)."""
    return 0 < len(value) <= max_length and text_violation(value, "id") is None
