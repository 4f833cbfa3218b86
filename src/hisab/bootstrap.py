"""The composition root: the one place that picks adapters from settings."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Generic, TypeVar

from redis.asyncio import Redis
from starlette.applications import Starlette

from hisab.access.adapters.passwords import Argon2Hasher
from hisab.access.adapters.rate_limits import FallbackRateLimiter, InMemoryRateLimiter
from hisab.access.adapters.redis import connect as connect_redis
from hisab.access.adapters.redis.rate_limiter import RedisRateLimiter
from hisab.access.adapters.redis.refresh_tokens import RedisRefreshTokenLedger
from hisab.access.adapters.sql import SqlRefreshTokenLedger
from hisab.access.adapters.sql_users import SqlPreferenceStore, SqlUserStore
from hisab.access.application.dependencies import Access
from hisab.access.application.users import UserAccounts
from hisab.access.domain.users import LockoutPolicy
from hisab.api.app import create_app
from hisab.api.telemetry import Observability
from hisab.audit.adapters.sql.trail import SqlAuditTrail
from hisab.audit.application.dependencies import Audit
from hisab.audit.application.ports import AuditTrail
from hisab.config import DEFAULT_AUDITED_ROLES, DEFAULT_ROLES, ConfigurationError, Settings
from hisab.event_store.adapters.postgres.database import PostgresDatabase
from hisab.event_store.adapters.postgres.outbox import PostgresOutbox
from hisab.event_store.adapters.postgres.roles import grant_app_role
from hisab.event_store.adapters.sql.session import SqlSession
from hisab.event_store.adapters.sqlite.database import SQLiteDatabase
from hisab.event_store.adapters.sqlite.outbox import SQLiteOutbox
from hisab.event_store.outbox import Outbox
from hisab.event_store.ports import Database
from hisab.event_store.projections import Projections
from hisab.event_store.reactions import Reactions
from hisab.event_store.relay import Relay, RelaySettings
from hisab.event_store.relay_monitor import RelayMonitor
from hisab.event_store.streams import Streams
from hisab.event_store.timed_database import TimedDatabase
from hisab.infrastructure.kafka.client import KafkaOptions
from hisab.infrastructure.kafka.consumer import KafkaEventConsumer
from hisab.infrastructure.kafka.publisher import KafkaEventPublisher
from hisab.infrastructure.migrations import ensure_at_head, migrate, schema_state
from hisab.infrastructure.rate_table_file import load_rate_table
from hisab.infrastructure.relay_gauges import export_relay_metrics, relay_check
from hisab.infrastructure.telemetry.logs import configure_logging
from hisab.infrastructure.telemetry.prometheus import PrometheusMetrics
from hisab.infrastructure.telemetry.tracing import OpenTelemetryTracer, tracer_from_environment
from hisab.infrastructure.token_keys import session_secret, token_issuer, token_verifier
from hisab.invoicing.adapters.sql.approval_queue import SqlApprovalQueueProjection, SqlApprovalQueueQueries
from hisab.invoicing.adapters.sql.imports import SqlImportProjection, SqlImportQueries
from hisab.invoicing.adapters.sql.items import SqlItemProjection, SqlItemQueries
from hisab.invoicing.adapters.sql.notes import SqlNoteProjection, SqlNoteQueries
from hisab.invoicing.adapters.sql.parties import SqlPartyProjection, SqlPartyQueries
from hisab.invoicing.adapters.sql.projection import SqlInvoiceProjection
from hisab.invoicing.adapters.sql.queries import SqlInvoiceQueries
from hisab.invoicing.application.dependencies import Invoicing
from hisab.invoicing.application.import_views import ImportQueries
from hisab.invoicing.application.imports import DEFAULT_BATCH_SIZE, Imports
from hisab.invoicing.application.ports import (
    ApprovalQueueQueries,
    InvoiceQueries,
    ItemQueries,
    NoteQueries,
    PartyQueries,
)
from hisab.kernel.readiness import NotReadyError, Readiness, ReadinessCheck
from hisab.kernel.services import Services
from hisab.kernel.telemetry import Telemetry as UseCaseTelemetry
from hisab.kernel.vat import RateTable
from hisab.ledger.adapters.chart_file import load_default_chart
from hisab.ledger.adapters.sql.books_tables import SqlBooksTables
from hisab.ledger.adapters.sql.journal import SqlJournalProjection
from hisab.ledger.adapters.sql.queries import SqlLedgerQueries
from hisab.ledger.application.dependencies import Ledger
from hisab.ledger.application.ports import BooksTables, LedgerQueries
from hisab.ledger.application.postings import LedgerPostings
from hisab.ledger.application.vat_movements import LedgerVatMovements
from hisab.ledger.domain.books import ChartTemplate
from hisab.purchases.adapters.sql.bills import SqlBillProjection, SqlBillQueries, SqlBillTables
from hisab.purchases.adapters.sql.payments import SqlPaymentProjection, SqlPaymentQueries, SqlPaymentTables
from hisab.purchases.adapters.withholding_rate_file import load_withholding_rates
from hisab.purchases.application.bill_ports import BillQueries, BillTables
from hisab.purchases.application.dependencies import Purchases
from hisab.purchases.application.payment_dependencies import Payments
from hisab.purchases.application.payment_guards import PaidBillGuard
from hisab.purchases.application.payment_ports import PaymentQueries, PaymentTables
from hisab.purchases.domain.withholding_rates import WithholdingRates
from hisab.receivables.adapters.sql.ageing import SqlReceivableReports
from hisab.receivables.adapters.sql.bank_statements import (
    SqlBankStatementProjection,
    SqlBankStatementQueries,
    SqlBankStatementTables,
)
from hisab.receivables.adapters.sql.projection import SqlReceivablesProjection
from hisab.receivables.adapters.sql.queries import SqlReceivableQueries, SqlReceivablesTables, payment_condition
from hisab.receivables.application.dependencies import Receivables
from hisab.receivables.application.guards import SettledInvoiceGuard
from hisab.receivables.application.ports import ReceivableQueries, ReceivableReports, ReceivablesTables
from hisab.receivables.application.reconciliation import BankStatementQueries, BankStatementTables
from hisab.taxpayer.adapters.sql.approval_policies import SqlApprovalPolicyProjection, SqlApprovalPolicyQueries
from hisab.taxpayer.adapters.sql.profiles import SqlProfileProjection, SqlProfileQueries
from hisab.taxpayer.adapters.sql.tenant_settings import SqlTenantSettings
from hisab.taxpayer.application.dependencies import Taxpayer
from hisab.taxpayer.application.ports import ApprovalPolicyQueries, ProfileQueries, TenantSettingsStore
from hisab.vat_return.adapters.calendar_file import load_tax_calendar
from hisab.vat_return.adapters.sql.entries import SqlReturnEntryProjection, SqlReturnEntryQueries
from hisab.vat_return.adapters.sql.returns import SqlReturnProjection, SqlReturnQueries, SqlReturnTables
from hisab.vat_return.application.dependencies import VatReturns
from hisab.vat_return.application.period_lock import PeriodLock
from hisab.vat_return.application.ports import ReturnQueries, ReturnTables
from hisab.vat_return.application.register_views import ReturnEntryReads
from hisab.vat_return.application.registers import Registers
from hisab.vat_return.domain.calendar import TaxCalendar
from hisab.web.app import WebOptions
from hisab.web.oidc import OidcClient

_log = logging.getLogger(__name__)
S = TypeVar("S")


@dataclass(frozen=True, slots=True)
class Telemetry:
    """The metrics and tracing adapters of one app: the HTTP layer and the use cases share them."""

    metrics: PrometheusMetrics
    tracer: OpenTelemetryTracer

    @classmethod
    def from_environment(cls) -> Telemetry:
        return cls(PrometheusMetrics.from_environment(), tracer_from_environment())

    def for_use_cases(self) -> UseCaseTelemetry:
        return UseCaseTelemetry(self.tracer, self.metrics)


async def migrate_database(settings: Settings) -> None:
    """Migrate as the owner, then grant the service role (if one is named) what it needs."""
    if settings.is_sqlite:
        _sqlite_path(settings.database_url).parent.mkdir(parents=True, exist_ok=True)
    await migrate(settings.owner_database_url)
    if settings.database_app_role and not settings.is_sqlite:
        await grant_app_role(settings.owner_database_url, settings.database_app_role)


async def prepare_database(settings: Settings, *, as_owner: bool = False) -> str:
    """Migrate if the settings say so; return the URL to connect with, once its schema is at head."""
    if settings.migrates_on_start:
        await migrate_database(settings)
    url = settings.owner_database_url if as_owner else settings.database_url
    await ensure_at_head(url)
    return url


async def open_database(settings: Settings, *, as_owner: bool = False) -> Database[SqlSession]:
    """Connect to the configured database, migrating it first if the settings say so.

    `as_owner` connects as the table owner, which row-level security does not restrict: for
    administration across tenants, such as rebuilding the read model.
    """
    url = await prepare_database(settings, as_owner=as_owner)
    if settings.is_sqlite:
        return await SQLiteDatabase.open(_sqlite_path(url))
    database = await PostgresDatabase.open(url, min_size=settings.db_pool_min_size, max_size=settings.db_pool_max_size)
    if not as_owner and await database.sees_every_tenant():
        message = (
            "the service connects to PostgreSQL as a role that row-level security does not apply to "
            "(the tables' owner, a superuser or a BYPASSRLS role); connect as the service role (docs/security.md)"
        )
        if settings.is_production:
            await database.close()
            raise ConfigurationError(message)
        _log.warning("%s: tenants are kept apart by the application's queries alone", message)
    return database


@asynccontextmanager
async def open_services(settings: Settings, telemetry: Telemetry | None = None) -> AsyncIterator[Services]:
    telemetry = telemetry or Telemetry.from_environment()
    database = await open_database(settings)
    redis = connect_redis(settings.redis_url) if settings.redis_url else None
    try:
        readiness = Readiness()
        readiness.register("database", database_check(database))
        readiness.register("migrations", schema_check(database))
        async with _relay_in_process(settings, readiness, telemetry):
            access = access_control(settings, database, redis)
            rules = Rules.from_settings(settings)
            yield wire(database, sql_adapters(), rules, access, readiness, telemetry.for_use_cases())
    finally:
        if redis is not None:
            await redis.aclose()
        await database.close()
        telemetry.tracer.shutdown()


@dataclass(frozen=True, slots=True)
class StorageAdapters(Generic[S]):
    """What one family of storage backends brings: its projections and each context's queries and stores.

    SQLite and PostgreSQL share the SQL family; the tests bring their in-memory one.
    """

    projections: Projections[S]
    invoices: Callable[[Database[S]], InvoiceQueries]
    parties: Callable[[Database[S]], PartyQueries]
    items: Callable[[Database[S]], ItemQueries]
    imports: Callable[[Database[S]], ImportQueries]
    profiles: Callable[[Database[S]], ProfileQueries]
    tenant_settings: Callable[[Database[S]], TenantSettingsStore]
    audit_trail: Callable[[Database[S]], AuditTrail]
    approval_policies: Callable[[Database[S]], ApprovalPolicyQueries]
    approval_queue: Callable[[Database[S]], ApprovalQueueQueries]
    notes: Callable[[Database[S]], NoteQueries]
    receivables: Callable[[Database[S]], ReceivableQueries]
    receivables_tables: ReceivablesTables[S]
    ledger: Callable[[Database[S]], LedgerQueries]
    books_tables: BooksTables[S]
    bank_statements: Callable[[Database[S]], BankStatementQueries]
    bank_tables: BankStatementTables[S]
    receivable_reports: Callable[[Database[S]], ReceivableReports]
    bills: Callable[[Database[S]], BillQueries]
    bill_tables: BillTables[S]
    payments: Callable[[Database[S]], PaymentQueries]
    payment_tables: PaymentTables[S]

    # The return entries: the registers' rows and the Mushak-9.1's sums and sub-forms.
    return_entries: Callable[[Database[S]], ReturnEntryReads]
    vat_returns: Callable[[Database[S]], ReturnQueries]
    vat_return_tables: ReturnTables[S]


def projections() -> Projections[SqlSession]:
    """Every read model kept in SQL: one line per projection."""
    return Projections(
        [
            SqlInvoiceProjection(),
            SqlProfileProjection(),
            SqlPartyProjection(),
            SqlItemProjection(),
            SqlApprovalPolicyProjection(),
            SqlApprovalQueueProjection(),
            SqlImportProjection(),
            SqlNoteProjection(),
            SqlReceivablesProjection(),
            SqlBankStatementProjection(),
            SqlJournalProjection(),
            SqlBillProjection(),
            SqlPaymentProjection(),
            SqlReturnEntryProjection(),
            SqlReturnProjection(),
        ]
    )


def sql_adapters() -> StorageAdapters[SqlSession]:
    return StorageAdapters(
        projections(),
        invoices=lambda database: SqlInvoiceQueries(database.reading, payment_condition),
        parties=lambda database: SqlPartyQueries(database.reading),
        items=lambda database: SqlItemQueries(database.reading),
        imports=lambda database: SqlImportQueries(database.reading),
        profiles=lambda database: SqlProfileQueries(database.reading),
        tenant_settings=SqlTenantSettings,
        audit_trail=SqlAuditTrail,
        approval_policies=lambda database: SqlApprovalPolicyQueries(database.reading),
        approval_queue=lambda database: SqlApprovalQueueQueries(database.reading),
        notes=lambda database: SqlNoteQueries(database.reading),
        receivables=lambda database: SqlReceivableQueries(database.reading),
        receivables_tables=SqlReceivablesTables(),
        ledger=lambda database: SqlLedgerQueries(database.reading),
        books_tables=SqlBooksTables(),
        bank_statements=lambda database: SqlBankStatementQueries(database.reading),
        bank_tables=SqlBankStatementTables(),
        receivable_reports=lambda database: SqlReceivableReports(database.reading),
        bills=lambda database: SqlBillQueries(database.reading),
        bill_tables=SqlBillTables(),
        payments=lambda database: SqlPaymentQueries(database.reading),
        payment_tables=SqlPaymentTables(),
        return_entries=lambda database: SqlReturnEntryQueries(database.reading),
        vat_returns=lambda database: SqlReturnQueries(database.reading),
        vat_return_tables=SqlReturnTables(),
    )


@dataclass(frozen=True, slots=True)
class Rules:
    """What the settings decide for every context: the rate table, the issuing unit, the roles that may
    approve (what an approval policy's levels may name), whose reads the audit trail keeps, the
    clock and ids."""

    rates: RateTable
    issuing_unit: str
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    new_id: Callable[[], str] = field(default=lambda: str(uuid.uuid4()))
    audited_roles: frozenset[str] = frozenset(DEFAULT_AUDITED_ROLES)
    approving_roles: frozenset[str] = field(default_factory=lambda: roles_that_approve(DEFAULT_ROLES))
    import_batch_size: int = DEFAULT_BATCH_SIZE
    chart: ChartTemplate = field(default_factory=load_default_chart)
    withholding_rates: WithholdingRates = field(default_factory=load_withholding_rates)

    tax_calendar: TaxCalendar = field(default_factory=load_tax_calendar)

    @classmethod
    def from_settings(cls, settings: Settings) -> Rules:
        return cls(
            load_rate_table(settings.vat_rates_file),
            settings.issuing_unit,
            audited_roles=frozenset(settings.audited_roles),
            approving_roles=roles_that_approve(settings.roles),
            import_batch_size=settings.import_batch_size,
            withholding_rates=load_withholding_rates(settings.vds_rates_file, settings.tds_rates_file),
            tax_calendar=load_tax_calendar(settings.tax_calendar_file),
        )


def roles_that_approve(role_map: dict[str, list[str]]) -> frozenset[str]:
    return frozenset(role for role, permissions in role_map.items() if "invoice:approve" in permissions)


def wire(
    raw: Database[S],
    adapters: StorageAdapters[S],
    rules: Rules,
    access: Access,
    readiness: Readiness,
    telemetry: UseCaseTelemetry | None = None,
) -> Services:
    """Each context's dependencies over one database: one block per context."""
    telemetry = telemetry or UseCaseTelemetry()
    database = TimedDatabase(raw, telemetry)
    postings = LedgerPostings(adapters.books_tables, rules.chart)
    # The lock refuses what is dated in a filed tax period, and the guards what would leave an invoice or a bill
    # owing less than nothing, before anything is posted.
    guards = (
        PeriodLock(adapters.vat_return_tables),
        SettledInvoiceGuard(adapters.receivables_tables),
        PaidBillGuard(adapters.payment_tables),
    )
    reactions: Reactions[S] = Reactions((*guards, postings))
    streams = Streams(database, adapters.projections, rules.clock, telemetry=telemetry, reactions=reactions)
    taxpayer = Taxpayer(
        streams,
        adapters.profiles(database),
        adapters.tenant_settings(database),
        adapters.approval_policies(database),
        rules.clock,
        rules.approving_roles,
        telemetry=telemetry,
    )
    invoicing = Invoicing(
        streams,
        adapters.invoices(database),
        adapters.parties(database),
        adapters.items(database),
        adapters.approval_queue(database),
        adapters.notes(database),
        taxpayer,
        rules.rates,
        rules.clock,
        rules.new_id,
        rules.issuing_unit,
        telemetry=telemetry,
    )
    imports = Imports(invoicing, adapters.imports(database), rules.import_batch_size, telemetry)
    audit = Audit(adapters.audit_trail(database), rules.audited_roles, rules.clock, rules.new_id)
    ledger = Ledger(
        streams, adapters.ledger(database), adapters.books_tables, rules.chart, rules.clock, rules.new_id, telemetry
    )
    receivables = Receivables(
        streams, adapters.receivables(database), adapters.receivables_tables, invoicing, rules.clock, rules.new_id,
        telemetry, bank=adapters.bank_statements(database), bank_tables=adapters.bank_tables,
        reports=adapters.receivable_reports(database),
    )  # fmt: skip
    purchases = Purchases(
        streams, adapters.bills(database), adapters.bill_tables, invoicing, taxpayer, rules.rates, rules.clock,
        rules.new_id, telemetry,
    )  # fmt: skip
    payments = Payments(
        streams, adapters.payments(database), adapters.payment_tables, invoicing.parties, taxpayer,
        rules.withholding_rates, rules.issuing_unit, rules.clock, rules.new_id, telemetry,
    )  # fmt: skip
    entries = adapters.return_entries(database)
    registers = Registers(entries, invoicing.parties)
    vat_returns = VatReturns(
        streams, adapters.vat_returns(database), adapters.vat_return_tables, entries, taxpayer, rules.tax_calendar,
        rules.clock, rules.new_id, ledger=LedgerVatMovements(ledger), invoices=invoicing.invoices,
        notes=invoicing.notes, receivables=receivables.queries, telemetry=telemetry,
    )  # fmt: skip
    return Services(
        invoicing, imports, taxpayer, audit, ledger, receivables, purchases, payments, registers, vat_returns, access,
        readiness,
    )  # fmt: skip


def services_for(database: Database[SqlSession], rules: Rules) -> Services:
    """Every context over an open SQL database, with no Redis and no readiness checks: for tools."""
    users = UserAccounts(SqlUserStore(database), Argon2Hasher(), frozenset(DEFAULT_ROLES), rules.clock)
    access = Access(InMemoryRateLimiter(), SqlRefreshTokenLedger(database), users, SqlPreferenceStore(database))
    return wire(database, sql_adapters(), rules, access, Readiness())


def access_control(settings: Settings, database: Database[SqlSession], redis: Redis | None) -> Access:
    """Rate limits and used refresh tokens in Redis when there is one (shared by every worker); users in SQL."""
    users, preferences = user_accounts(settings, database), SqlPreferenceStore(database)
    if redis is None:
        return Access(InMemoryRateLimiter(), SqlRefreshTokenLedger(database), users, preferences)
    limiter = FallbackRateLimiter(RedisRateLimiter(redis, settings.redis_key_prefix), InMemoryRateLimiter())
    return Access(limiter, RedisRefreshTokenLedger(redis, settings.redis_key_prefix), users, preferences)


def user_accounts(settings: Settings, database: Database[SqlSession]) -> UserAccounts:
    policy = LockoutPolicy(settings.lockout_failures, timedelta(seconds=settings.lockout_seconds))
    return UserAccounts(
        SqlUserStore(database), Argon2Hasher(), frozenset(settings.roles), lambda: datetime.now(UTC), policy
    )


def database_check(database: Database[Any]) -> ReadinessCheck:
    async def ping() -> None:
        await database.ping()

    return ping


def schema_check(database: Database[Any]) -> ReadinessCheck:
    """Ready at this release's head, or ahead of it: a rolling upgrade may migrate before replacing us.

    The new release's migrations must keep the old code working (expand, then contract a
    release later; docs/operations.md), so a schema that is ahead does not take us out of service.
    """

    async def check() -> str:
        state = schema_state(await database.schema_revision())
        if state.at_head or state.ahead:
            return state.describe()
        raise NotReadyError(f"the schema is {state.describe()}: run `hisab migrate`")

    return check


def kafka_options(settings: Settings) -> KafkaOptions:
    if settings.kafka_bootstrap is None:
        raise ConfigurationError(
            "HISAB_KAFKA_BOOTSTRAP is not set: the relay is off and events wait in the outbox until it is"
        )
    return KafkaOptions(
        bootstrap=settings.kafka_bootstrap,
        topic=settings.kafka_topic,
        partitions=settings.kafka_partitions,
        replication_factor=settings.kafka_replication_factor,
        delivery_timeout_ms=settings.kafka_delivery_timeout_ms,
        session_timeout_ms=settings.kafka_session_timeout_ms,
        extra=settings.kafka_client_config,
    )


async def open_outbox(settings: Settings) -> Outbox:
    """The relay's own connection, at HISAB_RELAY_DATABASE_URL (or HISAB_DATABASE_URL)."""
    url = settings.relay_url
    await ensure_at_head(url)
    if url.startswith("sqlite"):
        return await SQLiteOutbox.open(_sqlite_path(url))
    outbox = await PostgresOutbox.open(url)
    if not await outbox.sees_every_tenant():
        # Under row-level security such a role would see no events at all, and publish nothing.
        await outbox.close()
        raise ConfigurationError(
            "the relay reads every tenant's events, but row-level security restricts the role of "
            "HISAB_RELAY_DATABASE_URL (or HISAB_DATABASE_URL); connect the relay as the owner or a BYPASSRLS role "
            "(docs/events.md)"
        )
    return outbox


@asynccontextmanager
async def open_relay(settings: Settings, monitor: RelayMonitor | None = None) -> AsyncIterator[Relay]:
    """A relay wired to the configured database and broker, closed when the block ends."""
    options = kafka_options(settings)
    outbox = await open_outbox(settings)
    publisher = KafkaEventPublisher(options)
    relay_settings = RelaySettings(
        topic=options.topic,
        batch_size=settings.relay_batch_size,
        poll_interval=settings.relay_poll_interval_seconds,
        lease_seconds=settings.relay_lease_seconds,
        backoff_max=settings.relay_backoff_max_seconds,
        retention=timedelta(days=settings.outbox_retention_days) if settings.outbox_retention_days else None,
    )
    owner = f"{socket.gethostname()}/{os.getpid()}/{uuid.uuid4().hex[:8]}"
    try:
        yield Relay(outbox, publisher, monitor or RelayMonitor(), relay_settings, owner, lambda: datetime.now(UTC))
    finally:
        await publisher.close()
        await outbox.close()


def open_consumer(settings: Settings, group: str | None) -> KafkaEventConsumer:
    return KafkaEventConsumer(kafka_options(settings), group)


@asynccontextmanager
async def _relay_in_process(
    settings: Settings, readiness: Readiness, telemetry: Telemetry
) -> AsyncIterator[RelayMonitor | None]:
    """With HISAB_RELAY_IN_PROCESS the server runs the relay beside it; readiness and metrics report it."""
    if not settings.relay_in_process:
        yield None
        return
    monitor, stop = RelayMonitor(), asyncio.Event()
    readiness.register("relay", relay_check(monitor))
    export_relay_metrics(monitor, telemetry.metrics)
    async with open_relay(settings, monitor) as relay:
        task = asyncio.create_task(relay.run(stop), name="hisab-relay")
        try:
            yield monitor
        finally:
            stop.set()
            # A poison event already ended the task, logged and reported; shutdown goes on.
            with contextlib.suppress(Exception):
                await task


def build_app(
    settings: Settings,
    services: Callable[[], AbstractAsyncContextManager[Services]] | None = None,
    telemetry: Telemetry | None = None,
) -> Starlette:
    """The app, with the services the settings pick (or, for tests, the given ones)."""
    telemetry = telemetry or Telemetry.from_environment()
    observability = Observability(telemetry.metrics, telemetry.tracer)
    issuer = token_issuer(settings)
    opener = services or (lambda: open_services(settings, telemetry))
    return create_app(settings, opener, token_verifier(settings, issuer), issuer, observability, web_options(settings))


def web_options(settings: Settings) -> WebOptions:
    oidc = settings.oidc_provider_name if settings.oidc_issuer else None
    secure = settings.secure_cookies if settings.secure_cookies is not None else settings.is_production
    return WebOptions(
        session_secret(settings),
        settings.session_idle_seconds,
        settings.session_max_seconds,
        secure,
        settings.roles,
        oidc,
        settings.import_max_bytes,
        _oidc_client(settings),
    )


def _oidc_client(settings: Settings) -> OidcClient | None:
    if not settings.oidc_issuer or not settings.oidc_client_id:
        return None
    secret = settings.oidc_client_secret.get_secret_value() if settings.oidc_client_secret else None
    return OidcClient(
        settings.oidc_issuer, settings.oidc_client_id, secret, settings.oidc_scopes, settings.oidc_tenant_claim,
        settings.oidc_roles_claim, settings.oidc_tenant,
    )  # fmt: skip


def app_from_environment() -> Starlette:
    """The app factory uvicorn calls in each worker process (`hisab serve --workers N`)."""
    settings = Settings()
    configure_logging(json=settings.json_logs, level=settings.log_level)
    return build_app(settings)


def _sqlite_path(database_url: str) -> Path:
    """`sqlite:///relative.db` and `sqlite:////absolute.db`, as SQLAlchemy writes them."""
    path = database_url.removeprefix("sqlite:///")
    if path == database_url or not path:
        raise ConfigurationError("an SQLite URL looks like sqlite:///path/to/hisab.db")
    return Path(path)
