"""A tenant's own rules."""

from __future__ import annotations

from dataclasses import dataclass

from hisab.kernel.errors import InvalidInputError

# Ten years: longer than any record-keeping period a limit could stand for.
MAX_NOTE_AGE_DAYS = 3650


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

    def __post_init__(self) -> None:
        limit = self.note_max_invoice_age_days
        if limit is not None and not 0 <= limit <= MAX_NOTE_AGE_DAYS:
            raise InvalidInputError.single(
                "note_max_invoice_age_days", "range", f"the limit is 0 to {MAX_NOTE_AGE_DAYS} days, or none"
            )
