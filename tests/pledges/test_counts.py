"""The practice page's "N people tried this; M wrote back", kept by triggers (pledges.tallies).

Each change is checked against the page and against a fresh count, on whichever database the
suite runs on, so each database's own trigger SQL is what is tested.
"""

import pytest
from django.db import connection

from accounts.deletion import delete_account
from moderation.decisions import decide_story, flag_story
from moderation.models import Action
from pledges import tallies
from pledges.models import Pledge, PledgeTally
from pledges.services import cancel_pledge, set_pledge
from stories.lifecycle import delete_story, withdraw_story
from stories.models import Practice, Story
from tests.factories import ModeratorFactory, StoryFactory, UserFactory
from tests.pledges.helpers import counts_on_page, kept

pytestmark = pytest.mark.django_db


def fresh(practice) -> tuple[int, int]:
    active = Pledge.objects.active().filter(practice=practice)
    wrote_back = active.filter(stories__status=Story.Status.PUBLISHED).count()
    return active.count(), wrote_back


def story_from(pledge, **fields) -> Story:
    fields.setdefault("status", Story.Status.PUBLISHED)
    return StoryFactory(author=pledge.member, pledge=pledge, practices=[pledge.practice], **fields)


def test_the_page_counts_people_who_pledged_and_who_wrote_back(visitor, practice, pledge_of):
    pledges = [pledge_of(UserFactory()) for _ in range(3)]
    story_from(pledges[0])
    story_from(pledges[1], status=Story.Status.SUBMITTED)

    response = visitor.get(practice.get_absolute_url())

    assert counts_on_page(response) == "3 people tried this; 1 wrote back"
    assert kept(practice) == fresh(practice) == (3, 1)


def test_one_person_reads_in_the_singular(visitor, practice, pledge_of):
    pledge_of(UserFactory())

    assert counts_on_page(visitor.get(practice.get_absolute_url())) == (
        "1 person tried this; 0 wrote back"
    )


def test_a_practice_nobody_tried_shows_zero(visitor, practice):
    assert counts_on_page(visitor.get(practice.get_absolute_url())) == (
        "0 people tried this; 0 wrote back"
    )


def test_undoing_a_pledge_takes_it_off_both_counts(author, practice, pledge_of):
    pledge = pledge_of(author)
    story_from(pledge)
    assert kept(practice) == (1, 1)

    set_pledge(member=author, practice=practice, trying=False)

    assert kept(practice) == fresh(practice) == (0, 0)


def test_cancelling_from_my_pledges_takes_it_off_both_counts(author, practice, pledge_of):
    pledge = pledge_of(author)
    story_from(pledge)

    cancel_pledge(member=author, pledge_id=pledge.pk)

    assert kept(practice) == fresh(practice) == (0, 0)


def test_approval_of_the_story_counts_it_as_written_back(author, practice, pledge_of):
    story = story_from(pledge_of(author), status=Story.Status.SUBMITTED)
    assert kept(practice) == (1, 0)

    decide_story(story=story, moderator=ModeratorFactory(), action=Action.APPROVE)

    assert kept(practice) == fresh(practice) == (1, 1)


def test_a_withdrawn_story_no_longer_counts(author, practice, pledge_of):
    story = story_from(pledge_of(author))

    withdraw_story(story=story)

    assert kept(practice) == fresh(practice) == (1, 0)


def test_a_story_hidden_by_flags_no_longer_counts(settings, author, practice, pledge_of):
    story = story_from(pledge_of(author))
    settings.FLAGS_TO_HIDE = 1
    settings.FLAG_MIN_ACCOUNT_DAYS = 0

    flag_story(story=story, member=UserFactory(), reason="unkind")

    story.refresh_from_db()
    assert story.status == Story.Status.HIDDEN
    assert kept(practice) == fresh(practice) == (1, 0)


def test_a_deleted_story_no_longer_counts(author, practice, pledge_of):
    story = story_from(pledge_of(author))
    withdraw_story(story=story)
    story_from(pledge_of(UserFactory()))

    delete_story(story=Story.objects.get(pk=story.pk))

    assert kept(practice) == fresh(practice) == (2, 1)


def test_a_deleted_account_leaves_both_counts(author, practice, pledge_of):
    story_from(pledge_of(author))
    story_from(pledge_of(UserFactory()))

    delete_account(user=author, keep_stories=False)

    assert kept(practice) == fresh(practice) == (1, 1)


def test_counts_are_per_practice(author, practice, pledge_of):
    other = Practice.objects.exclude(pk=practice.pk).first()
    pledge_of(author)
    story_from(pledge_of(author, on=other))

    assert kept(practice) == (1, 0)
    assert kept(other) == (1, 1)


def test_a_rebuild_counts_the_same_as_the_triggers(author, practice, pledge_of):
    story_from(pledge_of(author))
    pledge_of(UserFactory())
    before = list(PledgeTally.objects.order_by("pk").values_list("pk", "pledged", "wrote_back"))

    tallies.rebuild(connection)

    after = list(PledgeTally.objects.order_by("pk").values_list("pk", "pledged", "wrote_back"))
    assert after == before
