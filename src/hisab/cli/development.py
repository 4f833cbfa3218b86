"""What `hisab serve` sets up outside production: two users to sign in to the web app as.

`maker` creates invoices and records receipts; `checker` approves what the maker made (the
maker may not approve their own) and administers the tenant. Their passwords are random, made
when the users are first added and printed that once; `hisab users passwd` sets new ones.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from hisab.bootstrap import open_database, user_accounts
from hisab.config import Settings


@dataclass(frozen=True, slots=True)
class DevelopmentUser:
    username: str
    roles: tuple[str, ...]
    duty: str


DEVELOPMENT_USERS = (
    DevelopmentUser("maker", ("clerk", "accountant"), "creates invoices, records receipts, drafts journal entries"),
    DevelopmentUser("checker", ("admin",), "approves the maker's invoices and entries, administers the tenant"),
)


async def ensure_development_users(settings: Settings, tenant_id: str) -> dict[str, str | None]:
    """Each development user's new password, or None for one that was already there."""
    database = await open_database(settings)
    try:
        accounts = user_accounts(settings, database)
        passwords: dict[str, str | None] = {}
        for user in DEVELOPMENT_USERS:
            if await accounts.find(user.username) is not None:
                passwords[user.username] = None
                continue
            password = secrets.token_urlsafe(12)
            await accounts.add(tenant_id, user.username, password, user.roles, user.username.capitalize())
            passwords[user.username] = password
        return passwords
    finally:
        await database.close()
