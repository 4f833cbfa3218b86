"""Local user accounts: what a username and a password must be, and when repeated failures lock an account.

A local account is for the embedded default and small installs; larger ones sign in through
their identity provider (OpenID Connect) and have no account here. The password itself never
reaches this module: only its hash, made and checked by the application's hasher.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from hisab.kernel.errors import InvalidInputError, Violation

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 256


@dataclass(frozen=True, slots=True)
class LockoutPolicy:
    """After `max_failures` wrong passwords in a row the account refuses every sign-in for `lock_for`."""

    max_failures: int = 5
    lock_for: timedelta = timedelta(minutes=15)


@dataclass(frozen=True, slots=True)
class UserAccount:
    tenant_id: str
    username: str
    password_hash: str
    roles: tuple[str, ...]
    display_name: str
    disabled: bool = False
    failed_attempts: int = 0
    locked_until: datetime | None = None

    def is_locked(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until

    def after_failure(self, now: datetime, policy: LockoutPolicy) -> UserAccount:
        """The account once one more wrong password was tried: locked when that makes too many."""
        failures = self.failed_attempts + 1
        if failures >= policy.max_failures:
            return replace(self, failed_attempts=0, locked_until=now + policy.lock_for)
        return replace(self, failed_attempts=failures)

    def after_success(self) -> UserAccount:
        return replace(self, failed_attempts=0, locked_until=None)


def check_username(username: str) -> str:
    """The username as stored (lower case), or InvalidInputError naming the rule it breaks."""
    normalized = username.strip().lower()
    if not USERNAME.fullmatch(normalized):
        raise InvalidInputError.single(
            "username",
            "username_format",
            "a username is 2 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit",
        )
    return normalized


def check_password(password: str, username: str) -> None:
    violations = []
    if len(password) < MIN_PASSWORD_LENGTH:
        violations.append(
            Violation("password", "password_too_short", f"a password has at least {MIN_PASSWORD_LENGTH} characters")
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        violations.append(
            Violation("password", "password_too_long", f"a password has at most {MAX_PASSWORD_LENGTH} characters")
        )
    if password.strip().lower() == username.strip().lower():
        violations.append(Violation("password", "password_is_username", "a password is not the username"))
    if violations:
        raise InvalidInputError(violations)


def check_roles(roles: tuple[str, ...], known: frozenset[str]) -> tuple[str, ...]:
    if not roles:
        raise InvalidInputError.single("roles", "roles_required", "a user has at least one role")
    unknown = sorted(set(roles) - known)
    if unknown:
        raise InvalidInputError.single(
            "roles", "unknown_role", f"unknown role {', '.join(unknown)}; roles are {', '.join(sorted(known))}"
        )
    return tuple(dict.fromkeys(roles))
