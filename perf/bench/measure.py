"""In-process measurements through Django's test client: queries and latency per page."""

import statistics
import time
from dataclasses import dataclass

from django.core.cache import caches
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext

REQUESTS = 200


@dataclass
class PageResult:
    name: str
    url: str
    status: int
    cold_queries: int
    warm_queries: int
    cold_ms: float
    p50_ms: float
    p95_ms: float


def _timed(client: Client, url: str) -> tuple[float, int]:
    started = time.perf_counter()
    response = client.get(url)
    return (time.perf_counter() - started) * 1000, response.status_code


def measure_page(name: str, url: str, client: Client, requests: int = REQUESTS) -> PageResult:
    """First request on an empty cache (cold), then `requests` more (warm) for p50 and p95."""
    caches["pages"].clear()  # the page cache (stories.caching); rate limits stay
    # Every request start empties Django's query log: start each count from an empty one.
    reset_queries()
    with CaptureQueriesContext(connection) as cold:
        cold_ms, status = _timed(client, url)
    cold_queries = len(cold)
    reset_queries()
    with CaptureQueriesContext(connection) as warm:
        client.get(url)
    warm_queries = len(warm)
    timings = sorted(_timed(client, url)[0] for _ in range(requests))
    return PageResult(
        name=name,
        url=url,
        status=status,
        cold_queries=cold_queries,
        warm_queries=warm_queries,
        cold_ms=cold_ms,
        p50_ms=statistics.median(timings),
        p95_ms=timings[int(len(timings) * 0.95) - 1],
    )


@dataclass
class ColdResult:
    name: str
    url: str
    status: int
    queries: int
    p50_ms: float
    max_ms: float


def measure_after_publish(
    name: str, url: str, client: Client, publisher, rounds: int = 5
) -> ColdResult:
    """The first request after a story is published, `rounds` times: the page cache is cold."""
    timings, queries, status = [], 0, 0
    for _ in range(rounds):
        publisher.take_back()
        publisher.publish()
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            elapsed, status = _timed(client, url)
        queries = len(captured)
        timings.append(elapsed)
    publisher.take_back()
    timings.sort()
    return ColdResult(name, url, status, queries, statistics.median(timings), timings[-1])
