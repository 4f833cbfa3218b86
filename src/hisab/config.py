"""Settings, read from HISAB_* environment variables."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

JwtAlgorithm = Literal["HS256", "RS256", "ES256"]

# Who may do what unless HISAB_ROLES says otherwise. `admin` may also change tenant settings.
# `invoice:print` records a print of a tax invoice (the first is the original): a change, so the
# read-only VAT officer, who may read every record of its tenant, does not hold it (docs/security.md).
# `manager`, `director`, `cfo` and `ceo` approve like `approver`; an approval policy's levels name them.
# They also issue credit and debit notes (`invoice:adjust`), which change issued tax invoices.
_APPROVES = [
    "invoice:read", "invoice:print", "invoice:approve", "invoice:cancel", "invoice:adjust", "receivable:read",
]  # fmt: skip
# Receipts are recorded by the clerks and accountants who keep the customers' accounts.
_RECEIVES = ["receivable:read", "receivable:write"]
# The cfo and admin also close periods and years and change the chart and posting accounts.
_BOOKS_ALL = ["ledger:read", "ledger:write", "ledger:post", "ledger:close", "ledger:manage"]
# Bills and payments to suppliers are kept by the same clerks and accountants; reading them and the VAT
# registers and return is for everyone who reads the books. Preparing a return is the accountant's;
# submitting it (which locks its tax period) and recording the VAT deposits the cfo's and admin's.
_PAYS = ["purchase:read", "purchase:write"]
_VAT_READ = ["purchase:read", "vat:read"]
_VAT_ALL = ["vat:read", "vat:prepare", "vat:submit"]
DEFAULT_ROLES: dict[str, list[str]] = {
    "viewer": ["invoice:read", "invoice:print", "receivable:read", *_VAT_READ],
    "clerk": ["invoice:read", "invoice:print", "invoice:create", *_RECEIVES, *_PAYS],
    "approver": [*_APPROVES, *_VAT_READ],
    "manager": [*_APPROVES, *_VAT_READ],
    "director": [*_APPROVES, *_VAT_READ],
    "cfo": [*_APPROVES, *_BOOKS_ALL, "receivable:write", *_PAYS, *_VAT_ALL],
    "ceo": [*_APPROVES, *_VAT_READ],
    "admin": [*_APPROVES, "invoice:create", "tenant:admin", *_BOOKS_ALL, "receivable:write", *_PAYS, *_VAT_ALL],
    "vat_officer": ["invoice:read", "receivable:read", *_VAT_READ],
    # Keeps the books: drafts entries and posts other accountants' drafts (maker-checker holds per entry).
    "accountant": [
        "invoice:read", "invoice:print", "ledger:read", "ledger:write", "ledger:post", *_RECEIVES, *_PAYS, "vat:read",
        "vat:prepare",
    ],
}  # fmt: skip
# Whose every read is kept in the audit trail unless HISAB_AUDITED_ROLES says otherwise.
DEFAULT_AUDITED_ROLES: tuple[str, ...] = ("vat_officer",)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="HISAB_", extra="ignore", populate_by_name=True)

    environment: Literal["development", "test", "production"] = Field(
        default="development", validation_alias=AliasChoices("environment", "HISAB_ENVIRONMENT", "HISAB_ENV")
    )
    database_url: str = "sqlite:///./.hisab/hisab.db"
    # The table owner's URL, for migrations and projection rebuilds; the service itself uses
    # `database_url`, which on PostgreSQL should name a role that row-level security applies to.
    migration_database_url: str | None = None
    database_app_role: str | None = Field(default=None, pattern=r"^[a-z_][a-z0-9_]{0,62}$")
    data_dir: Path = Path(".hisab")
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=0, le=65535)

    jwt_algorithm: JwtAlgorithm = "HS256"
    jwt_secret: SecretStr | None = None
    jwt_refresh_secret: SecretStr | None = None
    jwt_jwks: str | None = None
    jwt_private_key_file: Path | None = None
    jwt_key_id: str | None = None
    jwt_issuer: str | None = None
    jwt_audience: str | None = None
    jwt_leeway_seconds: int = Field(default=30, ge=0, le=300)
    jwks_cache_seconds: int = Field(default=300, ge=1)
    jwks_min_reload_seconds: int = Field(default=30, ge=0)
    access_token_ttl_seconds: int = Field(default=15 * 60, gt=0)
    refresh_token_ttl_seconds: int = Field(default=7 * 24 * 3600, gt=0)
    dev_token_ttl_seconds: int = Field(default=12 * 3600, gt=0)
    roles: dict[str, list[str]] = Field(default_factory=lambda: {k: list(v) for k, v in DEFAULT_ROLES.items()})
    audited_roles: list[str] = Field(default_factory=lambda: list(DEFAULT_AUDITED_ROLES))

    redis_url: str | None = None
    redis_key_prefix: str = "hisab:"
    rate_limit_per_second: float = Field(default=100.0, gt=0)
    rate_limit_burst: int = Field(default=200, ge=1)
    auth_failure_rate_per_second: float = Field(default=0.2, gt=0)
    auth_failure_burst: int = Field(default=20, ge=1)

    max_body_bytes: int = Field(default=1024 * 1024, ge=1024)
    # A bulk import's file (POST /imports/...) has a limit of its own, far above a GraphQL request's.
    import_max_bytes: int = Field(default=20 * 1024 * 1024, ge=1024)
    # Records written per transaction by a bulk import (docs/import.md).
    import_batch_size: int = Field(default=500, ge=1, le=5000)
    graphql_max_depth: int = Field(default=10, ge=1)
    graphql_max_aliases: int = Field(default=20, ge=0)
    graphql_max_cost: int = Field(default=25_000, ge=1)
    graphql_max_batch: int = Field(default=10, ge=1)
    # Serve the schema as an Apollo Federation v2 subgraph (`_service`, `_entities`; docs/api.md).
    graphql_federation: bool = True
    cors_allowed_origins: list[str] = Field(default_factory=list)

    issuing_unit: str = Field(default="HO", pattern=r"^[A-Za-z0-9-]{1,16}$")
    vat_rates_file: Path | None = None
    # The VDS and TDS rates by service code (docs/payments.md); None: the tables shipped with Hisab.
    vds_rates_file: Path | None = None
    tds_rates_file: Path | None = None

    # The tax calendar (quarters, due days, weekend, holidays); None: the one shipped with Hisab.
    tax_calendar_file: Path | None = None
    auto_migrate: bool | None = None
    db_pool_min_size: int = Field(default=2, ge=1)
    db_pool_max_size: int = Field(default=10, ge=1)
    graphql_query_cache_size: int = Field(default=512, ge=1)

    # Domain events to Kafka (docs/events.md). Without a bootstrap the relay is off and the
    # events wait in the outbox (the event log) until one is configured.
    kafka_bootstrap: str | None = None
    kafka_topic: str = Field(default="finance.invoice.events", pattern=r"^[A-Za-z0-9._-]{1,249}$")
    kafka_partitions: int = Field(default=6, ge=1)
    kafka_replication_factor: int = Field(default=-1, ge=-1)
    kafka_delivery_timeout_ms: int = Field(default=30_000, ge=1_000)
    kafka_session_timeout_ms: int = Field(default=45_000, ge=1)
    kafka_client_config: dict[str, str] = Field(default_factory=dict)
    relay_database_url: str | None = None
    relay_in_process: bool = False
    relay_batch_size: int = Field(default=500, ge=1, le=10_000)
    relay_poll_interval_seconds: float = Field(default=0.2, gt=0)
    relay_lease_seconds: float = Field(default=5.0, gt=0)
    relay_backoff_max_seconds: float = Field(default=30.0, gt=0)
    outbox_retention_days: int = Field(default=30, ge=0)
    # Serving and operations (docs/operations.md).
    workers: int = Field(default=1, ge=1, le=64)
    forwarded_allow_ips: str = "127.0.0.1"
    shutdown_timeout_seconds: float = Field(default=20.0, gt=0)
    keep_alive_timeout_seconds: int = Field(default=5, ge=1)
    limit_concurrency: int | None = Field(default=None, ge=1)
    log_format: Literal["auto", "json", "console"] = "auto"
    log_level: Literal["debug", "info", "warning", "error"] = "info"
    readiness_timeout_seconds: float = Field(default=2.0, gt=0)

    # The web app (docs/web.md). Its session cookies are signed with `session_secret`; without one
    # (development and tests) a random secret is kept in the data directory. Production needs it set.
    session_secret: SecretStr | None = None
    session_idle_seconds: int = Field(default=30 * 60, ge=1)
    session_max_seconds: int = Field(default=12 * 3600, ge=60)
    # Cookies marked Secure (sent over HTTPS only); on by default in production.
    secure_cookies: bool | None = None
    # Wrong passwords in a row that lock a local account, and for how long.
    lockout_failures: int = Field(default=5, ge=1)
    lockout_seconds: int = Field(default=15 * 60, ge=1)
    # OpenID Connect sign-in (authorization code with PKCE), for an identity provider's users: the
    # provider's issuer URL (its discovery document is read from there), the client, and which
    # claims name the tenant and the roles (as the API's tokens do; a fixed tenant for a one-tenant install).
    oidc_issuer: str | None = None
    oidc_client_id: str | None = None
    oidc_client_secret: SecretStr | None = None
    oidc_scopes: str = "openid profile email"
    oidc_tenant_claim: str = "tenant_id"
    oidc_roles_claim: str = "roles"
    oidc_tenant: str | None = None
    oidc_provider_name: str = "your organisation's sign-in"

    @model_validator(mode="after")
    def _no_wildcard_origin(self) -> Settings:
        # Browsers refuse `*` with credentials anyway; refusing it here says so at start, not in a console.
        if "*" in self.cors_allowed_origins:
            raise ValueError("HISAB_CORS_ALLOWED_ORIGINS lists origins; a wildcard is not allowed with credentials")
        return self

    @model_validator(mode="after")
    def _audited_roles_are_roles(self) -> Settings:
        # A token's roles count only if the service knows them, so an audited role that HISAB_ROLES
        # lacks would audit no one: refused when named, and (the default) harmless when not.
        unknown = sorted(set(self.audited_roles) - set(self.roles))
        if unknown and "audited_roles" in self.model_fields_set:
            raise ValueError(f"HISAB_AUDITED_ROLES names roles that HISAB_ROLES does not define: {', '.join(unknown)}")
        return self

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def relay_url(self) -> str:
        """The relay reads every tenant's events, so under row-level security it may need its own role."""
        return self.relay_database_url or self.database_url

    @property
    def json_logs(self) -> bool:
        """JSON for log collectors in production; readable lines on a developer's terminal."""
        return self.log_format == "json" or (self.log_format == "auto" and self.environment == "production")

    @property
    def is_production(self) -> bool:
        return self.environment == "production"

    @property
    def owner_database_url(self) -> str:
        """The URL that migrations and rebuilds use: the owner's, or the service's own if none is set."""
        return self.migration_database_url or self.database_url

    @property
    def migrates_on_start(self) -> bool:
        """The embedded default migrates itself; a shared PostgreSQL is migrated on purpose."""
        return self.auto_migrate if self.auto_migrate is not None else self.is_sqlite


class ConfigurationError(Exception):
    """The settings cannot work together; the message says what to change."""
