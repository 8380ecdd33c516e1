"""Running calls at the same moment, each in its own thread and database connection."""

import threading
import time

from django.db import OperationalError, connection


def waiting_for_the_lock(call, seconds: float = 30):
    """Retry a transaction refused by SQLite's shared-cache lock, as its busy timeout would."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            return call()
        except OperationalError as error:
            shared_cache_lock = connection.vendor == "sqlite" and "is locked" in str(error)
            if not shared_cache_lock or time.monotonic() > deadline:
                raise
            time.sleep(0.005)


def all_at_once(calls, *, seconds: float = 90) -> list:
    """Release every call together through a barrier; return each one's result or its error."""
    barrier = threading.Barrier(len(calls))
    outcomes: list = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            outcomes[index] = waiting_for_the_lock(call)
        except Exception as error:  # noqa: BLE001 - the caller's assertions read it
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds)
    assert not any(thread.is_alive() for thread in threads), "a call never finished"
    return outcomes
