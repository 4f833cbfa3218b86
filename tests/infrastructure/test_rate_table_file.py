from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from hisab.infrastructure.rate_table_file import RateTableFileError, load_rate_table
from hisab.kernel.errors import InvalidInputError
from hisab.kernel.vat import RateTable, VATCategory

D = Decimal
FIELD = "lineItems[0].vatRate"
A_DAY = date(2025, 1, 15)

BUDGET_CHANGE = """
[[period]]
category = "STANDARD"
from = 2019-07-01
to = 2025-06-30
rates = ["0.15"]
default = "0.15"

[[period]]
category = "STANDARD"
from = 2025-07-01
rates = ["0.16"]
default = "0.16"
"""


@pytest.fixture(scope="module")
def shipped() -> RateTable:
    return load_rate_table()


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "vat_rates.toml"
    path.write_text(text)
    return path


def _period(
    category: str = '"STANDARD"', start: str = "2019-07-01", rates: str = '["0.15"]', default: str = '"0.15"'
) -> str:
    return f"[[period]]\ncategory = {category}\nfrom = {start}\nrates = {rates}\ndefault = {default}\n"


@pytest.mark.parametrize(
    ("category", "rate"),
    [
        (VATCategory.STANDARD, "0.15"),
        (VATCategory.REDUCED, "0.075"),
        (VATCategory.TRUNCATED, "0.05"),
        (VATCategory.ZERO_RATED, "0"),
        (VATCategory.EXEMPT, "0"),
    ],
)
def test_the_shipped_table_gives_each_category_its_default(
    shipped: RateTable, category: VATCategory, rate: str
) -> None:
    assert shipped.resolve(category, None, A_DAY, FIELD) == D(rate)


@pytest.mark.parametrize("rate", ["0.05", "0.075", "0.10", "0.02", "0.024", "0.045"])
def test_the_shipped_table_allows_the_reduced_rates_in_force(shipped: RateTable, rate: str) -> None:
    assert shipped.resolve(VATCategory.REDUCED, D(rate), A_DAY, FIELD) == D(rate)


def test_the_shipped_table_refuses_an_11_percent_reduced_rate(shipped: RateTable) -> None:
    with pytest.raises(InvalidInputError) as error:
        shipped.resolve(VATCategory.REDUCED, D("0.11"), A_DAY, FIELD)

    assert error.value.violations[0].rule == "vat_rate_not_in_force"
    assert "0.075" in error.value.violations[0].message


@pytest.mark.parametrize("category", list(VATCategory))
def test_the_shipped_table_has_no_rate_before_1_july_2019(shipped: RateTable, category: VATCategory) -> None:
    with pytest.raises(InvalidInputError) as error:
        shipped.resolve(category, None, date(2019, 6, 30), FIELD)

    assert error.value.violations[0].rule == "vat_rate_not_in_force"


def test_a_table_file_with_a_budget_change_is_effective_dated(tmp_path: Path) -> None:
    table = load_rate_table(_write(tmp_path, BUDGET_CHANGE))

    assert table.resolve(VATCategory.STANDARD, None, date(2025, 6, 30), FIELD) == D("0.15")
    assert table.resolve(VATCategory.STANDARD, None, date(2025, 7, 1), FIELD) == D("0.16")
    with pytest.raises(InvalidInputError):
        table.resolve(VATCategory.STANDARD, D("0.15"), date(2025, 7, 1), FIELD)


def test_rates_written_as_toml_numbers_are_read_exactly(tmp_path: Path) -> None:
    table = load_rate_table(_write(tmp_path, _period(rates="[0.15, 0.075]", default="0.075")))

    assert str(table.resolve(VATCategory.STANDARD, None, A_DAY, FIELD)) == "0.075"


def test_a_period_without_a_default_loads(tmp_path: Path) -> None:
    text = '[[period]]\ncategory = "REDUCED"\nfrom = 2019-07-01\nrates = ["0.05"]\n'

    table = load_rate_table(_write(tmp_path, text))

    assert table.resolve(VATCategory.REDUCED, D("0.05"), A_DAY, FIELD) == D("0.05")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("[[period]\ncategory = ", id="not TOML"),
        pytest.param(_period(category='"LUXURY"'), id="unknown category"),
        pytest.param(_period(start='"2019-07-01"'), id="from is a string"),
        pytest.param('[[period]]\ncategory = "STANDARD"\nrates = ["0.15"]\n', id="from is missing"),
        pytest.param('[[period]]\ncategory = "STANDARD"\nfrom = 2019-07-01\n', id="rates are missing"),
        pytest.param(_period(rates='["fifteen"]', default='"0.15"'), id="rate is not a number"),
        pytest.param(_period(default='"0.16"'), id="default not among the rates"),
        pytest.param(_period() + "to = 2020\n", id="to is not a date"),
        pytest.param(_period(rates="0.15"), id="rates is not a list"),
        pytest.param('period = "STANDARD"\n', id="period is not a table"),
        pytest.param(_period(rates='["15"]', default='"15"'), id="rate given in percent"),
        pytest.param(_period(rates='["-0.15"]', default='"-0.15"'), id="negative rate"),
        pytest.param('[[period]]\ncategory = "REDUCED"\nfrom = 2019-07-01\nrates = ["NaN"]\n', id="rate is NaN"),
    ],
)
def test_a_malformed_table_file_is_refused_naming_the_file(tmp_path: Path, text: str) -> None:
    path = _write(tmp_path, text)

    with pytest.raises(RateTableFileError) as error:
        load_rate_table(path)

    assert str(path) in str(error.value)
