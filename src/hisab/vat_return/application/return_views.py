"""The Mushak-9.1 of a tax period as the API, the PDF and the exports show it.

The figures are the computation's (vat_return.domain); how each note is labelled and laid out on the
NBR's form is the documents' (vat_return.domain.form). A note's sub-form is the entries that make it up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from hisab.vat_return.domain.entries import ReturnEntry


class ReturnStatus(StrEnum):
    OPEN = "OPEN"  # nothing frozen yet: the figures are computed from the entries as they are now
    PREPARED = "PREPARED"  # a draft frozen by prepareVatReturn
    SUBMITTED = "SUBMITTED"  # filed: the tax period is locked
    AMENDED = "AMENDED"  # filed again under s.66: the period stays locked


class ReturnType(StrEnum):
    ORIGINAL = "ORIGINAL"  # s.64
    LATE = "LATE"  # s.65: submitted after the due date
    AMENDED = "AMENDED"  # s.66


@dataclass(frozen=True, slots=True)
class NoteFigure:
    """One note of the form. Parts 3 and 4 (notes 1 to 23) have value, SD and VAT columns (None where the
    form has no such column); every later note is one amount."""

    note: int
    value: Decimal | None
    supplementary_duty: Decimal | None
    vat: Decimal | None
    amount: Decimal | None
    # The sub-form: the entries whose sum the figure is (empty for a note computed from other notes), or
    # its first ones when the view was asked for a page of each; `source_count` says how many there are.
    sources: tuple[ReturnEntry, ...]
    source_count: int


@dataclass(frozen=True, slots=True)
class DepositView:
    """A treasury deposit for the period (notes 58 to 64): its challan, date, amount and account code."""

    deposit_id: str
    kind: str  # VAT (note 58) or SD (note 59)
    challan_number: str
    deposit_date: date
    amount: Decimal
    account_code: str


@dataclass(frozen=True, slots=True)
class ReturnTaxpayer:
    """Part 1: the registered person, from the supplier profile."""

    bin: str | None
    name: str
    name_bn: str | None
    address: str | None
    address_bn: str | None


@dataclass(frozen=True, slots=True)
class CheckOverride:
    check: str
    reason: str


@dataclass(frozen=True, slots=True)
class VatReturnView:
    period: str  # "2026-27/Q1" or "2026-07"
    starts_on: date
    ends_on: date
    due_on: date
    status: ReturnStatus
    return_type: ReturnType
    # Part 2: whether there was any activity in the period (a nil return has none).
    nil: bool
    taxpayer: ReturnTaxpayer | None
    # Every note of the form in the form's order, 1 to 68.
    notes: tuple[NoteFigure, ...]
    deposits: tuple[DepositView, ...]
    prepared_at: datetime | None
    submitted_at: datetime | None
    submission_reference: str | None
    overrides: tuple[CheckOverride, ...]
    # How many times it was amended after its first submission.
    amendments: int

    def note(self, number: int) -> NoteFigure:
        return next(figure for figure in self.notes if figure.note == number)
