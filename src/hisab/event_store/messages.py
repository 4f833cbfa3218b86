"""Events as stored, and who asked for them: the vocabulary of the event store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar, Protocol


class DomainEvent(Protocol):
    """An immutable fact of one context: a frozen dataclass with a stable, versioned type name."""

    event_type: ClassVar[str]


@dataclass(frozen=True, slots=True)
class EventMetadata:
    tenant_id: str
    user_id: str
    correlation_id: str
    occurred_at: datetime


@dataclass(frozen=True, slots=True)
class StoredEvent:
    event_id: str
    stream_id: str
    version: int
    position: int
    event: DomainEvent
    metadata: EventMetadata


@dataclass(frozen=True, slots=True)
class Actor:
    """Who asks, for which tenant, under which correlation id."""

    tenant_id: str
    user_id: str
    correlation_id: str
