"""A tax period's return as its events leave it, and what may be done to it next.

OPEN (nothing frozen) -> PREPARED (a draft; preparing again replaces it) -> SUBMITTED (filed: the period
is locked) -> AMENDED (filed again under s.66; the period stays locked). Deposits may be recorded in
any state: a deposit made after filing is still the period's (note 58), and changes no filed figure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from hisab.kernel.errors import ConflictError, IllegalTransitionError, InvalidInputError, Violation
from hisab.kernel.fiscal_year import BANGLADESH_TIME
from hisab.kernel.money import AMOUNT_CEILING, decimal_places, round_to_paisa
from hisab.kernel.text import text_violation
from hisab.vat_return.domain.checks import CheckResult
from hisab.vat_return.domain.computation import Figure
from hisab.vat_return.domain.events import (
    CheckRecord,
    DepositKind,
    Override,
    VatDepositRecorded,
    VatReturnAmended,
    VatReturnPrepared,
    VatReturnSubmitted,
)
from hisab.vat_return.domain.periods import TaxPeriod

MAX_REFERENCE = 64
MAX_REASON = 500
MAX_CHALLAN = 40
# UNCERTAIN (§1.4): treasury codes are per commissionerate and have changed shape (1/1133/0015/0311,
# then 11-digit economic codes); all that is checked is that one is digits, groups split by slashes.
_ACCOUNT_CODE = re.compile(r"[0-9]+(/[0-9]+)*")
MAX_ACCOUNT_CODE = 40


class ReturnState(StrEnum):
    OPEN = "OPEN"
    PREPARED = "PREPARED"
    SUBMITTED = "SUBMITTED"
    AMENDED = "AMENDED"


class Filing(StrEnum):
    ORIGINAL = "ORIGINAL"  # s.64
    LATE = "LATE"  # s.65
    AMENDED = "AMENDED"  # s.66


@dataclass(frozen=True, slots=True)
class Frozen:
    """The figures a draft, a submission or an amendment froze."""

    figures: tuple[Figure, ...]
    entry_count: int
    nil: bool


@dataclass(frozen=True, slots=True)
class DepositInput:
    kind: str
    challan_number: str
    deposit_date: date
    amount: Decimal
    account_code: str


@dataclass
class VatReturn:
    period: str
    state: ReturnState = ReturnState.OPEN
    frozen: Frozen | None = None
    prepared_at: datetime | None = None
    prepared_by: str | None = None
    submitted_at: datetime | None = None
    submission_reference: str | None = None
    filing: Filing = Filing.ORIGINAL
    due_on: date | None = None
    checks: tuple[CheckRecord, ...] = ()
    overrides: tuple[Override, ...] = ()
    amendments: int = 0
    deposits: list[VatDepositRecorded] = field(default_factory=list)

    @classmethod
    def from_events(cls, period: str, events: Iterable[object]) -> VatReturn:
        found = cls(period)
        for event in events:
            found.apply(event)
        return found

    def apply(self, event: object) -> None:
        match event:
            case VatReturnPrepared():
                self.state = ReturnState.PREPARED
                self.frozen = Frozen(event.figures, event.entry_count, event.nil)
                self.prepared_at, self.prepared_by = event.prepared_at, event.prepared_by
            case VatReturnSubmitted():
                self.state = ReturnState.SUBMITTED
                self.submitted_at, self.submission_reference = event.submitted_at, event.submission_reference
                self.filing, self.due_on = Filing(event.return_type), event.due_on
                self.checks, self.overrides = event.checks, event.overrides
            case VatReturnAmended():
                self.state = ReturnState.AMENDED
                self.frozen = Frozen(event.figures, event.entry_count, event.nil)
                self.submitted_at, self.submission_reference = event.submitted_at, event.submission_reference
                self.filing = Filing.AMENDED
                self.amendments += 1
            case VatDepositRecorded():
                self.deposits.append(event)

    @property
    def filed(self) -> bool:
        return self.state in (ReturnState.SUBMITTED, ReturnState.AMENDED)

    def prepare(self, period: TaxPeriod, now: Frozen, at: datetime, by: str) -> VatReturnPrepared:
        if self.filed:
            raise IllegalTransitionError(
                f"the return of {self.period} was submitted on {_day(self.submitted_at)}: amend it instead"
            )
        return VatReturnPrepared(
            self.period, period.starts_on, period.ends_on, now.figures, now.entry_count, now.nil, at, by
        )

    def submit(
        self,
        reference: str,
        submitted_at: datetime,
        period: TaxPeriod,
        due_on: date,
        now: Frozen,
        checks: Sequence[CheckResult],
        overrides: Sequence[Override],
        by: str,
    ) -> VatReturnSubmitted:
        if self.filed:
            raise IllegalTransitionError(f"the return of {self.period} is already submitted: amend it instead")
        if self.state is not ReturnState.PREPARED or self.frozen is None:
            raise IllegalTransitionError(f"the return of {self.period} has no draft: prepare it first")
        problems = _filing_violations(reference, submitted_at, period)
        problems += _override_violations(overrides, checks)
        if problems:
            raise InvalidInputError(problems)
        if self.frozen.figures != now.figures:
            raise ConflictError(
                f"the figures of {self.period} changed since its draft was prepared on {_day(self.prepared_at)}: "
                "prepare it again, check it and submit that"
            )
        overridden = {o.check for o in overrides}
        blocking = [c for c in checks if not c.passed and c.name not in overridden]
        if blocking:
            raise InvalidInputError(
                [
                    Violation("overrides", "check_failed", f"the check {c.name} failed: {c.words}; "
                              "correct the books or override it with a reason")
                    for c in blocking
                ]
            )  # fmt: skip
        late = submitted_at.astimezone(BANGLADESH_TIME).date() > due_on
        return VatReturnSubmitted(
            self.period,
            reference.strip(),
            submitted_at,
            due_on,
            (Filing.LATE if late else Filing.ORIGINAL).value,
            tuple(CheckRecord(c.name, c.passed, c.expected, c.actual, c.words) for c in checks),
            tuple(Override(o.check, o.reason.strip()) for o in overrides),
            by,
        )

    def amend(
        self, reason: str, reference: str, submitted_at: datetime, period: TaxPeriod, now: Frozen, by: str
    ) -> VatReturnAmended:
        if not self.filed:
            raise IllegalTransitionError(f"only a submitted return is amended; the return of {self.period} is not")
        problems = _filing_violations(reference, submitted_at, period)
        problems += _text_problems(reason, "reason", MAX_REASON, "an amendment needs its reason")
        if self.submitted_at is not None and submitted_at < self.submitted_at:
            problems.append(
                Violation("submitted_at", "after_submission", "an amendment is filed after the return it amends")
            )
        if problems:
            raise InvalidInputError(problems)
        return VatReturnAmended(
            self.period, reason.strip(), reference.strip(), submitted_at, now.figures, now.entry_count, now.nil, by
        )

    def record_deposit(self, deposit_id: str, raw: DepositInput, today: date) -> VatDepositRecorded:
        problems: list[Violation] = []
        if raw.kind not in DepositKind.__members__:
            problems.append(Violation("kind", "deposit_kind", "a deposit is of VAT or of SD"))
        problems += _text_problems(raw.challan_number, "challan_number", MAX_CHALLAN, "the challan's number")
        if raw.deposit_date > today:
            problems.append(Violation("date", "not_in_future", f"the deposit's date is after today ({today})"))
        amount = raw.amount
        if not (amount.is_finite() and 0 < amount < AMOUNT_CEILING and decimal_places(amount) <= 2):
            problems.append(Violation("amount", "amount", "the amount is more than 0 Taka, to the paisa"))
        code = raw.account_code.strip()
        if not (_ACCOUNT_CODE.fullmatch(code) and len(code) <= MAX_ACCOUNT_CODE):
            problems.append(
                Violation("code", "treasury_code", "the treasury account code is digits in groups split by '/'")
            )
        challan = raw.challan_number.strip()
        if any(d.challan_number == challan and d.kind.value == raw.kind for d in self.deposits):
            problems.append(Violation("challan_number", "duplicate_challan", f"challan {challan} is already recorded"))
        if problems:
            raise InvalidInputError(problems)
        return VatDepositRecorded(
            deposit_id, self.period, DepositKind(raw.kind), challan, raw.deposit_date, round_to_paisa(amount), code
        )


def _filing_violations(reference: str, submitted_at: datetime, period: TaxPeriod) -> list[Violation]:
    problems = _text_problems(reference, "submission_reference", MAX_REFERENCE, "the NBR's submission reference")
    if submitted_at.astimezone(BANGLADESH_TIME).date() <= period.ends_on:
        problems.append(
            Violation("submitted_at", "after_period_end", f"a return of {period.label} is filed after {period.ends_on}")
        )
    return problems


def _override_violations(overrides: Sequence[Override], checks: Sequence[CheckResult]) -> list[Violation]:
    names = {c.name for c in checks}
    problems: list[Violation] = []
    for position, override in enumerate(overrides):
        where = f"overrides[{position}]"
        if override.check not in names:
            problems.append(Violation(f"{where}.check", "unknown_check", f"there is no check {override.check!r}"))
        problems += _text_problems(override.reason, f"{where}.reason", MAX_REASON, "an override needs its reason")
    return problems


def _text_problems(value: str, where: str, longest: int, required: str) -> list[Violation]:
    text = value.strip()
    if not text:
        return [Violation(where, "required", required)]
    if len(text) > longest:
        return [Violation(where, "max_length", f"at most {longest} characters")]
    problem = text_violation(text, where, multiline=where.endswith("reason"))
    return [problem] if problem is not None else []


def _day(moment: datetime | None) -> str:
    return moment.astimezone(BANGLADESH_TIME).date().isoformat() if moment else "an earlier day"
