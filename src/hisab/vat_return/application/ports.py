"""What the return asks of its read model: each period's return as last recorded, its deposits, and
(inside a command's transaction) the periods already filed, which lock their documents."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol, TypeVar

from hisab.event_store.messages import StoredEvent
from hisab.vat_return.application.return_views import DepositView, ReturnStatus, ReturnType
from hisab.vat_return.domain.computation import Figure
from hisab.vat_return.domain.events import RETURN_EVENT_TYPES, CheckRecord, Override, VatReturnPrepared
from hisab.vat_return.domain.lifecycle import VatReturn

S_contra = TypeVar("S_contra", contravariant=True)


@dataclass(frozen=True, slots=True)
class ReturnRecord:
    """A period's return as its stream leaves it (a period with only deposits has no dates or figures yet)."""

    tenant_id: str
    period: str
    status: ReturnStatus
    return_type: ReturnType
    starts_on: date | None
    ends_on: date | None
    due_on: date | None
    # The frozen figures of the draft, the submission or the last amendment.
    figures: tuple[Figure, ...] | None
    entry_count: int
    nil: bool
    prepared_at: datetime | None
    prepared_by: str | None
    submitted_at: datetime | None
    submission_reference: str | None
    checks: tuple[CheckRecord, ...]
    overrides: tuple[Override, ...]
    amendments: int
    version: int

    @property
    def filed(self) -> bool:
        return self.status in (ReturnStatus.SUBMITTED, ReturnStatus.AMENDED)


@dataclass(frozen=True, slots=True)
class LockedPeriod:
    period: str
    starts_on: date
    ends_on: date
    submitted_at: datetime


def project_return(stream: Sequence[StoredEvent]) -> ReturnRecord:
    """The record of a return's stream, as the read model keeps it."""
    first = stream[0]
    state = VatReturn.from_events("", (s.event for s in stream))
    prepared = next((s.event for s in stream if isinstance(s.event, VatReturnPrepared)), None)
    opening = first.event
    assert isinstance(opening, RETURN_EVENT_TYPES), f"{first.stream_id} is no VAT return's stream"
    period = opening.period
    frozen = state.frozen
    return ReturnRecord(
        tenant_id=first.metadata.tenant_id,
        period=period,
        status=ReturnStatus(state.state.value),
        return_type=ReturnType(state.filing.value),
        starts_on=prepared.starts_on if prepared else None,
        ends_on=prepared.ends_on if prepared else None,
        due_on=state.due_on,
        figures=frozen.figures if frozen else None,
        entry_count=frozen.entry_count if frozen else 0,
        nil=frozen.nil if frozen else False,
        prepared_at=state.prepared_at,
        prepared_by=state.prepared_by,
        submitted_at=state.submitted_at,
        submission_reference=state.submission_reference,
        checks=state.checks,
        overrides=state.overrides,
        amendments=state.amendments,
        version=len(stream),
    )


def deposits_of(stream: Sequence[StoredEvent]) -> list[DepositView]:
    state = VatReturn.from_events("", (s.event for s in stream))
    return [
        DepositView(d.deposit_id, d.kind.value, d.challan_number, d.deposit_date, d.amount, d.account_code)
        for d in state.deposits
    ]


class ReturnQueries(Protocol):
    async def get(self, tenant_id: str, period: str) -> ReturnRecord | None: ...

    async def get_many(self, tenant_id: str, periods: Sequence[str]) -> dict[str, ReturnRecord]:
        """The records of these periods that exist, by period, in one query."""

    async def deposits(self, tenant_id: str, period: str) -> list[DepositView]:
        """The period's deposits, by date and then as recorded."""


class ReturnTables(Protocol[S_contra]):
    """Inside a command's transaction: the filed periods that lock a document's dates, and the lock that
    keeps a submission and the documents of its period apart.

    Every dated document shares the tenant's lock while it checks the filed periods; a submission or an
    amendment holds it alone while it computes the figures it files, so it waits for documents in flight
    (and sees them) and documents wait for it (and then see the period filed).
    """

    async def share(self, tables: S_contra, tenant_id: str) -> None: ...

    async def hold(self, tables: S_contra, tenant_id: str) -> None: ...

    async def locked_within(self, tables: S_contra, tenant_id: str, days: Sequence[date]) -> list[LockedPeriod]:
        """The submitted or amended periods containing any of these days."""
