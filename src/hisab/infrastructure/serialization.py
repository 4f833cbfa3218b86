"""Events to and from JSON: Decimals as strings, dates in ISO 8601, type names as stored.

pydantic's TypeAdapter does the field-by-field work, so a new field on an event needs
no code here, and a Decimal never passes through a float on the way.

Stored events are never rewritten. When an event's shape changes it gets a new version, and
an upcaster here turns a stored payload of the old version into the new one as it is read,
so the domain only ever sees current versions.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from pydantic import TypeAdapter

from hisab.domain.events import EVENT_TYPES, DomainEvent

_ADAPTERS: dict[str, TypeAdapter[Any]] = {name: TypeAdapter(cls) for name, cls in EVENT_TYPES.items()}


class UnknownEventTypeError(Exception):
    """The store holds an event type this version of Hisab does not know."""


Payload = dict[str, Any]


def _invoice_created_v1(payload: Payload) -> Payload:
    """v1 had no buyer name, buyer address or delivery destination."""
    return {"buyer_name": None, "buyer_address": None, "delivery_destination": None, **payload}


# Old type name -> (the next version's type name, how to turn the payload into it).
_UPCASTERS: dict[str, tuple[str, Callable[[Payload], Payload]]] = {
    "InvoiceCreated.v1": ("InvoiceCreated.v2", _invoice_created_v1),
}


def encode_event(event: DomainEvent) -> str:
    payload = _ADAPTERS[event.event_type].dump_python(event, mode="json")
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def decode_event(event_type: str, payload: str | dict[str, Any]) -> DomainEvent:
    data = json.loads(payload) if isinstance(payload, str) else payload
    while event_type in _UPCASTERS:
        event_type, upcast = _UPCASTERS[event_type]
        data = upcast(data)
    adapter = _ADAPTERS.get(event_type)
    if adapter is None:
        raise UnknownEventTypeError(event_type)
    event: DomainEvent = adapter.validate_python(data)
    return event
