"""Read models as projections of the events, registered by the event types they follow.

The write path runs, in the command's own transaction, every projection that follows one of the
new events; `hisab projections rebuild` replays every stream through the same projections into
fresh tables and compares. A read model is therefore always what its projection makes of the
events, and a new one is one more registered projection, not another branch anywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar, runtime_checkable

from hisab.event_store.messages import DomainEvent, StoredEvent

S = TypeVar("S")
S_contra = TypeVar("S_contra", contravariant=True)


@dataclass(frozen=True, slots=True)
class ReadModelTable:
    """A table a projection writes: its columns, the columns that identify a row, and what a
    difference in it is reported as (`invoice tenant-a/inv-1`)."""

    name: str
    columns: tuple[str, ...]
    key: tuple[str, ...]
    noun: str
    # The key column named in reports besides the tenant (None: one row per tenant).
    reported_key: str | None


class Projection(Protocol[S_contra]):
    """Keeps one read model: folds a stream's events into its tables."""

    @property
    def name(self) -> str: ...

    @property
    def follows(self) -> frozenset[type[DomainEvent]]:
        """The event types that change this read model."""

    @property
    def tables(self) -> tuple[ReadModelTable, ...]:
        """Its tables, parents before the tables that refer to them."""

    async def apply(self, tables: S_contra, stream: Sequence[StoredEvent], new: Sequence[StoredEvent]) -> None:
        """Bring the read model up to date with `new`, the last events of `stream` (all of it in a rebuild)."""


# A stream as the write path hands it to a projection: all of its events, and the new ones.
Update = tuple[Sequence[StoredEvent], Sequence[StoredEvent]]


@runtime_checkable
class BatchProjection(Protocol[S_contra]):
    """A projection that also applies many streams' new events at once, in a few statements.

    The batch write path (`Streams.start_many`) uses it when a projection has it, and falls back
    to one `apply` per stream otherwise; either way the read model ends the same.
    """

    async def apply_many(self, tables: S_contra, updates: Sequence[Update]) -> None: ...


class Projections(Generic[S]):
    """Every registered projection of one backend, looked up by event type."""

    def __init__(self, projections: Iterable[Projection[S]]) -> None:
        self._all = tuple(projections)
        names = [projection.name for projection in self._all]
        if len(set(names)) != len(names):
            raise ValueError(f"two projections share a name: {sorted(names)}")
        self._by_type: dict[type[DomainEvent], list[Projection[S]]] = {}
        for projection in self._all:
            for event_type in projection.follows:
                self._by_type.setdefault(event_type, []).append(projection)

    def __iter__(self) -> Iterator[Projection[S]]:
        return iter(self._all)

    def following(self, events: Sequence[StoredEvent]) -> list[Projection[S]]:
        """The projections that follow any of these events, each once, in registration order."""
        found = {id(p): p for s in events for p in self._by_type.get(type(s.event), ())}
        return [p for p in self._all if id(p) in found]

    async def apply(self, tables: S, stream: Sequence[StoredEvent], new: Sequence[StoredEvent]) -> None:
        for projection in self.following(new):
            await projection.apply(tables, stream, new)

    def following_each(self, updates: Sequence[Update]) -> list[tuple[Projection[S], list[Update]]]:
        """Each projection that follows any of the updates, with the updates it follows, in registration order."""
        followed: dict[int, list[Update]] = {}
        for update in updates:
            for projection in self.following(update[1]):
                followed.setdefault(id(projection), []).append(update)
        return [(p, followed[id(p)]) for p in self._all if id(p) in followed]


async def apply_batch(projection: Projection[S], tables: S, updates: Sequence[Update]) -> None:
    """Bring one read model up to date with many streams: in one go if it can, else stream by stream."""
    if isinstance(projection, BatchProjection):
        await projection.apply_many(tables, updates)
        return
    for stream, new in updates:
        await projection.apply(tables, stream, new)
