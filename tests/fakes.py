"""In-memory fakes of the ports. The contract suite holds them to the real adapters' behaviour."""

from __future__ import annotations

import asyncio
import builtins
import copy
import time
import uuid
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from hisab.access.application.ports import Redemption
from hisab.audit.application.ports import AuditEntry, AuditPage
from hisab.audit.domain.reads import AuditedRead, AuditFilter
from hisab.bootstrap import StorageAdapters
from hisab.event_store.messages import DomainEvent, EventMetadata, StoredEvent
from hisab.event_store.outbox import Backlog, PoisonEventError, PublishError, RawEvent, RelayRecord
from hisab.event_store.ports import Database, IdempotencyRecord, NewStream
from hisab.event_store.projections import Projections, ReadModelTable
from hisab.infrastructure.migrations import head_revision
from hisab.invoicing.adapters.sql.approval_queue import QUEUE
from hisab.invoicing.adapters.sql.imports import IMPORTS
from hisab.invoicing.adapters.sql.items import ITEMS
from hisab.invoicing.adapters.sql.parties import PARTIES
from hisab.invoicing.adapters.sql.statements import INVOICES
from hisab.invoicing.application import item_views
from hisab.invoicing.application.approval_views import QUEUE_EVENTS, PendingApprovalView, queue_entry
from hisab.invoicing.application.documents import InvoiceDocument
from hisab.invoicing.application.import_views import IMPORT_VIEW_EVENTS, ImportView, project_import
from hisab.invoicing.application.item_views import ITEM_VIEW_EVENTS, ItemView, project_item
from hisab.invoicing.application.parties import PARTY_EVENTS, PartyView, project_party
from hisab.invoicing.application.ports import (
    InvoiceFilter,
    InvoicePage,
    ItemFilter,
    ItemPage,
    PartyFilter,
    PartyPage,
    PendingApprovalPage,
)
from hisab.invoicing.application.views import INVOICE_EVENTS, InvoiceView, project
from hisab.invoicing.application.views import search_text as invoice_search_text
from hisab.invoicing.domain.imports import ImportKind
from hisab.invoicing.domain.party import search_term, search_text
from hisab.kernel.errors import ConcurrencyError, IdempotencyKeyTakenError, InvalidInputError
from hisab.kernel.fiscal_year import BANGLADESH_TIME
from hisab.taxpayer.adapters.sql.approval_policies import POLICIES
from hisab.taxpayer.adapters.sql.profiles import PROFILES
from hisab.taxpayer.application.policy_views import POLICY_EVENTS, ApprovalPolicyView, project_policy
from hisab.taxpayer.application.views import PROFILE_EVENTS, SupplierProfileView, project_profile
from hisab.taxpayer.domain.policy import TenantPolicy
from tests.fakes_ageing import MemoryReceivableReports
from tests.fakes_bank import MemoryBankStatementProjection, MemoryBankStatementQueries, MemoryBankStatementTables
from tests.fakes_bills import MemoryBillProjection, MemoryBillQueries, MemoryBillTables
from tests.fakes_ledger import MemoryBooksTables, MemoryJournalProjection, MemoryLedgerQueries
from tests.fakes_notes import MemoryNoteProjection, MemoryNoteQueries
from tests.fakes_payments import MemoryPaymentProjection, MemoryPaymentQueries, MemoryPaymentTables
from tests.fakes_receivables import (
    MemoryReceivableQueries,
    MemoryReceivablesProjection,
    MemoryReceivablesTables,
    payment_match,
)
from tests.fakes_vat_entries import MemoryReturnEntryProjection, MemoryReturnEntryQueries
from tests.fakes_vat_return import MemoryReturnProjection, MemoryReturnQueries, MemoryReturnTables

Key = tuple[str, ...]
T = TypeVar("T")


@dataclass
class MemoryTables:
    """The fake's read models and settings: one dictionary per table, keyed like the SQL tables."""

    rows: dict[str, dict[Key, Any]] = field(default_factory=dict)

    def table(self, name: str) -> dict[Key, Any]:
        return self.rows.setdefault(name, {})


@dataclass
class _State:
    events: list[StoredEvent] = field(default_factory=list)
    counters: dict[tuple[str, str], int] = field(default_factory=dict)
    keys: dict[tuple[str, str], IdempotencyRecord] = field(default_factory=dict)
    tables: MemoryTables = field(default_factory=MemoryTables)


class FakeEventStore:
    def __init__(self, state: _State) -> None:
        self._state = state

    async def append(
        self, stream_id: str, expected_version: int, events: Sequence[DomainEvent], metadata: EventMetadata
    ) -> list[StoredEvent]:
        current = max((e.version for e in self._state.events if e.stream_id == stream_id), default=0)
        if current != expected_version:
            raise ConcurrencyError(f"stream {stream_id} is at version {current}, not {expected_version}")
        start = len(self._state.events)
        stored = [
            StoredEvent(str(uuid.uuid4()), stream_id, expected_version + n, start + n, event, metadata)
            for n, event in enumerate(events, start=1)
        ]
        self._state.events.extend(stored)
        return stored

    async def begin_streams(self, streams: Sequence[NewStream], metadata: EventMetadata) -> list[list[StoredEvent]]:
        existing = {e.stream_id for e in self._state.events}
        if any(stream.stream_id in existing for stream in streams):
            raise ConcurrencyError("one of the new streams exists already")
        return [await self.append(stream.stream_id, 0, stream.events, metadata) for stream in streams]

    async def read_stream(self, tenant_id: str, stream_id: str) -> list[StoredEvent]:
        return [e for e in self._state.events if e.stream_id == stream_id and e.metadata.tenant_id == tenant_id]

    async def hold(self, tenant_id: str, stream_id: str) -> None:
        """Nothing to do: the fake runs one transaction at a time."""

    async def read_all(self, after_position: int, limit: int) -> list[StoredEvent]:
        return [e for e in self._state.events if e.position > after_position][:limit]

    async def read_by_stream(self, after: tuple[str, int] | None, limit: int) -> list[StoredEvent]:
        ordered = sorted(self._state.events, key=lambda e: (e.stream_id, e.version))
        return [e for e in ordered if after is None or (e.stream_id, e.version) > after][:limit]


class FakeNumbering:
    def __init__(self, state: _State) -> None:
        self._state = state

    async def next_value(self, tenant_id: str, series: str) -> int:
        value = self._state.counters.get((tenant_id, series), 0) + 1
        self._state.counters[(tenant_id, series)] = value
        return value

    async def reserve(self, tenant_id: str, counts: Mapping[str, int]) -> dict[str, int]:
        reserved: dict[str, int] = {}
        for series, count in counts.items():
            reserved[series] = self._state.counters.get((tenant_id, series), 0) + 1
            self._state.counters[(tenant_id, series)] = reserved[series] + count - 1
        return reserved


class FakeIdempotencyStore:
    def __init__(self, state: _State) -> None:
        self._state = state

    async def find(self, tenant_id: str, key: str) -> IdempotencyRecord | None:
        return self._state.keys.get((tenant_id, key))

    async def save(self, tenant_id: str, key: str, record: IdempotencyRecord) -> None:
        if (tenant_id, key) in self._state.keys:
            raise IdempotencyKeyTakenError(key)
        self._state.keys[(tenant_id, key)] = record


class FakeTransaction:
    def __init__(self, state: _State) -> None:
        self.state = state
        self.events = FakeEventStore(state)
        self.counters = FakeNumbering(state)
        self.idempotency = FakeIdempotencyStore(state)
        self.tables = state.tables
        self.committed = False

    async def commit(self) -> None:
        self.committed = True


class FakeDatabase:
    """Transactions work on a copy of the state that replaces it only on commit."""

    def __init__(self) -> None:
        self.state = _State()
        self.revision: str | None = head_revision()
        self._lock = asyncio.Lock()

    @asynccontextmanager
    async def transaction(self, tenant_id: str) -> AsyncIterator[FakeTransaction]:
        async with self._lock:
            transaction = FakeTransaction(copy.deepcopy(self.state))
            yield transaction
            if transaction.committed:
                self.state = transaction.state

    @asynccontextmanager
    async def reading(self, tenant_id: str, operation: str) -> AsyncIterator[MemoryTables]:
        yield self.state.tables

    async def rebuild(self, projections: Projections[MemoryTables], *, verify_only: bool) -> list[str]:
        streams: dict[str, list[StoredEvent]] = {}
        for stored in self.state.events:
            streams.setdefault(stored.stream_id, []).append(stored)
        fresh = MemoryTables()
        for stream in streams.values():
            await projections.apply(fresh, stream, stream)
        tables = [table for projection in projections for table in projection.tables]
        found = [
            f"{table.noun} {'/'.join(key)} differs"
            for table in tables
            for key in sorted(set(fresh.table(table.name)) | set(self.state.tables.table(table.name)))
            if fresh.table(table.name).get(key) != self.state.tables.table(table.name).get(key)
        ]
        if not verify_only:
            for table in tables:
                self.state.tables.rows[table.name] = fresh.table(table.name)
        return found

    async def ping(self) -> None:
        return None

    async def schema_revision(self) -> str | None:
        return self.revision

    async def close(self) -> None:
        return None


class MemoryInvoiceProjection:
    name = "invoices"
    follows = INVOICE_EVENTS
    tables: tuple[ReadModelTable, ...] = (INVOICES,)

    async def apply(self, tables: MemoryTables, stream: Sequence[StoredEvent], new: Sequence[StoredEvent]) -> None:
        view = project(stream)
        tables.table(INVOICES.name)[(view.tenant_id, view.invoice_id)] = view


MemoryReading = Callable[[str, str], AbstractAsyncContextManager[MemoryTables]]


# Whether an invoice (of a tenant, in these tables) is of these payment statuses or overdue on a day.
PaymentMatch = Callable[[Any, str, str, tuple[str, ...], Any], bool]


class MemoryInvoiceQueries:
    def __init__(self, reading: MemoryReading, payments: PaymentMatch | None = None) -> None:
        self._reading = reading
        self._payments = payments

    async def get(self, tenant_id: str, invoice_id: str) -> InvoiceView | None:
        async with self._reading(tenant_id, "invoices.get") as tables:
            found: InvoiceView | None = tables.table(INVOICES.name).get((tenant_id, invoice_id))
        return found

    async def get_many(self, tenant_id: str, invoice_ids: Sequence[str]) -> dict[str, InvoiceView]:
        async with self._reading(tenant_id, "invoices.get_many") as tables:
            found = {i: tables.table(INVOICES.name).get((tenant_id, i)) for i in invoice_ids}
        return {i: view for i, view in found.items() if view is not None}

    async def by_number(self, tenant_id: str, number: str) -> InvoiceView | None:
        async with self._reading(tenant_id, "invoices.by_number") as tables:
            views: builtins.list[InvoiceView] = list(tables.table(INVOICES.name).values())
        found = [v for v in views if v.tenant_id == tenant_id and number in (v.invoice_number, v.mushak_number)]
        return min(found, key=lambda v: v.sequence) if found else None

    async def list(self, tenant_id: str, filter: InvoiceFilter, first: int, after_sequence: int | None) -> InvoicePage:
        async with self._reading(tenant_id, "invoices.list") as tables:
            views: builtins.list[InvoiceView] = list(tables.table(INVOICES.name).values())
            matching = [
                v
                for v in views
                if v.tenant_id == tenant_id and _matches(v, filter) and self._paid_as(tables, v, filter)
            ]
        return InvoicePage(*_keyset_page(matching, lambda v: v.sequence, first, after_sequence))

    def _paid_as(self, tables: Any, view: InvoiceView, where: InvoiceFilter) -> bool:
        if not where.payment_statuses and where.overdue_on is None:
            return True
        assert self._payments is not None
        return self._payments(tables, view.tenant_id, view.invoice_id, where.payment_statuses, where.overdue_on)


def _keyset_page(
    matching: Sequence[T], sequence: Callable[[T], int], first: int, after_sequence: int | None
) -> tuple[list[T], bool, int]:
    """What a SQL keyset page answers: the page newest first after the cursor, whether more follow, how many match."""
    newest = sorted(matching, key=sequence, reverse=True)
    after = [e for e in newest if after_sequence is None or sequence(e) < after_sequence]
    return after[:first], len(after) > first, len(matching)


def _matches(view: InvoiceView, where: InvoiceFilter) -> bool:
    return (
        (not where.statuses or view.status in where.statuses)
        and where.customer_id in (None, view.customer_id)
        and where.vendor_id in (None, view.vendor_id)
        and where.fiscal_year in (None, view.fiscal_year)
        and (where.invoice_date_from is None or view.invoice_date >= where.invoice_date_from)
        and (where.invoice_date_to is None or view.invoice_date <= where.invoice_date_to)
        and _on_days(view.issued_at, where.issued_between)
        and _on_days(view.cancelled_at, where.cancelled_between)
        and (where.min_total is None or view.totals.grand_total >= where.min_total)
        and (where.max_total is None or view.totals.grand_total <= where.max_total)
        and where.mushak_number in (None, view.mushak_number)
        and where.customer_party_id in (None, view.customer_party_id)
        and (not where.search or where.search in invoice_search_text(view))
    )


class MemoryProfileProjection:
    name = "supplier_profiles"
    follows = PROFILE_EVENTS
    tables: tuple[ReadModelTable, ...] = (PROFILES,)

    async def apply(self, tables: MemoryTables, stream: Sequence[StoredEvent], new: Sequence[StoredEvent]) -> None:
        view = project_profile(stream)
        tables.table(PROFILES.name)[(view.tenant_id,)] = view


class MemoryProfileQueries:
    def __init__(self, reading: MemoryReading) -> None:
        self._reading = reading

    async def get(self, tenant_id: str) -> SupplierProfileView | None:
        async with self._reading(tenant_id, "supplier_profile.get") as tables:
            found: SupplierProfileView | None = tables.table(PROFILES.name).get((tenant_id,))
        return found


class MemoryPartyProjection:
    """Like the SQL table's unique index: a code names one party of a tenant."""

    name = "parties"
    follows = PARTY_EVENTS
    tables: tuple[ReadModelTable, ...] = (PARTIES,)

    async def apply(self, tables: MemoryTables, stream: Sequence[StoredEvent], new: Sequence[StoredEvent]) -> None:
        view = project_party(stream)
        parties: dict[Key, PartyView] = tables.table(PARTIES.name)
        if any(
            other.tenant_id == view.tenant_id and other.details.code == view.details.code
            for key, other in parties.items()
            if key != (view.tenant_id, view.party_id)
        ):
            raise InvalidInputError.single("code", "unique", f"another party already has the code {view.details.code}")
        parties[(view.tenant_id, view.party_id)] = view


class MemoryPartyQueries:
    def __init__(self, reading: MemoryReading) -> None:
        self._reading = reading

    async def get(self, tenant_id: str, party_id: str) -> PartyView | None:
        async with self._reading(tenant_id, "parties.get") as tables:
            found: PartyView | None = tables.table(PARTIES.name).get((tenant_id, party_id))
        return found

    async def get_many(self, tenant_id: str, party_ids: Sequence[str]) -> dict[str, PartyView]:
        async with self._reading(tenant_id, "parties.get_many") as tables:
            parties = tables.table(PARTIES.name)
            return {i: parties[(tenant_id, i)] for i in party_ids if (tenant_id, i) in parties}

    async def list(self, tenant_id: str, filter: PartyFilter, first: int, after_sequence: int | None) -> PartyPage:
        async with self._reading(tenant_id, "parties.list") as tables:
            views: builtins.list[PartyView] = list(tables.table(PARTIES.name).values())
        matching = [v for v in views if v.tenant_id == tenant_id and _party_matches(v, filter)]
        return PartyPage(*_keyset_page(matching, lambda v: v.sequence, first, after_sequence))


def _party_matches(view: PartyView, where: PartyFilter) -> bool:
    return (
        (not where.kinds or any(kind in view.details.kinds for kind in where.kinds))
        and where.active in (None, view.active)
        and (not where.search or search_term(where.search) in search_text(view.details))
    )


class FakeTenantSettings:
    _TABLE = "tenant_settings"

    def __init__(self, database: Database[MemoryTables]) -> None:
        self._database = database

    async def get(self, tenant_id: str) -> TenantPolicy:
        async with self._database.reading(tenant_id, "tenant_settings.get") as tables:
            return await self.get_within(tables, tenant_id)

    async def get_within(self, tables: MemoryTables, tenant_id: str) -> TenantPolicy:
        found: TenantPolicy = tables.table(self._TABLE).get((tenant_id,), TenantPolicy())
        return found

    async def save(self, tenant_id: str, policy: TenantPolicy, updated_by: str, updated_at: datetime) -> None:
        async with self._database.transaction(tenant_id) as transaction:
            transaction.tables.table(self._TABLE)[(tenant_id,)] = policy
            await transaction.commit()


class FakeAuditTrail:
    """Like the SQL table: a sequence given in the order reads are kept, and nothing ever changed."""

    _TABLE = "audit_reads"

    def __init__(self, database: Database[MemoryTables]) -> None:
        self._database = database

    async def record(self, read: AuditedRead) -> None:
        async with self._database.transaction(read.tenant_id) as transaction:
            table: dict[Key, AuditEntry] = transaction.tables.table(self._TABLE)
            sequence = max((entry.sequence for entry in table.values()), default=0) + 1
            table[(str(sequence),)] = AuditEntry(sequence, read)
            await transaction.commit()

    async def list(self, tenant_id: str, filter: AuditFilter, first: int, after_sequence: int | None) -> AuditPage:
        async with self._database.reading(tenant_id, "audit_reads.list") as tables:
            entries: builtins.list[AuditEntry] = list(tables.table(self._TABLE).values())
        matching = [e for e in entries if e.read.tenant_id == tenant_id and _read_matches(e.read, filter)]
        return AuditPage(*_keyset_page(matching, lambda e: e.sequence, first, after_sequence))


def _read_matches(read: AuditedRead, where: AuditFilter) -> bool:
    return (
        where.user_id in (None, read.user_id)
        and (where.read_from is None or read.read_at >= where.read_from)
        and (where.read_to is None or read.read_at <= where.read_to)
    )


class MemoryApprovalPolicyProjection:
    name = "approval_policies"
    follows = POLICY_EVENTS
    tables: tuple[ReadModelTable, ...] = (POLICIES,)

    async def apply(self, tables: MemoryTables, stream: Sequence[StoredEvent], new: Sequence[StoredEvent]) -> None:
        view = project_policy(stream)
        tables.table(POLICIES.name)[(view.tenant_id,)] = view


class MemoryApprovalPolicyQueries:
    def __init__(self, reading: MemoryReading) -> None:
        self._reading = reading

    async def get(self, tenant_id: str) -> ApprovalPolicyView | None:
        async with self._reading(tenant_id, "approval_policy.get") as tables:
            found: ApprovalPolicyView | None = tables.table(POLICIES.name).get((tenant_id,))
        return found


class MemoryApprovalQueueProjection:
    name = "approval_queue"
    follows = QUEUE_EVENTS
    tables: tuple[ReadModelTable, ...] = (QUEUE,)

    async def apply(self, tables: MemoryTables, stream: Sequence[StoredEvent], new: Sequence[StoredEvent]) -> None:
        entry = queue_entry(stream)
        key = (stream[0].metadata.tenant_id, stream[0].stream_id)
        if entry is None:
            tables.table(QUEUE.name).pop(key, None)
        else:
            tables.table(QUEUE.name)[key] = entry


class MemoryApprovalQueueQueries:
    def __init__(self, reading: MemoryReading) -> None:
        self._reading = reading

    async def pending(
        self, tenant_id: str, user_id: str, roles: frozenset[str], first: int, after_sequence: int | None
    ) -> PendingApprovalPage:
        async with self._reading(tenant_id, "approval_queue.pending") as tables:
            entries: builtins.list[PendingApprovalView] = list(tables.table(QUEUE.name).values())
        matching = [e for e in entries if e.tenant_id == tenant_id and _may_approve(e, user_id, roles)]
        return PendingApprovalPage(*_keyset_page(matching, lambda e: e.sequence, first, after_sequence))


def _may_approve(entry: PendingApprovalView, user_id: str, roles: frozenset[str]) -> bool:
    assigned = entry.delegated_to == user_id if entry.delegated_to is not None else entry.role in roles
    return assigned and user_id != entry.created_by and user_id not in entry.approvers


def memory_adapters() -> StorageAdapters[MemoryTables]:
    return StorageAdapters(
        Projections(
            [
                MemoryInvoiceProjection(),
                MemoryProfileProjection(),
                MemoryPartyProjection(),
                MemoryItemProjection(),
                MemoryApprovalPolicyProjection(),
                MemoryApprovalQueueProjection(),
                MemoryImportProjection(),
                MemoryNoteProjection(),
                MemoryReceivablesProjection(),
                MemoryBankStatementProjection(),
                MemoryJournalProjection(),
                MemoryBillProjection(),
                MemoryPaymentProjection(),
                MemoryReturnEntryProjection(),
                MemoryReturnProjection(),
            ]
        ),
        invoices=lambda database: MemoryInvoiceQueries(database.reading, payment_match),
        parties=lambda database: MemoryPartyQueries(database.reading),
        items=lambda database: MemoryItemQueries(database.reading),
        imports=lambda database: MemoryImportQueries(database.reading),
        profiles=lambda database: MemoryProfileQueries(database.reading),
        tenant_settings=FakeTenantSettings,
        audit_trail=FakeAuditTrail,
        approval_policies=lambda database: MemoryApprovalPolicyQueries(database.reading),
        approval_queue=lambda database: MemoryApprovalQueueQueries(database.reading),
        notes=lambda database: MemoryNoteQueries(database.reading),
        receivables=lambda database: MemoryReceivableQueries(database.reading),
        receivables_tables=MemoryReceivablesTables(),
        ledger=lambda database: MemoryLedgerQueries(database.reading),
        books_tables=MemoryBooksTables(),
        bank_statements=lambda database: MemoryBankStatementQueries(database.reading),
        bank_tables=MemoryBankStatementTables(),
        receivable_reports=lambda database: MemoryReceivableReports(database.reading),
        bills=lambda database: MemoryBillQueries(database.reading),
        bill_tables=MemoryBillTables(),
        payments=lambda database: MemoryPaymentQueries(database.reading),
        payment_tables=MemoryPaymentTables(),
        return_entries=lambda database: MemoryReturnEntryQueries(database.reading),
        vat_returns=lambda database: MemoryReturnQueries(database.reading),
        vat_return_tables=MemoryReturnTables(),
    )


class FakeRefreshTokenLedger:
    def __init__(self) -> None:
        self._used: set[tuple[str, str]] = set()
        self._revoked: set[tuple[str, str]] = set()

    async def redeem(self, tenant_id: str, token_id: str, family_id: str, remember_until: datetime) -> Redemption:
        if (tenant_id, family_id) in self._revoked:
            return Redemption.FAMILY_REVOKED
        if (tenant_id, token_id) not in self._used:
            self._used.add((tenant_id, token_id))
            return Redemption.FIRST_USE
        self._revoked.add((tenant_id, family_id))
        return Redemption.REUSED


class FakeOutbox:
    """The fake database's committed events read as an outbox, with the relay's bookkeeping.

    `poison` marks positions whose events the real adapters would fail to decode.
    """

    def __init__(self, database: FakeDatabase) -> None:
        self._database = database
        self.poison: set[int] = set()
        self._records: dict[str, RelayRecord] = {}
        self._leases: dict[str, float] = {}

    async def pending(self, after_position: int, limit: int) -> list[StoredEvent]:
        ready: list[StoredEvent] = []
        for stored in (e for e in self._database.state.events if e.position > after_position):
            if stored.position in self.poison:
                if not ready:
                    raise PoisonEventError(stored.position, stored.event.event_type, "marked as poison")
                break
            ready.append(stored)
        return ready[:limit]

    async def backlog(self, after_position: int) -> Backlog:
        waiting = [e for e in self._database.state.events if e.position > after_position]
        if not waiting:
            return Backlog(0, None)
        return Backlog(waiting[-1].position - after_position, waiting[0].metadata.occurred_at)

    async def start_position(self, since: datetime | None) -> int:
        events = self._database.state.events
        if since is None:
            return 0
        later = [e.position for e in events if e.metadata.occurred_at >= since]
        return min(later) - 1 if later else max((e.position for e in events), default=0)

    async def inspect(self, position: int) -> RawEvent | None:
        for e in self._database.state.events:
            if e.position == position:
                m = e.metadata
                return RawEvent(position, e.event_id, m.tenant_id, e.stream_id, e.version, e.event.event_type,
                                repr(e.event), m.correlation_id, m.occurred_at.isoformat())  # fmt: skip
        return None

    async def claim(self, topic: str, owner: str, lease_seconds: float, start: int) -> int | None:
        record = self._records.get(topic)
        if record is None:
            record = RelayRecord(topic, start, owner, 0.0, "publishing", None, datetime.now(UTC))
        elif record.owner not in (owner, None) and self._leases[topic] >= time.monotonic():
            return None
        self._records[topic] = replace(record, owner=owner)
        self._leases[topic] = time.monotonic() + lease_seconds
        return record.position

    async def advance(self, topic: str, owner: str, position: int) -> bool:
        return self._update(topic, owner, {"position": position})

    async def report(self, topic: str, owner: str, status: str, detail: str | None) -> None:
        self._update(topic, owner, {"status": status, "detail": detail})

    async def release(self, topic: str, owner: str) -> None:
        if self._update(topic, owner, {"owner": None}):
            self._leases[topic] = 0.0

    async def record(self, topic: str) -> RelayRecord | None:
        record = self._records.get(topic)
        if record is None:
            return None
        left = max(self._leases[topic] - time.monotonic(), 0.0) if record.owner else 0.0
        return replace(record, lease_seconds_left=left)

    def _update(self, topic: str, owner: str, changes: dict[str, object]) -> bool:
        record = self._records.get(topic)
        if record is None or record.owner != owner:
            return False
        self._records[topic] = replace(record, updated_at=datetime.now(UTC), **changes)  # type: ignore[arg-type]
        return True

    async def close(self) -> None:
        return None


class FakePublisher:
    """Keeps what it was given; `failures` makes that many next publishes fail first, and
    `delay` makes each wait that long for its "acknowledgement"."""

    def __init__(self) -> None:
        self.published: list[StoredEvent] = []
        self.failures = 0
        self.delay = 0.0
        self.attempts = 0

    async def publish(self, events: Sequence[StoredEvent]) -> None:
        self.attempts += 1
        await asyncio.sleep(self.delay)
        if self.failures:
            self.failures -= 1
            raise PublishError("the fake broker is down")
        self.published.extend(events)

    async def close(self) -> None:
        return None


class FakeDocumentRenderer:
    """Remembers every document it was asked to render; the bytes name its copies."""

    media_type = "application/x-fake"

    def __init__(self) -> None:
        self.rendered: list[InvoiceDocument] = []

    def render(self, document: InvoiceDocument) -> bytes:
        self.rendered.append(document)
        return ",".join(copy.value for copy in document.copies).encode()


class MemoryItemProjection:
    name = "items"
    follows = ITEM_VIEW_EVENTS
    tables: tuple[ReadModelTable, ...] = (ITEMS,)

    async def apply(self, tables: MemoryTables, stream: Sequence[StoredEvent], new: Sequence[StoredEvent]) -> None:
        view = project_item(stream)
        items = tables.table(ITEMS.name)
        # What the SQL table's unique (tenant_id, code) index refuses.
        if any(
            (other.tenant_id, other.details.code) == (view.tenant_id, view.details.code)
            and other.item_id != view.item_id
            for other in items.values()
        ):
            message = f"another item already has the code {view.details.code}"
            raise InvalidInputError.single("code", "unique", message)
        items[(view.tenant_id, view.item_id)] = view


class MemoryItemQueries:
    def __init__(self, reading: MemoryReading) -> None:
        self._reading = reading

    async def get(self, tenant_id: str, item_id: str) -> ItemView | None:
        async with self._reading(tenant_id, "items.get") as tables:
            found: ItemView | None = tables.table(ITEMS.name).get((tenant_id, item_id))
        return found

    async def get_many(self, tenant_id: str, item_ids: Sequence[str]) -> dict[str, ItemView]:
        async with self._reading(tenant_id, "items.get_many") as tables:
            items = tables.table(ITEMS.name)
            return {i: items[(tenant_id, i)] for i in item_ids if (tenant_id, i) in items}

    async def list(self, tenant_id: str, filter: ItemFilter, first: int, after_sequence: int | None) -> ItemPage:
        async with self._reading(tenant_id, "items.list") as tables:
            views: builtins.list[ItemView] = list(tables.table(ITEMS.name).values())
        matching = [
            v
            for v in views
            if v.tenant_id == tenant_id
            and filter.active in (None, v.active)
            and (not filter.search or filter.search in item_views.search_text(v.details))
        ]
        return ItemPage(*_keyset_page(matching, lambda v: v.sequence, first, after_sequence))


class MemoryImportProjection:
    name = "imports"
    follows = IMPORT_VIEW_EVENTS
    tables: tuple[ReadModelTable, ...] = (IMPORTS,)

    async def apply(self, tables: MemoryTables, stream: Sequence[StoredEvent], new: Sequence[StoredEvent]) -> None:
        view = project_import(stream)
        tables.table(IMPORTS.name)[(view.tenant_id, view.import_id)] = view


class MemoryImportQueries:
    def __init__(self, reading: MemoryReading) -> None:
        self._reading = reading

    async def get(self, tenant_id: str, import_id: str) -> ImportView | None:
        async with self._reading(tenant_id, "imports.get") as tables:
            found: ImportView | None = tables.table(IMPORTS.name).get((tenant_id, import_id))
        return found

    async def recent(self, tenant_id: str, limit: int) -> builtins.list[ImportView]:
        async with self._reading(tenant_id, "imports.recent") as tables:
            views = [v for v in tables.table(IMPORTS.name).values() if v.tenant_id == tenant_id]
        return sorted(views, key=lambda v: (-v.created_at.timestamp(), v.import_id))[:limit]

    async def ids_by_code(self, tenant_id: str, kind: ImportKind, codes: Sequence[str]) -> dict[str, str]:
        table = PARTIES if kind is ImportKind.PARTIES else ITEMS
        wanted = set(codes)
        async with self._reading(tenant_id, "imports.ids_by_code") as tables:
            views = [v for v in tables.table(table.name).values() if v.tenant_id == tenant_id]
        return {
            v.details.code: v.party_id if table is PARTIES else v.item_id for v in views if v.details.code in wanted
        }


def _on_days(moment: datetime | None, days: tuple[date, date] | None) -> bool:
    """Whether a moment falls on a Dhaka day of the range (any moment does, with no range)."""
    if days is None:
        return True
    return moment is not None and days[0] <= moment.astimezone(BANGLADESH_TIME).date() <= days[1]
