"""A tenant's own rules."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from hisab.kernel.errors import InvalidInputError
from hisab.kernel.money import decimal_places

# Ten years: longer than any record-keeping period a limit could stand for.
MAX_NOTE_AGE_DAYS = 3650
# A tolerance is for rounding and bank charges, not for forgiving debts.
MAX_WRITE_OFF_TOLERANCE = Decimal(1000)


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
