"""Adding local users, changing their passwords, disabling them, and signing them in.

A failed sign-in says only that the username or password is wrong, whichever it was, so that
the page does not tell a guesser which usernames exist; a locked or disabled account says so,
since only someone who knows the password learns it. A wrong password against an unknown
username still costs one hash check, so timing tells no more than the message.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from hisab.access.application.user_ports import PasswordHasher, UserStore
from hisab.access.domain.users import LockoutPolicy, UserAccount, check_password, check_roles, check_username
from hisab.kernel.errors import ConflictError, NotFoundError


class SignInRefusal(StrEnum):
    WRONG_CREDENTIALS = "wrong_credentials"
    LOCKED = "locked"
    DISABLED = "disabled"


@dataclass(frozen=True, slots=True)
class SignInResult:
    account: UserAccount | None
    refusal: SignInRefusal | None = None


@dataclass(frozen=True, slots=True)
class UserAccounts:
    store: UserStore
    hasher: PasswordHasher
    known_roles: frozenset[str]
    clock: Callable[[], datetime]
    policy: LockoutPolicy = field(default_factory=LockoutPolicy)
    # The hash checked when a username is unknown, made on first need (hashing is slow on purpose).
    _decoy: list[str] = field(default_factory=list, repr=False, compare=False)

    async def add(
        self, tenant_id: str, username: str, password: str, roles: tuple[str, ...], display_name: str = ""
    ) -> UserAccount:
        name = check_username(username)
        check_password(password, name)
        account = UserAccount(
            tenant_id, name, self.hasher.hash(password), check_roles(roles, self.known_roles), display_name or name
        )
        if not await self.store.add(account):
            raise ConflictError(f"the username {name} is taken")
        return account

    async def change_password(self, username: str, password: str) -> UserAccount:
        account = await self._existing(username)
        check_password(password, account.username)
        changed = replace(account, password_hash=self.hasher.hash(password)).after_success()
        await self.store.save(changed)
        return changed

    async def set_disabled(self, username: str, disabled: bool) -> UserAccount:
        account = await self._existing(username)
        changed = replace(account, disabled=disabled).after_success()
        await self.store.save(changed)
        return changed

    async def set_roles(self, username: str, roles: tuple[str, ...]) -> UserAccount:
        account = await self._existing(username)
        changed = replace(account, roles=check_roles(roles, self.known_roles))
        await self.store.save(changed)
        return changed

    async def sign_in(self, username: str, password: str) -> SignInResult:
        account = await self.find(username)
        if account is None:
            # As long as a real check, so that timing does not tell which usernames exist.
            self.hasher.verify(self._decoy_hash(), password)
            return SignInResult(None, SignInRefusal.WRONG_CREDENTIALS)
        now = self.clock()
        if account.disabled:
            return SignInResult(None, SignInRefusal.DISABLED)
        if account.is_locked(now):
            return SignInResult(None, SignInRefusal.LOCKED)
        if not self.hasher.verify(account.password_hash, password):
            await self.store.save(account.after_failure(now, self.policy))
            return SignInResult(None, SignInRefusal.WRONG_CREDENTIALS)
        signed_in = account.after_success()
        if self.hasher.needs_rehash(account.password_hash):
            signed_in = replace(signed_in, password_hash=self.hasher.hash(password))
        if signed_in != account:
            await self.store.save(signed_in)
        return SignInResult(signed_in)

    async def find(self, username: str) -> UserAccount | None:
        name = username.strip().lower()
        tenant_id = await self.store.tenant_of(name)
        return None if tenant_id is None else await self.store.account(tenant_id, name)

    def _decoy_hash(self) -> str:
        if not self._decoy:
            self._decoy.append(self.hasher.hash(secrets.token_urlsafe(32)))
        return self._decoy[0]

    async def _existing(self, username: str) -> UserAccount:
        account = await self.find(username)
        if account is None:
            raise NotFoundError(f"no user {username.strip().lower()}")
        return account
