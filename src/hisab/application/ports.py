"""Ports: what the use cases need from the outside world, as small protocols.

Adapters live in `hisab.infrastructure`; `tests/fakes.py` holds in-memory fakes that the
contract suite holds to the same behaviour.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Protocol

from hisab.application.read_model import InvoiceView, SupplierProfileView
from hisab.domain.events import DomainEvent
from hisab.domain.invoice import InvoiceStatus


@dataclass(frozen=True, slots=True)
class EventMetadata:
    tenant_id: str
    user_id: str
    correlation_id: str
    occurred_at: datetime


@dataclass(frozen=True, slots=True)
class StoredEvent:
    event_id: str
    stream_id: str
    version: int
    position: int
    event: DomainEvent
    metadata: EventMetadata


class EventStore(Protocol):
    """Append-only streams with optimistic concurrency on the stream version."""

    async def append(
        self, stream_id: str, expected_version: int, events: Sequence[DomainEvent], metadata: EventMetadata
    ) -> list[StoredEvent]:
        """Append after `expected_version` atomically; raise ConcurrencyError if the stream moved."""

    async def read_stream(self, tenant_id: str, stream_id: str) -> list[StoredEvent]:
        """The stream's events in version order; empty if it does not exist for this tenant."""

    async def read_all(self, after_position: int, limit: int) -> list[StoredEvent]:
        """Events of every stream and tenant in global order, after a position."""

    async def read_by_stream(self, after: tuple[str, int] | None, limit: int) -> list[StoredEvent]:
        """Events of every stream ordered by (stream id, version), after a (stream, version) key."""


class InvoiceProjection(Protocol):
    """The write side of the invoice read model."""

    async def save(self, view: InvoiceView, *, lines_changed: bool) -> None:
        """Insert or update an invoice row, and its line rows when they changed."""


class ProfileProjection(Protocol):
    """The write side of the supplier-profile read model."""

    async def save(self, view: SupplierProfileView) -> None:
        """Insert or replace the tenant's profile row."""


class Numbering(Protocol):
    """Gapless counters, taken inside the transaction so a rollback gives the number back."""

    async def next_value(self, tenant_id: str, series: str) -> int:
        """The next value of a series, starting at 1."""


@dataclass(frozen=True, slots=True)
class IdempotencyRecord:
    request_hash: str
    invoice_id: str


class IdempotencyStore(Protocol):
    async def find(self, tenant_id: str, key: str) -> IdempotencyRecord | None: ...

    async def save(self, tenant_id: str, key: str, record: IdempotencyRecord) -> None:
        """Record a key; raise IdempotencyKeyTakenError if it is already recorded."""


@dataclass(frozen=True, slots=True)
class TenantPolicy:
    """A tenant's own rules. By default the user who created an invoice may not approve it."""

    creator_may_approve: bool = False


class TenantSettingsStore(Protocol):
    async def get(self, tenant_id: str) -> TenantPolicy:
        """The tenant's policy, or the defaults if it never set one."""

    async def save(self, tenant_id: str, policy: TenantPolicy, updated_by: str, updated_at: datetime) -> None:
        """Replace the tenant's policy, recording who changed it and when."""


class UnitOfWork(Protocol):
    """One database transaction. It rolls back unless `commit` was called."""

    @property
    def events(self) -> EventStore: ...

    @property
    def invoices(self) -> InvoiceProjection: ...

    @property
    def profiles(self) -> ProfileProjection: ...

    @property
    def counters(self) -> Numbering: ...

    @property
    def idempotency(self) -> IdempotencyStore: ...

    @property
    def tenant_settings(self) -> TenantSettingsStore: ...

    async def commit(self) -> None: ...


@dataclass(frozen=True, slots=True)
class InvoiceFilter:
    statuses: tuple[InvoiceStatus, ...] = ()
    customer_id: str | None = None
    vendor_id: str | None = None
    fiscal_year: int | None = None
    invoice_date_from: date | None = None
    invoice_date_to: date | None = None


@dataclass(frozen=True, slots=True)
class InvoicePage:
    invoices: list[InvoiceView]
    has_next_page: bool
    total_count: int


class InvoiceQueries(Protocol):
    async def get(self, tenant_id: str, invoice_id: str) -> InvoiceView | None: ...

    async def list(
        self, tenant_id: str, filter: InvoiceFilter, first: int, after_sequence: int | None
    ) -> InvoicePage:
        """Newest first (by `sequence`), strictly after the given sequence when one is given."""


class ProfileQueries(Protocol):
    async def get(self, tenant_id: str) -> SupplierProfileView | None: ...


class ReadModelAdmin(Protocol):
    """Rebuilding the read model from the event store."""

    async def rebuild(self, *, verify_only: bool) -> list[str]:
        """Replay every event into fresh tables; return the differences from the live tables.

        With `verify_only` the live tables are left as they are; otherwise the fresh tables
        replace them, in one transaction that keeps writers out meanwhile.
        """


class Redemption(StrEnum):
    FIRST_USE = "first_use"
    REUSED = "reused"
    FAMILY_REVOKED = "family_revoked"


class RefreshTokenLedger(Protocol):
    """Refresh tokens work once. A token's family is every token refreshed from one sign-in."""

    async def redeem(
        self, tenant_id: str, token_id: str, family_id: str, remember_until: datetime
    ) -> Redemption:
        """Record a token as used. A second use revokes its family, so the thief and the owner both
        have to sign in again; a token of a revoked family is refused even on its first use.

        Records may be forgotten after `remember_until`, by when every token of the family has
        expired. Raise UnavailableError if the ledger cannot be reached.
        """


@dataclass(frozen=True, slots=True)
class RateLimit:
    """A token bucket: `burst` tokens at most, refilled at `per_second`."""

    per_second: float
    burst: int


@dataclass(frozen=True, slots=True)
class RateDecision:
    allowed: bool
    retry_after_seconds: float = 0.0


class RateLimiter(Protocol):
    async def acquire(self, key: str, limit: RateLimit, cost: int = 1) -> RateDecision:
        """Take `cost` tokens from the key's bucket if it holds at least that many (and at least one).

        A cost of 0 only asks whether the bucket is empty. A refusal says how long until enough
        tokens are back.
        """


class Database(Protocol):
    """A connected storage backend: transactions, queries and administration."""

    @property
    def queries(self) -> InvoiceQueries: ...

    @property
    def profiles(self) -> ProfileQueries: ...

    @property
    def admin(self) -> ReadModelAdmin: ...

    @property
    def refresh_tokens(self) -> RefreshTokenLedger: ...

    def transaction(self, tenant_id: str) -> AbstractAsyncContextManager[UnitOfWork]:
        """A unit of work acting for one tenant; it rolls back unless committed."""

    async def ping(self) -> None: ...

    async def schema_revision(self) -> str | None:
        """The migration the schema is at (Alembic's revision id); None if it was never migrated."""

    async def close(self) -> None: ...
