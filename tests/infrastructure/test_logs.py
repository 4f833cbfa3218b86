"""Log formatting: JSON lines in production, with the request's context and the stack trace."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
import structlog
from opentelemetry.sdk.trace import TracerProvider

from hisab.infrastructure.telemetry.logs import configure_logging


@pytest.fixture
def restored_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers, root.level = handlers, level


def _lines(stream: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


@pytest.mark.usefixtures("restored_logging")
def test_json_lines_carry_the_extra_fields_and_the_bound_request_context() -> None:
    stream = io.StringIO()
    configure_logging(json=True, level="info", stream=stream)

    with structlog.contextvars.bound_contextvars(request_id="req-7"):
        logging.getLogger("hisab.access").info("request", extra={"route": "/graphql", "status": 200})

    [line] = _lines(stream)
    assert line["event"] == "request"
    assert (line["route"], line["status"], line["request_id"]) == ("/graphql", 200, "req-7")
    assert (line["level"], line["logger"]) == ("info", "hisab.access")
    assert line["timestamp"].endswith("Z")


@pytest.mark.usefixtures("restored_logging")
def test_an_error_is_logged_with_its_stack_trace_and_the_current_trace_id() -> None:
    stream = io.StringIO()
    configure_logging(json=True, level="info", stream=stream)
    tracer = TracerProvider().get_tracer("test")

    with tracer.start_as_current_span("request") as span:
        try:
            raise RuntimeError("the disk is full")
        except RuntimeError:
            logging.getLogger("hisab.api.graphql").exception("unexpected")

    [line] = _lines(stream)
    assert "Traceback" in line["exception"]
    assert "RuntimeError: the disk is full" in line["exception"]
    assert line["trace_id"] == format(span.get_span_context().trace_id, "032x")


@pytest.mark.usefixtures("restored_logging")
def test_development_logs_are_plain_readable_lines() -> None:
    stream = io.StringIO()
    configure_logging(json=False, level="info", stream=stream)

    logging.getLogger("hisab.access").info("request", extra={"route": "/graphql"})

    text = stream.getvalue()
    assert "request" in text
    assert "route=/graphql" in text
    assert not text.lstrip().startswith("{")


@pytest.mark.usefixtures("restored_logging")
def test_the_level_setting_hides_debug_lines() -> None:
    stream = io.StringIO()
    configure_logging(json=True, level="info", stream=stream)

    logging.getLogger("hisab.access").debug("probe")

    assert stream.getvalue() == ""
