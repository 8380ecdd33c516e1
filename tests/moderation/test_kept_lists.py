"""The moderation queue and the flagged queue keep their layout as a frame (moderation.kept_lists):
each must equal the page rendered whole for its moderator, and never carry anything of another."""

import re

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.http import HttpResponse
from django.test import RequestFactory

from moderation.models import ReviewClaim
from stories.caching import PAGE_CACHE
from stories.markup_keys import template_digest
from stories.models import Story
from tests.factories import FlagFactory, StoryFactory, UserFactory
from tests.kept import without_tokens
from tests.pages import parse

QUEUE, FLAGGED = "/moderation/", "/moderation/flagged/"
TEMPLATES = {QUEUE: "moderation/queue.html", FLAGGED: "moderation/flagged.html"}


@pytest.fixture
def busy_queue(moderator, second_moderator, waiting_story):
    """A waiting story Maya has open, another waiting, and two flagged stories."""
    ReviewClaim.objects.create(kind="story", story=waiting_story, moderator=second_moderator)
    StoryFactory(status=Story.Status.SUBMITTED, title="Second <waiting> story")
    for title in ("Flagged & hidden", "Flagged once"):
        FlagFactory(story=StoryFactory(author=UserFactory(), title=title))


def with_message(client, text: str) -> None:
    """A message waiting for the next page, as a decision leaves one."""
    request = RequestFactory().get("/")
    storage = CookieStorage(request)
    storage.add(constants.SUCCESS, text)
    response = HttpResponse()
    storage.update(response)
    client.cookies.update(response.cookies)


@pytest.mark.parametrize("url", [QUEUE, FLAGGED])
@pytest.mark.parametrize("staff", [True, False])
def test_each_page_is_the_page_rendered_whole_for_its_moderator(
    busy_queue, moderator, moderator_client, rendered_whole, url, staff
):
    moderator.is_staff = staff
    moderator.save(update_fields=["is_staff"])
    kept = moderator_client.get(url)
    assert kept.status_code == 200
    rendered_whole()
    assert without_tokens(kept) == without_tokens(moderator_client.get(url))


@pytest.mark.parametrize("url", [QUEUE, FLAGGED])
def test_an_empty_page_is_the_page_rendered_whole(moderator_client, rendered_whole, url):
    kept = moderator_client.get(url)
    rendered_whole()
    assert without_tokens(kept) == without_tokens(moderator_client.get(url))


def test_the_queue_shows_the_message_a_decision_left(busy_queue, moderator_client):
    with_message(moderator_client, "“A story”: published.")

    page = parse(moderator_client.get(QUEUE))

    assert "“A story”: published." in page.text
    assert "published." not in parse(moderator_client.get(QUEUE)).text


def test_each_moderator_sees_their_own_name_claims_and_links(
    busy_queue, moderator, moderator_client, second_moderator_client
):
    mo = parse(moderator_client.get(QUEUE))
    maya = parse(second_moderator_client.get(QUEUE))

    assert mo.find("summary").text == "Mo"
    assert maya.find("summary").text == "Maya"
    assert "being reviewed by Maya" in mo.text
    assert "being reviewed by you" in maya.text
    assert "Maya" not in mo.find("header").text.split()
    assert "Mo" not in maya.find("header").text.split()


@pytest.mark.parametrize("url", [QUEUE, FLAGGED])
def test_the_kept_frame_holds_nothing_of_the_moderator_or_the_queue(
    busy_queue, moderator_client, url
):
    moderator_client.get(url)
    frame = "".join(caches[PAGE_CACHE].get(f"kept-page:{template_digest(TEMPLATES[url])}:{url}"))

    words = re.sub(r"<[^>]*>", " ", frame).split()
    for shown in ("Mo", "Maya", "Alice", "(2)"):
        assert shown not in words
    for title in ("night nurse", "Second &lt;waiting&gt;", "Flagged &amp; hidden", "Flagged once"):
        assert title not in frame


def test_the_counts_follow_each_change(busy_queue, moderator_client):
    assert "(2)" in parse(moderator_client.get(QUEUE)).find("h1").text
    assert "(2)" in parse(moderator_client.get(FLAGGED)).find("h1").text

    StoryFactory(status=Story.Status.SUBMITTED)
    Story.objects.filter(title="Flagged once").update(status=Story.Status.WITHDRAWN)

    assert "(3)" in parse(moderator_client.get(QUEUE)).find("h1").text
    assert "(1)" in parse(moderator_client.get(FLAGGED)).find("h1").text
