"""What the shared SQL code needs from a driver: a way to run one statement and get its rows."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from hisab.invoicing.adapters.sql.rows import Row

Fetch = Callable[[str, Sequence[Any]], Awaitable[Sequence[Row]]]
