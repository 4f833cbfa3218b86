"""Compare two sets of `hisab bench run --json` results measured back to back.

    python tools/bench_compare.py before after DIR

reads DIR/before-1.json, DIR/after-1.json, DIR/before-2.json, ... (runs that alternated the two
sides on the same machine) and prints a Markdown table: the median p95 and throughput of each
side per operation and concurrency, and the median of the per-round throughput ratios.
"""

from __future__ import annotations

import json
import statistics
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

Result = dict[str, Any]


def load(directory: Path, side: str) -> dict[tuple[str, int], list[Result]]:
    runs: dict[tuple[str, int], list[Result]] = defaultdict(list)
    for path in sorted(directory.glob(f"{side}-*.json"), key=lambda p: int(p.stem.rsplit("-", 1)[1])):
        for result in json.loads(path.read_text())["results"]:
            runs[(result["operation"], result["concurrency"])].append(result)
    return runs


def table(first: str, second: str, directory: Path) -> str:
    a, b = load(directory, first), load(directory, second)
    lines = [
        f"| operation | connections | {first} p95 ms | {second} p95 ms | {first} /s | {second} /s "
        f"| {second}/{first} throughput | errors | rounds |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for key in a:
        left, right = a[key], b.get(key, [])
        if not right:
            continue
        ratios = [y["throughput"] / x["throughput"] for x, y in zip(left, right, strict=False) if x["throughput"]]
        errors = sum(r["errors"] for r in (*left, *right))
        lines.append(
            f"| {key[0]} | {key[1]} | {_median(left, 'p95_ms'):.2f} | {_median(right, 'p95_ms'):.2f} "
            f"| {_median(left, 'throughput'):.0f} | {_median(right, 'throughput'):.0f} "
            f"| {statistics.median(ratios):.2f} | {errors} | {len(ratios)} |"
        )
    return "\n".join(lines)


def _median(results: list[Result], key: str) -> float:
    return statistics.median(float(r[key]) for r in results)


if __name__ == "__main__":
    first_side, second_side, results_directory = sys.argv[1:4]
    print(table(first_side, second_side, Path(results_directory)))
