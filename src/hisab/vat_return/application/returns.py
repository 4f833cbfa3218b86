"""The return of a tax period: computed, frozen as a draft, submitted (locking the period), amended; its
deposits; and the periods a tenant files with their status.

The figures come from the return entries (the registers' projection) through `ReturnEntryQueries`, the
last filed return's closing balances and the period's deposits; `computation.compute` does the arithmetic.
A draft, a submission and an amendment freeze the figures in the period's stream; the view of a period
shows the frozen figures once there are any, and the entries as they are now as each note's sub-form.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from hisab.event_store.messages import Actor, DomainEvent, StoredEvent
from hisab.event_store.ports import Transaction
from hisab.kernel.errors import InvalidInputError
from hisab.kernel.fiscal_year import BANGLADESH_TIME
from hisab.kernel.money import ZERO
from hisab.taxpayer.domain.policy import TenantPolicy
from hisab.vat_return.application.checks import run_checks
from hisab.vat_return.application.dependencies import VatReturns
from hisab.vat_return.application.ports import ReturnRecord
from hisab.vat_return.application.return_views import (
    CheckOverride,
    NoteFigure,
    ReturnStatus,
    ReturnTaxpayer,
    ReturnType,
    VatReturnView,
)
from hisab.vat_return.domain.checks import CheckResult
from hisab.vat_return.domain.computation import Balances, Deposits, Figure, compute, sum_of
from hisab.vat_return.domain.entries import ReturnEntry
from hisab.vat_return.domain.events import Override, vat_return_stream_id
from hisab.vat_return.domain.lifecycle import DepositInput, Frozen, VatReturn
from hisab.vat_return.domain.periods import (
    PeriodKind,
    TaxPeriod,
    month_period,
    parse_period,
    period_of,
    periods_between,
    previous_period,
    quarter_containing,
)

NOUN = "VAT return"
EARLIEST_FILING = datetime(2019, 1, 1, tzinfo=UTC)
# taxPeriods lists at most this many periods: eight years of quarters, three of months.
MAX_PERIODS = 36


@dataclass(frozen=True, slots=True)
class PrepareReturn:
    period: str


@dataclass(frozen=True, slots=True)
class SubmitReturn:
    period: str
    submission_reference: str
    submitted_at: datetime
    overrides: tuple[Override, ...] = ()


@dataclass(frozen=True, slots=True)
class AmendReturn:
    period: str
    reason: str
    submission_reference: str
    submitted_at: datetime


@dataclass(frozen=True, slots=True)
class RecordDeposit:
    period: str
    deposit: DepositInput


@dataclass(frozen=True, slots=True)
class PeriodSummary:
    """One period a tenant files, for taxPeriods."""

    period: TaxPeriod
    due_on: date
    status: ReturnStatus
    record: ReturnRecord | None


def due_date(returns: VatReturns, period: TaxPeriod, policy: TenantPolicy, *, nil: bool) -> date:
    return returns.calendar.due_on(period.ends_on, extended=policy.twenty_day_filer or nil)


async def tenant_period(text: str, tenant_id: str, returns: VatReturns) -> tuple[TaxPeriod, TenantPolicy]:
    """The period of that label, which must be one the tenant files at its frequency."""
    policy = await returns.taxpayer.settings.get(tenant_id)
    period = parse_period(text, returns.calendar)
    filed = period_of(period.starts_on, policy.vat_return_frequency, returns.calendar)
    if filed != period:
        raise InvalidInputError.single(
            "period",
            "return_frequency",
            f"the tenant files {policy.vat_return_frequency.value.lower()}: the return covering "
            f"{period.starts_on.isoformat()} is {filed.label}",
        )
    return period, policy


async def compute_now(period: TaxPeriod, policy: TenantPolicy, tenant_id: str, returns: VatReturns) -> Frozen:
    """The return's figures as the entries, the last return and the deposits stand now."""
    sums = await returns.entries.note_sums(tenant_id, period.starts_on, period.ends_on)
    last = await _last_filed(period, policy, tenant_id, returns)
    balances = Balances()
    if last is not None and last.figures is not None:
        closing = {figure.note: figure.amount or ZERO for figure in last.figures}
        balances = Balances(closing_vat=closing[65], closing_sd=closing[66])
    deposits = await returns.returns.deposits(tenant_id, period.label)
    paid = Deposits(
        vat=sum_of(d.amount for d in deposits if d.kind == "VAT"),
        sd=sum_of(d.amount for d in deposits if d.kind == "SD"),
    )
    entry_count = sum(s.entries for s in sums.values())
    return Frozen(compute(sums, balances, paid), entry_count, nil=entry_count == 0 and not deposits)


async def _figures_held(
    transaction: Transaction[Any], period: TaxPeriod, policy: TenantPolicy, tenant_id: str, returns: VatReturns
) -> Frozen:
    """The figures once the filing holds the period lock alone: every document in flight has committed
    (and is in them), and none more can be dated in the period until the filing commits."""
    await returns.tables.hold(transaction.tables, tenant_id)
    return await compute_now(period, policy, tenant_id, returns)


async def _last_filed(
    period: TaxPeriod, policy: TenantPolicy, tenant_id: str, returns: VatReturns
) -> ReturnRecord | None:
    """The filed return of the period just before: the tenant's frequency's, or, after a change of
    frequency, the other kind's that ended the day before."""
    previous = previous_period(period, policy.vat_return_frequency, returns.calendar)
    day = period.starts_on - timedelta(days=1)
    other = (
        month_period(day.year, day.month)
        if previous.kind is PeriodKind.QUARTER
        else quarter_containing(day, returns.calendar)
    )
    labels = [previous.label] + ([other.label] if other.ends_on == day and other != previous else [])
    records = await returns.returns.get_many(tenant_id, labels)
    return next((records[label] for label in labels if label in records and records[label].filed), None)


async def prepare_vat_return(
    command: PrepareReturn, actor: Actor, returns: VatReturns, *, sources: int | None = None
) -> VatReturnView:
    period, policy = await tenant_period(command.period, actor.tenant_id, returns)
    await _ensure_not_filed_otherwise(period, actor.tenant_id, returns)
    now = await compute_now(period, policy, actor.tenant_id, returns)
    at = returns.clock()

    async def decide(transaction: Transaction[Any], history: list[StoredEvent]) -> Sequence[DomainEvent]:
        state = VatReturn.from_events(period.label, (s.event for s in history))
        return [state.prepare(period, now, at, actor.user_id)]

    await _change(actor, period, decide, returns)
    return await vat_return(command.period, actor, returns, sources=sources)


async def submit_vat_return(
    command: SubmitReturn, actor: Actor, returns: VatReturns, *, sources: int | None = None
) -> VatReturnView:
    """File the prepared draft: its figures must still be the computation's, and every check pass or be
    overridden with a reason. A submission after the due date is a LATE return (s.65)."""
    period, policy = await tenant_period(command.period, actor.tenant_id, returns)
    _not_in_future(command.submitted_at, returns)
    now = await compute_now(period, policy, actor.tenant_id, returns)
    checks = await run_checks(period, actor.tenant_id, returns, now.figures)
    due_on = due_date(returns, period, policy, nil=now.nil)

    async def decide(transaction: Transaction[Any], history: list[StoredEvent]) -> Sequence[DomainEvent]:
        state = VatReturn.from_events(period.label, (s.event for s in history))
        # What is filed is what the lock lets no document change; a document that came in since the
        # draft makes it differ from the draft, and the submission is refused (prepare it again).
        filed = await _figures_held(transaction, period, policy, actor.tenant_id, returns)
        return [
            state.submit(
                command.submission_reference, command.submitted_at, period, due_on, filed, checks, command.overrides,
                actor.user_id,
            )
        ]  # fmt: skip

    await _change(actor, period, decide, returns)
    return await vat_return(command.period, actor, returns, sources=sources)


async def amend_vat_return(
    command: AmendReturn, actor: Actor, returns: VatReturns, *, sources: int | None = None
) -> VatReturnView:
    """File a submitted return again (s.66), with the figures as they are computed now."""
    period, policy = await tenant_period(command.period, actor.tenant_id, returns)
    _not_in_future(command.submitted_at, returns)

    async def decide(transaction: Transaction[Any], history: list[StoredEvent]) -> Sequence[DomainEvent]:
        state = VatReturn.from_events(period.label, (s.event for s in history))
        filed = await _figures_held(transaction, period, policy, actor.tenant_id, returns)
        return [
            state.amend(command.reason, command.submission_reference, command.submitted_at, period, filed,
                        actor.user_id)
        ]  # fmt: skip

    await _change(actor, period, decide, returns)
    return await vat_return(command.period, actor, returns, sources=sources)


async def record_vat_deposit(
    command: RecordDeposit, actor: Actor, returns: VatReturns, *, sources: int | None = None
) -> VatReturnView:
    """A treasury challan for the period's VAT or SD (notes 58 and 59). Posting it to the books (Dr VAT
    Current Account, Cr Bank) is the ledger's."""
    period, _ = await tenant_period(command.period, actor.tenant_id, returns)
    today = returns.clock().astimezone(BANGLADESH_TIME).date()
    deposit_id = returns.new_id()

    async def decide(transaction: Transaction[Any], history: list[StoredEvent]) -> Sequence[DomainEvent]:
        state = VatReturn.from_events(period.label, (s.event for s in history))
        return [state.record_deposit(deposit_id, command.deposit, today)]

    await _change(actor, period, decide, returns)
    return await vat_return(command.period, actor, returns, sources=sources)


async def vat_return(
    period_text: str, actor: Actor, returns: VatReturns, *, sources: int | None = None
) -> VatReturnView:
    """The Mushak-9.1 of a period: frozen figures once prepared, else computed now; every note's sub-form
    (its first `sources` entries, when that is given)."""
    tenant_id = actor.tenant_id
    period, policy = await tenant_period(period_text, tenant_id, returns)
    record = await returns.returns.get(tenant_id, period.label)
    if record is not None and record.figures is not None:
        figures, nil = record.figures, record.nil
    else:
        now = await compute_now(period, policy, tenant_id, returns)
        figures, nil = now.figures, now.nil
    if sources is None:
        entries = await returns.entries.entries(tenant_id, period.starts_on, period.ends_on)
        counts = Counter(entry.note for entry in entries)
    else:
        sums = await returns.entries.note_sums(tenant_id, period.starts_on, period.ends_on)
        counts = Counter({note: total.entries for note, total in sums.items()})
        entries = await returns.entries.entries(
            tenant_id, period.starts_on, period.ends_on, notes=frozenset(sums), per_note=sources
        )
    status = record.status if record is not None else ReturnStatus.OPEN
    due_on = record.due_on if record is not None and record.due_on else due_date(returns, period, policy, nil=nil)
    return VatReturnView(
        period=period.label,
        starts_on=period.starts_on,
        ends_on=period.ends_on,
        due_on=due_on,
        status=status,
        return_type=_return_type(record, due_on, returns),
        nil=nil,
        taxpayer=await _taxpayer(tenant_id, returns),
        notes=_with_sources(figures, entries, counts),
        deposits=tuple(await returns.returns.deposits(tenant_id, period.label)),
        prepared_at=record.prepared_at if record else None,
        submitted_at=record.submitted_at if record else None,
        submission_reference=record.submission_reference if record else None,
        overrides=tuple(CheckOverride(o.check, o.reason) for o in record.overrides) if record else (),
        amendments=record.amendments if record else 0,
    )


async def vat_return_checks(period_text: str, actor: Actor, returns: VatReturns) -> list[CheckResult]:
    """The cross-checks of the return as it is computed now (what submitting it now would run)."""
    period, policy = await tenant_period(period_text, actor.tenant_id, returns)
    now = await compute_now(period, policy, actor.tenant_id, returns)
    return await run_checks(period, actor.tenant_id, returns, now.figures)


async def tax_periods(start: date, end: date, actor: Actor, returns: VatReturns) -> list[PeriodSummary]:
    """The periods the tenant files with a day from `start` to `end`, oldest first, with their status."""
    if end < start:
        raise InvalidInputError.single("to", "after_from", "the range ends before it starts")
    policy = await returns.taxpayer.settings.get(actor.tenant_id)
    periods = periods_between(start, end, policy.vat_return_frequency, returns.calendar, limit=MAX_PERIODS)
    records = await returns.returns.get_many(actor.tenant_id, [p.label for p in periods])
    found: list[PeriodSummary] = []
    for period in periods:
        record = records.get(period.label)
        if record is not None and record.due_on is not None:
            due_on = record.due_on
        elif record is not None and record.figures is not None:
            due_on = due_date(returns, period, policy, nil=record.nil)
        else:
            due_on = due_date(returns, period, policy, nil=await _nil_now(period, actor.tenant_id, returns))
        found.append(PeriodSummary(period, due_on, record.status if record else ReturnStatus.OPEN, record))
    return found


async def _ensure_not_filed_otherwise(period: TaxPeriod, tenant_id: str, returns: VatReturns) -> None:
    """A tenant that changed its frequency may not report the same days twice: a quarter whose months
    were filed (or a month whose quarter was) is refused."""
    if period.kind is PeriodKind.QUARTER:
        others = [month_period(day.year, day.month).label for day in _month_starts(period)]
    elif period.starts_on >= returns.calendar.quarterly_from:
        others = [quarter_containing(period.starts_on, returns.calendar).label]
    else:
        return
    filed = [r for r in (await returns.returns.get_many(tenant_id, others)).values() if r.filed]
    if filed:
        raise InvalidInputError.single(
            "period",
            "filed_as_other_period",
            f"{filed[0].period}, covering days of {period.label}, is already filed: amend it instead",
        )


def _month_starts(period: TaxPeriod) -> list[date]:
    starts, day = [], period.starts_on
    while day <= period.ends_on:
        starts.append(day)
        day = month_period(day.year, day.month).ends_on + timedelta(days=1)
    return starts


async def _nil_now(period: TaxPeriod, tenant_id: str, returns: VatReturns) -> bool:
    documents = await returns.entries.documents(tenant_id, period.starts_on, period.ends_on)
    if any(documents.values()):
        return False
    return not await returns.returns.deposits(tenant_id, period.label)


def _with_sources(
    figures: Sequence[Figure], entries: Sequence[ReturnEntry], counts: Counter[int]
) -> tuple[NoteFigure, ...]:
    by_note: dict[int, list[ReturnEntry]] = {}
    for entry in entries:
        by_note.setdefault(entry.note, []).append(entry)
    return tuple(
        NoteFigure(
            f.note, f.value, f.supplementary_duty, f.vat, f.amount, tuple(by_note.get(f.note, ())), counts[f.note]
        )
        for f in figures
    )


def _return_type(record: ReturnRecord | None, due_on: date, returns: VatReturns) -> ReturnType:
    if record is not None and record.filed:
        return record.return_type
    today = returns.clock().astimezone(BANGLADESH_TIME).date()
    # Not filed yet: what it would be if it were filed today.
    return ReturnType.LATE if today > due_on else ReturnType.ORIGINAL


async def _taxpayer(tenant_id: str, returns: VatReturns) -> ReturnTaxpayer | None:
    view = await returns.taxpayer.profiles.get(tenant_id)
    if view is None:
        return None
    profile = view.profile
    address = profile.units[0].address if profile.units else None
    return ReturnTaxpayer(profile.bin, profile.name, None, address, None)


def _not_in_future(moment: datetime, returns: VatReturns) -> None:
    if moment > returns.clock():
        raise InvalidInputError.single("submitted_at", "not_in_future", "the submission's time is after now")
    # Compared, not converted: a moment at the edge of the calendar has no time in Dhaka.
    if moment < EARLIEST_FILING:
        raise InvalidInputError.single("submitted_at", "range", "no return of Hisab's was filed before 2019")


async def _change(actor: Actor, period: TaxPeriod, decide: Any, returns: VatReturns) -> None:
    stream_id = vat_return_stream_id(actor.tenant_id, period.label)
    await returns.streams.change(actor, stream_id, decide, noun=NOUN, may_be_new=True, exclusive=True)
