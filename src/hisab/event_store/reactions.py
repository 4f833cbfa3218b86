"""Reactions: what one context does, in the same transaction, when another's events are recorded.

Issuing a tax invoice must post its sales journal in the transaction that issues it, or the
books and the invoices could disagree after a crash. A reaction follows event types as a
projection does, but instead of keeping a read model it decides events of other streams (the
ledger's journal entry), which the write path records like any command's: appended with their
expected version, projected, and reacted to in turn. A rebuild replays the events it recorded
and runs no reaction, so nothing is posted twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from hisab.event_store.messages import Actor, DomainEvent, StoredEvent
from hisab.event_store.ports import Transaction

S = TypeVar("S")
S_contra = TypeVar("S_contra", contravariant=True)


@dataclass(frozen=True, slots=True)
class Consequence:
    """Events a reaction appends to a stream: after `history`, the stream as the reaction read it
    (empty for a new one), so that a concurrent writer of it makes the whole transaction fail."""

    stream_id: str
    history: list[StoredEvent]
    events: Sequence[DomainEvent]


class Reaction(Protocol[S_contra]):
    @property
    def name(self) -> str: ...

    @property
    def follows(self) -> frozenset[type[DomainEvent]]: ...

    async def react(
        self,
        transaction: Transaction[S_contra],
        actor: Actor,
        stream: Sequence[StoredEvent],
        new: Sequence[StoredEvent],
    ) -> Sequence[Consequence]:
        """What to record elsewhere now that `new` was appended to `stream`; raise to refuse the command."""


class Reactions(Generic[S]):
    def __init__(self, reactions: Iterable[Reaction[S]] = ()) -> None:
        self._all = tuple(reactions)

    def following(self, events: Sequence[StoredEvent]) -> list[Reaction[S]]:
        types = {type(stored.event) for stored in events}
        return [reaction for reaction in self._all if reaction.follows & types]
