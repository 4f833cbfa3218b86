"""The Grafana dashboard and the alert rules read only metrics that Hisab exports."""

from __future__ import annotations

import asyncio
import json
import re
from typing import Any

import pytest
import yaml
from prometheus_client.parser import text_string_to_metric_families

from hisab.infrastructure.telemetry.prometheus import PrometheusMetrics
from tests.deploy.paths import DEPLOY

# Series Prometheus makes itself for every scrape target, rather than reads from one.
SYNTHETIC = frozenset({"up"})
_KEYWORDS = frozenset({"by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "bool"})
_REMOVED = (
    re.compile(r'"(?:[^"\\]|\\.)*"'),  # strings
    re.compile(r"\{[^}]*\}"),  # label matchers
    re.compile(r"\[[^\]]*\]"),  # ranges
    re.compile(r"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)"),  # label lists
)
_IDENTIFIER = re.compile(r"(?<![\w.$])([a-zA-Z_:][a-zA-Z0-9_:]*)(?![\w:])(?!\s*\()")


def metric_names(expression: str) -> set[str]:
    """The metric names a PromQL expression reads: identifiers that are not functions or keywords."""
    for pattern in _REMOVED:
        expression = pattern.sub(" ", expression)
    expression = re.sub(r"\b\d+(?:\.\d+)?(?:e[+-]?\d+)?\b", " ", expression)
    return {name for name in _IDENTIFIER.findall(expression) if name not in _KEYWORDS}


def exported_names() -> set[str]:
    """Every sample name a scrape of Hisab carries, once each metric has a value."""
    metrics = PrometheusMetrics()
    metrics.command_handled("create_invoice", "ok")
    metrics.events_appended(0.01)
    metrics.database_operation("events.append", 0.01)
    metrics.request_served("POST", "/graphql", 200, 0.02)
    metrics.graphql_operation("createInvoice", "mutation", 0.02)
    body, _ = asyncio.run(metrics.exposition())
    return {sample.name for family in text_string_to_metric_families(body.decode()) for sample in family.samples}


def _dashboard_expressions() -> list[str]:
    dashboard: dict[str, Any] = json.loads((DEPLOY / "grafana" / "hisab-dashboard.json").read_text())
    return [target["expr"] for panel in dashboard["panels"] for target in panel["targets"]]


def _alert_rules() -> list[dict[str, Any]]:
    rules: dict[str, Any] = yaml.safe_load((DEPLOY / "prometheus" / "alerts.yml").read_text())
    return [rule for group in rules["groups"] for rule in group["rules"]]


def test_metric_names_are_read_from_expressions_without_functions_labels_or_ranges() -> None:
    expression = (
        'histogram_quantile(0.99, sum by (le, route) (rate(http_request_duration_seconds_bucket{job="$job", '
        'route=~"/gr.*"}[$__rate_interval]))) / on(instance) group_left up > 450 * 1024'
    )

    assert metric_names(expression) == {"http_request_duration_seconds_bucket", "up"}


def test_a_misspelt_metric_name_is_caught() -> None:
    assert metric_names("sum(rate(http_request_total[5m]))") - exported_names() == {"http_request_total"}


def test_the_issue_names_every_metric_it_asks_for() -> None:
    names = exported_names()

    assert {
        "http_requests_total",
        "http_request_duration_seconds_bucket",
        "graphql_operations_duration_seconds_bucket",
        "eventstore_append_duration_seconds_bucket",
        "database_query_duration_seconds_bucket",
        "invoice_commands_total",
        "process_resident_memory_bytes",
        "python_gc_collections_total",
    } <= names


@pytest.mark.parametrize("expression", _dashboard_expressions())
def test_every_dashboard_expression_reads_exported_metrics(expression: str) -> None:
    read = metric_names(expression)

    assert read, expression
    assert read <= exported_names(), read - exported_names()


def test_the_dashboard_shows_each_of_the_issues_metrics() -> None:
    read = set().union(*(metric_names(expression) for expression in _dashboard_expressions()))

    families = (
        "http_requests", "http_request_duration_seconds", "graphql_operations_duration_seconds",
        "eventstore_append_duration_seconds", "database_query_duration_seconds", "invoice_commands",
    )  # fmt: skip
    for family in families:
        assert any(name.startswith(family) for name in read), family


@pytest.mark.parametrize("rule", _alert_rules(), ids=lambda rule: rule["alert"])
def test_every_alert_reads_exported_metrics_and_says_what_is_wrong(rule: dict[str, Any]) -> None:
    read = metric_names(rule["expr"])

    assert read <= exported_names() | SYNTHETIC, read - exported_names()
    assert rule["labels"]["severity"] in {"critical", "warning", "info"}
    assert rule["annotations"]["summary"]
    assert rule["annotations"]["runbook"].startswith("docs/operations.md#")
