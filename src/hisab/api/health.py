"""Liveness and readiness probes."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import JSONResponse

from hisab.kernel.readiness import CheckResult, Readiness, run_checks
from hisab.kernel.services import Services


async def live(request: Request) -> JSONResponse:
    """The process answers; it says nothing about its dependencies."""
    return JSONResponse({"status": "ok"})


def readiness_endpoint(timeout_seconds: float) -> Callable[[Request], Awaitable[JSONResponse]]:
    """The service can do its work: every registered check passes (the database's first)."""

    async def ready(request: Request) -> JSONResponse:
        services: Services = request.state.services
        checks = services.get(Readiness).checks
        results = await run_checks(checks, timeout_seconds)
        ok = all(result.ok for result in results)
        body = {"status": "ok" if ok else "unavailable", "checks": {r.name: _check_json(r) for r in results}}
        return JSONResponse(body, status_code=200 if ok else 503)

    return ready


def _check_json(result: CheckResult) -> dict[str, object]:
    body: dict[str, object] = {"status": "ok" if result.ok else "unavailable", "latency_ms": result.latency_ms}
    if result.detail is not None:
        body["detail"] = result.detail
    return body
