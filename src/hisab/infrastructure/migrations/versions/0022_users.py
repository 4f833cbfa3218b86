"""The web app's local users and every user's preferences.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-03

`user_logins` maps a username (unique in one installation) to its tenant, so that signing in
can start from a username alone: its policy lets any transaction read it and only the tenant
write it. It holds no secret; the password hash is in `user_accounts`, under the usual tenant
policy. `user_preferences` is keyed by subject, so identity-provider users have them too.
"""

from alembic import op

from hisab.infrastructure.migrations.ddl import column_types, is_postgres, tenant_row_security

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

_LOGINS = """
    CREATE TABLE user_logins (
        username TEXT NOT NULL PRIMARY KEY,
        tenant_id TEXT NOT NULL
    )
"""
_ACCOUNTS = """
    CREATE TABLE user_accounts (
        tenant_id TEXT NOT NULL,
        username TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        roles TEXT NOT NULL,
        display_name TEXT NOT NULL,
        disabled {t.boolean} NOT NULL,
        failed_attempts INTEGER NOT NULL,
        locked_until {t.timestamp},
        created_at {t.timestamp} NOT NULL DEFAULT {t.now},
        PRIMARY KEY (tenant_id, username)
    )
"""
_PREFERENCES = """
    CREATE TABLE user_preferences (
        tenant_id TEXT NOT NULL,
        subject TEXT NOT NULL,
        language TEXT NOT NULL,
        PRIMARY KEY (tenant_id, subject)
    )
"""
_TENANT_IS_CURRENT = "tenant_id = current_setting('hisab.tenant_id', true)"
_LOGIN_POLICIES = (
    "ALTER TABLE user_logins ENABLE ROW LEVEL SECURITY",
    "CREATE POLICY login_lookup ON user_logins FOR SELECT USING (true)",
    f"CREATE POLICY tenant_writes ON user_logins FOR INSERT WITH CHECK ({_TENANT_IS_CURRENT})",
    f"CREATE POLICY tenant_updates ON user_logins FOR UPDATE USING ({_TENANT_IS_CURRENT})",
    f"CREATE POLICY tenant_deletes ON user_logins FOR DELETE USING ({_TENANT_IS_CURRENT})",
)


def upgrade() -> None:
    types = column_types()
    for ddl in (_LOGINS, _ACCOUNTS, _PREFERENCES):
        op.execute(ddl.format(t=types))
    if is_postgres():
        for statement in (*_LOGIN_POLICIES, *tenant_row_security("user_accounts"),
                          *tenant_row_security("user_preferences")):  # fmt: skip
            op.execute(statement)


def downgrade() -> None:
    for table in ("user_preferences", "user_accounts", "user_logins"):
        op.execute(f"DROP TABLE {table}")
