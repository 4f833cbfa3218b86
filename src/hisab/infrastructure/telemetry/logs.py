"""Logs: one JSON object per line in production, readable lines on a developer's terminal.

The code logs through the standard library (as uvicorn, Ariadne and asyncpg do); structlog only
formats. Fields a request binds with `structlog.contextvars` (request id, tenant, user) and the
current trace id are added to every line logged while it runs.
"""

from __future__ import annotations

import logging
import sys
from typing import TextIO

import structlog
from structlog.types import EventDict, Processor, WrappedLogger

from hisab.infrastructure.telemetry.tracing import current_trace_id

# uvicorn adds an ANSI-coloured copy of its message for its own formatter.
_NOISE = ("color_message",)


def configure_logging(*, json: bool, level: str, stream: TextIO | None = None) -> None:
    """Route every logger (ours, uvicorn's, the drivers') through one handler and format."""
    shared: list[Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.stdlib.ExtraAdder(),
        _drop_noise,
        _add_trace_id,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    rendering: list[Processor] = (
        [structlog.processors.format_exc_info, structlog.processors.JSONRenderer()]
        if json
        else [structlog.dev.ConsoleRenderer(colors=(stream or sys.stderr).isatty())]
    )
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=shared,
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, *rendering],
    )
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error"):
        logger = logging.getLogger(name)
        logger.handlers = []
        logger.propagate = True
    # Our middleware writes the access line (with route, tenant and trace id); uvicorn's would repeat it.
    uvicorn_access = logging.getLogger("uvicorn.access")
    uvicorn_access.handlers = []
    uvicorn_access.propagate = False


def _drop_noise(logger: WrappedLogger, method: str, event: EventDict) -> EventDict:
    for key in _NOISE:
        event.pop(key, None)
    return event


def _add_trace_id(logger: WrappedLogger, method: str, event: EventDict) -> EventDict:
    if "trace_id" not in event:
        trace_id = current_trace_id()
        if trace_id is not None:
            event["trace_id"] = trace_id
    return event
