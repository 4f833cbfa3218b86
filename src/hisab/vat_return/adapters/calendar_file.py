"""Loads the tax calendar (quarters, due days, weekend, public holidays) from TOML."""

from __future__ import annotations

import tomllib
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from hisab.vat_return.domain.calendar import Holiday, TaxCalendar


class TaxCalendarFileError(Exception):
    """The tax calendar file is malformed; the message says where."""


def load_tax_calendar(path: Path | None = None) -> TaxCalendar:
    """The calendar in `path`, or the one shipped with Hisab when no path is given."""
    source = path or resources.files("hisab").joinpath("tax_calendar.toml")
    try:
        document = tomllib.loads(source.read_text())
        quarters, due = document["quarters"], document["due"]
        holidays = [_holiday(entry) for entry in document.get("holiday", [])]
        return TaxCalendar(
            quarter_start_months=tuple(int(month) for month in quarters["quarter_start_months"]),
            quarterly_from=_date(quarters["quarterly_from"], "quarterly_from"),
            weekend=frozenset(int(day) for day in due["weekend"]),
            holidays={holiday.day: holiday for holiday in holidays},
            due_days=int(due["days"]),
            extended_due_days=int(due["extended_days"]),
        )
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as error:
        raise TaxCalendarFileError(f"{path or 'built-in tax_calendar.toml'}: {error!r}") from error


def _holiday(entry: dict[str, Any]) -> Holiday:
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
        raise TypeError("each [[holiday]] needs day = 2026-12-16 and name, and optionally approximate = true")
    return Holiday(_date(entry.get("day"), "day"), entry["name"], bool(entry.get("approximate", False)))


def _date(value: object, name: str) -> date:
    if not isinstance(value, date):
        raise ValueError(f"{name!r} must be a date such as 2026-07-01")
    return value
