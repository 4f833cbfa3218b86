"""Readiness: the checks that must pass before this process takes traffic.

Adapters register a check for each dependency they bring (the database's schema revision; a
broker or Redis when configured); the readiness endpoint runs them all, concurrently and each
within a timeout.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass

# A check returns a short, safe description of what it found, or raises.
ReadinessCheck = Callable[[], Awaitable[str | None]]
_log = logging.getLogger(__name__)


class NotReadyError(Exception):
    """A check's verdict; its message is safe to show to whoever asks the readiness endpoint."""


@dataclass(frozen=True, slots=True)
class CheckResult:
    name: str
    ok: bool
    latency_ms: float
    detail: str | None = None


class Readiness:
    """The checks registered by the adapters in use, by name."""

    def __init__(self) -> None:
        self._checks: dict[str, ReadinessCheck] = {}

    def register(self, name: str, check: ReadinessCheck) -> None:
        if name in self._checks:
            raise ValueError(f"a readiness check named {name!r} is already registered")
        self._checks[name] = check

    @property
    def checks(self) -> Mapping[str, ReadinessCheck]:
        return dict(self._checks)


async def run_checks(checks: Mapping[str, ReadinessCheck], timeout_seconds: float) -> list[CheckResult]:
    """Every check at once; each result says ok or why not, never an exception's raw text."""
    return list(await asyncio.gather(*(_run(name, check, timeout_seconds) for name, check in checks.items())))


async def _run(name: str, check: ReadinessCheck, timeout_seconds: float) -> CheckResult:
    started = time.perf_counter()

    def result(ok: bool, detail: str | None) -> CheckResult:
        return CheckResult(name, ok, round((time.perf_counter() - started) * 1000, 2), detail)

    try:
        async with asyncio.timeout(timeout_seconds):
            detail = await check()
    except TimeoutError:
        return result(False, f"timed out after {timeout_seconds:g} s")
    except NotReadyError as verdict:
        return result(False, str(verdict))
    except Exception as error:
        # Driver messages can carry hosts, users or SQL: the log gets them, the response does not.
        _log.warning("readiness check %s failed", name, exc_info=True)
        return result(False, f"unreachable ({error.__class__.__name__})")
    return result(True, detail)
