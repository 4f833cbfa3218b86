"""Liveness and readiness probes."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

from hisab.application.relay_monitor import RelayMonitor
from hisab.application.services import Services

READY_TIMEOUT_SECONDS = 2.0
_log = logging.getLogger(__name__)


async def live(request: Request) -> JSONResponse:
    """The process answers; it says nothing about its dependencies."""
    return JSONResponse({"status": "ok"})


async def ready(request: Request) -> JSONResponse:
    """The service can do its work: the database answers in time, and the relay (when it runs
    in this process) can publish."""
    services: Services = request.state.services
    checks = {"database": await _database(services)}
    if services.relay is not None:
        checks["relay"] = _relay(services.relay)
    healthy = all(check["status"] == "ok" for check in checks.values())
    body = {"status": "ok" if healthy else "unavailable", "checks": checks}
    return JSONResponse(body, status_code=200 if healthy else 503)


async def _database(services: Services) -> dict[str, Any]:
    started = time.perf_counter()
    try:
        async with asyncio.timeout(READY_TIMEOUT_SECONDS):
            await services.database.ping()
    except TimeoutError:
        return {"status": "unavailable", "reason": "timed out"}
    except Exception:
        _log.exception("readiness check: the database did not answer")
        return {"status": "unavailable", "reason": "unreachable"}
    return {"status": "ok", "latency_ms": round((time.perf_counter() - started) * 1000, 2)}


def _relay(monitor: RelayMonitor) -> dict[str, Any]:
    metrics = monitor.snapshot()
    check: dict[str, Any] = {
        "status": "ok" if monitor.healthy else "unavailable",
        "state": metrics.state.value,
        "lag_events": metrics.lag_events,
        "lag_seconds": round(metrics.lag_seconds, 3),
    }
    if metrics.detail is not None:
        check["reason"] = metrics.detail
    return check
