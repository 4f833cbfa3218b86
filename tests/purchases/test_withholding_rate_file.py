"""The VDS and TDS rate tables: the ones shipped, an operator's own, and what a malformed file is told."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from hisab.purchases.adapters.withholding_rate_file import (
    WithholdingRateFileError,
    load_rate_file,
    load_withholding_rates,
)

D = Decimal

CORRECTED = """
[[rate]]
service_code = "S040.00"
rate = "0.15"
from = 2025-07-01
to = 2026-06-30

[[rate]]
service_code = "S040.00"
rate = "0.10"
from = 2026-07-01
"""


def test_the_shipped_tables_give_the_rates_of_the_research_from_their_start() -> None:
    rates = load_withholding_rates()

    vds = {code: rates.vds.rate_for(code, date(2025, 7, 1)) for code in ("S004.00", "S037.00", "S032.00", "S010.20")}
    assert {code: row.rate if row else None for code, row in vds.items()} == {
        "S004.00": D("0.10"), "S037.00": D("0.10"), "S032.00": D("0.15"), "S010.20": D("0.02"),
    }  # fmt: skip
    assert rates.vds.rate_for("S004.00", date(2025, 6, 30)) is None
    assert rates.vds.rate_for(None, date(2026, 9, 1)) is None
    tds = rates.tds.rate_for("S004.00", date(2026, 7, 1))
    assert tds is not None
    assert tds.rate == D("0.05")
    assert rates.tds.rate_for("S004.00", date(2026, 6, 30)) is None


def test_an_operators_file_replaces_the_table_and_each_day_has_its_rate(tmp_path: Path) -> None:
    path = tmp_path / "vds.toml"
    path.write_text(CORRECTED)

    rates = load_withholding_rates(vds_file=path)

    found = [rates.vds.rate_for("S040.00", day) for day in (date(2026, 6, 30), date(2026, 7, 1))]
    assert [row.rate if row else None for row in found] == [D("0.15"), D("0.10")]
    assert rates.vds.rate_for("S004.00", date(2026, 7, 1)) is None
    assert rates.tds.rate_for("S004.00", date(2026, 7, 1)) is not None


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (CORRECTED.replace("to = 2026-06-30", ""), "overlap"),
        (CORRECTED.replace('"0.10"', '"1.5"'), "fraction"),
        ('[[rate]]\nrate = "0.1"\nfrom = 2025-07-01\n', "service_code"),
        ('[[rate]]\nservice_code = "S004.00"\nrate = "0.1"\nfrom = "July"\n', "dates"),
        ("rate = 3", "array"),
        ("[[rate]\n", "TOMLDecodeError"),
    ],
)
def test_a_malformed_file_is_refused_naming_the_file_and_the_problem(tmp_path: Path, text: str, found: str) -> None:
    path = tmp_path / "tds.toml"
    path.write_text(text)

    with pytest.raises(WithholdingRateFileError, match=found) as refused:
        load_rate_file(path, "tds_rates.toml")
    assert str(path) in str(refused.value)
