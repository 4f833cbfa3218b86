"""What free text the domain accepts: any Unicode a database can store, no control characters.

NUL cannot be stored in PostgreSQL text at all, and a lone surrogate (legal in JSON, not in
UTF-8) cannot be encoded; both are refused here rather than failing deep in a driver.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from hisab.kernel.errors import Violation

# C0 and C1 control characters and DEL; the multi-line kind spares tab, line feed and carriage return.
# A pattern, not a scan in Python: a bulk import checks hundreds of thousands of cells.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTROL_BUT_LINE_BREAKS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def text_violation(value: str, field: str, *, multiline: bool = False) -> Violation | None:
    """The first problem with `value` as stored text, or None when it is fine."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return Violation(field, "unicode", "the text contains characters that are not valid Unicode (lone surrogates)")
    if (_CONTROL_BUT_LINE_BREAKS if multiline else _CONTROL).search(value):
        return Violation(field, "control_characters", "the text must not contain control characters such as NUL")
    return None


def text_violations(texts: Mapping[str, str | None]) -> list[Violation]:
    """The problem of each text given (None: not given), by field: what a list's filter checks."""
    return [
        problem for field, value in texts.items() if value is not None and (problem := text_violation(value, field))
    ]


def is_clean_identifier(value: str, max_length: int = 200) -> bool:
    """Whether an id from a caller could name anything we store (else it names nothing)."""
    return 0 < len(value) <= max_length and text_violation(value, "id") is None
