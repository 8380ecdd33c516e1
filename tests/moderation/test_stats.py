"""/moderation/stats/: how moderation went over the last 30 days, for anyone, naming nobody."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from moderation import decisions
from moderation.models import Decision
from stories.models import Story
from tests.factories import DecisionFactory, ModeratorFactory, StoryFactory, UserFactory
from tests.moderation.helpers import text
from tests.pages import definitions

STATS = reverse("moderation:stats")


@pytest.fixture
def zoltan(db):
    """A moderator with a name that cannot turn up on the page by accident."""
    return ModeratorFactory(display_name="Zoltan Quist", email="zoltan@example.com")


@pytest.fixture
def wilhelmina(db):
    return UserFactory(display_name="Wilhelmina Frost", email="wilhelmina@example.com")


@pytest.fixture
def sent(wilhelmina):
    """sent(hours_ago, title): a story by Wilhelmina waiting since that many hours."""

    def _sent(hours_ago: float, title: str = "") -> Story:
        return StoryFactory(
            author=wilhelmina,
            title=title or f"Sent {hours_ago} hours ago",
            status=Story.Status.SUBMITTED,
            submitted_at=timezone.now() - timedelta(hours=hours_ago),
        )

    return _sent


def decided_long_ago(action: str, days: int = 31, waited_hours: int = 100) -> Decision:
    """A decision from before the window (the history cannot be backdated, only written so)."""
    return DecisionFactory(
        story=None,
        story_title="An old story",
        moderator=None,
        action=action,
        waited=timedelta(hours=waited_hours),
        created_at=timezone.now() - timedelta(days=days),
    )


def test_it_counts_the_last_30_days_of_decisions(visitor, zoltan, sent):
    for hours in (1, 2):
        decisions.decide_story(story=sent(hours), moderator=zoltan, action="approve")
    decisions.decide_story(story=sent(3), moderator=zoltan, action="reject", reason="spam")
    decisions.decide_story(
        story=sent(4), moderator=zoltan, action="request_changes", note="First names only."
    )
    flagged = StoryFactory()
    decisions.flag_story(story=flagged, member=UserFactory(), reason="spam")
    decisions.resolve_flags(story=flagged, moderator=zoltan, keep=False, reason="spam")
    for action in ("approve", "approve", "reject"):
        decided_long_ago(action)
    sent(5)

    response = visitor.get(STATS)

    figures = definitions(response)
    assert figures["Stories published"] == "2"
    assert figures["Stories declined"] == "2"
    assert figures["Sent back for changes"] == "1"
    assert figures["Waiting right now"] == "1"
    assert "last 30 days" in text(response)


def test_it_shows_the_median_wait_from_submission_to_decision(visitor, zoltan, sent):
    decisions.decide_story(story=sent(2), moderator=zoltan, action="approve")
    decisions.decide_story(story=sent(4), moderator=zoltan, action="approve")
    decisions.decide_story(story=sent(6), moderator=zoltan, action="reject", reason="spam")
    # Outside the window, and far slower: it must not pull the median up.
    decided_long_ago("approve", waited_hours=300)
    decided_long_ago("approve", waited_hours=300)

    figures = definitions(visitor.get(STATS))

    assert figures["Median wait from submission to decision"] == "4 h 0 min"


def test_a_decision_31_days_old_is_out_and_29_days_old_is_in(visitor, db):
    decided_long_ago("approve", days=31)
    decided_long_ago("approve", days=29, waited_hours=26)

    figures = definitions(visitor.get(STATS))

    assert figures["Stories published"] == "1"
    assert figures["Median wait from submission to decision"] == "1 day 2 h"


def test_it_says_so_when_nothing_was_decided(visitor, db):
    figures = definitions(visitor.get(STATS))

    assert figures["Stories published"] == "0"
    assert figures["Median wait from submission to decision"] == "No decisions yet"


def test_it_names_no_moderator_author_or_story(visitor, zoltan, wilhelmina, sent):
    decisions.decide_story(
        story=sent(2, title="The porter in the rain"), moderator=zoltan, action="approve"
    )
    decisions.decide_story(
        story=sent(3, title="A queue at the pharmacy"),
        moderator=zoltan,
        action="reject",
        reason="identifies_person",
        note="Wilhelmina named the pharmacist.",
    )

    page = text(visitor.get(STATS))

    for private in [
        "Zoltan",
        "zoltan@example.com",
        "Wilhelmina",
        "wilhelmina@example.com",
        "The porter in the rain",
        "A queue at the pharmacy",
        "named the pharmacist",
    ]:
        assert private not in page
