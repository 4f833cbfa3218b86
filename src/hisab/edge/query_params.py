"""The query parameters every download reads the same way: a day written YYYY-MM-DD, and the language.

A wrong parameter is not raised at once but added to the caller's collection of violations (anything
with `add(field, rule, message)`), so that one answer names every parameter that is wrong.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Protocol

from starlette.datastructures import QueryParams

from hisab.kernel.language import Language

# date.fromisoformat also takes 20261130 and 2026-W48-1; the API takes one form, as the books' reports do.
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class Violations(Protocol):
    def add(self, field: str, rule: str, message: str) -> None: ...


def read_day(params: QueryParams, name: str, found: Violations) -> date | None:
    """The required day `name`, or None with the violation added."""
    raw = params.get(name) or ""
    if not _DATE.fullmatch(raw):
        found.add(name, "date", f"{name} is required: a date written YYYY-MM-DD, such as 2026-11-30")
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        found.add(name, "date", f"{name} must be a date: {raw} is not a calendar date")
        return None


def read_language(params: QueryParams, found: Violations) -> Language:
    """`lang=en|bn` (English when absent), or English with the violation added."""
    try:
        return Language((params.get("lang") or Language.EN.value).lower())
    except ValueError:
        found.add("lang", "language", "lang is en (English) or bn (Bengali)")
        return Language.EN
