"""Eight different stories sent at the same moment by one member: the daily limit still holds.

Each thread has its own connection and transaction, released together by a barrier. On
PostgreSQL, submit_story's lock on the author's row makes each submission wait for the one
before it to commit, so each counts the others. On SQLite, IMMEDIATE transactions serialise the
writers at BEGIN; the in-memory test database answers "database table is locked" at once where
the site's file database waits out its busy timeout, so the threads retry as that wait would.
"""

import pytest

from stories.errors import DailyLimitReached
from stories.lifecycle import StoryContent, submit_story
from stories.models import Practice, Story
from tests.factories import UserFactory
from tests.races import all_at_once

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]

LIMIT_MESSAGE = (
    "You have sent 5 stories for review in the last 24 hours, which is the daily limit. "
    "Save this one as a draft and submit it tomorrow; nothing is lost."
)


def test_eight_different_stories_sent_at_once_store_exactly_the_daily_five(settings):
    settings.STORIES_PER_DAY = 5
    author = UserFactory()
    practices = list(Practice.objects.filter(slug="say-thank-you"))

    def send(number):
        content = StoryContent(
            title=f"Story number {number}",
            body=f"Story {number}: the cashier smiled back and we both laughed.",
            perspective=Story.Perspective.CUSTOMER,
            setting=Story.Setting.RETAIL,
            practices=practices,
        )
        return lambda: submit_story(author=author, content=content)

    outcomes = all_at_once([send(number) for number in range(8)])

    refused = [outcome for outcome in outcomes if isinstance(outcome, DailyLimitReached)]
    failed = [o for o in outcomes if isinstance(o, Exception) and o not in refused]
    assert failed == []
    assert [str(error) for error in refused] == [LIMIT_MESSAGE] * 3
    assert Story.objects.filter(author=author, status=Story.Status.SUBMITTED).count() == 5
    assert Story.objects.filter(author=author).count() == 5
