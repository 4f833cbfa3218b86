"""Every context's dependencies in one place, looked up by type.

The composition root builds one dependencies object per context (`Invoicing`, `Taxpayer`, ...)
and puts them all here; an entry point (a resolver, an endpoint) takes the one of the context it
serves with `services.get(Invoicing)`, so a new context adds no field anywhere.
"""

from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")


class Services:
    def __init__(self, *dependencies: object) -> None:
        self._by_type = {type(dependency): dependency for dependency in dependencies}
        if len(self._by_type) != len(dependencies):
            raise ValueError("each kind of dependency is given once")

    def get(self, kind: type[T]) -> T:
        found = self._by_type.get(kind)
        if not isinstance(found, kind):
            raise LookupError(f"no {kind.__name__} was wired into the services")
        return found
