"""What the user accounts need: somewhere to keep them, and a password hasher."""

from __future__ import annotations

from typing import Protocol

from hisab.access.domain.users import UserAccount
from hisab.kernel.language import Language


class UserStore(Protocol):
    async def tenant_of(self, username: str) -> str | None:
        """The tenant a username belongs to (usernames are unique in one installation), or None."""

    async def account(self, tenant_id: str, username: str) -> UserAccount | None: ...

    async def add(self, account: UserAccount) -> bool:
        """Add a new account; False if the username is taken (in any tenant)."""

    async def save(self, account: UserAccount) -> None:
        """Store an existing account's new state (hash, roles, lock-out, disabled)."""

    async def accounts(self, tenant_id: str) -> list[UserAccount]: ...


class PreferenceStore(Protocol):
    """What a user chose for the web app (their language), kept for local and identity-provider users alike."""

    async def language(self, tenant_id: str, subject: str) -> Language | None: ...

    async def set_language(self, tenant_id: str, subject: str, language: Language) -> None: ...


class PasswordHasher(Protocol):
    def hash(self, password: str) -> str: ...

    def verify(self, password_hash: str, password: str) -> bool:
        """True when the password is the one hashed; never raises for a wrong one."""

    def needs_rehash(self, password_hash: str) -> bool:
        """True when the hash was made with weaker parameters than the hasher uses now."""
