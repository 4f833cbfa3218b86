"""Liveness and readiness probes."""

from __future__ import annotations

import asyncio
import logging
import time

from starlette.requests import Request
from starlette.responses import JSONResponse

from hisab.application.services import Services

READY_TIMEOUT_SECONDS = 2.0
_log = logging.getLogger(__name__)


async def live(request: Request) -> JSONResponse:
    """The process answers; it says nothing about its dependencies."""
    return JSONResponse({"status": "ok"})


async def ready(request: Request) -> JSONResponse:
    """The service can do its work: the database answers in time."""
    services: Services = request.state.services
    started = time.perf_counter()
    try:
        async with asyncio.timeout(READY_TIMEOUT_SECONDS):
            await services.database.ping()
    except TimeoutError:
        return _unavailable("timed out")
    except Exception:
        _log.exception("readiness check: the database did not answer")
        return _unavailable("unreachable")
    latency_ms = round((time.perf_counter() - started) * 1000, 2)
    return JSONResponse({"status": "ok", "checks": {"database": {"status": "ok", "latency_ms": latency_ms}}})


def _unavailable(reason: str) -> JSONResponse:
    body = {"status": "unavailable", "checks": {"database": {"status": "unavailable", "reason": reason}}}
    return JSONResponse(body, status_code=503)
