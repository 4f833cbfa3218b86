"""Local user accounts: adding them, the password rules, lock-out and its expiry, disabling, rehashing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher as Argon2

from hisab.access.adapters.passwords import Argon2Hasher
from hisab.access.application.users import SignInRefusal, UserAccounts
from hisab.access.domain.users import LockoutPolicy
from hisab.kernel.errors import ConflictError, InvalidInputError
from tests.fakes_users import FAST_HASHER, FakeUserStore

ROLES = frozenset({"admin", "clerk"})
PASSWORD = "correct horse battery"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 1, 1, 9, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def accounts(clock: Clock, store: FakeUserStore | None = None, hasher: Argon2Hasher = FAST_HASHER) -> UserAccounts:
    policy = LockoutPolicy(max_failures=3, lock_for=timedelta(minutes=15))
    return UserAccounts(store or FakeUserStore(), hasher, ROLES, clock, policy)


async def test_an_added_user_signs_in_with_their_password() -> None:
    users = accounts(Clock())
    await users.add("t1", "Rahima", PASSWORD, ("clerk",), "Rahima Akter")
    result = await users.sign_in("rahima", PASSWORD)
    assert result.account is not None
    assert (result.account.tenant_id, result.account.display_name) == ("t1", "Rahima Akter")


async def test_a_username_taken_in_another_tenant_is_refused() -> None:
    users = accounts(Clock())
    await users.add("t1", "karim", PASSWORD, ("clerk",))
    with pytest.raises(ConflictError):
        await users.add("t2", "karim", PASSWORD, ("admin",))


async def test_a_short_password_is_refused_naming_its_field_and_rule() -> None:
    with pytest.raises(InvalidInputError) as refused:
        await accounts(Clock()).add("t1", "karim", "short", ("clerk",))
    assert [(v.field, v.rule) for v in refused.value.violations] == [("password", "password_too_short")]


async def test_wrong_passwords_lock_the_account_until_the_lock_expires() -> None:
    clock = Clock()
    users = accounts(clock)
    await users.add("t1", "karim", PASSWORD, ("clerk",))
    for _ in range(3):
        assert (await users.sign_in("karim", "wrong password")).refusal is SignInRefusal.WRONG_CREDENTIALS
    assert (await users.sign_in("karim", PASSWORD)).refusal is SignInRefusal.LOCKED
    clock.now += timedelta(minutes=16)
    assert (await users.sign_in("karim", PASSWORD)).account is not None


async def test_a_disabled_account_is_refused_even_with_its_password() -> None:
    users = accounts(Clock())
    await users.add("t1", "karim", PASSWORD, ("clerk",))
    await users.set_disabled("karim", True)
    assert (await users.sign_in("karim", PASSWORD)).refusal is SignInRefusal.DISABLED


async def test_changing_the_password_unlocks_the_account() -> None:
    users = accounts(Clock())
    await users.add("t1", "karim", PASSWORD, ("clerk",))
    for _ in range(3):
        await users.sign_in("karim", "wrong password")
    await users.change_password("karim", "a brand new password")
    assert (await users.sign_in("karim", "a brand new password")).account is not None
    assert (await users.sign_in("karim", PASSWORD)).refusal is SignInRefusal.WRONG_CREDENTIALS


async def test_signing_in_rehashes_a_password_hashed_with_weaker_parameters() -> None:
    store = FakeUserStore()
    await accounts(Clock(), store).add("t1", "karim", PASSWORD, ("clerk",))
    stronger = Argon2Hasher(Argon2(time_cost=2, memory_cost=16, parallelism=1))
    result = await accounts(Clock(), store, stronger).sign_in("karim", PASSWORD)
    assert result.account is not None
    stored = await store.account("t1", "karim")
    assert stored is not None
    assert not stronger.needs_rehash(stored.password_hash)
    assert FAST_HASHER.needs_rehash(stored.password_hash)
