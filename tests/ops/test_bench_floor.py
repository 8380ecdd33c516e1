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


WRK_OUTPUT = """Running 1s test @ http://127.0.0.1:8765/
  1 threads and 2 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     0.91ms  319.77us   3.60ms   76.17%
    Req/Sec     2.09k   194.33     2.23k    80.00%
  Latency Distribution
     50%    0.86ms
     75%    1.05ms
     90%    1.27ms
     99%    1.99ms
  2088 requests in 1.00s, 2.22MB read
Requests/sec:   2083.71
Transfer/sec:      2.22MB
Latency 99.9%: 3219us
"""


def test_a_wrk_run_gives_its_rate_its_p99_and_its_slowest_thousandth():
    assert serve.parse_wrk(WRK_OUTPUT) == (2083.71, 1.99, 3.219, 0)


def test_the_load_table_shows_the_slowest_thousandth_where_wrk_gave_it():
    results = [
        serve.LoadResult("hello (floor)", "/bench/hello/", 1_000, 10.0, 0, p999_ms=12.5),
        serve.LoadResult("story page (signed in)", "/stories/1/", 300, 20.0, 0, signed_in=True),
    ]

    lines = report.load_table(results, connections=16, seconds=5, worker_mb=70)

    assert "| p99 ms | p99.9 ms |" in lines[4]
    assert "| hello (floor) | 1,000 | 100% | 10.0 | 12.5 | 0 |" in lines[6]
    assert "| story page (signed in) | 300 | 30% | 20.0 |  | 0 | met |" in lines[7]
