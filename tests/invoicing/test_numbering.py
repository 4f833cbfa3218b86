from __future__ import annotations

from datetime import date

from hisab.invoicing.domain.numbering import (
    format_invoice_number,
    format_mushak_number,
    invoice_number_series,
    mushak_series,
)
from hisab.kernel.fiscal_year import FiscalYear


def test_the_invoice_number_is_inv_date_and_a_six_digit_sequence() -> None:
    assert format_invoice_number(date(2025, 1, 15), 1) == "INV-2025-01-15-000001"


def test_the_invoice_number_sequence_is_zero_padded_to_six_digits() -> None:
    assert format_invoice_number(date(2025, 12, 1), 123456) == "INV-2025-12-01-123456"


def test_the_mushak_number_is_unit_short_fiscal_year_and_serial() -> None:
    assert format_mushak_number("HO", FiscalYear(2026), 1) == "HO/2026-27/000001"


def test_the_mushak_number_of_the_century_year_uses_the_short_label() -> None:
    assert format_mushak_number("HO", FiscalYear(2099), 42) == "HO/2099-00/000042"


def test_invoice_numbers_draw_from_one_series_per_invoice_date() -> None:
    assert invoice_number_series(date(2025, 1, 15)) != invoice_number_series(date(2025, 1, 16))
    assert invoice_number_series(date(2025, 1, 15)) == invoice_number_series(date(2025, 1, 15))


def test_mushak_serials_draw_from_one_series_per_fiscal_year() -> None:
    assert mushak_series(FiscalYear(2025)) != mushak_series(FiscalYear(2026))
    assert mushak_series(FiscalYear.of(date(2026, 6, 30))) == mushak_series(FiscalYear(2025))


def test_invoice_number_and_mushak_series_never_share_a_counter() -> None:
    assert invoice_number_series(date(2025, 7, 1)) != mushak_series(FiscalYear(2025))
