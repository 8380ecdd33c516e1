import importlib
import os
from datetime import timedelta

import pytest
from django.apps import apps
from django.core.cache import caches
from django.test import Client
from django.utils import timezone

from moderation.roles import ensure_group
from stories.models import Story
from tests.factories import ModeratorFactory, StoryFactory, UserFactory

# A fixture for every test of a kept page (kindness.kept_pages).
from tests.kept import rendered_whole  # noqa: F401

# Playwright's sync API runs an event loop in the test thread; the ORM calls we make beside it are
# synchronous and safe, so Django's async guard is relaxed for the test process only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"


def _empties_the_database(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction"))


def pytest_collection_modifyitems(config, items):
    # Transactional tests (browser, races) end by emptying the database, data migrations'
    # rows included: run them after every test that relies on those rows.
    items.sort(key=_empties_the_database)
    browser_tests = [item for item in items if item.get_closest_marker("browser")]
    if not browser_tests or os.path.exists(CHROMIUM):
        return
    if os.environ.get("CI") == "true":
        raise pytest.UsageError(
            f"CI=true but Chromium is missing at {CHROMIUM}: browser tests cannot be skipped in CI."
            " Install it with `apt-get install chromium` (make test does this as root)."
        )
    skip = pytest.mark.skip(
        reason=f"Chromium not found at {CHROMIUM}; install Debian's chromium to run browser tests"
    )
    for item in browser_tests:
        item.add_marker(skip)


@pytest.fixture(autouse=True)
def _isolated_media_and_static(settings, tmp_path):
    """Uploads go to a temporary folder; static files are served unhashed, without collectstatic.

    On disk even when the environment names a bucket: tests/storage brings its own object server.
    """
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _emails_delivered_on_commit(settings):
    """Queued emails reach mail.outbox once their transaction commits (tests/mail.py)."""
    settings.TASKS = {"default": {"BACKEND": "tests.mail.DeliverOnCommitBackend"}}


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Production hashing costs about a second per password; tests need only a real hash."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _uses_database(request) -> bool:
    return bool(
        request.node.get_closest_marker("django_db")
        or {"db", "transactional_db", "live_server"} & set(request.fixturenames)
    )


@pytest.fixture(autouse=True)
def _fresh_cache(request):
    """Rate-limit counters and cached pages live in the caches; each test starts with none.

    Rate limits count in the database cache (`default`), reachable only once the test database is;
    its rows go with the test's own rollback or flush, so only the per-process caches are cleared
    afterwards (a test may end inside a broken transaction, where no query can run).
    """
    per_process = [cache for cache in caches.all() if cache is not caches["default"]]
    if _uses_database(request):
        request.getfixturevalue("_django_db_helper")
        caches["default"].clear()
    for cache in per_process:
        cache.clear()
    yield
    for cache in per_process:
        cache.clear()


@pytest.fixture
def reference_data(transactional_db):
    """Put back what the data migrations load, for tests that start from an emptied database."""
    taxonomy = importlib.import_module("stories.migrations.0003_practice_taxonomy")
    taxonomy.load_taxonomy(apps, None)
    importlib.import_module("stories.migrations.0007_sourceessay_url").fill_urls(apps, None)
    importlib.import_module("stories.migrations.0018_essays_fully").forwards(apps, None)
    ensure_group()


@pytest.fixture
def author(db):
    """Alice: a verified member who shares stories."""
    return UserFactory(display_name="Alice")


@pytest.fixture
def other_member(db):
    """Bob: another verified member."""
    return UserFactory(display_name="Bob")


@pytest.fixture
def moderator(db):
    """Mo: a member of the Moderators group."""
    return ModeratorFactory(display_name="Mo")


@pytest.fixture
def second_moderator(db):
    """Maya: another member of the Moderators group."""
    return ModeratorFactory(display_name="Maya")


@pytest.fixture
def login():
    """login(user) gives a test client signed in as that user."""

    def _login(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def author_client(author, login) -> Client:
    return login(author)


@pytest.fixture
def visitor() -> Client:
    """Someone reading the site without an account."""
    return Client()


@pytest.fixture
def other_client(other_member, login) -> Client:
    """Bob, signed in: neither the author nor a moderator."""
    return login(other_member)


@pytest.fixture
def moderator_client(moderator, login) -> Client:
    return login(moderator)


@pytest.fixture
def second_moderator_client(second_moderator, login) -> Client:
    return login(second_moderator)


@pytest.fixture
def published_story(author):
    return StoryFactory(author=author, title="Thank you, Dana")


@pytest.fixture
def submitted_story(author):
    """submitted_story(**fields): a story by Alice waiting for review, sent an hour ago."""

    def _make(**fields) -> Story:
        fields.setdefault("author", author)
        fields.setdefault("submitted_at", timezone.now() - timedelta(hours=1))
        return StoryFactory(status=Story.Status.SUBMITTED, **fields)

    return _make


@pytest.fixture
def waiting_story(submitted_story) -> Story:
    """Alice's story about a night nurse, waiting for review."""
    return submitted_story(
        title="The night nurse who stayed",
        body="She stayed after her shift to explain the results twice.",
    )
