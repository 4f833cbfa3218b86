"""A tenant table's reads: the statements written for each driver, and keyset pages walked on a real SQLite table."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any

import pytest

from hisab.event_store.adapters.sql.pages import TenantTable, Where
from hisab.event_store.adapters.sql.params import Params, Style
from hisab.event_store.adapters.sql.session import SqlSession
from hisab.event_store.adapters.sql.types import Row
from hisab.event_store.adapters.sql.values import TextValues

NOTES = TenantTable("notes", ("tenant_id", "note_id", "sequence", "colour"), "note_id")


class Recording:
    """A fetch that keeps each statement and its values and answers with the rows it is given, in turn."""

    def __init__(self, *answers: Sequence[Row]) -> None:
        self.statements: list[tuple[str, list[Any]]] = []
        self._answers = list(answers)

    async def __call__(self, sql: str, values: Sequence[Any]) -> Sequence[Row]:
        self.statements.append((sql, list(values)))
        return self._answers.pop(0)

    def session(self, style: Style) -> SqlSession:
        return SqlSession(self, style, TextValues())


def _red(tenant_id: str) -> Where:
    def where(params: Params) -> str:
        return f"tenant_id = {params.add(tenant_id)} AND colour = {params.add('red')}"

    return where


async def test_a_page_after_a_cursor_reads_one_row_more_and_counts_without_the_cursor_on_postgresql() -> None:
    fetch = Recording([(3,), (2,), (1,)], [(7,)])
    page = await NOTES.page(fetch.session("numeric"), _red("tenant-a"), 2, after_sequence=4)
    columns = "tenant_id, note_id, sequence, colour"
    assert fetch.statements == [
        (
            f"SELECT {columns} FROM notes WHERE tenant_id = $1 AND colour = $2 AND sequence < $3 "
            "ORDER BY sequence DESC LIMIT $4",
            ["tenant-a", "red", 4, 3],
        ),
        ("SELECT count(*) FROM notes WHERE tenant_id = $1 AND colour = $2", ["tenant-a", "red"]),
    ]
    assert page.rows == [(3,), (2,)]
    assert page.has_next_page is True
    assert page.total_count == 7


async def test_the_first_page_has_no_cursor_condition_and_a_short_page_has_no_next_on_sqlite() -> None:
    fetch = Recording([(3,)], [(1,)])
    page = await NOTES.page(fetch.session("qmark"), _red("tenant-a"), 2, after_sequence=None)
    assert [sql for sql, _ in fetch.statements] == [
        "SELECT tenant_id, note_id, sequence, colour FROM notes WHERE tenant_id = ? AND colour = ? "
        "ORDER BY sequence DESC LIMIT ?",
        "SELECT count(*) FROM notes WHERE tenant_id = ? AND colour = ?",
    ]
    assert fetch.statements[0][1] == ["tenant-a", "red", 3]
    assert (page.rows, page.has_next_page, page.total_count) == ([(3,)], False, 1)


async def test_rows_are_read_by_id_and_by_ids_within_the_tenant() -> None:
    fetch = Recording([], [(1,)], [(2,)])
    session = fetch.session("numeric")
    assert await NOTES.get(session, "tenant-a", "n-1") is None
    assert await NOTES.get(session, "tenant-a", "n-1") == (1,)
    assert await NOTES.get_many(session, "tenant-a", ["n-1", "n-2"]) == [(2,)]
    columns = "tenant_id, note_id, sequence, colour"
    assert fetch.statements[1:] == [
        (f"SELECT {columns} FROM notes WHERE tenant_id = $1 AND note_id = $2", ["tenant-a", "n-1"]),
        (f"SELECT {columns} FROM notes WHERE tenant_id = $1 AND note_id = ANY($2)", ["tenant-a", ["n-1", "n-2"]]),
    ]


@pytest.fixture
def notes() -> Iterator[SqlSession]:
    """Notes 1..5 of tenant-a (odd ones red) and one red note of tenant-b, in an in-memory SQLite table."""
    connection = sqlite3.connect(":memory:")
    connection.row_factory = sqlite3.Row
    connection.execute("CREATE TABLE notes (tenant_id TEXT, note_id TEXT, sequence INTEGER, colour TEXT)")
    rows = [("tenant-a", f"n-{n}", n, "red" if n % 2 else "blue") for n in range(1, 6)] + [("tenant-b", "m", 6, "red")]
    connection.executemany("INSERT INTO notes VALUES (?, ?, ?, ?)", rows)

    async def fetch(sql: str, values: Sequence[Any]) -> Sequence[Row]:
        return connection.execute(sql, values).fetchall()

    yield SqlSession(fetch, "qmark", TextValues())
    connection.close()


async def test_walking_the_pages_visits_each_matching_row_once_newest_first(notes: SqlSession) -> None:
    seen: list[str] = []
    after: int | None = None
    while True:
        page = await NOTES.page(notes, _red("tenant-a"), 2, after)
        assert page.total_count == 3
        seen += [row["note_id"] for row in page.rows]
        if not page.has_next_page:
            break
        after = page.rows[-1]["sequence"]
    assert seen == ["n-5", "n-3", "n-1"]


async def test_an_empty_page_and_an_unknown_id_find_nothing(notes: SqlSession) -> None:
    page = await NOTES.page(notes, _red("tenant-a"), 0, None)
    assert (list(page.rows), page.has_next_page, page.total_count) == ([], True, 3)
    assert await NOTES.get(notes, "tenant-b", "n-1") is None
    assert [row["note_id"] for row in await NOTES.get_many(notes, "tenant-a", ["n-2", "m", "x"])] == ["n-2"]
