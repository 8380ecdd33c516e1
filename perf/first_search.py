"""Time the first search for a query no process has searched: p50 and p95 over many queries.

A query repeated is served from its kept ranking (stories.search_kept) and kept cards; this times
the other case. Before each search it empties the search cache, the card cache, the page cache's
pages and each process's kept card markup (stories.kept_markup), so every search ranks its
candidates and writes its cards afresh, as the first search for a word does in a process that
has never shown those stories. What depends on no query (the filter fields' markup, the footer's
essays) stays kept. Signed in as the bench's member, on the bench database (scripts/bench).

    .venv/bin/python perf/first_search.py [--rounds 3] [--profile] [--split]

with the bench's environment (DATABASE_URL, DJANGO_SETTINGS_MODULE=perf.settings, ...).
"""

import argparse
import cProfile
import pstats
import random
import statistics
import time

import django

django.setup()

from django.core.cache import caches  # noqa: E402
from django.db import connection  # noqa: E402

from kindness import kept  # noqa: E402
from perf.bench import people, seed  # noqa: E402

FLOOR_URL = "/bench/hello/"


def queries(rng: random.Random) -> dict[str, list[str]]:
    """Real words of the bench's stories: every word alone, pairs of them, and rare ones (the
    rare word and the numbers each title ends with, which one story each holds)."""
    words = [*seed.WORDS, seed.COMMON_WORD]
    pairs = [" ".join(rng.sample(seed.WORDS, 2)) for _ in range(len(words))]
    with connection.cursor() as cursor:
        cursor.execute("SELECT MAX(id) FROM stories_story")
        newest = cursor.fetchone()[0]
    numbers = [str(rng.randrange(newest)) for _ in range(len(words) - 2)]
    rare = [seed.RARE_WORD, f"{seed.RARE_WORD} conversation", *numbers]
    return {"common": words, "pairs": pairs, "rare": rare}


def forget_searches() -> None:
    for name in ("search", "cards"):
        caches[name].clear()
    # The page cache's pages of this URL; what else it keeps (the footer's essays, kept page
    # frames) a first search finds there as any request does.
    pages = caches["pages"]
    for key in [key for key in pages._cache if key.split(":")[2] in ("page", "shared")]:
        pages.delete(key.split(":", 2)[2])
    for values in kept._kept.values():
        for key in [key for key in values if key[0][:2] == ("markup", "card")]:
            del values[key]


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
    wrap(search, "_ranked", "_ranked (one statement)")
    wrap(readers, "cards_for", "cards_for (rows)")
    wrap(story_cards, "render_cards", "render_cards")
    wrap(cards, "card_html", "card_html (one card)")
    return parts


def timed(client, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (url, response.status_code)
    return elapsed


def percentiles(timings: list[float]) -> str:
    ordered = sorted(timings)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    return f"p50 {statistics.median(ordered):6.2f}  p95 {p95:6.2f}  (n={len(ordered)})"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--split", action="store_true", help="Time the search's parts too.")
    args = parser.parse_args()
    parts = split_timers() if args.split else {}
    client = people.signed_in(people.member())
    sets = queries(random.Random(args.seed))
    for url in (FLOOR_URL, "/search/?q=warmup"):  # per-process caches: the Site, URLs, ...
        for _ in range(20):
            client.get(url)
    floors, timings = [], {name: [] for name in sets}
    profile = cProfile.Profile() if args.profile else None
    for _ in range(args.rounds):
        floors.append(statistics.median(timed(client, FLOOR_URL) for _ in range(200)))
        for name, words in sets.items():
            for word in words:
                forget_searches()
                url = f"/search/?q={word.replace(' ', '+')}"
                if profile:
                    profile.enable()
                timings[name].append(timed(client, url))
                if profile:
                    profile.disable()
    print(f"{connection.vendor}: floor p50 {statistics.median(floors):.2f} ms ({floors})")
    for name, values in timings.items():
        print(f"  first search, {name:7} {percentiles(values)}")
    print(f"  first search, all     {percentiles([t for v in timings.values() for t in v])}")
    for name, values in parts.items():
        print(f"  part {name:22} {percentiles(values)}")
    if profile:
        stats = pstats.Stats(profile).sort_stats("cumulative")
        stats.print_stats(45)
        stats.sort_stats("tottime").print_stats(30)


if __name__ == "__main__":
    main()
