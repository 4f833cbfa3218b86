"""Keyset-page cursors: an opaque token for "after this row", the row's sequence under a prefix.

The prefix names the list it belongs to, so a cursor of one list handed to another is refused
rather than read as a position in it.
"""

from __future__ import annotations

import base64
import binascii

from hisab.kernel.errors import InvalidCursorError

_REFUSED = "the cursor is not one this service issued"


class SequenceCursors:
    def __init__(self, prefix: str) -> None:
        self._prefix = prefix

    def encode(self, sequence: int) -> str:
        return base64.urlsafe_b64encode(f"{self._prefix}{sequence}".encode()).decode()

    def decode(self, cursor: str) -> int:
        try:
            text = base64.urlsafe_b64decode(cursor.encode()).decode()
        except (binascii.Error, UnicodeDecodeError, ValueError) as error:
            raise InvalidCursorError(_REFUSED) from error
        number = text.removeprefix(self._prefix)
        if number == text or not number.isdigit():
            raise InvalidCursorError(_REFUSED)
        return int(number)
