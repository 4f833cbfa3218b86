"""How payments and Mushak-6.6 certificates are numbered, gapless per tenant and fiscal year of the payment's date.

PAY/2026-27/000001 for a payment; {issuing unit}/6.6/2026-27/000001 for a certificate, the unit
prefixing it as it prefixes the tax invoice's serial (rule 40(1)(c)).
"""

from __future__ import annotations

from hisab.kernel.fiscal_year import FiscalYear


def payment_series(fiscal_year: FiscalYear) -> str:
    return f"payment:{fiscal_year.label}"


def format_payment_number(fiscal_year: FiscalYear, serial: int) -> str:
    return f"PAY/{fiscal_year.short_label}/{serial:06d}"


def certificate_series(fiscal_year: FiscalYear) -> str:
    return f"mushak-6.6:{fiscal_year.label}"


def format_certificate_number(unit: str, fiscal_year: FiscalYear, serial: int) -> str:
    return f"{unit}/6.6/{fiscal_year.short_label}/{serial:06d}"


def bill_hold_key(bill_id: str) -> str:
    """What paying a bill holds: the bill's own stream, so two payments of one bill are decided one at a time."""
    return bill_id


def deposits_hold_key(kind: str) -> str:
    """What a deposit of withheld tax holds: one key per kind, so two deposits never take the same payable twice."""
    return f"withholding-deposits:{kind}"
