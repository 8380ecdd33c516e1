"""The author withdraws while a moderator reads: the moderator is told that, not something else."""

import pytest
from django.urls import reverse
from django.utils import timezone

from moderation import decisions
from moderation.decisions import AlreadyDecided
from moderation.models import Decision, Flag
from stories.models import Story, StoryRevision
from tests.factories import UserFactory
from tests.moderation.helpers import messages_shown, story_form, text
from tests.pages import hidden_fields


def at(moment) -> str:
    return f"{timezone.localtime(moment):%-d %b %Y at %H:%M}"


def withdraw(client, story: Story) -> None:
    client.post(reverse("stories:withdraw", kwargs={"pk": story.pk}))
    story.refresh_from_db()
    assert story.status == Story.Status.WITHDRAWN


def test_a_story_withdrawn_during_review_says_the_author_withdrew_it(
    moderator_client, author_client, waiting_story
):
    # An earlier round: sent back for changes, then sent again.
    decisions.decide_story(
        story=waiting_story,
        moderator=UserFactory(display_name="Maya"),
        action="request_changes",
        note="First names only.",
    )
    author_client.post(
        reverse("stories:edit", kwargs={"pk": waiting_story.pk}),
        story_form(waiting_story, body="She stayed after her shift."),
    )
    review_page = moderator_client.get(
        reverse("moderation:review", kwargs={"pk": waiting_story.pk})
    )
    withdraw(author_client, waiting_story)

    response = moderator_client.post(
        reverse("moderation:decide", kwargs={"pk": waiting_story.pk}),
        {
            "action": "approve",
            "title": waiting_story.title,
            "body": waiting_story.body,
            **hidden_fields(review_page),
        },
        follow=True,
    )

    assert messages_shown(response) == [
        f"The author withdrew this story on {at(waiting_story.updated_at)}, so there is nothing "
        "left to decide. Nothing was changed by your decision."
    ]
    page = text(response)
    assert "Maya asked for changes" not in page
    assert (
        f"The author withdrew this story on {at(waiting_story.updated_at)}, "
        "so there is nothing left to decide." in page
    )
    assert "Record the decision" not in page
    assert list(Decision.objects.values_list("action", flat=True)) == ["request_changes"]
    waiting_story.refresh_from_db()
    assert waiting_story.status == Story.Status.WITHDRAWN


def test_an_edit_withdrawn_with_its_story_says_so(moderator_client, author_client, pending_edit):
    url = reverse("moderation:review_edit", kwargs={"pk": pending_edit.pk})
    review_page = moderator_client.get(url)
    withdraw(author_client, pending_edit.story)
    pending_edit.refresh_from_db()

    response = moderator_client.post(
        reverse("moderation:decide_edit", kwargs={"pk": pending_edit.pk}),
        {"action": "approve_edit", **hidden_fields(review_page)},
        follow=True,
    )

    assert response.redirect_chain == [(url, 302)]
    assert messages_shown(response) == [
        f"The author withdrew the story, and this edit with it, on {at(pending_edit.decided_at)}, "
        "so there is nothing left to decide. Nothing was changed by your decision."
    ]
    assert not Decision.objects.exists()
    assert pending_edit.status == StoryRevision.Status.WITHDRAWN


def test_an_edit_withdrawn_on_its_own_says_so(moderator, pending_edit):
    withdrawn_at = timezone.now()
    StoryRevision.objects.filter(pk=pending_edit.pk).update(
        status=StoryRevision.Status.WITHDRAWN, decided_at=withdrawn_at
    )

    with pytest.raises(AlreadyDecided) as refused:
        decisions.decide_revision(revision=pending_edit, moderator=moderator, action="approve_edit")

    assert str(refused.value) == (
        f"The author withdrew this edit on {at(withdrawn_at)}, so there is nothing left to "
        "decide. Nothing was changed by your decision."
    )


def test_flags_on_a_story_its_author_withdrew_say_so(
    settings, moderator_client, author_client, published_story
):
    settings.FLAGS_TO_HIDE = 2
    for _ in range(2):
        decisions.flag_story(story=published_story, member=UserFactory(), reason="spam")
    withdraw(author_client, published_story)

    response = moderator_client.post(
        reverse("moderation:resolve", kwargs={"pk": published_story.pk}),
        {"outcome": "keep"},
        follow=True,
    )

    withdrawn = (
        f"The author withdrew this story on {at(published_story.updated_at)}, "
        "so there is nothing left to decide."
    )
    assert response.redirect_chain == [(reverse("moderation:flagged"), 302)]
    assert messages_shown(response) == [f"{withdrawn} Nothing was changed by your decision."]
    assert "This was already decided" not in text(response)
    assert list(Decision.objects.values_list("action", flat=True)) == ["hide"]
    flags_page = text(
        moderator_client.get(reverse("moderation:review_flags", kwargs={"pk": published_story.pk}))
    )
    assert withdrawn in flags_page
    assert "Resolve the flags" not in flags_page
    assert Flag.objects.open().count() == 2


def test_a_story_taken_back_as_a_draft_during_review_says_so(
    moderator_client, author_client, waiting_story
):
    review_page = moderator_client.get(
        reverse("moderation:review", kwargs={"pk": waiting_story.pk})
    )
    author_client.post(
        reverse("stories:edit", kwargs={"pk": waiting_story.pk}),
        story_form(waiting_story, intent="draft"),
    )
    waiting_story.refresh_from_db()
    assert waiting_story.status == Story.Status.DRAFT

    response = moderator_client.post(
        reverse("moderation:decide", kwargs={"pk": waiting_story.pk}),
        {"action": "reject", "reason": "spam", **hidden_fields(review_page)},
        follow=True,
    )

    assert messages_shown(response) == [
        "The author took this story back to work on it, so there is nothing left to decide. "
        "Nothing was changed by your decision."
    ]
    assert not Decision.objects.exists()
