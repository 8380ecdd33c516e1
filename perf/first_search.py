"""Time the first search for a query no process has searched: p50 and p95 over many queries.

What is timed, and how the caches are emptied before each search: perf.bench.first_search, which
`make bench` runs too (its "first search" table). This script adds a split into the search's
parts and a profile. With the bench's environment (DATABASE_URL, DJANGO_SETTINGS_MODULE=
perf.settings, ...), on the bench database (scripts/bench):

    .venv/bin/python perf/first_search.py [--rounds 3] [--profile] [--split]
"""

import argparse
import contextlib
import cProfile
import pstats
import statistics
import time

import django

django.setup()

from django.db import connection  # noqa: E402

from perf.bench import first_search, people  # noqa: E402

FLOOR_URL = "/bench/hello/"


def split_timers() -> dict[str, list[float]]:
    """Wrap the search's parts in plain timers: (module, function) -> milliseconds per call."""
    from stories import caching, cards, holes, search
    from stories.templatetags import story_cards
    from stories.views import readers

    parts = {}

    def wrap(module, name: str, label: str) -> None:
        inner = getattr(module, name)
        parts[label] = timings = []

        def timed_part(*args, **kwargs):
            started = time.perf_counter()
            try:
                return inner(*args, **kwargs)
            finally:
                timings.append((time.perf_counter() - started) * 1000)

        setattr(module, name, timed_part)

    wrap(caching, "shared_page", "shared page (view+keep)")
    wrap(holes, "fill", "holes filled")
    wrap(readers, "render", "render (template)")
    wrap(search, "find", "find (rank)")
    wrap(search, "_fresh", "_fresh (read and rank)")
    wrap(readers, "cards_for", "cards_for (rows)")
    wrap(story_cards, "render_cards", "render_cards")
    wrap(cards, "card_html", "card_html (one card)")
    return parts


def percentiles(timings: list[float]) -> str:
    found = first_search.SearchTimes("", timings)
    return f"p50 {found.p50_ms:6.2f}  p95 {found.p95_ms:6.2f}  (n={len(timings)})"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--split", action="store_true", help="Time the search's parts too.")
    args = parser.parse_args()
    parts = split_timers() if args.split else {}
    client = people.signed_in(people.member())
    profile = cProfile.Profile() if args.profile else None

    @contextlib.contextmanager
    def profiled():
        profile.enable()
        try:
            yield
        finally:
            profile.disable()

    first_search.warm_up(client)
    floor = statistics.median(first_search.timed(client, FLOOR_URL) for _ in range(200))
    results = first_search.measure(
        client, rounds=args.rounds, seed_value=args.seed, each=profiled if profile else None
    )
    print(f"{connection.vendor}: floor p50 {floor:.2f} ms")
    for result in results:
        print(f"  first search, {result.name:7} {percentiles(result.timings)}")
    for name, values in parts.items():
        print(f"  part {name:22} {percentiles(values)}")
    if profile:
        stats = pstats.Stats(profile).sort_stats("cumulative")
        stats.print_stats(45)
        stats.sort_stats("tottime").print_stats(30)


if __name__ == "__main__":
    main()
