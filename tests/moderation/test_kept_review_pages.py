"""The review and flag review pages keep their layout as one frame for every story
(moderation.kept_lists): each must equal the page rendered whole for its moderator, and the frame
must hold nothing of any story or moderator."""

import re

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.http import HttpResponse
from django.shortcuts import render
from django.test import RequestFactory
from django.utils import timezone

from moderation import kept_lists
from moderation.models import ReviewClaim
from stories.caching import PAGE_CACHE
from stories.markup_keys import template_digest
from stories.models import Story
from tests.factories import FlagFactory, StoryFactory
from tests.kept import without_tokens
from tests.pages import parse

REVIEW, FLAGS = "/moderation/stories/{}/", "/moderation/flagged/{}/"


@pytest.fixture
def rendered_whole(monkeypatch):
    """Within the block, the kept pages render their template whole, as before the frames."""

    def whole(page, request, context):
        return render(request, page.template, context)

    return lambda: monkeypatch.setattr(kept_lists, "response", whole)


def frame(template: str) -> str:
    return "".join(caches[PAGE_CACHE].get(f"kept-page:{template_digest(template)}:/*"))


@pytest.fixture
def stories(waiting_story, second_moderator, other_member):
    """Stories in each state a review page shows differently."""
    ReviewClaim.objects.create(
        kind="story",
        story=StoryFactory(status=Story.Status.SUBMITTED, title="Opened <by> Maya"),
        moderator=second_moderator,
    )
    flagged = StoryFactory(title="Flagged & featured", featured_at=timezone.now())
    FlagFactory(story=flagged, member=other_member, note="Looks like an advert")
    return {
        "waiting": waiting_story,
        "claimed": Story.objects.get(title="Opened <by> Maya"),
        "flagged": flagged,
        "withdrawn": StoryFactory(status=Story.Status.WITHDRAWN, title="Taken back"),
    }


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (REVIEW, "waiting"),
        (REVIEW, "claimed"),
        (REVIEW, "flagged"),
        (REVIEW, "withdrawn"),
        (FLAGS, "flagged"),
        (FLAGS, "withdrawn"),
    ],
)
@pytest.mark.parametrize("staff", [True, False])
def test_each_review_page_is_the_page_rendered_whole(
    stories, moderator, moderator_client, rendered_whole, url, shown, staff
):
    moderator.is_staff = staff
    moderator.save(update_fields=["is_staff"])
    address = url.format(stories[shown].pk)
    # Each story's page after another's, so the frame was made for a different story.
    moderator_client.get(url.format(stories["withdrawn" if shown != "withdrawn" else "flagged"].pk))
    kept = moderator_client.get(address)
    assert kept.status_code == 200
    rendered_whole()
    assert without_tokens(kept) == without_tokens(moderator_client.get(address))


def test_each_story_shows_its_own_title_through_the_one_frame(stories, moderator_client):
    first = parse(moderator_client.get(REVIEW.format(stories["waiting"].pk)))
    second = parse(moderator_client.get(REVIEW.format(stories["claimed"].pk)))

    assert first.find("title").text.startswith("Review “The night nurse who stayed”")
    assert second.find("title").text.startswith("Review “Opened <by> Maya”")
    assert "night nurse" not in second.text
    assert "Maya opened this" in second.text
    assert "Maya opened this" not in first.text


def test_the_frame_holds_nothing_of_a_story_or_a_moderator(stories, moderator_client):
    for shown in ("waiting", "claimed", "flagged"):
        moderator_client.get(REVIEW.format(stories[shown].pk))
        moderator_client.get(FLAGS.format(stories[shown].pk))

    for template in ("moderation/review.html", "moderation/review_flags.html"):
        kept = frame(template)
        words = re.sub(r"<[^>]*>", " ", kept).split()
        for name in ("Mo", "Maya", "Alice", "Bob"):
            assert name not in words
        for text in ("night nurse", "Opened", "Flagged &amp;", "advert", "csrfmiddlewaretoken"):
            assert text not in kept
        for story in stories.values():
            assert f"/{story.pk}/" not in kept
        assert '<meta name="robots" content="noindex">' in kept


def test_a_change_shows_at_the_next_request(stories, moderator_client):
    flagged = stories["flagged"]
    assert "Open flags (1)" in parse(moderator_client.get(FLAGS.format(flagged.pk))).text

    Story.objects.filter(pk=flagged.pk).update(title="Renamed <now>")
    FlagFactory(story=flagged)

    page = parse(moderator_client.get(FLAGS.format(flagged.pk)))
    assert page.find("title").text.startswith("Flags on “Renamed <now>”")
    assert "Open flags (2)" in page.text


def test_a_member_without_the_permission_gets_nothing_of_the_page(
    stories, moderator_client, other_client
):
    moderator_client.get(REVIEW.format(stories["waiting"].pk))

    refused = other_client.get(REVIEW.format(stories["waiting"].pk))

    assert refused.status_code == 403
    assert "night nurse" not in refused.content.decode()
    assert "Moderators only" not in refused.content.decode()


def test_a_review_page_shows_the_message_a_decision_left_once(stories, moderator_client):
    request = RequestFactory().get("/")
    storage = CookieStorage(request)
    storage.add(constants.SUCCESS, "“A story”: published.")
    response = HttpResponse()
    storage.update(response)
    moderator_client.cookies.update(response.cookies)
    address = REVIEW.format(stories["waiting"].pk)

    assert "“A story”: published." in parse(moderator_client.get(address)).text
    assert "published." not in parse(moderator_client.get(address)).text
