"""Every event type the store may hold, by its stable type name, and how old versions are upcast.

The store keeps an event's type name (`InvoiceCreated.v2`), never its import path, so classes may
move and be renamed. Each context registers its own events and upcasters when its events module
is imported; the composition root imports every context, so a running process knows them all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from hisab.event_store.messages import DomainEvent

Payload = dict[str, Any]
Upcaster = Callable[[Payload], Payload]


class UnknownEventTypeError(Exception):
    """The store holds an event type this version of Hisab does not know."""


class EventRegistry:
    """Type name -> class, plus old type name -> (next type name, payload upcaster)."""

    def __init__(self) -> None:
        self._classes: dict[str, type[DomainEvent]] = {}
        self._upcasters: dict[str, tuple[str, Upcaster]] = {}

    def register(self, classes: Iterable[type[DomainEvent]]) -> None:
        for cls in classes:
            known = self._classes.get(cls.event_type)
            if known is not None and known is not cls:
                raise ValueError(f"event type {cls.event_type} is already registered for {known.__qualname__}")
            self._classes[cls.event_type] = cls

    def upcast(self, old_type: str, new_type: str, upcaster: Upcaster) -> None:
        """Read a stored `old_type` payload as a `new_type` one (chains are followed)."""
        self._upcasters[old_type] = (new_type, upcaster)

    def current(self, event_type: str, payload: Payload) -> tuple[type[DomainEvent], Payload]:
        """The class a stored event is read as, and its payload upcast to that class's version."""
        while event_type in self._upcasters:
            event_type, upcaster = self._upcasters[event_type]
            payload = upcaster(payload)
        cls = self._classes.get(event_type)
        if cls is None:
            raise UnknownEventTypeError(event_type)
        return cls, payload

    def classes(self) -> tuple[type[DomainEvent], ...]:
        return tuple(self._classes.values())

    def type_names(self) -> list[str]:
        """The current type name of every registered event, sorted."""
        return sorted(self._classes)


EVENT_TYPES = EventRegistry()
