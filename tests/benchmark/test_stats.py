from __future__ import annotations

import math

import pytest

from hisab.benchmark.stats import percentile, summarize


def test_nearest_rank_percentiles_of_one_to_a_hundred_are_the_ranks_themselves() -> None:
    values = [float(n) for n in range(1, 101)]
    assert [percentile(values, f) for f in (0.01, 0.5, 0.95, 0.99, 1.0)] == [1.0, 50.0, 95.0, 99.0, 100.0]


def test_a_percentile_of_few_samples_rounds_up_to_a_real_sample() -> None:
    assert percentile([10.0, 20.0, 30.0], 0.5) == 20.0
    assert percentile([10.0, 20.0, 30.0], 0.95) == 30.0


@pytest.mark.parametrize("fraction", [0.0, -0.1, 1.5])
def test_a_fraction_outside_zero_to_one_is_refused(fraction: float) -> None:
    with pytest.raises(ValueError, match="fraction"):
        percentile([1.0], fraction)


def test_a_summary_reports_milliseconds_and_counts_only_successes_in_throughput() -> None:
    summary = summarize("get", 2, [0.001, 0.002, 0.003, 0.004], errors=1, seconds=2.0, client_cpu=0.5)
    assert (summary.count, summary.errors) == (4, 1)
    assert (summary.min_ms, summary.p50_ms, summary.max_ms) == (1.0, 2.0, 4.0)
    assert summary.mean_ms == pytest.approx(2.5)
    assert summary.throughput == 1.5
    assert summary.client_cpu_share == 0.25


def test_a_summary_of_no_samples_has_no_latencies_and_no_throughput() -> None:
    summary = summarize("approve", 10, [], errors=0, seconds=1.0, client_cpu=0.0)
    assert summary.count == 0
    assert math.isnan(summary.p95_ms)
    assert summary.throughput == 0.0
