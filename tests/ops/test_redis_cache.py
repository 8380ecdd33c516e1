"""With REDIS_URL, rate limits and visitors' pages live in Redis, shared by every app server, and
Redis going away costs speed, never an error page.

Each test runs its own Debian redis-server on a free port (tests/ops/conftest.py), so it can stop
and start it; the whole suite also runs once against CI's Redis (REDIS_URL in .ci/run).
"""

import subprocess
import sys
import textwrap

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from moderation.decisions import decide_story
from moderation.models import Decision
from tests.accounts.test_shared_rate_limits import database_url
from tests.factories import PASSWORD, ModeratorFactory, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("account_login")
TOO_MANY = "Too many failed login attempts. Try again later."
WRONG = "not-the-password"


def attempt(client: Client, email: str, password: str) -> str:
    response = client.post(LOGIN, {"login": email, "password": password})
    assert response.status_code < 500
    if response.status_code == 429 or TOO_MANY in response.content.decode():
        return "refused"
    return "signed in" if "_auth_user_id" in client.session else "counted"


def new_process_view_of_the_caches() -> None:
    """Forget this thread's cache connections, as a fresh server process starts without them."""
    for alias in settings.CACHES:
        caches[alias].close()
        del caches[alias]


def test_the_login_limit_is_counted_in_redis_for_every_server(redis_caches, author):
    servers = [Client(), Client()]
    for number in range(5):
        new_process_view_of_the_caches()
        assert attempt(servers[number % 2], author.email, WRONG) == "counted"

    new_process_view_of_the_caches()
    assert attempt(servers[1], author.email, PASSWORD) == "refused"
    assert any("login_failed" in key for key in redis_caches.keys("limits:*"))


def test_two_connections_to_redis_see_one_counter(redis_caches):
    first = caches.create_connection("default")
    second = caches.create_connection("default")

    first.set("attempts", [1, 2, 3], 60)

    assert second.get("attempts") == [1, 2, 3]
    assert second.add("lock", True, 10)
    assert not first.add("lock", True, 10)


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
    for password in sys.argv[2:]:
        response = Client().post("/accounts/login/", {"login": sys.argv[1], "password": password})
        refused = response.status_code == 429 or "Too many failed" in response.content.decode()
        print("refused" if refused else "counted")
    """
)


@pytest.mark.django_db(transaction=True)
def test_the_limit_holds_across_processes_sharing_redis(redis_caches):
    member = UserFactory(email="target@example.com")

    def in_another_process(*passwords: str) -> list[str]:
        env = {
            "DATABASE_URL": database_url(),
            "REDIS_URL": redis_caches.url,
            "PATH": "/usr/bin:/bin",
        }
        result = subprocess.run(
            [sys.executable, "-c", ATTEMPT_SCRIPT, member.email, *passwords],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        return result.stdout.split()

    here = Client()
    assert attempt(here, member.email, WRONG) == "counted"
    assert attempt(here, member.email, WRONG) == "counted"
    assert in_another_process(WRONG, WRONG) == ["counted", "counted"]
    assert attempt(here, member.email, WRONG) == "counted"

    assert in_another_process(PASSWORD) == ["refused"]
    assert attempt(here, member.email, PASSWORD) == "refused"


def test_a_visitor_page_cached_in_redis_is_gone_after_a_publish(
    redis_caches, visitor, waiting_story
):
    home = reverse("stories:list")
    assert waiting_story.title not in visitor.get(home).content.decode()
    assert redis_caches.keys("pages:*"), "the page is cached in Redis"

    decide_story(story=waiting_story, moderator=ModeratorFactory(), action=Decision.Action.APPROVE)

    new_process_view_of_the_caches()
    assert waiting_story.title in visitor.get(home).content.decode()


def test_emptying_the_page_cache_keeps_the_rate_limits(redis_caches):
    caches["default"].set("allauth:rl:login", [1], 60)
    caches["pages"].set("page:1:home", "<html>", 60)

    caches["pages"].clear()

    assert caches["pages"].get("page:1:home") is None
    assert caches["default"].get("allauth:rl:login") == [1]


def test_pages_are_served_while_redis_is_down_and_cached_again_when_it_returns(
    redis_caches, visitor, published_story
):
    home = reverse("stories:list")
    redis_caches.stop()

    for _ in range(2):
        response = visitor.get(home)
        assert response.status_code == 200
        assert published_story.title in response.content.decode()
    assert visitor.get(published_story.get_absolute_url()).status_code == 200

    redis_caches.start()
    assert visitor.get(home).status_code == 200
    assert redis_caches.keys("pages:*"), "pages are cached again"


def test_logins_are_refused_while_redis_is_down_and_counted_again_when_it_returns(
    redis_caches, author
):
    member = Client()
    redis_caches.stop()

    assert attempt(member, author.email, WRONG) == "refused"
    assert attempt(member, author.email, PASSWORD) == "refused"

    redis_caches.start()
    assert attempt(member, author.email, WRONG) == "counted"
    assert attempt(member, author.email, PASSWORD) == "signed in"


def test_readyz_reports_the_cache_while_redis_is_down(redis_caches, client):
    assert client.get("/readyz").status_code == 200

    redis_caches.stop()
    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["checks"]["cache"]["ok"] is False
    assert redis_caches.url not in response.content.decode()
