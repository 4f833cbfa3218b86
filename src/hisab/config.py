"""Settings, read from HISAB_* environment variables."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="HISAB_", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    database_url: str = "sqlite:///./.hisab/hisab.db"
    data_dir: Path = Path(".hisab")
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=0, le=65535)
    jwt_secret: SecretStr | None = None
    jwt_leeway_seconds: int = Field(default=30, ge=0)
    dev_token_ttl_seconds: int = Field(default=12 * 3600, gt=0)
    issuing_unit: str = Field(default="HO", pattern=r"^[A-Za-z0-9-]{1,16}$")
    vat_rates_file: Path | None = None
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

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def relay_url(self) -> str:
        """The relay reads every tenant's events, so under row-level security it may need its own role."""
        return self.relay_database_url or self.database_url

    @property
    def migrates_on_start(self) -> bool:
        """The embedded default migrates itself; a shared PostgreSQL is migrated on purpose."""
        return self.auto_migrate if self.auto_migrate is not None else self.is_sqlite
