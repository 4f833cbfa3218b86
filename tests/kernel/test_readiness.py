"""Readiness checks: every probe runs, each within its time, and failures are told safely."""

from __future__ import annotations

import asyncio

import pytest

from hisab.kernel.readiness import NotReadyError, Readiness, run_checks


async def _fine() -> str:
    return "at head"


async def _stuck() -> None:
    await asyncio.Event().wait()


async def _behind() -> None:
    raise NotReadyError("behind: run `hisab migrate`")


async def _leaky() -> None:
    raise OSError("password=hunter2 host=db.internal")


async def test_each_check_reports_its_own_status_and_detail() -> None:
    results = await run_checks({"a": _fine, "b": _stuck, "c": _behind, "d": _leaky}, timeout_seconds=0.05)

    verdicts = {r.name: (r.ok, r.detail) for r in results}
    assert verdicts == {
        "a": (True, "at head"),
        "b": (False, "timed out after 0.05 s"),
        "c": (False, "behind: run `hisab migrate`"),
        "d": (False, "unreachable (OSError)"),
    }
    assert all(r.latency_ms >= 0 for r in results)


def test_a_check_name_is_registered_once() -> None:
    readiness = Readiness()
    readiness.register("redis", _fine)

    with pytest.raises(ValueError, match="already registered"):
        readiness.register("redis", _fine)
    assert list(readiness.checks) == ["redis"]
