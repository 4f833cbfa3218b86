"""One contract each for the security ports, held by every backend and by the fakes.

Refresh-token ledgers: the fake, SQLite, PostgreSQL (as the service role, under row-level
security) and Redis. Rate limiters: the in-process one and Redis. Tenant settings: every database.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from redis.asyncio import Redis

from hisab.access.adapters.rate_limits import InMemoryRateLimiter
from hisab.access.adapters.redis import connect
from hisab.access.adapters.redis.rate_limiter import RedisRateLimiter
from hisab.access.adapters.redis.refresh_tokens import RedisRefreshTokenLedger
from hisab.access.adapters.sql import SqlRefreshTokenLedger
from hisab.access.application.ports import RateLimit, RateLimiter, Redemption, RefreshTokenLedger
from hisab.event_store.adapters.postgres.database import PostgresDatabase
from hisab.event_store.adapters.sqlite.database import SQLiteDatabase
from hisab.event_store.ports import Database
from hisab.taxpayer.domain.policy import TenantPolicy
from tests.builders import taxpayer
from tests.conftest import PostgresRoles
from tests.fakes import FakeDatabase, FakeRefreshTokenLedger

LATER = datetime.now(UTC) + timedelta(days=7)
# Refills so slowly that no test can see a token come back while it runs.
SLOW = RateLimit(per_second=0.001, burst=3)


@pytest.fixture
async def redis_client(redis_url: str) -> AsyncIterator[Redis]:
    client = connect(redis_url)
    yield client
    await client.aclose()


class RefreshTokenLedgerContract:
    @pytest.fixture
    def ledger(self) -> RefreshTokenLedger:
        """Each backend's subclass gives a ledger here."""
        raise NotImplementedError

    async def test_a_refresh_token_is_redeemed_once(self, ledger: RefreshTokenLedger) -> None:
        family = uuid.uuid4().hex
        assert await ledger.redeem("tenant-a", "jti-1", family, LATER) is Redemption.FIRST_USE
        assert await ledger.redeem("tenant-a", "jti-2", family, LATER) is Redemption.FIRST_USE

    async def test_a_reuse_revokes_the_whole_family(self, ledger: RefreshTokenLedger) -> None:
        family = uuid.uuid4().hex
        await ledger.redeem("tenant-a", "jti-1", family, LATER)
        assert await ledger.redeem("tenant-a", "jti-1", family, LATER) is Redemption.REUSED
        assert await ledger.redeem("tenant-a", "jti-2", family, LATER) is Redemption.FAMILY_REVOKED
        assert await ledger.redeem("tenant-a", "jti-3", uuid.uuid4().hex, LATER) is Redemption.FIRST_USE

    async def test_tenants_do_not_share_token_ids(self, ledger: RefreshTokenLedger) -> None:
        family = uuid.uuid4().hex
        await ledger.redeem("tenant-a", "jti-1", family, LATER)
        assert await ledger.redeem("tenant-b", "jti-1", family, LATER) is Redemption.FIRST_USE

    async def test_concurrent_redemptions_of_a_token_let_one_through(self, ledger: RefreshTokenLedger) -> None:
        family = uuid.uuid4().hex
        outcomes = await asyncio.gather(*(ledger.redeem("tenant-a", "jti-x", family, LATER) for _ in range(8)))
        assert outcomes.count(Redemption.FIRST_USE) == 1


class TestFakeRefreshTokenLedger(RefreshTokenLedgerContract):
    @pytest.fixture
    def ledger(self) -> RefreshTokenLedger:
        return FakeRefreshTokenLedger()


class TestSQLiteRefreshTokenLedger(RefreshTokenLedgerContract):
    @pytest.fixture
    async def ledger(self, sqlite_path: Path) -> AsyncIterator[RefreshTokenLedger]:
        database = await SQLiteDatabase.open(sqlite_path)
        yield SqlRefreshTokenLedger(database)
        await database.close()


@pytest.mark.postgres
class TestPostgresRefreshTokenLedger(RefreshTokenLedgerContract):
    @pytest.fixture
    async def ledger(self, postgres_url: str, postgres_roles: PostgresRoles) -> AsyncIterator[RefreshTokenLedger]:
        database = await PostgresDatabase.open(postgres_roles.app_url, min_size=1, max_size=8)
        yield SqlRefreshTokenLedger(database)
        await database.close()


@pytest.mark.redis
class TestRedisRefreshTokenLedger(RefreshTokenLedgerContract):
    @pytest.fixture
    def ledger(self, redis_client: Redis, redis_prefix: str) -> RefreshTokenLedger:
        return RedisRefreshTokenLedger(redis_client, f"{redis_prefix}{uuid.uuid4().hex[:8]}:")


class RateLimiterContract:
    @pytest.fixture
    def limiter(self) -> RateLimiter:
        """Each backend's subclass gives a limiter with empty buckets here."""
        raise NotImplementedError

    async def test_a_burst_is_allowed_and_the_next_request_refused_with_a_wait(self, limiter: RateLimiter) -> None:
        decisions = [await limiter.acquire("k", SLOW) for _ in range(4)]
        assert [d.allowed for d in decisions] == [True, True, True, False]
        assert decisions[-1].retry_after_seconds > 900

    async def test_buckets_are_per_key(self, limiter: RateLimiter) -> None:
        for _ in range(3):
            await limiter.acquire("one", SLOW)
        assert (await limiter.acquire("one", SLOW)).allowed is False
        assert (await limiter.acquire("two", SLOW)).allowed is True

    async def test_a_cost_of_zero_asks_without_taking(self, limiter: RateLimiter) -> None:
        assert all([(await limiter.acquire("k", SLOW, cost=0)).allowed for _ in range(10)])
        for _ in range(3):
            await limiter.acquire("k", SLOW)
        assert (await limiter.acquire("k", SLOW, cost=0)).allowed is False

    async def test_a_cost_larger_than_what_is_left_is_refused_and_takes_nothing(self, limiter: RateLimiter) -> None:
        assert (await limiter.acquire("k", SLOW, cost=4)).allowed is False
        assert (await limiter.acquire("k", SLOW, cost=3)).allowed is True

    async def test_concurrent_requests_never_overdraw_a_bucket(self, limiter: RateLimiter) -> None:
        decisions = await asyncio.gather(*(limiter.acquire("k", SLOW) for _ in range(20)))
        assert sum(d.allowed for d in decisions) == 3


class TestInMemoryRateLimiter(RateLimiterContract):
    @pytest.fixture
    def limiter(self) -> RateLimiter:
        return InMemoryRateLimiter()


@pytest.mark.redis
class TestRedisRateLimiter(RateLimiterContract):
    @pytest.fixture
    def limiter(self, redis_client: Redis, redis_prefix: str) -> RateLimiter:
        return RedisRateLimiter(redis_client, f"{redis_prefix}{uuid.uuid4().hex[:8]}:")


class TenantSettingsContract:
    @pytest.fixture
    def database(self) -> Database[Any]:
        raise NotImplementedError

    async def test_a_tenant_without_settings_keeps_segregation_of_duties(self, database: Database[Any]) -> None:
        assert await taxpayer(database).settings.get("tenant-a") == TenantPolicy(creator_may_approve=False)

    async def test_saved_settings_read_back_per_tenant_inside_and_outside_a_transaction(
        self, database: Database[Any]
    ) -> None:
        settings = taxpayer(database).settings
        relaxed = TenantPolicy(creator_may_approve=True)
        await settings.save("tenant-a", relaxed, "admin-1", datetime.now(UTC))

        assert await settings.get("tenant-a") == relaxed
        assert await settings.get("tenant-b") == TenantPolicy()
        async with database.transaction("tenant-a") as transaction:
            assert await settings.get_within(transaction.tables, "tenant-a") == relaxed


class TestFakeTenantSettings(TenantSettingsContract):
    @pytest.fixture
    def database(self) -> Database[Any]:
        return FakeDatabase()


class TestSQLiteTenantSettings(TenantSettingsContract):
    @pytest.fixture
    async def database(self, sqlite_path: Path) -> AsyncIterator[Database[Any]]:
        database = await SQLiteDatabase.open(sqlite_path)
        yield database
        await database.close()


@pytest.mark.postgres
class TestPostgresTenantSettings(TenantSettingsContract):
    @pytest.fixture
    async def database(self, postgres_url: str, postgres_roles: PostgresRoles) -> AsyncIterator[Database[Any]]:
        database = await PostgresDatabase.open(postgres_roles.app_url, min_size=1, max_size=2)
        yield database
        await database.close()
