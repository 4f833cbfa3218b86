"""Loads the VDS and TDS rate tables from TOML: the ones shipped with Hisab, or an operator's own."""

from __future__ import annotations

import tomllib
from datetime import date
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path
from typing import Any

from hisab.purchases.domain.withholding_rates import WithholdingRate, WithholdingRates, WithholdingRateTable


class WithholdingRateFileError(Exception):
    """A rate table file is malformed; the message says which and where."""


def load_withholding_rates(vds_file: Path | None = None, tds_file: Path | None = None) -> WithholdingRates:
    return WithholdingRates(load_rate_file(vds_file, "vds_rates.toml"), load_rate_file(tds_file, "tds_rates.toml"))


def load_rate_file(path: Path | None, built_in: str) -> WithholdingRateTable:
    """The table in `path`, or the built-in one of that name when no path is given."""
    source = path or resources.files("hisab").joinpath(built_in)
    try:
        document = tomllib.loads(source.read_text())
        entries = document.get("rate", [])
        if not isinstance(entries, list):
            raise TypeError("'rate' must be an array of tables ([[rate]])")
        return WithholdingRateTable(_row(entry) for entry in entries)
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError, InvalidOperation) as error:
        raise WithholdingRateFileError(f"{path or 'built-in ' + built_in}: {error!r}") from error


def _row(entry: dict[str, Any]) -> WithholdingRate:
    if not isinstance(entry, dict) or not isinstance(entry.get("service_code"), str):
        raise TypeError("each [[rate]] needs service_code, rate, from and optionally to")
    effective_from, effective_to = entry["from"], entry.get("to")
    if not isinstance(effective_from, date) or not (effective_to is None or isinstance(effective_to, date)):
        raise ValueError("'from' and 'to' must be dates such as 2025-07-01")
    return WithholdingRate(entry["service_code"], Decimal(str(entry["rate"])), effective_from, effective_to)
