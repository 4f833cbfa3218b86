"""Telemetry ports: the spans a use case opens and the measurements it reports.

The application imports no telemetry library. `hisab.bootstrap` hands it the OpenTelemetry and
Prometheus adapters, or the null ones below (tests, tools).
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager, nullcontext
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


class Telemetry:
    """A tracer and metrics together, and the one way an operation is timed: a span and a duration."""

    def __init__(self, tracer: Tracer | None = None, metrics: Metrics | None = None) -> None:
        self.tracer: Tracer = tracer or NullTracer()
        self.metrics: Metrics = metrics or NullMetrics()

    @contextmanager
    def operation(self, name: str, tenant_id: str | None, **attributes: Attribute) -> Iterator[None]:
        """A `db <name>` span and a `database_operation` duration around the block."""
        started = time.perf_counter()
        if tenant_id is not None:
            attributes["hisab.tenant_id"] = tenant_id
        with self.tracer.span(f"db {name}", {"db.operation.name": name, **attributes}):
            try:
                yield
            finally:
                self.metrics.database_operation(name, time.perf_counter() - started)
