"""The vocabulary of the SQL adapters: rows, and the function that runs one statement."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

# sqlite3.Row and asyncpg.Record: both index by column name and by position.
Row = Any
Fetch = Callable[[str, Sequence[Any]], Awaitable[Sequence[Row]]]
