"""Events to and from JSON: Decimals as strings, dates in ISO 8601, type names as stored.

pydantic's TypeAdapter does the field-by-field work, so a new field on an event needs
no code here, and a Decimal never passes through a float on the way.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import TypeAdapter

from hisab.domain.events import EVENT_TYPES, DomainEvent

_ADAPTERS: dict[str, TypeAdapter[Any]] = {name: TypeAdapter(cls) for name, cls in EVENT_TYPES.items()}


class UnknownEventTypeError(Exception):
    """The store holds an event type this version of Hisab does not know."""


def encode_event(event: DomainEvent) -> str:
    payload = _ADAPTERS[event.event_type].dump_python(event, mode="json")
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def decode_event(event_type: str, payload: str | dict[str, Any]) -> DomainEvent:
    adapter = _ADAPTERS.get(event_type)
    if adapter is None:
        raise UnknownEventTypeError(event_type)
    data = json.loads(payload) if isinstance(payload, str) else payload
    event: DomainEvent = adapter.validate_python(data)
    return event
