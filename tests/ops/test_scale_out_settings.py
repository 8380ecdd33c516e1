"""The scaled-out setup from the environment: Redis for the caches, the proxy's client address."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from kindness.env import env_redis_url
from tests.site.test_settings import import_settings

SHOW = (
    "from kindness import settings as s; "
    "print(s.CACHES['default']['BACKEND'], s.CACHES['default']['LOCATION'], "
    "s.CACHES['pages']['LOCATION'], s.ALLAUTH_TRUSTED_PROXY_COUNT)"
)


def shown(**environment: str) -> list[str]:
    result = import_settings(SHOW, **{"REDIS_URL": "", "REDIS_PAGES_URL": "", **environment})
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


@pytest.mark.parametrize(
    "url", ["redis://127.0.0.1:6379/0", "rediss://:secret@cache.example:6380/1", "unix:///run/r.s"]
)
def test_it_accepts_redis_addresses(monkeypatch, url):
    monkeypatch.setenv("FLIP_TEST_REDIS", url)

    assert env_redis_url("FLIP_TEST_REDIS") == url


def test_it_refuses_an_address_that_is_not_redis(monkeypatch):
    monkeypatch.setenv("FLIP_TEST_REDIS", "http://127.0.0.1:6379")

    with pytest.raises(ImproperlyConfigured, match="redis://"):
        env_redis_url("FLIP_TEST_REDIS")


def test_without_redis_the_limits_stay_in_the_database_cache():
    backend, location, pages, _ = shown()

    assert backend == "django.core.cache.backends.db.DatabaseCache"
    assert location == "kindness_cache"
    assert pages == "flip-the-counter-pages"


def test_with_redis_url_the_limits_and_pages_go_to_redis():
    backend, location, pages, _ = shown(REDIS_URL="redis://10.0.0.9:6379/0")

    assert backend == "kindness.redis_cache.ForgivingRedisCache"
    assert location == pages == "redis://10.0.0.9:6379/0"


def test_pages_may_have_a_redis_of_their_own():
    _, location, pages, _ = shown(
        REDIS_URL="redis://10.0.0.9:6379/0", REDIS_PAGES_URL="redis://10.0.0.10:6379/0"
    )

    assert (location, pages) == ("redis://10.0.0.9:6379/0", "redis://10.0.0.10:6379/0")


def test_behind_the_proxy_the_limits_count_the_clients_address():
    assert shown()[3] == "0"
    assert shown(DJANGO_BEHIND_PROXY="true")[3] == "1"
    assert shown(DJANGO_BEHIND_PROXY="true", DJANGO_TRUSTED_PROXY_COUNT="2")[3] == "2"
