"""A small aggregate that lives only in the tests: what a new context writes, and nothing more.

A tally is opened with a name and counted up. Its events register in the shared registry, its
decisions are pure, and its read model is one projection (SQL and in-memory); the write path,
the outbox, the rebuild and the telemetry come from the event store unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from hisab.event_store.adapters.sql.session import SqlSession
from hisab.event_store.messages import DomainEvent, StoredEvent
from hisab.event_store.projections import ReadModelTable
from hisab.event_store.registry import EVENT_TYPES
from hisab.kernel.errors import InvalidInputError
from tests.fakes import MemoryTables


@dataclass(frozen=True, slots=True)
class TallyOpened:
    event_type: ClassVar[str] = "TallyOpened.v1"

    tally_id: str
    name: str


@dataclass(frozen=True, slots=True)
class TallyCounted:
    event_type: ClassVar[str] = "TallyCounted.v1"

    tally_id: str
    by: int


EVENT_TYPES.register((TallyOpened, TallyCounted))


@dataclass(frozen=True, slots=True)
class Tally:
    tally_id: str
    name: str
    total: int

    @classmethod
    def from_events(cls, events: Sequence[DomainEvent]) -> Tally:
        tally = None
        for event in events:
            match event:
                case TallyOpened(tally_id, name):
                    tally = cls(tally_id, name, 0)
                case TallyCounted(_, by) if tally is not None:
                    tally = cls(tally.tally_id, tally.name, tally.total + by)
        assert tally is not None
        return tally

    def count(self, by: int) -> TallyCounted:
        if by < 1:
            raise InvalidInputError.single("by", "positive", "a tally counts up by at least 1")
        return TallyCounted(self.tally_id, by)


TALLIES = ReadModelTable(
    "test_tallies", ("tenant_id", "tally_id", "name", "total"), key=("tenant_id", "tally_id"), noun="tally",
    reported_key="tally_id",
)  # fmt: skip
CREATE_TALLIES = (
    "CREATE TABLE IF NOT EXISTS test_tallies (tenant_id TEXT NOT NULL, tally_id TEXT NOT NULL, name TEXT NOT NULL, "
    "total INTEGER NOT NULL, PRIMARY KEY (tenant_id, tally_id))"
)


def _fold(stream: Sequence[StoredEvent]) -> tuple[str, Tally]:
    return stream[0].metadata.tenant_id, Tally.from_events([s.event for s in stream])


class SqlTallyProjection:
    name = "tallies"
    follows: frozenset[type[DomainEvent]] = frozenset({TallyOpened, TallyCounted})
    tables = (TALLIES,)

    async def apply(self, tables: SqlSession, stream: Sequence[StoredEvent], new: Sequence[StoredEvent]) -> None:
        tenant, tally = _fold(stream)
        params = tables.params()
        values = ", ".join(params.add(v) for v in (tenant, tally.tally_id, tally.name, tally.total))
        await tables.fetch(
            f"INSERT INTO {tables.table(TALLIES.name)} (tenant_id, tally_id, name, total) VALUES ({values}) "
            "ON CONFLICT (tenant_id, tally_id) DO UPDATE SET name = excluded.name, total = excluded.total",
            params.values,
        )


class MemoryTallyProjection:
    name = "tallies"
    follows: frozenset[type[DomainEvent]] = frozenset({TallyOpened, TallyCounted})
    tables = (TALLIES,)

    async def apply(self, tables: MemoryTables, stream: Sequence[StoredEvent], new: Sequence[StoredEvent]) -> None:
        tenant, tally = _fold(stream)
        tables.table(TALLIES.name)[(tenant, tally.tally_id)] = tally
