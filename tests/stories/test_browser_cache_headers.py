"""Browsers and proxies keep no copy of a reader page: only the server's page cache does.

A browser that kept a visitor's page showed a story after it was redacted; the server's cache
forgets it at once (the content version), so every other copy must be checked again before use.
"""

import pytest
from django.urls import reverse

from moderation import takedowns
from moderation.diffs import Correction
from moderation.takedown_models import TakedownAsk
from stories.models import Story
from tests.factories import StoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(author) -> Story:
    return StoryFactory(
        author=author,
        title="A counter worth revisiting",
        body="Jane Roe, the cashier, smiled at me.",
        tags=["revisit"],
    )


def reader_urls(story: Story) -> list[str]:
    return [
        reverse("home"),
        reverse("stories:list"),
        story.get_absolute_url(),
        reverse("stories:practice", kwargs={"slug": "ask-how-are-you"}),
        reverse("stories:member", kwargs={"pk": story.author_id}),
        reverse("stories:search") + "?q=counter",
        reverse("stories:feed"),
    ]


def must_ask_again(cache_control: str) -> bool:
    directives = {part.strip() for part in cache_control.split(",")}
    return {"no-cache", "private", "max-age=0"} <= directives


def test_it_tells_browsers_to_ask_again_before_showing_a_visitor_page(visitor, story):
    for url in reader_urls(story):
        first = visitor.get(url)  # rendered, then stored in the page cache
        again = visitor.get(url)  # served from the page cache
        assert first.status_code == again.status_code == 200, url
        assert must_ask_again(first["Cache-Control"]), url
        assert must_ask_again(again["Cache-Control"]), url


def test_it_tells_browsers_to_ask_again_before_showing_a_member_page(other_client, story):
    for url in reader_urls(story):
        response = other_client.get(url)
        assert response.status_code == 200, url
        assert must_ask_again(response["Cache-Control"]), url


def test_a_browser_asking_again_after_a_redaction_gets_the_redacted_page(visitor, moderator, story):
    kept = visitor.get(story.get_absolute_url())
    assert "Jane Roe" in kept.content.decode()
    unchanged = visitor.get(story.get_absolute_url(), headers={"if-none-match": kept["ETag"]})
    assert unchanged.status_code == 304

    request = takedowns.request_takedown(
        story=story,
        identifies="I am Jane Roe.",
        asks=TakedownAsk.REMOVE_DETAILS,
        details="My name.",
        email="jane@example.com",
    )
    takedowns.redact_story(
        request=request,
        moderator=moderator,
        correction=Correction(title=story.title, body="The cashier smiled at me."),
    )

    asked_again = visitor.get(story.get_absolute_url(), headers={"if-none-match": kept["ETag"]})
    assert asked_again.status_code == 200
    assert "Jane Roe" not in asked_again.content.decode()


def test_an_unpublished_story_keeps_its_stricter_never_store_rule(author_client, author):
    draft = StoryFactory(author=author, status=Story.Status.SUBMITTED)
    response = author_client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
