"""Running the seeder's statements on several connections at once: the server's work (the
stored search vectors, the index builds) is CPU-bound, and one connection uses one core."""

import queue
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from django.db import connections

# For each connection's index builds: two at once stay well inside a shared machine's memory.
MAINTENANCE_WORK_MEM = "128MB"
# The GIN builds keep their entries in memory until this fills, then merge: the search vectors'
# index (the longest step) built a quarter faster with 512MB than with 128MB at a million. With
# the other connection's 128MB, 128MB of shared buffers and the seeder's 90 MB, under 1 GB.
GIN_WORK_MEM = "512MB"


def set_up(cursor) -> None:
    """Each seeding connection's session. Commits stay synchronous: the seeder commits a few
    dozen big statements, so an asynchronous commit saved nothing measurable."""
    cursor.execute(f"SET maintenance_work_mem = '{MAINTENANCE_WORK_MEM}'")


def in_parallel(
    statements: list[tuple[str, dict]], progress: Callable[[int], None], *, workers: int
) -> None:
    """Run the statements on `workers` connections at once: the stored search vectors make each
    story cost the server real work (to_tsvector three times), which one connection does on one
    core."""

    def run(statement: tuple[str, dict]) -> None:
        sql, params = statement
        try:
            with connections["default"].cursor() as cursor:
                set_up(cursor)
                cursor.execute(sql, params or None)
        finally:
            connections["default"].close()

    with ThreadPoolExecutor(max_workers=workers) as pool:
        for done, _ in enumerate(pool.map(run, statements), start=1):
            progress(done)


def in_sequences(sequences: list[list[tuple[str, dict]]], *, then: list) -> list[tuple[str, float]]:
    """Each sequence in order on a connection of its own, side by side; then the statements of
    `then`, in any order, each taken by whichever connection is free first. Returns how long
    each statement took, named by its first words."""
    shared = queue.SimpleQueue()
    for statement in then:
        shared.put(statement)
    timings = []

    def run(statements: list[tuple[str, dict]]) -> None:
        try:
            with connections["default"].cursor() as cursor:
                set_up(cursor)
                for sql, params in _and_then(statements, shared):
                    memory = GIN_WORK_MEM if "USING gin" in sql else MAINTENANCE_WORK_MEM
                    cursor.execute(f"SET maintenance_work_mem = '{memory}'")
                    started = time.monotonic()
                    cursor.execute(sql, params or None)
                    timings.append((_name(sql), time.monotonic() - started))
        finally:
            connections["default"].close()

    with ThreadPoolExecutor(max_workers=len(sequences)) as pool:
        list(pool.map(run, sequences))
    return timings


def _name(sql: str) -> str:
    """A statement's first words: "CREATE INDEX stories_story_search_gin", "VACUUM ANALYZE t",
    "ALTER TABLE t ADD CONSTRAINT name"."""
    words = sql.split()
    return " ".join(words[:6] if words[0] == "ALTER" else words[:3])


def _and_then(statements: list, shared: queue.SimpleQueue):
    yield from statements
    while True:
        try:
            yield shared.get_nowait()
        except queue.Empty:
            return
