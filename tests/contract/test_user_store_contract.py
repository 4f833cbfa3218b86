"""The user and preference stores keep the same promises on the fake, SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from hisab.access.adapters.sql_users import SqlUserStore
from hisab.access.domain.users import UserAccount
from hisab.event_store.adapters.postgres.database import PostgresDatabase
from hisab.event_store.ports import Database
from hisab.kernel.language import Language
from tests.conftest import PostgresRoles
from tests.fakes_users import access_for


def account(tenant_id: str, username: str, **changes: Any) -> UserAccount:
    return UserAccount(tenant_id, username, "$argon2id$hash", ("clerk",), username.title(), **changes)


async def test_a_username_is_unique_across_tenants(database: Database[Any]) -> None:
    store = access_for(database).users.store
    assert await store.add(account("t1", "karim")) is True
    assert await store.add(account("t2", "karim")) is False
    assert await store.tenant_of("karim") == "t1"
    assert await store.accounts("t2") == []


async def test_a_saved_account_is_read_back_as_saved(database: Database[Any]) -> None:
    store = access_for(database).users.store
    await store.add(account("t1", "rahima"))
    locked = account("t1", "rahima", failed_attempts=0, locked_until=datetime(2026, 1, 1, tzinfo=UTC) + timedelta(1))
    await store.save(locked)
    assert await store.account("t1", "rahima") == locked
    assert await store.account("t2", "rahima") is None
    assert await store.accounts("t1") == [locked]


async def test_a_language_preference_is_kept_per_tenant_and_subject(database: Database[Any]) -> None:
    preferences = access_for(database).preferences
    assert await preferences.language("t1", "sub-1") is None
    await preferences.set_language("t1", "sub-1", Language.BN)
    await preferences.set_language("t1", "sub-1", Language.EN)
    await preferences.set_language("t2", "sub-1", Language.BN)
    assert await preferences.language("t1", "sub-1") is Language.EN
    assert await preferences.language("t2", "sub-1") is Language.BN


@pytest.mark.postgres
async def test_under_row_level_security_a_tenant_reads_no_other_tenants_account_but_the_login_lookup_works(
    postgres_roles: PostgresRoles,
) -> None:
    database = await PostgresDatabase.open(postgres_roles.app_url, min_size=1, max_size=2)
    try:
        store = SqlUserStore(database)
        username = f"rls-{uuid.uuid4().hex[:8]}"
        assert await store.add(account("rls-t1", username))
        async with database.reading("rls-t2", "user_account") as session:
            params = session.params()
            rows = await session.fetch(
                f"SELECT username FROM user_accounts WHERE username = {params.add(username)}", params.values
            )
        assert rows == []
        assert await store.tenant_of(username) == "rls-t1"
        found = await store.account("rls-t1", username)
        assert found is not None
    finally:
        await database.close()
