"""Local user accounts and users' preferences in SQL, for either database.

`user_logins` maps a username to its tenant and holds nothing else: signing in starts from a
username alone, so that table is readable across tenants (its row-level policy lets anyone
read, only the tenant write). The account itself, with its password hash, is in
`user_accounts`, under the same tenant policy as every other table.
"""

from __future__ import annotations

import json
from typing import Any

from hisab.access.domain.users import UserAccount
from hisab.event_store.adapters.sql.session import SqlSession
from hisab.event_store.ports import Database
from hisab.kernel.language import Language

_COLUMNS = "tenant_id, username, password_hash, roles, display_name, disabled, failed_attempts, locked_until"


class SqlUserStore:
    def __init__(self, database: Database[SqlSession]) -> None:
        self._database = database

    async def tenant_of(self, username: str) -> str | None:
        async with self._database.reading("", "user_login") as session:
            params = session.params()
            rows = await session.fetch(
                f"SELECT tenant_id FROM user_logins WHERE username = {params.add(username)}", params.values
            )
        return str(rows[0]["tenant_id"]) if rows else None

    async def account(self, tenant_id: str, username: str) -> UserAccount | None:
        async with self._database.reading(tenant_id, "user_account") as session:
            params = session.params()
            rows = await session.fetch(
                f"SELECT {_COLUMNS} FROM user_accounts WHERE tenant_id = {params.add(tenant_id)} "
                f"AND username = {params.add(username)}",
                params.values,
            )
            return _account(session, rows[0]) if rows else None

    async def accounts(self, tenant_id: str) -> list[UserAccount]:
        async with self._database.reading(tenant_id, "user_accounts") as session:
            params = session.params()
            rows = await session.fetch(
                f"SELECT {_COLUMNS} FROM user_accounts WHERE tenant_id = {params.add(tenant_id)} ORDER BY username",
                params.values,
            )
            return [_account(session, row) for row in rows]

    async def add(self, account: UserAccount) -> bool:
        async with self._database.transaction(account.tenant_id) as transaction:
            session = transaction.tables
            params = session.params()
            claimed = await session.fetch(
                f"INSERT INTO user_logins (username, tenant_id) VALUES ({params.add(account.username)}, "
                f"{params.add(account.tenant_id)}) ON CONFLICT DO NOTHING RETURNING username",
                params.values,
            )
            if not claimed:
                return False
            params = session.params()
            values = ", ".join(params.add(value) for value in _row(session, account))
            await session.fetch(f"INSERT INTO user_accounts ({_COLUMNS}) VALUES ({values})", params.values)
            await transaction.commit()
        return True

    async def save(self, account: UserAccount) -> None:
        async with self._database.transaction(account.tenant_id) as transaction:
            session = transaction.tables
            params = session.params()
            row = _row(session, account)
            assignments = ", ".join(
                f"{name} = {params.add(value)}" for name, value in zip(_COLUMNS.split(", ")[2:], row[2:], strict=True)
            )
            await session.fetch(
                f"UPDATE user_accounts SET {assignments} WHERE tenant_id = {params.add(account.tenant_id)} "
                f"AND username = {params.add(account.username)}",
                params.values,
            )
            await transaction.commit()


class SqlPreferenceStore:
    def __init__(self, database: Database[SqlSession]) -> None:
        self._database = database

    async def language(self, tenant_id: str, subject: str) -> Language | None:
        async with self._database.reading(tenant_id, "user_preferences") as session:
            params = session.params()
            rows = await session.fetch(
                f"SELECT language FROM user_preferences WHERE tenant_id = {params.add(tenant_id)} "
                f"AND subject = {params.add(subject)}",
                params.values,
            )
        return Language(rows[0]["language"]) if rows else None

    async def set_language(self, tenant_id: str, subject: str, language: Language) -> None:
        async with self._database.transaction(tenant_id) as transaction:
            session = transaction.tables
            params = session.params()
            await session.fetch(
                "INSERT INTO user_preferences (tenant_id, subject, language) VALUES "
                f"({params.add(tenant_id)}, {params.add(subject)}, {params.add(language.value)}) "
                "ON CONFLICT (tenant_id, subject) DO UPDATE SET language = excluded.language",
                params.values,
            )
            await transaction.commit()


def _row(session: SqlSession, account: UserAccount) -> tuple[Any, ...]:
    locked_until = None if account.locked_until is None else session.codec.datetime_in(account.locked_until)
    return (
        account.tenant_id, account.username, account.password_hash, json.dumps(list(account.roles)),
        account.display_name, account.disabled, account.failed_attempts, locked_until,
    )  # fmt: skip


def _account(session: SqlSession, row: Any) -> UserAccount:
    locked_until = row["locked_until"]
    return UserAccount(
        row["tenant_id"], row["username"], row["password_hash"], tuple(json.loads(row["roles"])),
        row["display_name"], bool(row["disabled"]), int(row["failed_attempts"]),
        None if locked_until is None else session.codec.datetime_out(locked_until),
    )  # fmt: skip
