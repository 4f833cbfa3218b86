"""A tenant's own rules."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from hisab.kernel.errors import InvalidInputError
from hisab.kernel.money import decimal_places

# Ten years: longer than any record-keeping period a limit could stand for.
MAX_NOTE_AGE_DAYS = 3650
# A tolerance is for rounding and bank charges, not for forgiving debts.
MAX_WRITE_OFF_TOLERANCE = Decimal(1000)


class ReturnFrequency(StrEnum):
    """How often the tenant files its Mushak-9.1: quarterly is the rule from July 2026 (s.64 as substituted by
    the Finance Act 2026, LIKELY), monthly is allowed by s.64(2)."""

    QUARTERLY = "QUARTERLY"
    MONTHLY = "MONTHLY"


@dataclass(frozen=True, slots=True)
class TenantPolicy:
    """A tenant's own rules. By default the user who created an invoice may not approve it, and an
    invoice may name its customer by a free id instead of a registered party. A credit or debit note
    may be issued against a tax invoice of any age unless the tenant sets a limit: no statutory one
    was found (docs/mushak-6.7-6.8.md), so none is assumed."""

    creator_may_approve: bool = False
    require_registered_customers: bool = False
    # The most days after an invoice's issue that a note against it may be dated; None: no limit.
    note_max_invoice_age_days: int | None = None
    # What may be left of an invoice and written off (a few paisa a customer never pays); none by default.
    write_off_tolerance: Decimal = Decimal("0.00")
    # A withholding entity (s.2(21): every limited company, a bank, an NGO, turnover above Tk 10 crore)
    # deducts VDS from its suppliers and issues Mushak-6.6s; off until the tenant says it is one.
    withholding_entity: bool = False
    vat_return_frequency: ReturnFrequency = ReturnFrequency.QUARTERLY
    # Government, semi-government and autonomous bodies, banks and insurers have 20 days to file, not 15.
    twenty_day_filer: bool = False
    # Whether VAT on purchases charged below the standard rate may be credited: the form has the column,
    # s.46(1)(tha) reads against it (bangladesh-vat-returns.md, open question 8), so no by default.
    credit_reduced_rate_inputs: bool = False
    # s.46(1)(tha): a tenant that supplies only below 15% (a contractor at 10%, a developer at 2%)
    # takes no input credit at all.
    supplies_below_standard_rate_only: bool = False

    def __post_init__(self) -> None:
        limit = self.note_max_invoice_age_days
        if limit is not None and not 0 <= limit <= MAX_NOTE_AGE_DAYS:
            raise InvalidInputError.single(
                "note_max_invoice_age_days", "range", f"the limit is 0 to {MAX_NOTE_AGE_DAYS} days, or none"
            )
        tolerance = self.write_off_tolerance
        if not (tolerance.is_finite() and 0 <= tolerance <= MAX_WRITE_OFF_TOLERANCE and decimal_places(tolerance) <= 2):
            raise InvalidInputError.single(
                "write_off_tolerance", "range", f"the tolerance is 0.00 to {MAX_WRITE_OFF_TOLERANCE} Taka, to the paisa"
            )
