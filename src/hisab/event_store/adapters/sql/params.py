"""Collects query parameters and writes the placeholders of one driver's style."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

Style = Literal["qmark", "numeric"]


class Params:
    """`qmark` is sqlite3's `?`; `numeric` is asyncpg's `$1`."""

    def __init__(self, style: Style) -> None:
        self.style = style
        self.values: list[Any] = []

    def add(self, value: Any) -> str:
        self.values.append(value)
        return "?" if self.style == "qmark" else f"${len(self.values)}"

    def is_in(self, column: str, values: Sequence[Any]) -> str:
        """`column` is one of `values` (an empty list matches nothing)."""
        if self.style == "numeric":
            return f"{column} = ANY({self.add(list(values))})"
        if not values:
            return "FALSE"
        return f"{column} IN ({', '.join(self.add(value) for value in values)})"

    def contains(self, column: str, term: str) -> str:
        """`column` holds `term` literally, anywhere (its own % and _ are not wildcards)."""
        escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return f"{column} LIKE {self.add(f'%{escaped}%')} ESCAPE '\\'"


def placeholders(style: Style, count: int, start: int = 1) -> str:
    if style == "qmark":
        return ", ".join("?" * count)
    return ", ".join(f"${index}" for index in range(start, start + count))
