"""Loads the effective-dated VAT rate table from TOML."""

from __future__ import annotations

import tomllib
from datetime import date
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path
from typing import Any

from hisab.kernel.vat import RatePeriod, RateTable, VATCategory


class RateTableFileError(Exception):
    """The rate table file is malformed; the message says where."""


def load_rate_table(path: Path | None = None) -> RateTable:
    """The table in `path`, or the one shipped with Hisab when no path is given."""
    source = path or resources.files("hisab").joinpath("vat_rates.toml")
    try:
        document = tomllib.loads(source.read_text())
        entries = document.get("period", [])
        if not isinstance(entries, list):
            raise TypeError("'period' must be an array of tables ([[period]])")
        return RateTable(_period(entry) for entry in entries)
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError, InvalidOperation) as error:
        raise RateTableFileError(f"{path or 'built-in vat_rates.toml'}: {error!r}") from error


def _period(entry: dict[str, Any]) -> RatePeriod:
    if not isinstance(entry, dict) or not isinstance(entry.get("rates"), list):
        raise TypeError("each [[period]] needs category, from, rates = [...] and optionally to and default")
    effective_from, effective_to = entry["from"], entry.get("to")
    if not isinstance(effective_from, date) or not (effective_to is None or isinstance(effective_to, date)):
        raise ValueError("'from' and 'to' must be dates such as 2025-07-01")
    default = entry.get("default")
    return RatePeriod(
        category=VATCategory(entry["category"]),
        rates=frozenset(Decimal(str(rate)) for rate in entry["rates"]),
        default=Decimal(str(default)) if default is not None else None,
        effective_from=effective_from,
        effective_to=effective_to,
    )
