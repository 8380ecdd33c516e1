"""Flagging rules live in decisions.flag_story; the view only turns refusals into messages."""

import pytest
from django.urls import reverse

from moderation import decisions
from moderation.decisions import AlreadyFlagged, CannotFlagOwnStory, FlagNeedsNote, NotFlaggable
from moderation.models import Flag, FlagQuerySet
from stories.models import Story
from tests.factories import StoryFactory
from tests.moderation.helpers import messages_shown


def test_a_member_cannot_flag_their_own_story(published_story, author):
    with pytest.raises(CannotFlagOwnStory, match="you can withdraw it instead"):
        decisions.flag_story(story=published_story, member=author, reason="spam")

    assert not Flag.objects.exists()


def test_a_member_cannot_flag_a_story_twice(published_story, other_member):
    decisions.flag_story(story=published_story, member=other_member, reason="spam")

    with pytest.raises(AlreadyFlagged, match="You have already flagged this story."):
        decisions.flag_story(story=published_story, member=other_member, reason="unkind")

    assert Flag.objects.get().reason == "spam"


@pytest.mark.parametrize(
    "status",
    [
        Story.Status.DRAFT,
        Story.Status.SUBMITTED,
        Story.Status.HIDDEN,
        Story.Status.WITHDRAWN,
        Story.Status.REJECTED,
    ],
)
def test_only_a_published_story_can_be_flagged(other_member, status):
    story = StoryFactory(status=status)

    with pytest.raises(NotFlaggable):
        decisions.flag_story(story=story, member=other_member, reason="spam")

    assert not Flag.objects.exists()


def test_something_else_needs_a_note(published_story, other_member):
    with pytest.raises(FlagNeedsNote, match="Tell the moderators what is wrong."):
        decisions.flag_story(story=published_story, member=other_member, reason="other", note=" ")

    assert not Flag.objects.exists()


def test_the_database_constraint_is_the_last_guard_against_a_second_flag(
    published_story, other_member, monkeypatch
):
    """Another request of the same member stores its flag between our look and our insert."""
    decisions.flag_story(story=published_story, member=other_member, reason="spam")
    real_exists = FlagQuerySet.exists
    looks = []

    def first_look_misses_the_other_flag(queryset):
        looks.append(queryset)
        return False if len(looks) == 1 else real_exists(queryset)

    monkeypatch.setattr(FlagQuerySet, "exists", first_look_misses_the_other_flag)

    with pytest.raises(AlreadyFlagged):
        decisions.flag_story(story=published_story, member=other_member, reason="unkind")

    assert len(looks) == 2
    assert Flag.objects.count() == 1


def test_a_story_hidden_before_the_flag_arrives_sends_the_member_to_the_stories(
    published_story, other_member, other_client, monkeypatch
):
    """The member opened the page while the story was up; other flags hid it before theirs."""
    real_flag_story = decisions.flag_story

    def hidden_meanwhile(**arguments):
        Story.objects.filter(pk=published_story.pk).update(status=Story.Status.HIDDEN)
        return real_flag_story(**arguments)

    monkeypatch.setattr(decisions, "flag_story", hidden_meanwhile)

    response = other_client.post(
        reverse("flags:create", kwargs={"pk": published_story.pk}), {"reason": "spam"}, follow=True
    )

    assert response.redirect_chain == [(reverse("stories:list"), 302)]
    assert messages_shown(response) == [
        "Only a published story can be flagged, and this one is no longer published."
    ]
    assert not Flag.objects.exists()
