"""What an operator sees of a running server: metrics, traces, access logs and readiness."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from prometheus_client.parser import text_string_to_metric_families

from hisab.bootstrap import Telemetry, build_app, schema_check
from hisab.infrastructure.telemetry.prometheus import PrometheusMetrics
from hisab.infrastructure.telemetry.tracing import OpenTelemetryTracer
from hisab.kernel.readiness import Readiness
from hisab.kernel.services import Services
from tests.builders import services
from tests.e2e.operations import CREATE, steel_rods
from tests.e2e.server import Caller, new_tenant, running_app, settings_for
from tests.fakes import FakeDatabase

TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
CALLER_SPAN_ID = "00f067aa0ba902b7"


def samples(http: httpx.Client) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    """Every sample of a scrape, keyed by name and labels."""
    response = http.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def value(scrape: dict[tuple[str, frozenset[tuple[str, str]]], float], name: str, **labels: str) -> float:
    return scrape.get((name, frozenset(labels.items())), 0.0)


def test_a_create_is_counted_and_timed_under_the_exported_names(caller: Caller) -> None:
    before = samples(caller.http)
    caller.data(CREATE, {"input": steel_rods()})
    after = samples(caller.http)

    def grew(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert grew("http_requests_total", method="POST", route="/graphql", status="200") == 1
    assert grew("http_request_duration_seconds_count", method="POST", route="/graphql") == 1
    assert grew("graphql_operations_duration_seconds_count", operation="createInvoice", type="mutation") == 1
    assert grew("invoice_commands_total", command="create_invoice", outcome="ok") == 1
    assert grew("eventstore_append_duration_seconds_count") == 1
    assert grew("database_query_duration_seconds_count", operation="events.append") == 1
    assert grew("database_query_duration_seconds_count", operation="transaction.commit") == 1
    assert value(after, "process_resident_memory_bytes") > 0
    assert any(name == "python_info" for name, _ in after)


def test_a_refused_command_is_counted_by_its_outcome(caller: Caller) -> None:
    before = samples(caller.http)
    caller.graphql(CREATE, {"input": steel_rods(dueDate="2024-01-01")})
    after = samples(caller.http)

    labels = {"command": "create_invoice", "outcome": "invalid"}
    assert value(after, "invoice_commands_total", **labels) - value(before, "invoice_commands_total", **labels) == 1


def test_metrics_label_routes_by_template_so_unknown_paths_share_one_series(http: httpx.Client) -> None:
    http.get("/no/such/path/8c1f2a")

    scrape = samples(http)

    assert value(scrape, "http_requests_total", method="GET", route="unmatched", status="404") >= 1
    assert not any("8c1f2a" in label for _, labels in scrape for _, label in labels)


def test_the_readiness_probe_names_each_check_with_its_status_and_latency(http: httpx.Client) -> None:
    response = http.get("/health/ready")

    assert response.status_code == 200
    checks = response.json()["checks"]
    assert set(checks) == {"database", "migrations"}
    assert checks["migrations"]["status"] == "ok"
    assert checks["migrations"]["detail"].startswith("at head")
    assert all(check["latency_ms"] >= 0 for check in checks.values())


class _UnmigratedDatabase(FakeDatabase):
    def __init__(self) -> None:
        super().__init__()
        self.revision = None


def _readiness_of(database: FakeDatabase, tmp_path: Path) -> httpx.Response:
    @asynccontextmanager
    async def open_services() -> AsyncIterator[Services]:
        opened = services(database)
        opened.get(Readiness).register("migrations", schema_check(database))
        yield opened

    app = build_app(settings_for("sqlite:///unused.db", tmp_path), open_services)
    with running_app(app) as url:
        return httpx.get(f"{url}/health/ready")


def test_a_database_behind_the_migrations_makes_the_service_unready(tmp_path: Path) -> None:
    response = _readiness_of(_UnmigratedDatabase(), tmp_path)

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["migrations"]["status"] == "unavailable"
    assert "run `hisab migrate`" in body["checks"]["migrations"]["detail"]


def test_a_schema_ahead_of_this_release_keeps_the_service_ready_during_a_rolling_upgrade(tmp_path: Path) -> None:
    database = FakeDatabase()
    database.revision = "9999"

    response = _readiness_of(database, tmp_path)

    assert response.status_code == 200
    assert "newer than this release" in response.json()["checks"]["migrations"]["detail"]


def test_every_request_leaves_one_access_log_line_with_who_what_and_how_long(
    caller: Caller, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="hisab.access")
    headers = {"X-Request-ID": "req-observed-1", "traceparent": f"00-{TRACE_ID}-{CALLER_SPAN_ID}-01"}

    caller.data(CREATE, {"input": steel_rods()}, headers=headers)

    access = [r for r in caplog.records if r.name == "hisab.access"]
    lines = [r for r in access if getattr(r, "request_id", None) == "req-observed-1"]
    assert len(lines) == 1
    line = lines[0].__dict__
    assert (line["method"], line["route"], line["status"]) == ("POST", "/graphql", 200)
    assert (line["tenant"], line["user"], line["operation"]) == (caller.tenant_id, caller.user_id, "createInvoice")
    assert line["trace_id"] == TRACE_ID
    assert line["duration_ms"] > 0


def test_an_internal_error_is_logged_with_its_stack_trace_and_answered_without_it(
    ask_a_broken_database: Callable[[], httpx.Response], caplog: pytest.LogCaptureFixture
) -> None:
    response = ask_a_broken_database()

    assert "Traceback" not in response.text
    assert "invoice_lines" not in response.text
    logged = [r for r in caplog.records if r.exc_info and "invoice_lines" in str(r.exc_info[1])]
    assert logged, "the error and its stack trace are in the log"


def _span_tree(tmp_path: Path, headers: dict[str, str]) -> tuple[list[ReadableSpan], str, str]:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    telemetry = Telemetry(PrometheusMetrics(), OpenTelemetryTracer(provider))
    app = build_app(settings_for(f"sqlite:///{tmp_path / 'hisab.db'}", tmp_path), telemetry=telemetry)
    with running_app(app) as url, httpx.Client(base_url=url) as http:
        caller = Caller(http, new_tenant())
        invoice_id = caller.data(CREATE, {"input": steel_rods()}, headers=headers)["createInvoice"]["id"]
    # The server has stopped: every span of the request has ended and been exported.
    return list(exporter.get_finished_spans()), invoice_id, caller.tenant_id


def test_a_create_is_traced_from_the_callers_traceparent_down_to_the_event_store(tmp_path: Path) -> None:
    traceparent = f"00-{TRACE_ID}-{CALLER_SPAN_ID}-01"

    spans, invoice_id, tenant_id = _span_tree(tmp_path, {"traceparent": traceparent})

    request = next(s for s in spans if s.name == "POST /graphql")
    by_parent: dict[int, list[ReadableSpan]] = {}
    for span in spans:
        if span.parent is not None:
            by_parent.setdefault(span.parent.span_id, []).append(span)

    def only_child(parent: ReadableSpan, name: str) -> ReadableSpan:
        found = [s for s in by_parent.get(parent.context.span_id, []) if s.name == name]
        assert len(found) == 1, [s.name for s in by_parent.get(parent.context.span_id, [])]
        return found[0]

    assert format(request.context.trace_id, "032x") == TRACE_ID
    assert request.parent is not None
    assert format(request.parent.span_id, "016x") == CALLER_SPAN_ID
    assert request.attributes is not None
    assert request.attributes["hisab.tenant_id"] == tenant_id
    operation = only_child(request, "mutation createInvoice")
    command = only_child(operation, "command create_invoice")
    assert command.attributes is not None
    assert (command.attributes["hisab.tenant_id"], command.attributes["hisab.invoice_id"]) == (tenant_id, invoice_id)
    transaction = only_child(command, "db transaction")
    append = only_child(transaction, "eventstore.append")
    assert append.attributes is not None
    assert append.attributes["hisab.stream_id"] == invoice_id
    for name in ("db counters.next_value", "db project.invoices", "db transaction.commit"):
        only_child(transaction, name)
    assert {s.context.trace_id for s in spans} == {int(TRACE_ID, 16)}


def test_a_request_without_a_traceparent_starts_a_trace_of_its_own(tmp_path: Path) -> None:
    spans, _, _ = _span_tree(tmp_path, {})

    request = next(s for s in spans if s.name == "POST /graphql")
    assert request.parent is None
    assert format(request.context.trace_id, "032x") != TRACE_ID
