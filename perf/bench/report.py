"""The benchmark's report: Markdown tables, each page against the framework's floor."""

import statistics

from perf.bench import first_search, serve
from perf.bench.measure import ColdResult, PageResult

# Issue 11's targets, as multiples of the floor's p50 (and its share of requests per second).
READER_P50 = 10
READER_P95 = 15
MODERATION_P50 = 15
COLD_AFTER_PUBLISH = 30
SIGNED_IN_SHARE = 0.30


def _times(value: float, floor: float) -> str:
    return f"{value / floor:.1f}x"


def visitor_table(results: list[PageResult], requests: int, floor_ms: float) -> list[str]:
    lines = [
        f"### In-process (Django test client), {requests} requests a page, signed out",
        "",
        "Cold: the first request on an empty page cache. Warm: the next ones.",
        "",
        "| page | status | queries cold | warm | cold ms | p50 ms | p95 ms | p50/floor |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in results:
        lines.append(
            f"| {r.name} | {r.status} | {r.cold_queries} | {r.warm_queries} "
            f"| {r.cold_ms:.1f} | {r.p50_ms:.2f} | {r.p95_ms:.2f} "
            f"| {_times(r.p50_ms, floor_ms)} |"
        )
    return lines


def signed_in_table(
    title: str, results: list[PageResult], floor_ms: float, *, p50_target: int, p95_target: int
) -> list[str]:
    """Signed in, so never the page cache: every request is rendered."""
    lines = [
        title,
        "",
        f"Targets: p50 within {p50_target}x the floor's p50 ({floor_ms:.2f} ms), p95 within "
        f"{p95_target}x it. **over** marks a page that misses one.",
        "",
        "| page | status | queries | p50 ms | p95 ms | p50/floor | p95/floor | target |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in results:
        within = r.p50_ms <= p50_target * floor_ms and r.p95_ms <= p95_target * floor_ms
        lines.append(
            f"| {r.name} | {r.status} | {r.warm_queries} | {r.p50_ms:.2f} | {r.p95_ms:.2f} "
            f"| {_times(r.p50_ms, floor_ms)} | {_times(r.p95_ms, floor_ms)} "
            f"| {'met' if within else '**over**'} |"
        )
    return lines


def cold_table(results: list[ColdResult], floor_ms: float, rounds: int) -> list[str]:
    lines = [
        "### Signed out, the first request after a story is published",
        "",
        f"Each page {rounds} times: publish a story (the content version moves on, so the page "
        f"cache is cold), then one request. Target: within {COLD_AFTER_PUBLISH}x the floor.",
        "",
        "| page | status | queries | p50 ms | max ms | p50/floor | target |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in results:
        within = r.p50_ms <= COLD_AFTER_PUBLISH * floor_ms
        lines.append(
            f"| {r.name} | {r.status} | {r.queries} | {r.p50_ms:.2f} | {r.max_ms:.2f} "
            f"| {_times(r.p50_ms, floor_ms)} | {'met' if within else '**over**'} |"
        )
    return lines


def load_table(
    results: list[serve.LoadResult],
    *,
    connections: int,
    seconds: int,
    worker_mb: float,
    workers: serve.Workers | None = None,
) -> list[str]:
    # The first run is the floor; it is loaded again last, and the share is of their mean.
    floor_rps = statistics.mean(
        r.requests_per_second for r in results if r.url == results[0].url and not r.signed_in
    )
    lines = [
        f"### gunicorn ({workers or serve.Workers()}) on 127.0.0.1, "
        f"wrk with {connections} connections, {seconds} s a page",
        "",
        f"Signed-in pages send a member's session cookie; target: {SIGNED_IN_SHARE:.0%} of the "
        f"floor's requests per second or more. The floor is loaded first and last; its share is "
        f"of their mean, {floor_rps:,.0f} requests/s.",
        "",
        "| page | requests/s | share of floor | p99 ms | p99.9 ms | errors | target |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in results:
        share = r.requests_per_second / floor_rps
        target = ""
        if r.signed_in:
            target = "met" if share >= SIGNED_IN_SHARE else "**under**"
        tail = "" if r.p999_ms is None else f"{r.p999_ms:.1f}"
        lines.append(
            f"| {r.name} | {r.requests_per_second:,.0f} | {share:.0%} | {r.p99_ms:.1f} "
            f"| {tail} | {r.errors} | {target} |"
        )
    return [*lines, "", f"Peak memory of a gunicorn worker: {worker_mb:.0f} MB."]


def seeding_line(seeding: dict) -> str:
    how = "reused the database seeded earlier, which took" if seeding.get("reused") else "took"
    if "seconds" not in seeding:
        return f"Seeding: {how} an unknown time (seeded before the report kept it)."
    # The Python process's peak; the server's work is bounded by its own settings, named here.
    server = f", server {seeding['server']}" if "server" in seeding else ""
    load = f", load average {seeding['load']:.1f} at the end" if "load" in seeding else ""
    return (
        f"Seeding: {how} {seeding['seconds']:.0f} s, peak memory {seeding['peak_mb']:.0f} MB "
        f"({seeding.get('how', 'bulk_create')}{server}{load})."
    )


def first_search_table(results: list[first_search.SearchTimes], floor_ms: float) -> list[str]:
    lines = [
        "### Signed in, the first search for a query no process has searched",
        "",
        "Before each search the search, card and page caches are emptied, so each ranks its "
        "candidates and writes its cards afresh (perf.bench.first_search). Targets: p50 under "
        f"{first_search.P50_MS} ms, p95 under {first_search.P95_MS} ms.",
        "",
        "| queries | searches | p50 ms | p95 ms | p50/floor | target |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for r in results:
        lines.append(
            f"| {r.name} | {len(r.timings)} | {r.p50_ms:.2f} | {r.p95_ms:.2f} "
            f"| {_times(r.p50_ms, floor_ms)} | {'met' if r.met else '**over**'} |"
        )
    return lines
