"""The PostgreSQL unit of work begins and commits by hand (one round trip each); it must not lie."""

from __future__ import annotations

import asyncpg
import pytest

from hisab.event_store.adapters.postgres.database import PostgresDatabase
from hisab.event_store.ports import IdempotencyRecord
from hisab.invoicing.adapters.sql.rows import LINE_COLUMNS
from hisab.invoicing.adapters.sql.statements import LINE_ARRAY_TYPES
from hisab.kernel.errors import IdempotencyKeyTakenError

pytestmark = pytest.mark.postgres


async def test_a_transaction_whose_statement_failed_refuses_to_commit(postgres_url: str) -> None:
    database = await PostgresDatabase.open(postgres_url, min_size=1, max_size=1)
    record = IdempotencyRecord("hash", "inv-1")
    try:
        async with database.transaction("tenant-a") as uow:
            await uow.idempotency.save("tenant-a", "key", record)
            await uow.commit()
        async with database.transaction("tenant-a") as uow:
            with pytest.raises(IdempotencyKeyTakenError):
                await uow.idempotency.save("tenant-a", "key", record)
            with pytest.raises(asyncpg.InFailedSQLTransactionError):
                await uow.commit()
        async with database.transaction("tenant-a") as uow:
            assert await uow.idempotency.find("tenant-a", "key") == record
    finally:
        await database.close()


async def test_the_line_array_types_are_the_line_tables_column_types(postgres_url: str) -> None:
    connection = await asyncpg.connect(postgres_url)
    try:
        rows = await connection.fetch(
            "SELECT column_name, udt_name FROM information_schema.columns WHERE table_name = 'invoice_lines'"
        )
    finally:
        await connection.close()
    spelled = {"text": "text", "int4": "int", "int8": "bigint", "numeric": "numeric"}
    actual = {row["column_name"]: spelled[row["udt_name"]] for row in rows}
    assert [actual[column] for column in LINE_COLUMNS] == list(LINE_ARRAY_TYPES)
