"""A review page reads the story and everything beside it in one statement (moderation.review_page):
the same values the separate reads gave, read afresh on every request, in one round trip."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from moderation import review_page, sidebar
from moderation.models import CLAIM_MINUTES, CLAIM_RENEWED_AFTER, AuthorReply, ReviewClaim
from moderation.suspensions import suspend_member
from stories.models import Practice, Story
from tests.factories import DecisionFactory, FlagFactory, StoryFactory, StoryPhotoFactory
from tests.pages import parse


def queries(client, url: str) -> tuple[int, object]:
    client.get(url)  # the session and permissions warm, as for a moderator already working
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), response


@pytest.fixture
def busy_story(author, moderator, other_member, submitted_story):
    """A waiting story with a photo, chips, flags, history, replies and a suspended author."""
    slugs = list(Practice.objects.order_by("-position").values_list("slug", flat=True)[:2])
    story = submitted_story(
        practices=slugs,
        tags=["zebra-crossing", "apple-pie"],
        photo=StoryPhotoFactory(owner=author),
        photo_alt="A counter at night",
    )
    StoryFactory(author=author)
    FlagFactory(story=story, member=other_member, note="Looks like an advert")
    FlagFactory(story=story, reason="unkind", created_at=timezone.now() - timedelta(hours=2))
    resolved = FlagFactory(story=story)
    resolved.resolved_at = timezone.now()
    resolved.save()
    earlier = DecisionFactory(
        story=story, note="First look", created_at=timezone.now() - timedelta(days=2)
    )
    DecisionFactory(story=story, moderator=None, note="The community flags")
    AuthorReply.objects.create(story=story, decision=earlier, body="I took the name out.")
    suspend_member(member=author, moderator=moderator, days=3, reason="Spam run")
    return story


def test_it_reads_what_the_separate_reads_gave(busy_story, moderator):
    page = review_page.read(busy_story.pk)

    practices, tags = sidebar.practices_and_tags(busy_story)
    assert [(p.pk, p.name, p.slug) for p in page.practices] == [
        (p.pk, p.name, p.slug) for p in practices
    ]
    assert [(t.pk, t.name, t.slug) for t in page.tags] == [(t.pk, t.name, t.slug) for t in tags]
    card = sidebar.submitter_card(busy_story.author)
    assert {**page.submitter, "suspension": None, "person": None} == {
        **card,
        "suspension": None,
        "person": None,
    }
    assert page.submitter["suspension"].until == card["suspension"].until
    assert page.submitter["person"].public_name == busy_story.author.public_name

    def history_rows(rows):
        return [
            (d.pk, d.action, d.moderator_id, d.moderator_name, d.note, d.created_at) for d in rows
        ]

    assert history_rows(page.history) == history_rows(sidebar.history(busy_story))
    assert [(f.pk, f.reason, f.note, f.created_at) for f in page.flags] == [
        (f.pk, f.reason, f.note, f.created_at) for f in sidebar.open_flags(busy_story)
    ]
    assert [(r.pk, r.body, r.created_at) for r in page.replies] == [
        (r.pk, r.body, r.created_at) for r in sidebar.replies(busy_story)
    ]
    assert page.story.photo.key == busy_story.photo.key
    assert page.story.byline == busy_story.byline


def test_a_draft_or_a_missing_story_has_no_review_page(moderator_client, author):
    draft = StoryFactory(author=author, status="draft")

    assert review_page.read(draft.pk) is None
    for pk in (draft.pk, draft.pk + 1000):
        for name in ("moderation:review", "moderation:review_flags"):
            assert moderator_client.get(reverse(name, kwargs={"pk": pk})).status_code == 404


def test_the_review_page_costs_three_queries_and_a_renewal_once_the_claim_is_a_minute_old(
    moderator_client, busy_story
):
    url = reverse("moderation:review", kwargs={"pk": busy_story.pk})
    # The session, the moderator's standing, the page's statement: the claim taken by the first
    # opening is still fresh.
    count, response = queries(moderator_client, url)

    assert count == 3
    assert "Looks like an advert" in response.text
    assert "I took the name out." in response.text

    ReviewClaim.objects.update(claimed_at=timezone.now() - CLAIM_RENEWED_AFTER)
    with CaptureQueriesContext(connection) as context:
        moderator_client.get(url)
    assert len(context.captured_queries) == 4


def test_the_flag_review_page_costs_three_queries(moderator_client, busy_story):
    count, response = queries(
        moderator_client, reverse("moderation:review_flags", kwargs={"pk": busy_story.pk})
    )

    assert count == 3
    assert "Open flags (2)" in response.text


def test_another_moderators_live_claim_is_shown_without_a_write(
    moderator_client, second_moderator_client, second_moderator, waiting_story
):
    url = reverse("moderation:review", kwargs={"pk": waiting_story.pk})
    second_moderator_client.get(url)
    claimed = ReviewClaim.objects.get(story=waiting_story).claimed_at

    count, response = queries(moderator_client, url)

    assert count == 3
    notice = parse(response).find("p", cls="message-warning").text
    assert second_moderator.public_name in notice
    claim = ReviewClaim.objects.get(story=waiting_story)
    assert (claim.moderator, claim.claimed_at) == (second_moderator, claimed)


def test_a_lapsed_claim_is_taken_by_the_next_moderator(
    moderator_client, second_moderator_client, moderator, waiting_story
):
    url = reverse("moderation:review", kwargs={"pk": waiting_story.pk})
    second_moderator_client.get(url)
    ReviewClaim.objects.update(claimed_at=timezone.now() - timedelta(minutes=CLAIM_MINUTES + 1))

    response = moderator_client.get(url)

    assert parse(response).find("p", cls="message-warning") is None
    assert ReviewClaim.objects.get(story=waiting_story).moderator == moderator


def test_flags_history_and_status_change_from_the_next_request(
    moderator_client, busy_story, moderator
):
    url = reverse("moderation:review_flags", kwargs={"pk": busy_story.pk})
    assert "Open flags (2)" in moderator_client.get(url).text

    FlagFactory(story=busy_story, note="Third report")
    DecisionFactory(story=busy_story, note="A later look")
    Story.objects.filter(pk=busy_story.pk).update(status="published", published_at=timezone.now())

    text = moderator_client.get(url).text
    assert "Open flags (3)" in text
    assert "Third report" in text
    assert "A later look" in text
    assert "Status: <strong>Published</strong>" in text
