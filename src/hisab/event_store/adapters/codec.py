"""Events to and from JSON: Decimals as strings, dates in ISO 8601, type names as stored.

pydantic's TypeAdapter does the field-by-field work, so a new field on an event needs
no code here, and a Decimal never passes through a float on the way.

Stored events are never rewritten. When an event's shape changes it gets a new version, and
an upcaster registered beside the event (`EVENT_TYPES.upcast`) turns a stored payload of the
old version into the new one as it is read, so the domain only ever sees current versions.
"""

from __future__ import annotations

import functools
import json
from typing import Any

from pydantic import TypeAdapter

from hisab.event_store.messages import DomainEvent
from hisab.event_store.registry import EVENT_TYPES, UnknownEventTypeError

__all__ = ["UnknownEventTypeError", "decode_event", "encode_event"]


@functools.cache
def _adapter(cls: type[DomainEvent]) -> TypeAdapter[Any]:
    return TypeAdapter(cls)


def encode_event(event: DomainEvent) -> str:
    payload = _adapter(type(event)).dump_python(event, mode="json")
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def decode_event(event_type: str, payload: str | dict[str, Any]) -> DomainEvent:
    data = json.loads(payload) if isinstance(payload, str) else payload
    cls, current = EVENT_TYPES.current(event_type, data)
    event: DomainEvent = _adapter(cls).validate_python(current)
    return event
