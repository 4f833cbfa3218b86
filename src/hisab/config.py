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

    # Serving and operations (docs/operations.md).
    workers: int = Field(default=1, ge=1, le=64)
    forwarded_allow_ips: str = "127.0.0.1"
    shutdown_timeout_seconds: float = Field(default=20.0, gt=0)
    keep_alive_timeout_seconds: int = Field(default=5, ge=1)
    limit_concurrency: int | None = Field(default=None, ge=1)
    log_format: Literal["auto", "json", "console"] = "auto"
    log_level: Literal["debug", "info", "warning", "error"] = "info"
    readiness_timeout_seconds: float = Field(default=2.0, gt=0)
    # Checked by `hisab verify` when set; the security and outbox features own their use.
    redis_url: str | None = None
    kafka_bootstrap: str | None = None

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def json_logs(self) -> bool:
        """JSON for log collectors in production; readable lines on a developer's terminal."""
        return self.log_format == "json" or (self.log_format == "auto" and self.environment == "production")

    @property
    def migrates_on_start(self) -> bool:
        """The embedded default migrates itself; a shared PostgreSQL is migrated on purpose."""
        return self.auto_migrate if self.auto_migrate is not None else self.is_sqlite
