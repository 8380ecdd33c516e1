"""Visitors get cached reader pages, and a cached page never outlives a story's publication."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from moderation import decisions
from stories import freshness
from stories.lifecycle import withdraw_story
from stories.models import Story
from tests.factories import ModeratorFactory, StoryFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(author) -> Story:
    return StoryFactory(author=author, title="Cached kindness at the counter", tags=["cache-me"])


def reader_urls(story: Story) -> list[str]:
    return [
        reverse("home"),
        reverse("stories:list"),
        reverse("stories:list") + "?tag=cache-me",
        story.get_absolute_url(),
        reverse("stories:practice", kwargs={"slug": "ask-how-are-you"}),
        reverse("stories:member", kwargs={"pk": story.author_id}),
        reverse("stories:search") + "?q=cached",
        reverse("stories:feed"),
        reverse("sitemap"),
    ]


def shows(client: Client, url: str, story: Story) -> bool:
    response = client.get(url)
    page = response.content.decode()
    # The sitemap lists addresses, every other page the title.
    return response.status_code == 200 and (story.title in page or story.get_absolute_url() in page)


def test_a_second_visit_is_served_from_the_cache_without_touching_the_stories(visitor, story):
    url = reverse("stories:list")
    visitor.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = visitor.get(url)
    assert story.title in response.content.decode()
    assert len(queries) == 1, "only the content version is read"
    assert "stories_contentversion" in queries[0]["sql"]


@pytest.mark.parametrize(
    "take_down",
    ["withdrawn by the author", "hidden by flags", "unpublished by a moderator"],
)
def test_it_never_serves_a_story_after_it_leaves_the_site(visitor, story, take_down, settings):
    urls = reader_urls(story)
    for url in urls:
        assert shows(visitor, url, story), f"{url} should show the story before"

    if take_down == "withdrawn by the author":
        assert withdraw_story(story=story)
    elif take_down == "hidden by flags":
        settings.FLAGS_TO_HIDE = 2
        for _ in range(2):
            decisions.flag_story(story=story, member=UserFactory(), reason="unkind")
    else:
        moderator = ModeratorFactory()
        decisions.flag_story(story=story, member=UserFactory(), reason="spam")
        decisions.resolve_flags(story=story, moderator=moderator, keep=False, reason="spam")

    story.refresh_from_db()
    assert story.status != Story.Status.PUBLISHED
    for url in urls:
        assert not shows(visitor, url, story), f"{url} still shows the story ({take_down})"


def test_an_admin_or_shell_change_also_refreshes_cached_pages(visitor, story):
    url = story.get_absolute_url()
    assert shows(visitor, url, story)
    Story.objects.filter(pk=story.pk).update(status=Story.Status.REJECTED)
    assert visitor.get(url).status_code == 404


def test_thanks_do_not_empty_the_cache(story):
    before = freshness.current(connection)
    Story.objects.filter(pk=story.pk).update(thanks_count=7)
    assert freshness.current(connection) == before


def test_signed_in_members_always_get_a_fresh_page(login, story, other_member):
    member = login(other_member)
    member.get(story.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        response = member.get(story.get_absolute_url())
    assert response.status_code == 200
    assert any("stories_story" in query["sql"] for query in queries)


def test_pages_still_change_after_the_version_row_was_emptied(reference_data, visitor):
    """`manage.py flush` (and every transactional test) empties the version's table."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM stories_contentversion")
    assert "A late arrival" not in visitor.get("/stories/").content.decode()

    StoryFactory(title="A late arrival")

    assert "A late arrival" in visitor.get("/stories/").content.decode()
