"""The moderation history is append-only: kept when stories go, never edited or deleted."""

import pytest
from django.urls import reverse

from moderation import decisions
from moderation.models import Decision, ImmutableRecord
from stories.models import Story
from tests.factories import PASSWORD
from tests.moderation.helpers import text


@pytest.fixture
def decision(waiting_story, moderator) -> Decision:
    return decisions.decide_story(
        story=waiting_story,
        moderator=moderator,
        action="request_changes",
        note="First names only, please.",
    )


def test_a_decision_cannot_be_changed(decision):
    decision.note = "Something kinder, written afterwards."

    with pytest.raises(ImmutableRecord):
        decision.save()

    assert Decision.objects.get().note == "First names only, please."


def test_a_decision_cannot_be_deleted(decision):
    with pytest.raises(ImmutableRecord):
        decision.delete()

    assert Decision.objects.count() == 1


def test_decisions_cannot_be_deleted_in_bulk(decision):
    with pytest.raises(ImmutableRecord):
        Decision.objects.filter(pk=decision.pk).delete()
    with pytest.raises(ImmutableRecord):
        Decision.objects.all().delete()

    assert Decision.objects.count() == 1


def test_decisions_cannot_be_updated_in_bulk(decision):
    with pytest.raises(ImmutableRecord):
        Decision.objects.filter(pk=decision.pk).update(note="rewritten")
    with pytest.raises(ImmutableRecord):
        Decision.objects.all().update(action="approve")

    assert Decision.objects.get().action == "request_changes"


def test_new_decisions_are_still_recorded_next_to_old_ones(decision, waiting_story, moderator):
    Story.objects.filter(pk=waiting_story.pk).update(status=Story.Status.SUBMITTED)

    decisions.decide_story(story=waiting_story, moderator=moderator, action="approve")

    assert list(Decision.objects.order_by("created_at").values_list("action", flat=True)) == [
        "request_changes",
        "approve",
    ]


def test_the_history_outlives_an_author_who_deletes_their_account(
    decision, author, author_client, waiting_story
):
    response = author_client.post(
        reverse("accounts:delete"), {"stories": "delete", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert not Story.objects.filter(pk=waiting_story.pk).exists()
    kept = Decision.objects.get()
    assert kept.story is None
    assert kept.story_title == "The night nurse who stayed"
    assert kept.note == "First names only, please."
    assert kept.action == "request_changes"


def test_the_history_outlives_a_moderator_who_deletes_their_account(decision, moderator, login):
    login(moderator).post(reverse("accounts:delete"), {"stories": "delete", "password": PASSWORD})

    kept = Decision.objects.get()
    assert kept.moderator is None
    assert kept.story_title == "The night nurse who stayed"


def test_the_history_outlives_a_deleted_story(decision, author_client, waiting_story):
    author_client.post(reverse("stories:delete", kwargs={"pk": waiting_story.pk}))

    assert not Story.objects.filter(pk=waiting_story.pk).exists()
    kept = Decision.objects.get()
    assert (kept.story, kept.story_title) == (None, "The night nurse who stayed")


def test_the_admin_shows_a_decision_read_only(decision, moderator_client):
    url = reverse("admin:moderation_decision_change", args=[decision.pk])

    page = moderator_client.get(url)
    refused = moderator_client.post(url, {"note": "rewritten", "_save": "Save"})

    assert page.status_code == 200
    assert "First names only, please." in text(page)
    assert 'name="_save"' not in text(page)
    assert 'name="_continue"' not in text(page)
    assert reverse("admin:moderation_decision_delete", args=[decision.pk]) not in text(page)
    assert refused.status_code == 403
    assert Decision.objects.get().note == "First names only, please."
