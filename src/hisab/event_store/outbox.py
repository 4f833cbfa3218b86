"""Ports of the outbox relay: the event log read as an outbox, the relay's lease, the publisher.

The event log itself is the outbox: an event is appended in the command's transaction, and
the relay publishes it later, in position order, recording how far it got only after the
broker acknowledged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from hisab.event_store.messages import StoredEvent


class PoisonEventError(Exception):
    """A stored event cannot be turned into a message; the relay stops rather than skip it."""

    def __init__(self, position: int, event_type: str, reason: str) -> None:
        super().__init__(f"the event at position {position} ({event_type}) cannot be published: {reason}")
        self.position = position
        self.event_type = event_type
        self.reason = reason


class PublishError(Exception):
    """The broker did not acknowledge every event of a batch; none of it counts as published."""


@dataclass(frozen=True, slots=True)
class Backlog:
    """What waits to be published: `events` counts positions (an upper bound, as rolled-back
    transactions leave holes), `oldest` is when the first waiting event happened."""

    events: int
    oldest: datetime | None


@dataclass(frozen=True, slots=True)
class RawEvent:
    """An event row as stored, for inspection by an operator; nothing is decoded."""

    position: int
    event_id: str
    tenant_id: str
    stream_id: str
    version: int
    event_type: str
    payload: str
    correlation_id: str
    occurred_at: str


@dataclass(frozen=True, slots=True)
class RelayRecord:
    """A relay's recorded state, as an out-of-process relay leaves it for `hisab relay status`."""

    topic: str
    position: int
    owner: str | None
    lease_seconds_left: float
    status: str
    detail: str | None
    updated_at: datetime


class Outbox(Protocol):
    """The event log read as an outbox, and the relay's bookkeeping beside it."""

    async def pending(self, after_position: int, limit: int) -> list[StoredEvent]:
        """Committed events after a position, in position order, up to `limit`.

        Gap-safe: it stops before any position that a transaction still in flight may fill,
        so no event below the last one returned can appear later. Raises PoisonEventError
        when the first pending event cannot be decoded.
        """

    async def backlog(self, after_position: int) -> Backlog:
        """How much waits after a position."""

    async def start_position(self, since: datetime | None) -> int:
        """Where a relay with no recorded position starts: just before the first event that
        happened at or after `since` (the very beginning when None)."""

    async def inspect(self, position: int) -> RawEvent | None:
        """The stored row at a position, undecoded."""

    async def claim(self, topic: str, owner: str, lease_seconds: float, start: int) -> int | None:
        """Take or renew the lease of a topic's relay; the recorded position if `owner` now holds
        it (a new topic starts at `start`), None while another live owner does."""

    async def advance(self, topic: str, owner: str, position: int) -> bool:
        """Record the published position; False (and nothing written) if `owner` lost the lease."""

    async def report(self, topic: str, owner: str, status: str, detail: str | None) -> None:
        """Record the leader's status for operators; ignored if `owner` does not hold the lease."""

    async def release(self, topic: str, owner: str) -> None:
        """Give the lease up so another relay takes over at once."""

    async def record(self, topic: str) -> RelayRecord | None: ...

    async def close(self) -> None: ...


class EventPublisher(Protocol):
    """Where events go: a Kafka topic in production, a list in the tests' fake."""

    async def publish(self, events: Sequence[StoredEvent]) -> None:
        """Send the events in order and return once the broker acknowledged every one of them;
        raise PublishError otherwise (some may have been delivered: at least once)."""

    async def close(self) -> None: ...
