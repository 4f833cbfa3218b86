"""Issue 15's VAT return in the workload: the Mushak-9.1 of the current quarter, and its cross-checks.

`hisab bench seed` issues its invoices today, so a seed of 300,000 invoices puts 100,000 tax invoices
(and 25,000 credit notes) with their 1 to 3 lines in the current quarter, every one of them in the
return entries (the seeder writes them with the service's projection). `vat_return` reads that quarter's
return as the API gives it: every note of the form, each with the first 10 entries of its sub-form and
their count. `vat_return_checks` runs the checks submitting it would run, the books' side included.
"""

from __future__ import annotations

from datetime import date

from hisab.kernel.fiscal_year import FiscalYear

VAT_RETURN = (
    "query VatReturn($period: String!) { vatReturn(period: $period) { period status dueOn netPayable { decimal } "
    "notes { note value { decimal } supplementaryDuty { decimal } vat { decimal } amount { decimal } "
    "sources(first: 10) { totalCount entries { documentNumber documentDate counterpartyName value { decimal } "
    "vat { decimal } } } } } }"
)
VAT_RETURN_CHECKS = (
    "query VatReturnChecks($period: String!) { vatReturnChecks(period: $period) "
    "{ name passed expected actual difference } }"
)
VAT_OPERATIONS = ("vat_return", "vat_return_checks")


def quarter_of(day: date) -> str:
    """The quarterly tax period holding `day` with the default boundaries (Jul-Sep is Q1): "2026-27/Q2"."""
    return f"{FiscalYear.of(day).short_label}/Q{(day.month - 7) % 12 // 3 + 1}"
