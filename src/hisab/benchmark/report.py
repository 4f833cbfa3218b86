"""Bench results as a table for people and as JSON for machines."""

from __future__ import annotations

import json
import os
import platform
from dataclasses import asdict

from hisab.benchmark.stats import Summary
from hisab.benchmark.targets import Target

_COLUMNS = ("operation", "conc", "count", "errors", "ops/s", "min", "mean", "p50", "p95", "p99", "max", "target")


def verdict(summary: Summary, targets: dict[tuple[str, int], Target]) -> str:
    target = targets.get((summary.operation, summary.concurrency))
    if target is None:
        return "-"
    return "PASS" if target.passed(summary) else "FAIL"


def table(summaries: list[Summary], targets: dict[tuple[str, int], Target]) -> str:
    rows = [_COLUMNS] + [
        (
            s.operation, str(s.concurrency), str(s.count), str(s.errors), f"{s.throughput:.0f}",
            *(f"{v:.2f}" for v in (s.min_ms, s.mean_ms, s.p50_ms, s.p95_ms, s.p99_ms, s.max_ms)),
            verdict(s, targets),
        )
        for s in summaries
    ]  # fmt: skip
    widths = [max(len(row[i]) for row in rows) for i in range(len(_COLUMNS))]
    lines = ["  ".join(cell.rjust(width) for cell, width in zip(row, widths, strict=True)) for row in rows]
    busiest = max((s.client_cpu_share for s in summaries), default=0.0)
    lines.append(f"latencies in ms; the client used at most {busiest:.0%} of one core")
    return "\n".join(lines)


def as_json(summaries: list[Summary], targets: dict[tuple[str, int], Target]) -> str:
    results = [_result(s, targets.get((s.operation, s.concurrency)), verdict(s, targets)) for s in summaries]
    machine = {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}
    passed = all(r["verdict"] != "FAIL" for r in results)
    return json.dumps({"machine": machine, "results": results, "passed": passed}, indent=2)


def _result(summary: Summary, target: Target | None, outcome: str) -> dict[str, object]:
    return {
        **asdict(summary),
        "throughput": summary.throughput,
        "target": asdict(target) if target else None,
        "verdict": outcome,
    }
