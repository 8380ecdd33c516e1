"""The bench reads every page against a floor timed several times through the run
(perf.bench.floor), so one slow or quick timing of the 'hello' view moves no verdict."""

from perf.bench import report, serve
from perf.bench.floor import median_p50, spread_line
from perf.bench.measure import PageResult


def timed(name: str, p50_ms: float, p95_ms: float | None = None) -> PageResult:
    return PageResult(name, "/", 200, 1, 1, p50_ms, p50_ms, p95_ms or p50_ms)


def test_the_floor_is_the_median_of_its_timings_not_the_first():
    samples = [timed("hello", 0.68), timed("hello", 0.41), timed("hello", 0.43)]

    assert median_p50(samples) == 0.43


def test_the_report_names_every_timing_of_the_floor_and_their_spread():
    line = spread_line([timed("hello", 0.68), timed("hello", 0.41), timed("hello", 0.43)])

    assert "**0.43 ms**" in line
    assert "median of 3 timings" in line
    assert "0.68, 0.41, 0.43" in line
    assert "0.41 to 0.68" in line


def test_a_page_is_met_or_over_against_the_median_floor():
    floor_ms = median_p50([timed("hello", 0.68), timed("hello", 0.40), timed("hello", 0.40)])
    under = timed("review page", 5.9)
    over = timed("flagged queue", 6.1)

    lines = report.signed_in_table(
        "### Moderator", [under, over], floor_ms, p50_target=15, p95_target=15
    )

    assert "(0.40 ms)" in lines[2]
    assert lines[-2].endswith("| met |")
    assert lines[-1].endswith("| **over** |")


def test_the_load_table_shares_are_of_the_floor_loaded_first_and_last():
    results = [
        serve.LoadResult("hello (floor)", "/bench/hello/", 1_200, 10.0, 0),
        serve.LoadResult("story page (signed in)", "/stories/1/", 300, 20.0, 0, signed_in=True),
        serve.LoadResult("hello (floor), again last", "/bench/hello/", 800, 10.0, 0),
    ]

    lines = report.load_table(results, connections=16, seconds=5, worker_mb=70)

    assert "their mean, 1,000 requests/s" in lines[2]
    assert "| story page (signed in) | 300 | 30% |" in lines[-4]
    assert lines[-4].endswith("| met |")
