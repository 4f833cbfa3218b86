"""The one write path of every aggregate: read, decide, append, project, commit, retry.

A command handler says only what is particular to it: which stream, and how to decide the new
events from the stream's history (`decide`). Everything else happens here, the same way for every
aggregate, in one transaction: the stream is read; the caller's expected version is checked; the
events are appended with the version the decision was made at, so a concurrent writer makes the
append fail rather than interleave; every projection that follows one of the new events updates
its read model; the transaction commits. A lost race is retried when the caller named no version
(a named version means "only if nobody changed it since I looked").

This is eventsourcing's `Application.save()` and cosmicpython's unit of work, written once.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Generic, TypeVar

from hisab.event_store.messages import Actor, DomainEvent, EventMetadata, StoredEvent
from hisab.event_store.ports import Database, IdempotencyRecord, NewStream, Transaction
from hisab.event_store.projections import Projections, apply_batch
from hisab.event_store.reactions import Reactions
from hisab.kernel.errors import (
    ConcurrencyError,
    IdempotencyKeyReusedError,
    IdempotencyKeyTakenError,
    NotFoundError,
)
from hisab.kernel.telemetry import Telemetry

S = TypeVar("S")
T = TypeVar("T")
# A reaction's events may be reacted to in turn, but not without end.
_MAX_REACTION_DEPTH = 4
Decide = Callable[[Transaction[S], list[StoredEvent]], Awaitable[Sequence[DomainEvent]]]
DecideStreams = Callable[[Transaction[S]], Awaitable[Sequence[NewStream]]]


@dataclass(frozen=True, slots=True)
class Recorded:
    """A stream as a command left it: every event in version order, the command's own last."""

    stream: list[StoredEvent]
    new: list[StoredEvent]

    @property
    def version(self) -> int:
        return len(self.stream)


@dataclass(frozen=True, slots=True)
class Batch:
    """What `start_many` recorded: the new streams in the order decided, and the stream changed alongside."""

    started: list[Recorded]
    alongside: Recorded | None


@dataclass(frozen=True, slots=True)
class Idempotency:
    """A client's Idempotency-Key with a digest of its request, to tell a retry from another request."""

    key: str
    fingerprint: str


class Streams(Generic[S]):
    def __init__(
        self,
        database: Database[S],
        projections: Projections[S],
        clock: Callable[[], datetime],
        *,
        retries: int = 5,
        telemetry: Telemetry | None = None,
        reactions: Reactions[S] | None = None,
    ) -> None:
        self._database = database
        self._projections = projections
        self._reactions = reactions or Reactions()
        self._clock = clock
        self._retries = retries
        self._telemetry = telemetry or Telemetry()

    async def read(self, tenant_id: str, stream_id: str) -> list[StoredEvent]:
        """A stream's events as committed; empty if the tenant has no such stream."""
        async with self._database.transaction(tenant_id) as transaction:
            return await transaction.events.read_stream(tenant_id, stream_id)

    async def answered(self, tenant_id: str, idempotency: Idempotency) -> list[StoredEvent] | None:
        """The stream a request with this key began (as `start` would replay it), or None if none did.

        Raise IdempotencyKeyReusedError if the key was used for a different request.
        """
        async with self._database.transaction(tenant_id) as transaction:
            answered = await transaction.idempotency.find(tenant_id, idempotency.key)
            if answered is None:
                return None
            return (await _replay(transaction, tenant_id, answered, idempotency)).stream

    async def start(
        self, actor: Actor, new_stream_id: Callable[[], str], decide: Decide[S], idempotency: Idempotency | None = None
    ) -> Recorded:
        """Begin a new stream. With an idempotency key, a retry gets the stream the first request began."""
        # A lost race on the idempotency key is retried once, and then finds the winner's record.
        for _ in range(2):
            async with self._database.transaction(actor.tenant_id) as transaction:
                if idempotency is not None:
                    answered = await transaction.idempotency.find(actor.tenant_id, idempotency.key)
                    if answered is not None:
                        return await _replay(transaction, actor.tenant_id, answered, idempotency)
                stream_id = new_stream_id()
                recorded = await self._record(transaction, actor, stream_id, [], await decide(transaction, []))
                if idempotency is not None:
                    record = IdempotencyRecord(idempotency.fingerprint, stream_id)
                    try:
                        await transaction.idempotency.save(actor.tenant_id, idempotency.key, record)
                    except IdempotencyKeyTakenError:
                        continue
                await transaction.commit()
                return recorded
        raise IdempotencyKeyReusedError("the idempotency key is being used by a concurrent request")

    async def change(
        self,
        actor: Actor,
        stream_id: str,
        decide: Decide[S],
        *,
        noun: str,
        expected_version: int | None = None,
        may_be_new: bool = False,
        exclusive: bool = False,
    ) -> Recorded:
        """Append what `decide` makes of the stream's history; the stream must exist unless `may_be_new`.

        `exclusive` holds the stream before reading it (EventStore.hold), for a command that many
        callers may give at once on one stream: they then wait their turn instead of racing.
        """

        async def attempt() -> Recorded:
            async with self._database.transaction(actor.tenant_id) as transaction:
                if exclusive:
                    await transaction.events.hold(actor.tenant_id, stream_id)
                history = await transaction.events.read_stream(actor.tenant_id, stream_id)
                if not history and not may_be_new:
                    raise NotFoundError(f"{noun} {stream_id} not found")
                if expected_version is not None and expected_version != len(history):
                    raise ConcurrencyError(
                        f"expected version {expected_version}, but the {noun} is at version {len(history)}"
                    )
                events = await decide(transaction, history)
                recorded = await self._record(transaction, actor, stream_id, history, events)
                await transaction.commit()
                return recorded

        if expected_version is None:
            return await retrying(attempt, self._retries)
        try:
            return await attempt()
        except ConcurrencyError as lost:
            # A concurrent command appended first (its version was taken at commit): say where it stands now.
            current = len(await self.read(actor.tenant_id, stream_id))
            if current == expected_version:
                raise
            raise ConcurrencyError(
                f"expected version {expected_version}, but the {noun} is at version {current}"
            ) from lost

    async def start_many(
        self, actor: Actor, decide: DecideStreams[S], *, alongside: tuple[str, Decide[S]] | None = None
    ) -> Batch:
        """Begin many new streams in one transaction, with few round trips whatever their number.

        `decide` names the streams and their first events (taking counters in the transaction,
        as `start`'s decisions do). `alongside` is one existing stream changed in the same
        transaction, with its expected version checked: a batch and the record of its having
        been written commit together or not at all, and a concurrent writer of that stream makes
        the whole batch fail (ConcurrencyError; nothing is retried). The projections see the
        same events as with `start`, several streams at a time where they can take them so.
        """
        async with self._database.transaction(actor.tenant_id) as transaction:
            metadata = self._metadata(actor)
            changed: Recorded | None = None
            if alongside is not None:
                stream_id, decide_change = alongside
                history = await transaction.events.read_stream(actor.tenant_id, stream_id)
                if not history:
                    raise NotFoundError(f"stream {stream_id} not found")
                events = await decide_change(transaction, history)
                new = await transaction.events.append(stream_id, len(history), events, metadata)
                changed = Recorded([*history, *new], new)
            stored = await transaction.events.begin_streams(await decide(transaction), metadata)
            started = [Recorded(stream, stream) for stream in stored]
            recorded = [*started, *([changed] if changed else [])]
            for projection, updates in self._projections.following_each([(r.stream, r.new) for r in recorded]):
                with self._telemetry.operation(f"project.{projection.name}", actor.tenant_id):
                    await apply_batch(projection, transaction.tables, updates)
            for each in recorded:
                await self._react(transaction, actor, each.stream, each.new, depth=0)
            await transaction.commit()
            return Batch(started, changed)

    def snapshot(self, tenant_id: str, operation: str) -> AbstractAsyncContextManager[S]:
        """A read-only snapshot of the tenant's tables, for a context's queries."""
        return self._database.reading(tenant_id, operation)

    async def _record(
        self,
        transaction: Transaction[S],
        actor: Actor,
        stream_id: str,
        history: list[StoredEvent],
        events: Sequence[DomainEvent],
        *,
        depth: int = 0,
    ) -> Recorded:
        new = await transaction.events.append(stream_id, len(history), events, self._metadata(actor))
        stream = [*history, *new]
        for projection in self._projections.following(new):
            with self._telemetry.operation(f"project.{projection.name}", actor.tenant_id):
                await projection.apply(transaction.tables, stream, new)
        await self._react(transaction, actor, stream, new, depth=depth)
        return Recorded(stream, new)

    async def _react(
        self,
        transaction: Transaction[S],
        actor: Actor,
        stream: Sequence[StoredEvent],
        new: Sequence[StoredEvent],
        *,
        depth: int,
    ) -> None:
        """Record what the reactions following `new` decide, in the same transaction."""
        for reaction in self._reactions.following(new):
            if depth >= _MAX_REACTION_DEPTH:
                raise RuntimeError(f"reaction {reaction.name} reacts to reactions {depth} deep: a cycle?")
            with self._telemetry.operation(f"react.{reaction.name}", actor.tenant_id):
                consequences = await reaction.react(transaction, actor, stream, new)
            for consequence in consequences:
                await self._record(
                    transaction, actor, consequence.stream_id, consequence.history, consequence.events, depth=depth + 1
                )

    def _metadata(self, actor: Actor) -> EventMetadata:
        return EventMetadata(actor.tenant_id, actor.user_id, actor.correlation_id, self._clock().astimezone(UTC))


def appending(events: Sequence[DomainEvent]) -> Decide[object]:
    """A decision made before the transaction: append these events to whatever the history is."""

    async def decide(transaction: Transaction[object], history: list[StoredEvent]) -> Sequence[DomainEvent]:
        return events

    return decide


async def retrying(attempt: Callable[[], Awaitable[T]], attempts: int) -> T:
    """Run `attempt` until it does not lose a race (ConcurrencyError), at most `attempts` times."""
    for _ in range(attempts - 1):
        try:
            return await attempt()
        except ConcurrencyError:
            continue
    return await attempt()


async def _replay(
    transaction: Transaction[S], tenant_id: str, answered: IdempotencyRecord, idempotency: Idempotency
) -> Recorded:
    if answered.request_hash != idempotency.fingerprint:
        raise IdempotencyKeyReusedError("the idempotency key was already used for a different request")
    stream = await transaction.events.read_stream(tenant_id, answered.stream_id)
    return Recorded(stream, [])
