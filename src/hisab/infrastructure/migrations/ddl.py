"""What the migrations share: each dialect's name for a kind of column, and the tenant policy.

A migration writes its DDL once, as a template such as `"created_at {t.timestamp} NOT NULL"`,
formatted with `column_types()`. Released migrations are formatted with these names every time
a database is created, so a name here is never changed, only added: changing one would change
what an old revision creates, and databases already at it would differ from new ones.
"""

from __future__ import annotations

from dataclasses import dataclass

from alembic import op

from hisab.event_store.adapters.postgres.roles import APPEND_ONLY_COMMENT


@dataclass(frozen=True, slots=True)
class ColumnTypes:
    """One dialect's spelling of each kind of column the schema uses."""

    bigint: str
    boolean: str
    date: str
    decimal: str  # exact: SQLite's NUMERIC would be a float, so there it is decimal text
    double: str
    json: str
    timestamp: str
    uuid: str
    now: str  # the default for a timestamp column: the current time, as the column stores it


# Each kind of column side by side: (PostgreSQL, SQLite).
_NAMES = {
    "bigint": ("BIGINT", "INTEGER"),
    "boolean": ("BOOLEAN", "INTEGER"),
    "date": ("DATE", "TEXT"),
    "decimal": ("NUMERIC", "TEXT"),
    "double": ("DOUBLE PRECISION", "REAL"),
    "json": ("JSONB", "TEXT"),
    "timestamp": ("TIMESTAMPTZ", "TEXT"),
    "uuid": ("UUID", "TEXT"),
    "now": ("now()", "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))"),
}
POSTGRES = ColumnTypes(**{kind: names[0] for kind, names in _NAMES.items()})
SQLITE = ColumnTypes(**{kind: names[1] for kind, names in _NAMES.items()})


def is_postgres() -> bool:
    """Whether the running migration is on PostgreSQL (otherwise it is SQLite)."""
    return bool(op.get_context().dialect.name == "postgresql")


def column_types() -> ColumnTypes:
    """The column types of the database the running migration is on."""
    return POSTGRES if is_postgres() else SQLITE


def tenant_row_security(table: str) -> list[str]:
    """PostgreSQL only: rows of `table` are visible and writable only to the transaction's tenant.

    The service names the tenant with `set_config('hisab.tenant_id', …, true)` at the start of
    every transaction (see migration 0002).
    """
    tenant_is_current = "tenant_id = current_setting('hisab.tenant_id', true)"
    return [
        f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
        f"CREATE POLICY tenant_isolation ON {table} USING ({tenant_is_current}) WITH CHECK ({tenant_is_current})",
    ]


def append_only(table: str, why: str) -> list[str]:
    """PostgreSQL only: mark `table` so that `hisab migrate` grants the service role only SELECT and INSERT.

    The mark is a comment on the table, read from the catalog at grant time (event_store's `roles`).
    """
    comment = f"{APPEND_ONLY_COMMENT}: {why}".replace("'", "''")
    return [f"COMMENT ON TABLE {table} IS '{comment}'"]
