"""OpenTelemetry traces: spans exported over OTLP when `OTEL_EXPORTER_OTLP_ENDPOINT` is set.

Without an endpoint the tracer still gives every request a trace id (taken from the caller's
`traceparent`, or new), so the logs can be joined on it, but nothing is recorded or sent.
The standard `OTEL_*` variables (service name, sampler, headers, protocol) apply as usual.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from contextlib import AbstractContextManager
from importlib.metadata import PackageNotFoundError, version

from opentelemetry import propagate, trace
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.sdk.trace.sampling import ALWAYS_OFF

from hisab.kernel.telemetry import Attribute

ENDPOINT_VARIABLES = ("OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")


class OpenTelemetryTracer:
    """The application's `Tracer` port and the HTTP layer's, on an SDK tracer provider of its own."""

    def __init__(self, provider: TracerProvider) -> None:
        self.provider = provider
        self._tracer = provider.get_tracer("hisab")

    def span(self, name: str, attributes: Mapping[str, Attribute]) -> AbstractContextManager[trace.Span]:
        return self._tracer.start_as_current_span(name, attributes=attributes)

    def server_span(self, traceparent: str | None, tracestate: str | None) -> AbstractContextManager[trace.Span]:
        """The span of one incoming request, continuing the caller's trace when it sent one."""
        carrier = {k: v for k, v in (("traceparent", traceparent), ("tracestate", tracestate)) if v is not None}
        parent = propagate.extract(carrier) if carrier else None
        return self._tracer.start_as_current_span("HTTP", context=parent, kind=trace.SpanKind.SERVER)

    def current_trace_id(self) -> str | None:
        return current_trace_id()

    def shutdown(self) -> None:
        """Send what is still buffered; called once, when the app stops."""
        self.provider.shutdown()


def current_trace_id() -> str | None:
    context = trace.get_current_span().get_span_context()
    return format(context.trace_id, "032x") if context.is_valid else None


def tracer_from_environment() -> OpenTelemetryTracer:
    resource = Resource.create(
        {"service.name": os.environ.get("OTEL_SERVICE_NAME", "hisab"), "service.version": _version()}
    )
    if not any(os.environ.get(variable) for variable in ENDPOINT_VARIABLES):
        return OpenTelemetryTracer(TracerProvider(resource=resource, sampler=ALWAYS_OFF))
    # The sampler comes from OTEL_TRACES_SAMPLER (default: follow the caller, else record all).
    provider = TracerProvider(resource=resource)
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    return OpenTelemetryTracer(provider)


def _version() -> str:
    try:
        return version("hisab")
    except PackageNotFoundError:
        return "unknown"
