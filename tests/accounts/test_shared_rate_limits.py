"""Rate limits count in the database cache every server process shares, not in one worker's memory.

allauth allows five wrong passwords for one address in five minutes. With a per-process cache,
three gunicorn workers each counted their own five; these tests send the attempts through
separate processes, simulated and real, and the sixth is refused all the same.
"""

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

LOGIN = reverse("account_login")
TOO_MANY = "Too many failed login attempts. Try again later."
WRONG = "not-the-password"


# With REDIS_URL (CI's third run) the limits live in Redis instead: tests/ops/test_redis_cache.py.
in_the_database_cache = pytest.mark.skipif(
    bool(settings.REDIS_URL), reason="REDIS_URL is set: the limits count in Redis"
)


def per_process_caches():
    return [cache for cache in caches.all() if isinstance(cache, LocMemCache)]


def attempt(client: Client, email: str, password: str):
    return client.post(LOGIN, {"login": email, "password": password})


def refused_for_too_many(response) -> bool:
    return TOO_MANY in response.content.decode()


@in_the_database_cache
def test_the_login_counter_is_kept_in_the_database_cache(author, visitor):
    assert isinstance(caches["default"], DatabaseCache)

    attempt(visitor, author.email, WRONG)

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT cache_key FROM {settings.CACHES['default']['LOCATION']}")
        keys = [row[0] for row in cursor.fetchall()]
    assert any("login_failed" in key for key in keys), keys


@in_the_database_cache
def test_the_page_cache_stays_in_each_process(db):
    assert not isinstance(caches["pages"], DatabaseCache)


def test_the_limit_holds_when_each_attempt_reaches_another_worker(author):
    workers = [Client(), Client()]
    for number in range(5):
        # A fresh worker process has nothing in its own memory.
        for cache in per_process_caches():
            cache.clear()
        response = attempt(workers[number % 2], author.email, WRONG)
        assert not refused_for_too_many(response)

    for cache in per_process_caches():
        cache.clear()
    sixth = attempt(workers[1], author.email, PASSWORD)

    assert refused_for_too_many(sixth)
    assert "_auth_user_id" not in workers[1].session


ATTEMPT_SCRIPT = textwrap.dedent(
    """
    import os, sys
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kindness.settings")
    import django
    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.test.utils import setup_test_environment
    setup_test_environment()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    email, password = sys.argv[1], sys.argv[2]
    response = Client().post("/accounts/login/", {"login": email, "password": password})
    print("refused" if "Too many failed login attempts" in response.content.decode() else "counted")
    """
)


def database_url() -> str:
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(database['NAME']).resolve()}"
    return (
        f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST']}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )


def attempt_in_another_process(email: str, password: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", ATTEMPT_SCRIPT, email, password],
        cwd=settings.BASE_DIR,
        env={
            "DATABASE_URL": database_url(),
            "REDIS_URL": settings.REDIS_URL,
            "PATH": "/usr/bin:/bin",
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip()


@pytest.mark.django_db(transaction=True)
def test_the_limit_holds_across_operating_system_processes():
    member = UserFactory(email="target@example.com")
    if connection.vendor == "sqlite" and "mode=memory" in str(connection.settings_dict["NAME"]):
        pytest.skip("an in-memory SQLite database cannot be shared with another process")

    here = Client()
    assert not refused_for_too_many(attempt(here, member.email, WRONG))
    assert not refused_for_too_many(attempt(here, member.email, WRONG))
    assert attempt_in_another_process(member.email, WRONG) == "counted"
    assert attempt_in_another_process(member.email, WRONG) == "counted"
    assert not refused_for_too_many(attempt(here, member.email, WRONG))

    assert attempt_in_another_process(member.email, PASSWORD) == "refused"
    assert refused_for_too_many(attempt(here, member.email, PASSWORD))
