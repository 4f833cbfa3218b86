"""Telemetry ports: the spans a use case opens and the measurements it reports.

The application imports no telemetry library. `hisab.bootstrap` hands it the OpenTelemetry and
Prometheus adapters, or the null ones below (tests, tools).
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import AbstractContextManager, nullcontext
from typing import Protocol

Attribute = str | int | float | bool


class Span(Protocol):
    def set_attribute(self, key: str, value: Attribute) -> None: ...


class Tracer(Protocol):
    def span(self, name: str, attributes: Mapping[str, Attribute]) -> AbstractContextManager[Span]:
        """A child of the current span, current itself inside the block; it records an error that escapes."""


class Metrics(Protocol):
    """What the use cases count and time; the names they are exported under belong to the adapter."""

    def command_handled(self, command: str, outcome: str) -> None: ...

    def events_appended(self, seconds: float) -> None: ...

    def database_operation(self, operation: str, seconds: float) -> None: ...


class _NullSpan:
    def set_attribute(self, key: str, value: Attribute) -> None:
        return None


class NullTracer:
    """Opens no spans. One shared context manager: `nullcontext` may be entered any number of times."""

    _context = nullcontext(_NullSpan())

    def span(self, name: str, attributes: Mapping[str, Attribute]) -> AbstractContextManager[Span]:
        return self._context


class NullMetrics:
    def command_handled(self, command: str, outcome: str) -> None:
        return None

    def events_appended(self, seconds: float) -> None:
        return None

    def database_operation(self, operation: str, seconds: float) -> None:
        return None
