"""`scripts/bench.py`'s arithmetic: a path's share from rounds interleaved with the trivial view."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_SPEC = importlib.util.spec_from_file_location(
    "bench", Path(__file__).resolve().parents[2] / "scripts" / "bench.py"
)
assert _SPEC is not None and _SPEC.loader is not None
bench = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(bench)


def test_each_round_is_measured_against_the_mean_of_the_trivial_runs_around_it():
    # Round 1 sits between 2,000 and 1,000 req/s of the trivial view: 900 / 1,500.
    ratios = bench.round_ratios([1200.0, 900.0, 1000.0], [2000.0, 2000.0, 1000.0, 1000.0])
    assert ratios == pytest.approx([0.6, 0.6, 1.0])


def test_a_round_without_a_trivial_run_on_each_side_is_refused():
    with pytest.raises(ValueError, match="before and after"):
        bench.round_ratios([1000.0, 1000.0], [2000.0, 2000.0])


def test_a_trivial_view_that_served_nothing_gives_a_zero_share_rather_than_a_crash():
    assert bench.round_ratios([100.0], [0.0, 0.0]) == [0.0]
    # A trivial run the machine stalled (nothing served) leaves the other one to compare with.
    assert bench.round_ratios([100.0], [0.0, 200.0]) == pytest.approx([0.5])


def test_the_share_is_the_median_round_and_the_spread_shows_the_noise():
    # One round's dip (a trivial run that caught the machine busy) does not move the median.
    shares = bench.spread(bench.round_ratios([1000.0, 400.0, 1100.0], [2000.0] * 4))
    assert shares == pytest.approx({"median": 0.5, "low": 0.2, "high": 0.55})


def test_other_work_is_the_busy_time_the_bench_did_not_use_over_the_machines_time():
    # 300 of 1,000 ticks busy, 250 of them the bench's own: others used 5 %.
    assert bench.other_work((100, 1000, 50.0), (400, 2000, 300.0)) == pytest.approx(0.05)
    # Accounting granularity can make the bench's own time exceed the busy time: never below 0.
    assert bench.other_work((0, 0, 0.0), (10, 100, 12.0)) == 0.0


def test_by_cpu_a_round_is_the_trivial_views_cost_per_request_over_the_paths():
    # The trivial view cost 1.0 then 1.4 ms a request around a path that cost 2.4 ms: 50 %; the
    # second round served nothing (no cost to compare) and is left out.
    assert bench.cpu_ratios([2.4, 0.0], [1.0, 1.4, 1.0]) == pytest.approx([0.5])
    assert bench.cpu_ratios([0.0], [1.0, 1.0]) == [0.0]
    with pytest.raises(ValueError, match="before and after"):
        bench.cpu_ratios([1.0], [1.0])


def test_cpu_time_per_request_from_clock_ticks(monkeypatch):
    monkeypatch.setattr(bench.os, "sysconf", lambda name: 100)  # 10 ms a tick
    assert bench.cpu_ms_per_request(30, 200) == pytest.approx(1.5)
    assert bench.cpu_ms_per_request(30, 0) == 0.0


def test_wrk_output_gives_the_requests_served_and_the_latencies():
    output = """Running 2s test @ http://127.0.0.1:8799/en/
  Latency Distribution
     50%    7.10ms
     90%   12.50ms
     99%    1.20s
  2461 requests in 2.01s, 8.10MB read
  Non-2xx or 3xx responses: 3
Requests/sec:   1224.38
"""
    assert bench.parse_wrk(output) == {
        "errors": 3,
        "requests": 2461,
        "rps": pytest.approx(1224.38),
        "p50_ms": pytest.approx(7.1),
        "p90_ms": pytest.approx(12.5),
        "p99_ms": pytest.approx(1200.0),
    }
