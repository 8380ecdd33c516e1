"""Limits that keep the queue readable: a daily cap, a honeypot, duplicates and link spam."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from stories.models import Story, fingerprint
from tests.factories import StoryFactory
from tests.moderation.helpers import messages_shown, story_form, text
from tests.pages import field_errors

SHARE = reverse("stories:share")
DAILY_LIMIT = (
    "You have sent 2 stories for review in the last 24 hours, which is the daily limit. "
    "Save this one as a draft and submit it tomorrow; nothing is lost."
)


@pytest.fixture
def two_sent_today(settings, author):
    settings.STORIES_PER_DAY = 2
    for hours in (1, 20):
        StoryFactory(
            author=author,
            status=Story.Status.SUBMITTED,
            submitted_at=timezone.now() - timedelta(hours=hours),
        )


def third_story(**overrides) -> dict:
    fields = {
        "title": "The bus driver who waited",
        "body": "He waited for me at the stop although he was already late.",
        **overrides,
    }
    return story_form(**fields)


class TestDailyLimit:
    def test_the_third_story_of_the_day_is_held_back_with_everything_kept(
        self, author_client, two_sent_today
    ):
        response = author_client.post(SHARE, third_story())

        assert response.status_code == 400
        page = text(response)
        assert DAILY_LIMIT in page
        assert 'value="The bus driver who waited"' in page
        assert "He waited for me at the stop although he was already late." in page
        assert Story.objects.count() == 2

    def test_the_held_back_story_can_still_be_saved_as_a_draft(
        self, author_client, author, two_sent_today
    ):
        response = author_client.post(SHARE, third_story(intent="draft"), follow=True)

        draft = Story.objects.get(title="The bus driver who waited")
        assert draft.status == Story.Status.DRAFT
        assert draft.author == author
        assert response.redirect_chain == [(reverse("stories:edit", kwargs={"pk": draft.pk}), 302)]
        assert "Draft saved." in " ".join(messages_shown(response))

    def test_stories_sent_more_than_a_day_ago_do_not_count(self, settings, author_client, author):
        settings.STORIES_PER_DAY = 2
        for hours in (25, 48):
            StoryFactory(
                author=author,
                status=Story.Status.SUBMITTED,
                submitted_at=timezone.now() - timedelta(hours=hours),
            )
        StoryFactory(
            author=author,
            status=Story.Status.SUBMITTED,
            submitted_at=timezone.now() - timedelta(hours=2),
        )

        response = author_client.post(SHARE, third_story())

        assert response.status_code == 302
        assert Story.objects.get(title="The bus driver who waited").status == "submitted"

    def test_another_member_s_stories_do_not_count(
        self, two_sent_today, other_member, other_client
    ):
        response = other_client.post(SHARE, third_story())

        assert response.status_code == 302
        assert Story.objects.get(title="The bus driver who waited").author == other_member


class TestHoneypot:
    def test_a_bot_filling_the_hidden_field_creates_nothing_but_sees_success(self, author_client):
        response = author_client.post(SHARE, third_story(website="https://cheap-pills.example"))

        assert response.status_code == 302
        assert response["Location"] == reverse("stories:mine")
        assert not Story.objects.exists()
        page = author_client.get(response["Location"])
        assert messages_shown(page) == ["Thank you! Your story is waiting for a moderator."]

    def test_a_person_leaving_it_empty_shares_as_usual(self, author_client):
        author_client.post(SHARE, third_story(website=""))

        assert Story.objects.get().status == Story.Status.SUBMITTED


class TestDuplicates:
    def test_the_same_story_sent_twice_is_kept_once(self, author_client, author):
        first = author_client.post(SHARE, third_story(), follow=True)
        assert messages_shown(first)[0].startswith("Thank you! Your story is waiting")

        response = author_client.post(SHARE, third_story(), follow=True)

        assert Story.objects.filter(author=author).count() == 1
        assert Story.objects.get().status == Story.Status.SUBMITTED
        assert messages_shown(response) == [
            "We already have this story, so it was not sent twice. It is listed below."
        ]

    def test_spacing_and_case_do_not_make_a_new_story(self, author_client):
        author_client.post(SHARE, third_story())

        author_client.post(
            SHARE,
            third_story(
                title="the bus driver who  waited",
                body="He waited for me at the stop\nalthough he was already late.",
            ),
        )

        assert Story.objects.count() == 1

    def test_the_database_refuses_a_second_identical_submission(self, author):
        content_hash = fingerprint("Same title", "Same words.")
        StoryFactory(author=author, status=Story.Status.SUBMITTED, content_hash=content_hash)

        with pytest.raises(IntegrityError), transaction.atomic():
            StoryFactory(author=author, status=Story.Status.SUBMITTED, content_hash=content_hash)

        assert Story.objects.count() == 1

    def test_the_database_allows_the_same_text_by_another_author(self, author, other_member):
        content_hash = fingerprint("Same title", "Same words.")
        StoryFactory(author=author, status=Story.Status.SUBMITTED, content_hash=content_hash)

        StoryFactory(author=other_member, status=Story.Status.SUBMITTED, content_hash=content_hash)

        assert Story.objects.filter(content_hash=content_hash).count() == 2

    def test_another_member_may_send_the_same_words(self, author_client, other_client):
        author_client.post(SHARE, third_story())

        other_client.post(SHARE, third_story())

        assert Story.objects.filter(status=Story.Status.SUBMITTED).count() == 2

    def test_a_withdrawn_story_can_be_sent_again(self, author_client):
        author_client.post(SHARE, third_story())
        story = Story.objects.get()
        author_client.post(reverse("stories:withdraw", kwargs={"pk": story.pk}))

        response = author_client.post(
            reverse("stories:edit", kwargs={"pk": story.pk}), third_story()
        )

        assert response.status_code == 302
        story.refresh_from_db()
        assert story.status == Story.Status.SUBMITTED
        assert Story.objects.count() == 1

    def test_the_same_text_can_be_shared_anew_after_withdrawing(self, author_client):
        author_client.post(SHARE, third_story())
        first = Story.objects.get()
        author_client.post(reverse("stories:withdraw", kwargs={"pk": first.pk}))

        author_client.post(SHARE, third_story())

        assert Story.objects.filter(status=Story.Status.SUBMITTED).exclude(pk=first.pk).count() == 1


class TestLinks:
    def test_a_story_with_four_links_is_refused(self, author_client):
        body = " ".join(f"See https://example.com/{n}." for n in range(4))

        response = author_client.post(SHARE, third_story(body=body))

        assert response.status_code == 400
        assert field_errors(response, "body") == [
            "A story may contain at most 3 links. Remove some and try again."
        ]
        assert not Story.objects.exists()

    def test_a_story_with_three_links_is_accepted(self, author_client):
        body = " ".join(f"See www.example.com/{n}." for n in range(3))

        response = author_client.post(SHARE, third_story(body=body))

        assert response.status_code == 302
        assert Story.objects.get().status == Story.Status.SUBMITTED
