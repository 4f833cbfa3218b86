"""Users and preferences in memory, and the access-control dependencies the tests wire in."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from argon2 import PasswordHasher as Argon2

from hisab.access.adapters.passwords import Argon2Hasher
from hisab.access.adapters.rate_limits import InMemoryRateLimiter
from hisab.access.adapters.sql import SqlRefreshTokenLedger
from hisab.access.adapters.sql_users import SqlPreferenceStore, SqlUserStore
from hisab.access.application.dependencies import Access
from hisab.access.application.users import UserAccounts
from hisab.access.domain.users import UserAccount
from hisab.config import DEFAULT_ROLES
from hisab.event_store.ports import Database
from hisab.kernel.language import Language
from tests.fakes import FakeDatabase, FakeRefreshTokenLedger

# The cheapest argon2id there is: tests check what hashing is for, not how slow it is.
FAST_HASHER = Argon2Hasher(Argon2(time_cost=1, memory_cost=8, parallelism=1))


class FakeUserStore:
    def __init__(self) -> None:
        self.logins: dict[str, str] = {}
        self.rows: dict[tuple[str, str], UserAccount] = {}

    async def tenant_of(self, username: str) -> str | None:
        return self.logins.get(username)

    async def account(self, tenant_id: str, username: str) -> UserAccount | None:
        return self.rows.get((tenant_id, username))

    async def add(self, account: UserAccount) -> bool:
        if account.username in self.logins:
            return False
        self.logins[account.username] = account.tenant_id
        self.rows[(account.tenant_id, account.username)] = account
        return True

    async def save(self, account: UserAccount) -> None:
        self.rows[(account.tenant_id, account.username)] = account

    async def accounts(self, tenant_id: str) -> list[UserAccount]:
        return sorted((a for (t, _), a in self.rows.items() if t == tenant_id), key=lambda a: a.username)


class FakePreferenceStore:
    def __init__(self) -> None:
        self.languages: dict[tuple[str, str], Language] = {}

    async def language(self, tenant_id: str, subject: str) -> Language | None:
        return self.languages.get((tenant_id, subject))

    async def set_language(self, tenant_id: str, subject: str, language: Language) -> None:
        self.languages[(tenant_id, subject)] = language


def access_for(database: Database[Any]) -> Access:
    """What the composition root gives access control, over the fake or a SQL database."""
    roles, clock = frozenset(DEFAULT_ROLES), lambda: datetime.now(UTC)
    if isinstance(database, FakeDatabase):
        users = UserAccounts(FakeUserStore(), FAST_HASHER, roles, clock)
        return Access(InMemoryRateLimiter(), FakeRefreshTokenLedger(), users, FakePreferenceStore())
    users = UserAccounts(SqlUserStore(database), FAST_HASHER, roles, clock)
    return Access(InMemoryRateLimiter(), SqlRefreshTokenLedger(database), users, SqlPreferenceStore(database))
