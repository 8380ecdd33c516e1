"""/healthz (the process answers) and /readyz (and can reach what it needs), for load balancers.

Answered by the first middleware, before anything else runs: no host check (a load balancer asks
by the server's own address), no HTTPS redirect (it asks over plain HTTP, on the private network),
no session, no cookies, no page cache. Both bodies are small JSON that names each check and says
ok or not, with the class of the error at most: never an address, a DSN or an error's text, which
can hold them. What failed, in full, goes to the server's log.
"""

import json
import logging
import os
import secrets
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import FileSystemStorage
from django.db import connections
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

LIVENESS_PATH = "/healthz"
READINESS_PATH = "/readyz"


class NotReady(Exception):
    """A check's own verdict, e.g. a task queue far behind."""


def database() -> dict:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
    return {}


def cache() -> dict:
    """Each cache stores and returns a value: Redis, or the database table, really answers."""
    for alias in settings.CACHES:
        key = f"readyz:{secrets.token_hex(8)}"
        token = secrets.token_hex(8)
        caches[alias].set(key, token, 10)
        if caches[alias].get(key) != token:
            raise NotReady(f"the {alias!r} cache did not return what was stored")
        caches[alias].delete(key)
    return {}


def storage() -> dict:
    """The storage the story photos use answers (object storage: one HEAD request)."""
    from stories.photos import StoryPhoto

    photos = StoryPhoto._meta.get_field("image").storage
    photos.exists("readyz-probe")
    if isinstance(photos, FileSystemStorage):
        folder = Path(photos.location)
        # The folder is made by the first upload: until then its parent must let us make it.
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent
        if not folder.is_dir() or not os.access(folder, os.W_OK):
            raise NotReady("the photo folder cannot be written")
    return {}


def task_queue(status: Callable[[], Mapping[str, float]], *, age: str) -> Callable[[], dict]:
    """A check from a function returning the task queue's figures (depth, ages in seconds).

    Every figure goes into the body; when the one named `age` (how long the oldest due task has
    waited) passes READYZ_TASK_MAX_AGE, the workers are down or far behind: not ready.
    """

    def tasks() -> dict:
        figures = dict(status())
        limit = settings.READYZ_TASK_MAX_AGE
        if limit and figures[age] > limit:
            raise NotReady(f"the oldest task has waited {figures[age]:.0f} s", figures)
        return figures

    return tasks


def _outbox_status() -> Mapping[str, float]:
    from outbox.status import queue_status

    return queue_status()


# Each check returns figures for the body (may be empty) or raises. One line adds a check.
READINESS_CHECKS: list[Callable[[], dict]] = [
    database,
    cache,
    storage,
    task_queue(_outbox_status, age="oldest_task_wait_seconds"),
]


def run_check(check: Callable[[], dict]) -> dict:
    started = time.perf_counter()
    try:
        result = {"ok": True, **check()}
    except Exception as error:
        logger.warning("Readiness check %s failed", check.__name__, exc_info=True)
        result = {"ok": False, "error": type(error).__name__}
        if isinstance(error, NotReady) and len(error.args) > 1:
            result.update(error.args[1])
    result["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return result


def readiness() -> tuple[bool, dict]:
    results = {check.__name__: run_check(check) for check in READINESS_CHECKS}
    return all(result["ok"] for result in results.values()), results


def json_response(body: dict, status: int = 200) -> HttpResponse:
    response = HttpResponse(json.dumps(body), content_type="application/json", status=status)
    add_never_cache_headers(response)
    return response


class HealthProbes:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path == LIVENESS_PATH:
            return json_response({"status": "ok"})
        if request.path == READINESS_PATH:
            ready, checks = readiness()
            return json_response(
                {"status": "ok" if ready else "failing", "checks": checks},
                status=200 if ready else 503,
            )
        return self.get_response(request)
