"""The floor every page is read against, timed several times through a run instead of once.

One timing of the 'hello' view moved 30 to 40% between runs minutes apart on a quiet machine,
while the pages around it kept their milliseconds, and every verdict moved with it. The bench
now times the floor before each table and once at the end, and reads every page against the
median of those timings; the report names the spread.
"""

import statistics
from dataclasses import dataclass, field

from django.test import Client

from perf.bench.measure import PageResult, measure_page
from perf.bench.pages import FLOOR


@dataclass
class Floor:
    url: str
    client: Client
    requests: int
    samples: list[PageResult] = field(default_factory=list)

    def sample(self) -> PageResult:
        result = measure_page(FLOOR, self.url, self.client, self.requests)
        self.samples.append(result)
        return result

    @property
    def p50_ms(self) -> float:
        return median_p50(self.samples)

    def line(self) -> str:
        return spread_line(self.samples)


def median_p50(samples: list[PageResult]) -> float:
    return statistics.median(sample.p50_ms for sample in samples)


def spread_line(samples: list[PageResult]) -> str:
    p50s = [sample.p50_ms for sample in samples]
    timings = ", ".join(f"{p50:.2f}" for p50 in p50s)
    return (
        f"Floor ('hello', the framework alone): **{median_p50(samples):.2f} ms**, the median of "
        f"{len(p50s)} timings through the run (p50s {timings} ms; {min(p50s):.2f} to "
        f"{max(p50s):.2f}). Every ratio below is read against the median."
    )
